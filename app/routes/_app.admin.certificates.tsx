import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { actorFrom, requirePermission } from "~/auth/guards.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useLocale } from "~/components/use-user";
import { formatLongDate } from "~/i18n/format";
import { getT } from "~/i18n/i18n";
import { AppError } from "~/models/app-error";
import { listBodies } from "~/models/body.server";
import { addTrustedRoot, importPkcs12, issueFromAuthority, listCertificates, revokeCertificate } from "~/models/certificate.server";
import { listSigners } from "~/models/signoff.server";
import { toastHeaders } from "~/toast.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user } = requirePermission(context, request, "manage:certificate:any");
  return {
    title: getT(context.locale)("signoff.certificates.pageTitle"),
    certificates: listCertificates(user),
    leaders: listSigners().map((l) => ({ id: l.id, name: l.fullName })),
    bodies: listBodies().map((b) => ({ id: b.id, name: b.name })),
  };
}

// "person:<userId>" or "agency:<bodyId>"
const owner = z
  .string({ error: "signoff.certificates.chooseOwner" })
  .regex(/^(person|agency):[0-9a-f-]{36}$/, "signoff.certificates.chooseOwner")
  .transform((v) => {
    const [kind, id] = v.split(":");
    return kind === "person" ? { kind: "person" as const, userId: id } : { kind: "agency" as const, bodyId: id };
  });

const schemas = {
  issue: z.object({ owner }),
  import: z.object({
    owner,
    password: z.string().max(200).default(""),
    file: z.instanceof(File, { message: "signoff.certificates.chooseFile" }).refine((f) => f.size > 0 && f.size <= 1024 * 1024, "signoff.certificates.chooseFile"),
  }),
  root: z.object({ pem: z.string({ error: "signoff.certificates.pemRequired" }).trim().min(1, "signoff.certificates.pemRequired").max(20_000) }),
  revoke: z.object({ certificateId: z.string().uuid(), reason: z.string({ error: "signoff.certificates.reasonRequired" }).trim().min(1, "signoff.certificates.reasonRequired").max(500) }),
};

export async function action({ request, context }: ActionFunctionArgs) {
  const { user } = requirePermission(context, request, "manage:certificate:any");
  const t = getT(context.locale);
  const actor = actorFrom(context);
  const form = await request.formData();
  const intent = String(form.get("intent")) as keyof typeof schemas;
  const schema = schemas[intent];
  if (!schema) throw new Response(null, { status: 400 });
  const parsed = schema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return data({ intent, error: t(parsed.error.issues[0].message, { defaultValue: t("realtime.errors.invalid") }) }, { status: 400 });
  try {
    const organization = listBodies().find((b) => b.kind === "council")?.name ?? "PhòngHọp";
    let message = "";
    if (intent === "issue") {
      issueFromAuthority({ actor, reader: user, owner: (parsed.data as z.infer<typeof schemas.issue>).owner, organization });
      message = "signoff.certificates.issued";
    } else if (intent === "import") {
      const value = parsed.data as z.infer<typeof schemas.import>;
      const { info } = importPkcs12({ actor, reader: user, owner: value.owner, bytes: new Uint8Array(await value.file.arrayBuffer()), password: value.password });
      return data({ intent, error: null }, { headers: await toastHeaders({ kind: "success", message: "signoff.certificates.imported", params: { subject: info.commonName } }) });
    } else if (intent === "root") {
      addTrustedRoot({ actor, reader: user, certPem: (parsed.data as z.infer<typeof schemas.root>).pem });
      message = "signoff.certificates.rootAdded";
    } else {
      const value = parsed.data as z.infer<typeof schemas.revoke>;
      revokeCertificate({ actor, reader: user, certificateId: value.certificateId, reason: value.reason });
      message = "signoff.certificates.revoked";
    }
    return data({ intent, error: null }, { headers: await toastHeaders({ kind: "success", message }) });
  } catch (error) {
    if (error instanceof AppError) return data({ intent, error: t(error.message, error.params) }, { status: error.status });
    throw error;
  }
}

export default function CertificatesPage() {
  const { certificates, leaders, bodies } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation();
  const locale = useLocale();
  const busy = navigation.state === "submitting";
  const error = (intent: string) =>
    reply?.intent === intent && reply.error ? (
      <p className="form-errors" role="alert">
        {reply.error}
      </p>
    ) : null;
  const ownerSelect = (id: string) => (
    <div className="field">
      <label htmlFor={id}>{t("signoff.certificates.owner")}</label>
      <select id={id} name="owner" required defaultValue="">
        <option value="" disabled>
          —
        </option>
        <optgroup label={t("signoff.certificates.leaders")}>
          {leaders.map((l) => (
            <option key={l.id} value={`person:${l.id}`}>
              {l.name}
            </option>
          ))}
        </optgroup>
        <optgroup label={t("signoff.certificates.bodies")}>
          {bodies.map((b) => (
            <option key={b.id} value={`agency:${b.id}`}>
              {b.name}
            </option>
          ))}
        </optgroup>
      </select>
    </div>
  );
  return (
    <div className="stack">
      <section className="card" aria-labelledby="certs-heading">
        <h1 id="certs-heading">{t("signoff.certificates.title")}</h1>
        <p className="muted">{t("signoff.certificates.intro")}</p>
        {error("revoke")}
        <ul className="list" data-testid="certificate-list">
          {certificates.map((c) => (
            <li key={c.id}>
              <strong>{c.userName ?? c.bodyName ?? c.subject}</strong> <span className="badge">{t(`signoff.certificates.kinds.${c.kind}`)}</span>
              {c.revokedAt ? <span className="badge danger">{t("signoff.certificates.revokedOn", { date: formatLongDate(new Date(c.revokedAt), locale) })}</span> : null}
              <div className="muted">
                {t("signoff.certificates.subject")}: {c.subject} · {t("signoff.certificates.issuer")}: {c.issuer}
              </div>
              <div className="muted">{t("signoff.certificates.validity", { from: formatLongDate(new Date(c.validFrom), locale), to: formatLongDate(new Date(c.validTo), locale) })}</div>
              {!c.revokedAt ? (
                <Form method="post" className="row">
                  <input type="hidden" name="intent" value="revoke" />
                  <input type="hidden" name="certificateId" value={c.id} />
                  <div className="field">
                    <label htmlFor={`reason-${c.id}`}>{t("signoff.certificates.revokeReason")}</label>
                    <input id={`reason-${c.id}`} name="reason" required maxLength={500} />
                  </div>
                  <button type="submit" className="button danger" disabled={busy}>
                    {t("signoff.certificates.revoke")}
                  </button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
      </section>
      <section className="card" aria-labelledby="import-heading">
        <h2 id="import-heading">{t("signoff.certificates.importTitle")}</h2>
        {error("import")}
        <Form method="post" encType="multipart/form-data" className="stack">
          <input type="hidden" name="intent" value="import" />
          {ownerSelect("import-owner")}
          <div className="field">
            <label htmlFor="import-file">{t("signoff.certificates.file")}</label>
            <input id="import-file" name="file" type="file" accept=".p12,.pfx,application/x-pkcs12" required />
          </div>
          <div className="field">
            <label htmlFor="import-password">{t("signoff.certificates.password")}</label>
            <input id="import-password" name="password" type="password" autoComplete="off" />
          </div>
          <button type="submit" className="button" disabled={busy}>
            {t("signoff.certificates.importButton")}
          </button>
        </Form>
      </section>
      <section className="card" aria-labelledby="issue-heading">
        <h2 id="issue-heading">{t("signoff.certificates.issueTitle")}</h2>
        {error("issue")}
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="issue" />
          {ownerSelect("issue-owner")}
          <button type="submit" className="button" disabled={busy}>
            {t("signoff.certificates.issueButton")}
          </button>
        </Form>
      </section>
      <section className="card" aria-labelledby="root-heading">
        <h2 id="root-heading">{t("signoff.certificates.rootTitle")}</h2>
        {error("root")}
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="root" />
          <div className="field">
            <label htmlFor="root-pem">{t("signoff.certificates.rootPem")}</label>
            <textarea id="root-pem" name="pem" rows={6} required />
          </div>
          <button type="submit" className="button" disabled={busy}>
            {t("signoff.certificates.rootButton")}
          </button>
        </Form>
      </section>
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
