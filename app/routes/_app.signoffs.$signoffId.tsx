import { useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useCallback, useState } from "react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { actorFrom, requireAuth } from "~/auth/guards.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { AppForm, FormErrors, SelectField, TextareaField } from "~/components/forms";
import { PdfViewer, type PagePlace } from "~/components/pdf-viewer";
import { UploadPanel } from "~/components/upload-panel";
import { useLocale } from "~/components/use-user";
import { env } from "~/env.server";
import { errorReply, invalidReply } from "~/forms.server";
import { throwHttp } from "~/http-errors.server";
import { formatDateTime, formatLongDate } from "~/i18n/format";
import { getT } from "~/i18n/i18n";
import { listAgenda } from "~/models/agenda.server";
import { approveSignoff, getSignoff, resendSignoff, returnSignoff, signSignoff } from "~/models/signoff.server";
import { pdfjsVersion } from "~/pdf/pdfjs-assets.server";
import { enqueueTextExtraction } from "~/models/text-index.server";
import { pushNotifications } from "~/realtime/broadcast.server";
import { announceSittingChange } from "~/realtime/sitting-broadcast.server";
import { useRealtimeEvent } from "~/realtime/realtime-provider";
import { useLiveReload } from "~/realtime/use-live-reload";
import { toastHeaders } from "~/toast.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { user } = requireAuth(context, request);
  const view = throwHttp(() => getSignoff({ reader: user, signoffId: params.signoffId ?? "" }));
  const sittingId = view.document.sittingId;
  return {
    ...view,
    title: `${view.document.summary} — ${getT(context.locale)("signoff.pageTitle")}`,
    pdfjsVersion,
    upload: view.canResend && sittingId ? { sittingId, agenda: listAgenda(sittingId).map((i) => ({ id: i.id, position: i.position, title: i.title })), maxMb: env.MAX_UPLOAD_MB } : null,
  };
}

const returnSchema = z.object({ comment: z.string({ error: "signoff.errors.commentRequired" }).trim().min(1, "signoff.errors.commentRequired").max(2000, "validation.tooLong") });
const resendSchema = z.object({ versionId: z.string({ error: "signoff.errors.needsRevision" }).uuid("signoff.errors.needsRevision"), message: z.string().trim().max(2000, "validation.tooLong").optional() });
const fraction = z.coerce.number().min(0, "signoff.errors.place").max(1, "signoff.errors.place");
const schema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("approve"), comment: z.string().trim().max(2000, "validation.tooLong").optional() }),
  returnSchema.extend({ intent: z.literal("return") }),
  resendSchema.extend({ intent: z.literal("resend") }),
  z.object({
    intent: z.literal("sign"),
    page: z.coerce.number().int("signoff.errors.place").min(1, "signoff.errors.place").optional(),
    x: fraction.optional(),
    y: fraction.optional(),
    image: z
      .instanceof(File)
      .optional()
      .refine((f) => !f || f.size === 0 || (f.size <= 1024 * 1024 && /^image\/(png|jpeg)$/.test(f.type)), "signoff.errors.image"),
  }),
]);

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { user: reader } = requireAuth(context, request);
  const signoffId = params.signoffId ?? "";
  const actor = actorFrom(context);
  const submission = parseWithZod(await request.formData(), { schema });
  if (submission.status !== "success") return invalidReply(submission, { intent: String(submission.payload.intent ?? "") });
  const value = submission.value;
  try {
    const done = await (async () => {
      switch (value.intent) {
        case "approve":
          return { ...approveSignoff({ actor, reader, signoffId, comment: value.comment }), toast: { message: "signoff.approved" } };
        case "return":
          return { ...returnSignoff({ actor, reader, signoffId, comment: value.comment }), toast: { message: "signoff.returned" } };
        case "resend":
          return { ...resendSignoff({ actor, reader, signoffId, versionId: value.versionId, message: value.message }), toast: { message: "signoff.resent" } };
        case "sign": {
          const place = value.page && value.x !== undefined && value.y !== undefined ? { page: value.page, x: value.x, y: value.y } : null;
          const image = value.image && value.image.size ? new Uint8Array(await value.image.arrayBuffer()) : undefined;
          const signed = await signSignoff({ actor, reader, signoffId, place, image });
          enqueueTextExtraction(signed.versionId);
          if (signed.sittingId) announceSittingChange(signed.sittingId, "documents");
          return { notifications: signed.notifications, toast: { message: "signoff.signed", params: { reference: signed.reference } } };
        }
      }
    })();
    pushNotifications(done.notifications);
    return data({ intent: value.intent as string, result: submission.reply({ resetForm: true }) }, { headers: await toastHeaders({ kind: "success", ...done.toast }) });
  } catch (error) {
    return errorReply(submission, error, context.locale, { intent: value.intent as string });
  }
}

export default function SignoffPage() {
  const view = useLoaderData<typeof loader>();
  const { signoff, document, version, steps, events, myTurn } = view;
  const { t } = useTranslation();
  const locale = useLocale();
  const [place, setPlace] = useState<PagePlace | null>(null);
  const reload = useLiveReload();
  useRealtimeEvent(
    "notification",
    useCallback((n: { href: string | null }) => n.href === `/signoffs/${signoff.id}` && reload(), [signoff.id, reload]),
  );
  const shownVersionId = signoff.status === "issued" && signoff.issuedVersionId ? signoff.issuedVersionId : version.id;
  return (
    <div className="stack">
      <div className="page-header">
        <div>
          <h1>{document.summary}</h1>
          <p className="muted">
            <span className="badge" data-testid="signoff-status">
              {t(`signoff.status.${signoff.status}`)}
            </span>{" "}
            {signoff.reference ? <strong data-testid="signoff-reference">{t("signoff.reference", { reference: signoff.reference })}</strong> : null}
            {signoff.deadline ? ` · ${t("signoff.deadlineOn", { date: formatLongDate(new Date(signoff.deadline), locale) })}` : null}
          </p>
        </div>
        <div className="row">
          <Link className="button secondary" to={`/documents/${shownVersionId}`}>
            {t("signoff.openDocument")}
          </Link>
          {signoff.status === "issued" ? (
            <>
              <a className="button secondary" href={`/files/${shownVersionId}`} download>
                {t("signoff.issuedFile")}
              </a>
              <Link className="button secondary" to={`/verify?versionId=${shownVersionId}`}>
                {t("signoff.verifyLink")}
              </Link>
            </>
          ) : null}
        </div>
      </div>
      <section className="card" aria-labelledby="steps-heading">
        <h2 id="steps-heading">{t("signoff.steps")}</h2>
        <ol className="signoff-steps" data-testid="signoff-steps">
          {steps.map((s) => (
            <li key={s.id} data-status={s.status}>
              <strong>{s.fullName}</strong> — {t(`signoff.actions.${s.action}`)}: {t(`signoff.stepStatus.${s.status}`)}
            </li>
          ))}
        </ol>
      </section>
      <div className="signoff-layout">
        <PdfViewer
          key={shownVersionId}
          url={`/files/${shownVersionId}`}
          pdfjsVersion={view.pdfjsVersion}
          place={myTurn === "sign" ? { value: place, onChange: setPlace, label: t("signoff.placeChosen", { page: place?.page ?? 1 }) } : undefined}
        />
        <div className="stack">
          {myTurn ? <Decide myTurn={myTurn} place={place} clearPlace={() => setPlace(null)} /> : null}
          {view.canResend ? <Resend /> : null}
          <section className="card" aria-labelledby="history-heading">
            <h2 id="history-heading">{t("signoff.history")}</h2>
            <ol className="plain-list stack" data-testid="signoff-history">
              {events.map((e) => (
                <li key={e.id}>
                  {t("signoff.eventLine", { time: formatDateTime(new Date(e.at), locale), name: e.fullName, action: t(`signoff.events.${e.action}`), version: e.version ?? "" })}
                  {e.comment ? <p className="written-text">{e.comment}</p> : null}
                </li>
              ))}
            </ol>
          </section>
        </div>
      </div>
    </div>
  );
}

/** The leader's turn: approve or return (a reviewer), or sign where they clicked (the signer). */
function Decide({ myTurn, place, clearPlace }: { myTurn: "review" | "sign"; place: PagePlace | null; clearPlace: () => void }) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const reply = useActionData<typeof action>();
  const lastResult = reply?.result;
  // The file input is not a Conform field: every message of a signing attempt (the image, the place, the domain) is listed.
  const signErrors = reply?.intent === "sign" ? Object.values(reply.result.error ?? {}).flatMap((messages) => messages ?? []) : null;
  const busy = navigation.state === "submitting";
  const signing = busy && navigation.formData?.get("intent") === "sign";
  const [form, fields] = useForm({ id: "decide", lastResult, shouldValidate: "onSubmit" });
  return (
    <section className="card" aria-labelledby="decide-heading">
      <h2 id="decide-heading">{t(`signoff.actions.${myTurn}`)}</h2>
      {myTurn === "review" ? (
        <AppForm form={form}>
          <TextareaField label={t("signoff.comment")} meta={fields.comment} hint={t("signoff.commentHint")} />
          <div className="row">
            <button type="submit" name="intent" value="approve" className="button" disabled={busy}>
              {t("signoff.approve")}
            </button>
            <button type="submit" name="intent" value="return" className="button secondary" disabled={busy}>
              {t("signoff.returnIt")}
            </button>
          </div>
        </AppForm>
      ) : (
        <Form method="post" encType="multipart/form-data" className="stack">
          <FormErrors errors={signErrors} />
          <p className="muted">{t("signoff.signHere")}</p>
          {place ? (
            <p role="status" data-testid="place-chosen">
              {t("signoff.placeChosen", { page: place.page })}{" "}
              <button type="button" className="button secondary" onClick={clearPlace}>
                {t("signoff.clearPlace")}
              </button>
              <input type="hidden" name="page" value={place.page} />
              <input type="hidden" name="x" value={place.x} />
              <input type="hidden" name="y" value={place.y} />
            </p>
          ) : null}
          <div className="field">
            <label htmlFor="signature-image">{t("signoff.signatureImage")}</label>
            <input id="signature-image" name="image" type="file" accept="image/png,image/jpeg" />
          </div>
          <button type="submit" name="intent" value="sign" className="button" disabled={busy}>
            {t("signoff.signButton")}
          </button>
          {signing ? (
            <p role="status" className="notice" data-testid="signing-progress">
              {t("signoff.signing")}
            </p>
          ) : null}
        </Form>
      )}
      {/* Return is open to the signer too: the last leader may still send it back. */}
      {myTurn === "sign" ? <ReturnForm /> : null}
    </section>
  );
}

function ReturnForm() {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const reply = useActionData<typeof action>();
  const [form, fields] = useForm({ id: "return", lastResult: reply && reply.intent === "return" ? reply.result : undefined, onValidate: ({ formData }) => parseWithZod(formData, { schema: returnSchema }), shouldValidate: "onSubmit" });
  return (
    <AppForm form={form} intent="return">
      <TextareaField label={t("signoff.comment")} meta={fields.comment} hint={t("signoff.commentHint")} />
      <button type="submit" className="button secondary" disabled={navigation.state === "submitting"}>
        {t("signoff.returnIt")}
      </button>
    </AppForm>
  );
}

/** The sender's part after a return: upload a revision, then send it again. */
function Resend() {
  const { upload, newerVersions, document } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const navigation = useNavigation();
  const reply = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "resend",
    lastResult: reply && reply.intent === "resend" ? reply.result : undefined,
    defaultValue: { versionId: newerVersions[0]?.id },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: resendSchema }),
    shouldValidate: "onSubmit",
  });
  return (
    <section className="card" aria-labelledby="resend-heading">
      <h2 id="resend-heading">{t("signoff.revise")}</h2>
      <p className="muted">{t("signoff.reviseHint")}</p>
      {upload ? <UploadPanel sittingId={upload.sittingId} agenda={upload.agenda} maxMb={upload.maxMb} documentId={document.id} /> : null}
      {newerVersions.length ? (
        <AppForm form={form} intent="resend">
          <SelectField label={t("signoff.resendVersion")} meta={fields.versionId}>
            {newerVersions.map((v) => (
              <option key={v.id} value={v.id}>
                {v.version} — {v.fileName}
              </option>
            ))}
          </SelectField>
          <TextareaField label={t("signoff.message")} meta={fields.message} />
          <button type="submit" className="button" disabled={navigation.state === "submitting"}>
            {t("signoff.resendButton")}
          </button>
        </AppForm>
      ) : null}
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
