import { useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import type { TFunction } from "i18next";
import { useCallback, useState } from "react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { actorFrom, requireAuth } from "~/auth/guards.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { AppForm, FormErrors, SelectField, TextareaField } from "~/components/forms";
import { ConfirmButton } from "~/components/confirm-button";
import { PdfViewer, type PagePlace, type PlannedBoxes } from "~/components/pdf-viewer";
import { UploadPanel } from "~/components/upload-panel";
import { useLocale } from "~/components/use-user";
import { env } from "~/env.server";
import { errorReply, invalidReply } from "~/forms.server";
import { throwHttp } from "~/http-errors.server";
import { formatDateTime, formatLongDate } from "~/i18n/format";
import { getT } from "~/i18n/i18n";
import { listAgenda } from "~/models/agenda.server";
import type { Reader } from "~/models/reader";
import { approveSignoff, getSignoff, previewSignatures, resendSignoff, returnSignoff, signingFileSize, type SignaturePlace } from "~/models/signoff.server";
import { pdfjsVersion } from "~/pdf/pdfjs-assets.server";
import { logger } from "~/logger.server";
import { pushNotifications } from "~/realtime/broadcast.server";
import { signLater, signNow, signsInBackground } from "~/realtime/signing.server";
import { useRealtimeEvent } from "~/realtime/realtime-provider";
import { useLiveReload } from "~/realtime/use-live-reload";
import { toastHeaders } from "~/toast.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

/** Where the leader moved the signature, from the page's address (?page=&x=&y=), or null. */
function placeFrom(url: URL): SignaturePlace | null {
  const parsed = placeSchema.safeParse(Object.fromEntries(url.searchParams));
  return parsed.success && parsed.data.page && parsed.data.x !== undefined && parsed.data.y !== undefined ? { page: parsed.data.page, x: parsed.data.x, y: parsed.data.y } : null;
}

/** The planned boxes for the leader to check, or why there are none (a file the planner cannot read: signing says so). */
async function previewFor(reader: Reader, signoffId: string, place: SignaturePlace | null) {
  try {
    return await previewSignatures({ reader, signoffId, place });
  } catch (error) {
    logger.warn({ err: error, signoffId }, "signature preview failed");
    return null;
  }
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { user } = requireAuth(context, request);
  const view = throwHttp(() => getSignoff({ reader: user, signoffId: params.signoffId ?? "" }));
  const sittingId = view.document.sittingId;
  const place = placeFrom(new URL(request.url));
  return {
    ...view,
    place,
    preview: view.myTurn === "sign" ? await previewFor(user, view.signoff.id, place) : null,
    title: `${view.document.summary} — ${getT(context.locale)("signoff.pageTitle")}`,
    pdfjsVersion,
    upload: view.canResend && sittingId ? { sittingId, agenda: listAgenda(sittingId).map((i) => ({ id: i.id, position: i.position, title: i.title })), maxMb: env.MAX_UPLOAD_MB } : null,
  };
}

const returnSchema = z.object({ comment: z.string({ error: "signoff.errors.commentRequired" }).trim().min(1, "signoff.errors.commentRequired").max(2000, "validation.tooLong") });
const resendSchema = z.object({ versionId: z.string({ error: "signoff.errors.needsRevision" }).uuid("signoff.errors.needsRevision"), message: z.string().trim().max(2000, "validation.tooLong").optional() });
const fraction = z.coerce.number().min(0, "signoff.errors.place").max(1, "signoff.errors.place");
const placeSchema = z.object({
  page: z.coerce.number().int("signoff.errors.place").min(1, "signoff.errors.place").optional(),
  x: fraction.optional(),
  y: fraction.optional(),
});
const schema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("approve"), comment: z.string().trim().max(2000, "validation.tooLong").optional() }),
  returnSchema.extend({ intent: z.literal("return") }),
  resendSchema.extend({ intent: z.literal("resend") }),
  placeSchema.extend({ intent: z.literal("sign") }),
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
          if (signsInBackground(signingFileSize({ reader, signoffId }))) {
            signLater({ actor, reader, signoffId, place });
            return { notifications: [], toast: { message: "signoff.signingStarted" } };
          }
          const reference = await signNow({ actor, reader, signoffId, place });
          return { notifications: [], toast: { message: "signoff.signed", params: { reference } } };
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
  const [, setSearchParams] = useSearchParams();
  const place = view.place;
  // Moving the signature asks the server for the new plan (the seal follows it, clear of the text).
  const setPlace = useCallback(
    (next: PagePlace | null) => setSearchParams(next ? { page: String(next.page), x: String(next.x), y: String(next.y) } : {}, { replace: true, preventScrollReset: true }),
    [setSearchParams],
  );
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
          place={myTurn === "sign" ? { value: place, onChange: setPlace, label: t("signoff.boxSigner"), boxes: plannedBoxes(view.preview, t) } : undefined}
        />
        <div className="stack">
          {myTurn ? <Decide myTurn={myTurn} place={place} preview={view.preview} signingSince={signoff.signingSince} signoffId={signoff.id} clearPlace={() => setPlace(null)} /> : null}
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

type Preview = Awaited<ReturnType<typeof loader>>["preview"];

/** The planned signature and seal as the viewer outlines them. */
function plannedBoxes(preview: Preview, t: TFunction): PlannedBoxes | null {
  if (!preview) return null;
  return {
    page: preview.page,
    boxes: [
      { id: "signer", label: t("signoff.boxSigner"), ...preview.signer },
      { id: "seal", label: t("signoff.boxSeal"), ...preview.seal },
    ],
  };
}

const millimetresPerPoint = 25.4 / 72;

/** The leader's turn: approve or return (a reviewer), or check where the signatures go and sign (the signer). */
function Decide({
  myTurn,
  place,
  preview,
  signingSince,
  signoffId,
  clearPlace,
}: {
  myTurn: "review" | "sign";
  place: PagePlace | null;
  preview: Preview;
  signingSince: string | Date | null;
  signoffId: string;
  clearPlace: () => void;
}) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const reply = useActionData<typeof action>();
  const lastResult = reply?.result;
  // Every message of a signing attempt (the place, the domain) is listed.
  const signErrors = reply?.intent === "sign" ? Object.values(reply.result.error ?? {}).flatMap((messages) => messages ?? []) : null;
  const busy = navigation.state === "submitting";
  const signing = (busy && navigation.formData?.get("intent") === "sign") || Boolean(signingSince);
  const stage = useSigningStage(signoffId);
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
        <Form method="post" className="stack">
          <FormErrors errors={signErrors} />
          <p className="muted">{t("signoff.signHere")}</p>
          {preview ? (
            <div role="status" data-testid="signature-plan" className="stack">
              <p>{t(`signoff.placeFound.${preview.found}`, { page: preview.page })}</p>
              {preview.sealScaled ? (
                <p className="notice">{t("signoff.sealSmaller", { mm: Math.round(preview.sealDiameter * millimetresPerPoint) })}</p>
              ) : null}
              {!preview.signerImage ? <p className="muted">{t("signoff.noSignatureImage")}</p> : null}
              {!preview.hasSeal ? <p className="muted">{t("signoff.noSeal")}</p> : null}
            </div>
          ) : null}
          {place ? (
            <p data-testid="place-chosen">
              <button type="button" className="button secondary" onClick={clearPlace}>
                {t("signoff.clearPlace")}
              </button>
              <input type="hidden" name="page" value={place.page} />
              <input type="hidden" name="x" value={place.x} />
              <input type="hidden" name="y" value={place.y} />
            </p>
          ) : null}
          <input type="hidden" name="intent" value="sign" />
          <ConfirmButton submit title={t("signoff.confirmTitle")} description={t("signoff.confirmText")} confirmLabel={t("signoff.confirmSign")} cancelLabel={t("signoff.cancel")} disabled={signing}>
            {t("signoff.signButton")}
          </ConfirmButton>
          {signing || stage ? (
            <p role="status" className="notice" data-testid="signing-progress">
              {stage ? t(`signoff.stages.${stage}`) : t("signoff.signing")}
            </p>
          ) : null}
        </Form>
      )}
      {/* Return is open to the signer too: the last leader may still send it back. */}
      {myTurn === "sign" ? <ReturnForm /> : null}
    </section>
  );
}

/** The last stage the server told for this sign-off's signing (`signoff:progress`), or null before any. */
function useSigningStage(signoffId: string) {
  const [stage, setStage] = useState<string | null>(null);
  const reload = useLiveReload();
  useRealtimeEvent(
    "signoff:progress",
    useCallback(
      (p: { signoffId: string; stage: string }) => {
        if (p.signoffId !== signoffId) return;
        // The end of signing (in the background, the request answered long ago): show the page as it now is.
        if (p.stage === "done" || p.stage === "failed") reload();
        setStage(p.stage === "done" ? null : p.stage);
      },
      [signoffId, reload],
    ),
  );
  return stage;
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
