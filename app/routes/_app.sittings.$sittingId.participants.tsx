import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { participantRoles } from "#db/schema";
import { actorFrom, requirePermission } from "~/auth/guards.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormErrors } from "~/components/forms";
import { useLocale } from "~/components/use-user";
import { throwHttp } from "~/http-errors.server";
import { formatDateTime } from "~/i18n/format";
import { getT } from "~/i18n/i18n";
import { AppError } from "~/models/app-error";
import { addParticipant, getSittingForReader, listParticipants, removeParticipant } from "~/models/sitting.server";
import { getUser, listUsers } from "~/models/user.server";
import { pushNotifications } from "~/realtime/broadcast.server";
import { announceAttendance, announceSittingChange } from "~/realtime/sitting-broadcast.server";
import { leaveSittingRooms } from "~/realtime/server.server";
import { toastHeaders } from "~/toast.server";

const schema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("add"), userId: z.string().uuid(), role: z.enum(participantRoles) }),
  z.object({ intent: z.literal("remove"), userId: z.string().uuid() }),
]);

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { user } = requirePermission(context, request, "manage:sitting:any");
  const sitting = throwHttp(() => getSittingForReader({ sittingId: params.sittingId ?? "", reader: user }));
  const participants = listParticipants(sitting.id);
  const invited = new Set(participants.map((p) => p.userId));
  return {
    sitting,
    participants,
    candidates: listUsers({ status: "active" }).filter((u) => !invited.has(u.id)).map((u) => ({ id: u.id, fullName: u.fullName, position: u.position, role: u.role })),
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { user } = requirePermission(context, request, "manage:sitting:any");
  const sittingId = params.sittingId ?? "";
  const t = getT(context.locale);
  const parsed = schema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return { error: t("validation.choose") };
  const actor = actorFrom(context);
  try {
    const value = parsed.data;
    const name = getUser(value.userId).fullName;
    if (value.intent === "add") {
      const { seq, notifications } = addParticipant({ actor, reader: user, sittingId, userId: value.userId, role: value.role });
      pushNotifications(notifications);
      announceAttendance(sittingId, seq);
    } else {
      const { seq } = removeParticipant({ actor, reader: user, sittingId, userId: value.userId });
      leaveSittingRooms(value.userId, sittingId);
      announceAttendance(sittingId, seq);
    }
    announceSittingChange(sittingId, "participants");
    return redirect(`/sittings/${sittingId}/participants`, {
      headers: await toastHeaders({ kind: "success", message: value.intent === "add" ? "meetings.replies.added" : "meetings.replies.removed", params: { name } }),
    });
  } catch (error) {
    if (error instanceof AppError) return { error: t(error.message, error.params) };
    throw error;
  }
}

export default function ParticipantsTab() {
  const { participants, candidates } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const locale = useLocale();
  const navigation = useNavigation();
  const count = (reply: string) => participants.filter((p) => p.reply === reply).length;
  return (
    <div className="stack">
      <section className="card" aria-labelledby="replies-heading">
        <h2 id="replies-heading">{t("meetings.replies.title")}</h2>
        <p data-testid="reply-summary" aria-live="polite">
          {t("meetings.replies.summary", { attending: count("attending"), absent: count("absent"), pending: count("pending") })}
        </p>
        <p className="muted">{t("meetings.replies.live")}</p>
        <div className="table-wrap">
          <table data-testid="replies">
            <thead>
              <tr>
                <th scope="col">{t("meetings.replies.name")}</th>
                <th scope="col">{t("meetings.replies.role")}</th>
                <th scope="col">{t("meetings.replies.reply")}</th>
                <th scope="col">{t("meetings.replies.reason")}</th>
                <th scope="col">{t("admin.users.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {participants.map((p) => (
                <tr key={p.userId} data-user={p.userId}>
                  <td>
                    {p.fullName}
                    {p.position ? <div className="muted">{p.position}</div> : null}
                  </td>
                  <td>{t(`meetings.roles.${p.role}`)}</td>
                  <td>
                    <span className={`badge reply-${p.reply}`}>{t(`attendance.${p.reply}`)}</span>
                    {p.repliedAt ? <div className="muted">{formatDateTime(new Date(p.repliedAt), locale)}</div> : null}
                  </td>
                  <td>{p.absenceReason}</td>
                  <td>
                    <Form method="post">
                      <input type="hidden" name="intent" value="remove" />
                      <input type="hidden" name="userId" value={p.userId} />
                      <button type="submit" className="button link" aria-label={`${t("meetings.replies.remove")}: ${p.fullName}`}>
                        {t("meetings.replies.remove")}
                      </button>
                    </Form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section className="card" aria-labelledby="add-participant-heading">
        <h2 id="add-participant-heading">{t("meetings.replies.add")}</h2>
        <FormErrors errors={actionData?.error ? [actionData.error] : null} />
        <Form method="post" className="filters">
          <input type="hidden" name="intent" value="add" />
          <div className="field">
            <label htmlFor="participant-user">{t("admin.bodies.member")}</label>
            <select id="participant-user" name="userId" required>
              <option value="">{t("admin.bodies.chooseUser")}</option>
              {candidates.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.fullName}
                  {c.position ? ` — ${c.position}` : ""}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="participant-role">{t("meetings.replies.role")}</label>
            <select id="participant-role" name="role" defaultValue="guest">
              {participantRoles.map((r) => (
                <option key={r} value={r}>
                  {t(`meetings.roles.${r}`)}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="button" disabled={navigation.state === "submitting"}>
            {t("meetings.replies.addButton")}
          </button>
        </Form>
      </section>
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
