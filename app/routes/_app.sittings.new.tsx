import { useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { actorFrom, requirePermission } from "~/auth/guards.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { AppForm, SelectField } from "~/components/forms";
import { newSittingSchema } from "~/components/meeting-forms";
import { SittingFields } from "~/components/sitting-fields";
import { errorReply, invalidReply } from "~/forms.server";
import { toVnIsoDate, vnDateTime } from "~/i18n/format";
import { listBodies } from "~/models/body.server";
import { listSessions } from "~/models/session.server";
import { createSitting } from "~/models/sitting.server";
import { listUsers } from "~/models/user.server";
import { toastHeaders } from "~/toast.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  requirePermission(context, request, "manage:sitting:any");
  const sessionId = new URL(request.url).searchParams.get("sessionId");
  const sessions = listSessions();
  const session = sessions.find((s) => s.id === sessionId);
  return {
    bodies: listBodies(),
    sessions,
    session: session ?? null,
    people: listUsers({ status: "active" }).map((u) => ({ id: u.id, fullName: u.fullName, role: u.role })),
    defaultDate: toVnIsoDate(session ? new Date(session.startsAt) : new Date(Date.now() + 14 * 86_400_000)),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user } = requirePermission(context, request, "manage:sitting:any");
  const submission = parseWithZod(await request.formData(), { schema: newSittingSchema });
  if (submission.status !== "success") return invalidReply(submission);
  const { date, startTime, endTime, ...rest } = submission.value;
  try {
    const id = createSitting({
      actor: actorFrom(context),
      reader: user,
      input: { ...rest, startsAt: vnDateTime(date, startTime), endsAt: endTime ? vnDateTime(date, endTime) : null },
    });
    return redirect(`/sittings/${id}/agenda`, { headers: await toastHeaders({ kind: "success", message: "meetings.created", params: { title: rest.title } }) });
  } catch (error) {
    return errorReply(submission, error, context.locale);
  }
}

export default function NewSittingPage() {
  const { bodies, sessions, session, people, defaultDate } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "new-sitting",
    lastResult: useActionData<typeof action>()?.result,
    defaultValue: {
      bodyId: session?.id ? bodies.find((b) => b.name === session.bodyName)?.id : bodies.find((b) => b.kind === "council")?.id,
      sessionId: session?.id ?? "",
      date: defaultDate,
      startTime: "08:00",
      endTime: "11:30",
      place: session?.place ?? "",
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: newSittingSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  return (
    <section className="card">
      <h1>{t("meetings.newSitting")}</h1>
      <AppForm form={form}>
        <div className="form-grid">
          <SelectField label={t("meetings.fields.body")} meta={fields.bodyId}>
            {bodies.map((b) => (
              <option key={b.id} value={b.id}>
                {b.name}
              </option>
            ))}
          </SelectField>
          <SelectField label={t("meetings.fields.session")} meta={fields.sessionId}>
            <option value="">{t("meetings.fields.noSession")}</option>
            {sessions.map((s) => (
              <option key={s.id} value={s.id}>
                {s.title}
              </option>
            ))}
          </SelectField>
        </div>
        <SittingFields fields={fields} people={people} />
        <button type="submit" className="button" disabled={navigation.state === "submitting"}>
          {t("meetings.create")}
        </button>
      </AppForm>
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
