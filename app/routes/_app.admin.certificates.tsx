import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { actorFrom, requirePermission } from "~/auth/guards.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormErrors } from "~/components/forms";
import { useLocale } from "~/components/use-user";
import { errorReply, invalidReply } from "~/forms.server";
import { formatLongDate } from "~/i18n/format";
import { getT } from "~/i18n/i18n";
import { listBodies } from "~/models/body.server";
import { addTrustedRoot, importPkcs12, issueFromAuthority, listCertificates, revokeCertificate } from "~/models/certificate.server";
import { listSignatureImages, maxImageBytes, removeSignatureImage, sealSizes, setSignatureImage } from "~/models/signature-image.server";
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
    sealSizes,
    images: listSignatureImages().map((i) => ({ owner: `${i.ownerKind === "user" ? "person" : "agency"}:${i.ownerId}`, sizeMm: i.sizeMm, at: i.createdAt.getTime() })),
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

const schema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("issue"), owner }),
  z.object({
    intent: z.literal("import"),
    owner,
    password: z.string().max(200, "validation.tooLong").default(""),
    file: z.instanceof(File, { message: "signoff.certificates.chooseFile" }).refine((f) => f.size > 0 && f.size <= 1024 * 1024, "signoff.certificates.chooseFile"),
  }),
  z.object({
    intent: z.literal("image"),
    owner,
    sizeMm: z.coerce.number({ error: "signoff.images.errors.sealSize" }).int("signoff.images.errors.sealSize").optional(),
    file: z.instanceof(File, { message: "signoff.images.errors.size" }).refine((f) => f.size > 0 && f.size <= maxImageBytes, "signoff.images.errors.size"),
  }),
  z.object({ intent: z.literal("remove-image"), owner }),
  z.object({ intent: z.literal("root"), pem: z.string({ error: "signoff.certificates.pemRequired" }).trim().min(1, "signoff.certificates.pemRequired").max(20_000, "validation.tooLong") }),
  z.object({
    intent: z.literal("revoke"),
    certificateId: z.string({ error: "signing.errors.certificateNotFound" }).uuid("signing.errors.certificateNotFound"),
    reason: z.string({ error: "signoff.certificates.reasonRequired" }).trim().min(1, "signoff.certificates.reasonRequired").max(500, "validation.tooLong"),
  }),
]);

export async function action({ request, context }: ActionFunctionArgs) {
  const { user: reader } = requirePermission(context, request, "manage:certificate:any");
  const actor = actorFrom(context);
  const submission = parseWithZod(await request.formData(), { schema });
  if (submission.status !== "success") return invalidReply(submission, { intent: String(submission.payload.intent ?? "") });
  const value = submission.value;
  try {
    const toast = await (async () => {
      switch (value.intent) {
        case "issue":
          issueFromAuthority({ actor, reader, owner: value.owner });
          return { message: "signoff.certificates.issued" };
        case "import": {
          const bytes = new Uint8Array(await value.file.arrayBuffer());
          const { info } = importPkcs12({ actor, reader, owner: value.owner, bytes, password: value.password });
          return { message: "signoff.certificates.imported", params: { subject: info.commonName } };
        }
        case "image":
          await setSignatureImage({ actor, reader, owner: value.owner, bytes: new Uint8Array(await value.file.arrayBuffer()), sizeMm: value.sizeMm });
          return { message: "signoff.images.saved" };
        case "remove-image":
          removeSignatureImage({ actor, reader, owner: value.owner });
          return { message: "signoff.images.removed" };
        case "root":
          addTrustedRoot({ actor, reader, certPem: value.pem });
          return { message: "signoff.certificates.rootAdded" };
        case "revoke":
          revokeCertificate({ actor, reader, certificateId: value.certificateId, reason: value.reason });
          return { message: "signoff.certificates.revoked" };
      }
    })();
    return data({ intent: value.intent as string, result: submission.reply() }, { headers: await toastHeaders({ kind: "success", ...toast }) });
  } catch (error) {
    return errorReply(submission, error, context.locale, { intent: value.intent as string });
  }
}

export default function CertificatesPage() {
  const { certificates, leaders, bodies, images, sealSizes } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation();
  const locale = useLocale();
  const busy = navigation.state === "submitting";
  const errors = (intent: string) => (reply?.intent === intent ? Object.values(reply.result.error ?? {}).flatMap((messages) => messages ?? []) : null);
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
        <FormErrors errors={errors("revoke")} />
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
      <CertificateForm intent="import" title={t("signoff.certificates.importTitle")} button={t("signoff.certificates.importButton")} errors={errors("import")} busy={busy} multipart>
        {ownerSelect("import-owner")}
        <div className="field">
          <label htmlFor="import-file">{t("signoff.certificates.file")}</label>
          <input id="import-file" name="file" type="file" accept=".p12,.pfx,application/x-pkcs12" required />
        </div>
        <div className="field">
          <label htmlFor="import-password">{t("signoff.certificates.password")}</label>
          <input id="import-password" name="password" type="password" autoComplete="off" />
        </div>
      </CertificateForm>
      <SignatureImages leaders={leaders} bodies={bodies} images={images} sealSizes={sealSizes} errors={[...(errors("image") ?? []), ...(errors("remove-image") ?? [])]} busy={busy} ownerSelect={ownerSelect("image-owner")} />
      <CertificateForm intent="issue" title={t("signoff.certificates.issueTitle")} button={t("signoff.certificates.issueButton")} errors={errors("issue")} busy={busy}>
        {ownerSelect("issue-owner")}
      </CertificateForm>
      <CertificateForm intent="root" title={t("signoff.certificates.rootTitle")} button={t("signoff.certificates.rootButton")} errors={errors("root")} busy={busy}>
        <div className="field">
          <label htmlFor="root-pem">{t("signoff.certificates.rootPem")}</label>
          <textarea id="root-pem" name="pem" rows={6} required />
        </div>
      </CertificateForm>
    </div>
  );
}

/** Each leader's signature and each body's seal as drawn on issued documents (RULES.md 19): shown, replaced, removed. */
function SignatureImages({
  leaders,
  bodies,
  images,
  sealSizes,
  errors,
  busy,
  ownerSelect,
}: {
  sealSizes: { min: number; max: number; standard: number };
  leaders: { id: string; name: string }[];
  bodies: { id: string; name: string }[];
  images: { owner: string; sizeMm: number | null; at: number }[];
  errors: string[];
  busy: boolean;
  ownerSelect: ReactNode;
}) {
  const { t } = useTranslation();
  const owners = [
    ...leaders.map((l) => ({ owner: `person:${l.id}`, name: l.name, seal: false })),
    ...bodies.map((b) => ({ owner: `agency:${b.id}`, name: b.name, seal: true })),
  ];
  const stored = new Map(images.map((i) => [i.owner, i]));
  return (
    <section className="card" aria-labelledby="images-heading">
      <h2 id="images-heading">{t("signoff.images.title")}</h2>
      <p className="muted">{t("signoff.images.intro")}</p>
      <FormErrors errors={errors.length ? errors : null} />
      <ul className="list signature-images" data-testid="signature-images">
        {owners.map(({ owner, name, seal }) => {
          const image = stored.get(owner);
          const label = seal ? t("signoff.images.seal", { name, mm: image?.sizeMm ?? sealSizes.standard }) : t("signoff.images.signature", { name });
          return (
            <li key={owner} className="row">
              <span>{image ? label : `${name}: ${t("signoff.images.none")}`}</span>
              {image ? (
                <>
                  <img src={`/admin/signature-images/${owner.replace(":", "/")}.png?v=${image.at}`} alt={label} height={seal ? 72 : 40} />
                  <Form method="post">
                    <input type="hidden" name="intent" value="remove-image" />
                    <input type="hidden" name="owner" value={owner} />
                    <button type="submit" className="button secondary" disabled={busy}>
                      {t("signoff.images.remove")}
                    </button>
                  </Form>
                </>
              ) : null}
            </li>
          );
        })}
      </ul>
      <Form method="post" encType="multipart/form-data" className="stack">
        <input type="hidden" name="intent" value="image" />
        {ownerSelect}
        <div className="field">
          <label htmlFor="image-file">{t("signoff.images.file")}</label>
          <input id="image-file" name="file" type="file" accept="image/png" required />
        </div>
        <div className="field">
          <label htmlFor="image-size">{t("signoff.images.sizeMm")}</label>
          <input id="image-size" name="sizeMm" type="number" min={sealSizes.min} max={sealSizes.max} defaultValue={sealSizes.standard} inputMode="numeric" />
        </div>
        <button type="submit" className="button" disabled={busy}>
          {t("signoff.images.upload")}
        </button>
      </Form>
    </section>
  );
}

/** One of the page's forms in its own card: heading, the messages of its last submission, fields, submit button. */
function CertificateForm({ intent, title, button, errors, busy, multipart, children }: { intent: string; title: string; button: string; errors: string[] | null; busy: boolean; multipart?: boolean; children: ReactNode }) {
  const headingId = `${intent}-heading`;
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      <FormErrors errors={errors} />
      <Form method="post" encType={multipart ? "multipart/form-data" : undefined} className="stack">
        <input type="hidden" name="intent" value={intent} />
        {children}
        <button type="submit" className="button" disabled={busy}>
          {button}
        </button>
      </Form>
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
