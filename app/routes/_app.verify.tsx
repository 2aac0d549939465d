import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireAuth } from "~/auth/guards.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormErrors } from "~/components/forms";
import { useLocale } from "~/components/use-user";
import { throwHttp } from "~/http-errors.server";
import { formatDateTime } from "~/i18n/format";
import { getT } from "~/i18n/i18n";
import { AppError } from "~/models/app-error";
import { maxUploadBytes, removeTemp } from "~/models/files.server";
import { checkFile, checkStoredVersion, type CheckedSignature } from "~/models/signature-check.server";
import { listIssuedVersions } from "~/models/signoff.server";
import { receiveUpload } from "~/uploads.server";

type Checked = { fileName: string; signatures: CheckedSignature[] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

/** A stored version is checked by its id in the address (so a check can be linked to); an upload is posted. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user } = requireAuth(context, request);
  const versionId = new URL(request.url).searchParams.get("versionId");
  const issued = listIssuedVersions(user).map((s) => ({ versionId: s.versionId, label: `${s.reference ?? ""} — ${s.summary}` }));
  const checked: Checked | null = versionId ? await throwHttp(() => checkStoredVersion({ reader: user, versionId })) : null;
  return { title: getT(context.locale)("signoff.verify.pageTitle"), issued, versionId, checked };
}

export async function action({ request, context }: ActionFunctionArgs) {
  requireAuth(context, request);
  const t = getT(context.locale);
  const upload = await receiveUpload(request);
  if (upload.refused === "too_large") return data({ error: t("signoff.verify.tooLarge", { mb: Math.round(maxUploadBytes / 1048576) }), checked: null }, { status: 413 });
  if (!upload.file || upload.file.size === 0) {
    if (upload.file) await removeTemp(upload.file.path);
    return data({ error: t("signoff.verify.chooseSomething"), checked: null }, { status: 400 });
  }
  try {
    return { error: null, checked: { fileName: upload.file.fileName, signatures: await checkFile(upload.file.path) } satisfies Checked };
  } catch (error) {
    if (error instanceof AppError) return data({ error: t(error.message, error.params), checked: null }, { status: error.status });
    throw error;
  } finally {
    await removeTemp(upload.file.path);
  }
}

export default function VerifyPage() {
  const { issued, versionId, checked: stored } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation();
  const checked = reply?.checked ?? (reply ? null : stored);
  return (
    <div className="stack">
      <section className="card" aria-labelledby="verify-heading">
        <h1 id="verify-heading">{t("signoff.verify.title")}</h1>
        <p className="muted">{t("signoff.verify.intro")}</p>
        <Form method="get" className="row">
          <div className="field">
            <label htmlFor="verify-version">{t("signoff.verify.pick")}</label>
            <select id="verify-version" name="versionId" defaultValue={versionId ?? ""}>
              <option value="">{t("signoff.verify.pickNone")}</option>
              {issued.map((d) => (
                <option key={d.versionId} value={d.versionId}>
                  {d.label}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="button">
            {t("signoff.verify.check")}
          </button>
        </Form>
        <Form method="post" encType="multipart/form-data" className="row">
          <div className="field">
            <label htmlFor="verify-file">{t("signoff.verify.upload")}</label>
            <input id="verify-file" name="file" type="file" accept="application/pdf,.pdf" required />
          </div>
          <button type="submit" className="button" disabled={navigation.state === "submitting"}>
            {t("signoff.verify.check")}
          </button>
        </Form>
        <FormErrors errors={reply?.error ? [reply.error] : null} />
      </section>
      {checked ? <Report checked={checked} /> : null}
    </div>
  );
}

function Report({ checked }: { checked: Checked }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { signatures } = checked;
  const allValid = signatures.length > 0 && signatures.every((s) => s.valid);
  return (
    <section className="card" aria-labelledby="report-heading" data-testid="verify-report">
      <h2 id="report-heading">{t("signoff.verify.result", { file: checked.fileName })}</h2>
      {signatures.length === 0 ? (
        <p>{t("signoff.verify.unsigned")}</p>
      ) : (
        <p role="status" className={`notice ${allValid ? "" : "warning"}`} data-testid="verify-summary">
          {allValid ? t("signoff.verify.allValid", { count: signatures.length }) : t("signoff.verify.someInvalid")}
        </p>
      )}
      <ol className="plain-list stack">
        {signatures.map((s, i) => (
          <li key={s.fieldName} className="card verify-report" data-valid={s.valid} data-testid="verify-signature">
            <h3>
              {t("signoff.verify.signature", { n: i + 1 })}: {s.valid ? t("signoff.verify.valid") : t("signoff.verify.invalid")}
            </h3>
            <dl>
              <dt>{t("signoff.verify.signer")}</dt>
              <dd>{s.signerName}</dd>
              <dt>{t("signoff.verify.issuer")}</dt>
              <dd>{s.issuer}</dd>
              <dt>{t("signoff.verify.time")}</dt>
              <dd>{s.signingTime ? formatDateTime(new Date(s.signingTime), locale) : "—"}</dd>
            </dl>
            <ul className="verify-checks">
              <li data-ok={s.intact}>{s.intact ? t("signoff.verify.intact") : t("signoff.verify.tampered")}</li>
              <li data-ok="info">{s.coversWholeFile ? t("signoff.verify.whole") : t("signoff.verify.partial")}</li>
              <li data-ok={s.certValidAtSigning}>{s.certValidAtSigning ? t("signoff.verify.certValid") : t("signoff.verify.certInvalid")}</li>
              <li data-ok={s.chainTrusted}>{s.chainTrusted ? t("signoff.verify.trusted") : t("signoff.verify.untrusted")}</li>
              {s.revoked ? <li data-ok="false">{t("signoff.verify.revoked")}</li> : null}
            </ul>
          </li>
        ))}
      </ol>
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
