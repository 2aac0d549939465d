import { useField, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useOutletContext } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { actorFrom, requireAuth } from "~/auth/guards.server";
import { AgendaView } from "~/components/agenda-view";
import { ConfirmButton } from "~/components/confirm-button";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { AppForm, ErrorList, FormErrors } from "~/components/forms";
import { useLocale } from "~/components/use-user";
import { errorReply, invalidReply } from "~/forms.server";
import { throwHttp } from "~/http-errors.server";
import { formatDateTime } from "~/i18n/format";
import { listAgenda, totalPlannedMinutes } from "~/models/agenda.server";
import { listSittingDocuments } from "~/models/document.server";
import { getSittingForReader, invitationDeadline, listParticipants, publishSitting, replyToInvitation } from "~/models/sitting.server";
import { pushNotifications } from "~/realtime/broadcast.server";
import { announceReply, announceSittingChange } from "~/realtime/sitting-broadcast.server";
import { AppError } from "~/models/app-error";
import { toastHeaders } from "~/toast.server";
import type { SittingOutletContext } from "./_app.sittings.$sittingId";

const schema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("reply"),
    reply: z.enum(["attending", "absent"], { error: "validation.choose" }),
    reason: z.string().trim().max(500, "validation.tooLong").optional(),
  }).refine((v) => v.reply !== "absent" || !!v.reason, { message: "meetings.errors.reasonRequired", path: ["reason"] }),
  z.object({ intent: z.literal("publish"), confirmLate: z.string().optional() }),
]);

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { user } = requireAuth(context, request);
  const sitting = throwHttp(() => getSittingForReader({ sittingId: params.sittingId ?? "", reader: user }));
  const agenda = listAgenda(sitting.id);
  const deadlines = invitationDeadline(sitting.id);
  const participants = sitting.canManage ? listParticipants(sitting.id) : [];
  return {
    sitting,
    agenda,
    totalMinutes: totalPlannedMinutes(agenda),
    documents: listSittingDocuments({ sittingId: sitting.id, reader: user }).map((d) => ({
      id: d.id,
      type: d.type,
      reference: d.reference,
      summary: d.summary,
      confidentiality: d.confidentiality,
      agendaItemId: d.agendaItemId,
      latest: d.versions[0] ? { id: d.versions[0].id, version: d.versions[0].version, pageCount: d.versions[0].pageCount, fileName: d.versions[0].fileName } : null,
    })),
    invitationsDueBy: deadlines.invitationsDueBy.toISOString(),
    documentsDueBy: deadlines.documentsDueBy.toISOString(),
    leadDays: deadlines.leadDays,
    workingDays: deadlines.workingDays,
    lateNow: Date.now() > deadlines.invitationsDueBy.getTime(),
    participantCount: participants.length,
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { user } = requireAuth(context, request);
  const sittingId = params.sittingId ?? "";
  const submission = parseWithZod(await request.formData(), { schema });
  if (submission.status !== "success") return invalidReply(submission, { intent: String(submission.payload.intent ?? "") });
  const actor = actorFrom(context);
  const value = submission.value;
  try {
    if (value.intent === "reply") {
      throwHttp(() => getSittingForReader({ sittingId, reader: user }));
      const saved = replyToInvitation({ actor, sittingId, userId: user.id, reply: value.reply, reason: value.reason });
      announceReply({ sittingId, ...saved, repliedAt: saved.repliedAt.toISOString() });
      return redirect(`/sittings/${sittingId}`, { headers: await toastHeaders({ kind: "success", message: "meetings.reply.saved" }) });
    }
    // Publishing late is allowed (RULES.md 11) but must be a conscious choice.
    const { invitationsDueBy } = invitationDeadline(sittingId);
    if (Date.now() > invitationsDueBy.getTime() && !value.confirmLate) {
      throw new AppError("invalid", "meetings.errors.confirmLate");
    }
    const result = publishSitting({ actor, reader: user, sittingId });
    pushNotifications(result.notifications);
    announceSittingChange(sittingId, "details");
    return redirect(`/sittings/${sittingId}`, {
      headers: await toastHeaders({
        kind: "success",
        message: result.late ? "meetings.publish.doneLate" : "meetings.publish.done",
        params: { count: result.notifications.length },
      }),
    });
  } catch (error) {
    return errorReply(submission, error, context.locale, { intent: value.intent as string });
  }
}

export default function SittingOverview() {
  const data = useLoaderData<typeof loader>();
  const { sitting } = data;
  const { t } = useTranslation();
  const locale = useLocale();
  const isParticipant = !!sitting.participant && sitting.status !== "draft";
  const { lastChange } = useOutletContext<SittingOutletContext>();
  return (
    <div className="stack">
      {lastChange?.what === "agenda" && lastChange.revision ? (
        <p className="notice info" role="status" data-testid="agenda-changed">
          {t("meetings.agenda.changedLive", { revision: lastChange.revision })}
        </p>
      ) : null}
      {sitting.canManage && sitting.status === "draft" ? <PublishCard /> : null}
      {sitting.status !== "draft" && sitting.publishedAt ? (
        <p className="muted">
          {t("meetings.publish.publishedAt", { date: formatDateTime(new Date(sitting.publishedAt), locale) })}
          {sitting.publishedLate ? <span className="badge status-draft"> {t("meetings.publish.publishedLate")}</span> : null}
        </p>
      ) : null}
      {isParticipant ? <ReplyCard /> : null}
      <section className="card" aria-labelledby="agenda-heading">
        <div className="page-header">
          <h2 id="agenda-heading">{t("meetings.agenda.title")}</h2>
          {data.agenda.length ? (
            <a className="button secondary" href={`/sittings/${sitting.id}/agenda.pdf`} download>
              {t("meetings.agenda.exportPdf")}
            </a>
          ) : null}
        </div>
        <AgendaView agenda={data.agenda} documents={data.documents} totalMinutes={data.totalMinutes} />
      </section>
    </div>
  );
}

function PublishCard() {
  const { sitting, invitationsDueBy, leadDays, workingDays, lateNow, participantCount } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const locale = useLocale();
  const navigation = useNavigation();
  const errors = actionData?.intent === "publish" ? actionData.result.error?.[""] ?? actionData.result.error?.confirmLate : undefined;
  return (
    <section className="card" aria-labelledby="publish-heading">
      <h2 id="publish-heading">{t("meetings.publish.title")}</h2>
      <p>{t("meetings.participantsCount", { count: participantCount })}</p>
      <p>
        {t(workingDays ? "meetings.publish.dueByWorking" : "meetings.publish.dueBy", {
          date: formatDateTime(new Date(invitationsDueBy), locale),
          days: leadDays,
        })}
      </p>
      <p className="muted">{t("meetings.publish.hint")}</p>
      <Form method="post">
        <input type="hidden" name="intent" value="publish" />
        <FormErrors errors={errors} />
        {lateNow ? (
          <div className="notice warning" role="note">
            <p>{t("meetings.publish.lateWarning")}</p>
            <label className="choice">
              <input type="checkbox" name="confirmLate" value="yes" required />
              {t("meetings.publish.confirmLate")}
            </label>
          </div>
        ) : null}
        {/* Publishing tells everyone at once: asked first. Without JavaScript the button posts the form as it is. */}
        <ConfirmButton
          submit
          disabled={navigation.state === "submitting"}
          title={t("meetings.publish.confirm.title")}
          // Everyone invited but the one publishing is told (as the server counts them).
          description={<p>{t("meetings.publish.confirm.description", { count: participantCount - (sitting.participant ? 1 : 0) })}</p>}
          confirmLabel={t("meetings.publish.confirm.confirm")}
          triggerData={{ "data-sitting": sitting.id }}
        >
          {t("meetings.publish.button")}
        </ConfirmButton>
      </Form>
    </section>
  );
}

function ReplyCard() {
  const { sitting } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const navigation = useNavigation();
  const participant = sitting.participant!;
  const [form, fields] = useForm({
    id: "reply",
    lastResult: actionData?.intent === "reply" ? actionData.result : undefined,
    defaultValue: { reply: participant.reply === "pending" ? undefined : participant.reply, reason: participant.absenceReason ?? "" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const [choice, setChoice] = useState(participant.reply);
  return (
    <section className="card" aria-labelledby="reply-heading">
      <h2 id="reply-heading">{t("meetings.reply.title")}</h2>
      {participant.reply !== "pending" ? (
        <p data-testid="my-reply">
          {t("meetings.reply.current", { reply: t(`attendance.${participant.reply}`) })}
          {participant.absenceReason ? ` — ${participant.absenceReason}` : ""}
        </p>
      ) : null}
      <AppForm form={form} intent="reply">
        <fieldset>
          <legend>{t("meetings.reply.title")}</legend>
          {(["attending", "absent"] as const).map((value) => (
            <label className="choice" key={value}>
              <input type="radio" name={fields.reply.name} value={value} defaultChecked={participant.reply === value} onChange={() => setChoice(value)} />
              {t(`meetings.reply.${value}`)}
            </label>
          ))}
          <ReplyErrors name={fields.reply.name} formId={form.id} />
        </fieldset>
        {choice === "absent" ? <ReasonField name={fields.reason.name} formId={form.id} /> : null}
        <button type="submit" className="button" disabled={navigation.state === "submitting"}>
          {t("meetings.reply.send")}
        </button>
      </AppForm>
    </section>
  );
}

function ReplyErrors({ name, formId }: { name: string; formId: string }) {
  const [field] = useField(name, { formId });
  return <ErrorList id={field.errorId} errors={field.errors} />;
}

function ReasonField({ name, formId }: { name: string; formId: string }) {
  const { t } = useTranslation();
  const [field] = useField<string>(name, { formId });
  return (
    <div className="field">
      <label htmlFor={field.id}>{t("meetings.reply.reason")}</label>
      <textarea id={field.id} name={field.name} form={field.formId} defaultValue={field.initialValue ?? ""} rows={3} aria-describedby={`${field.id}-hint ${field.errorId}`} aria-invalid={field.errors ? true : undefined} />
      <span className="hint" id={`${field.id}-hint`}>
        {t("meetings.reply.reasonHint")}
      </span>
      <ErrorList id={field.errorId} errors={field.errors} />
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
