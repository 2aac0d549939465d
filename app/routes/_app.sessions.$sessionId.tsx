import { useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { actorFrom, requirePermission } from "~/auth/guards.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { SittingRow } from "~/components/sitting-row";
import { AppForm } from "~/components/forms";
import { SessionFields } from "~/components/session-fields";
import { sessionSchema } from "~/components/meeting-forms";
import { errorReply, invalidReply } from "~/forms.server";
import { toVnIsoDate, vnDayStart } from "~/i18n/format";
import { listBodies, listTerms } from "~/models/body.server";
import { getSession, listSessionSittings, updateSession } from "~/models/session.server";
import { throwHttp } from "~/http-errors.server";
import { toastHeaders } from "~/toast.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  requirePermission(context, request, "manage:sitting:any");
  const session = throwHttp(() => getSession(params.sessionId ?? ""));
  return { session, sittings: listSessionSittings(session.id), bodies: listBodies(), terms: listTerms() };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  requirePermission(context, request, "manage:sitting:any");
  const submission = parseWithZod(await request.formData(), { schema: sessionSchema });
  if (submission.status !== "success") return invalidReply(submission);
  const { startsOn, endsOn, ...rest } = submission.value;
  try {
    updateSession({
      actor: actorFrom(context),
      sessionId: params.sessionId ?? "",
      input: { ...rest, startsAt: vnDayStart(startsOn), endsAt: endsOn ? vnDayStart(endsOn) : null },
    });
    return redirect(`/sessions/${params.sessionId}`, { headers: await toastHeaders({ kind: "success", message: "meetings.saved" }) });
  } catch (error) {
    return errorReply(submission, error, context.locale);
  }
}

export default function SessionPage() {
  const { session, sittings, bodies, terms } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "edit-session",
    lastResult: useActionData<typeof action>()?.result,
    defaultValue: {
      bodyId: session.bodyId,
      termId: session.termId ?? "",
      number: String(session.number),
      title: session.title,
      kind: session.kind,
      startsOn: toVnIsoDate(new Date(session.startsAt)),
      endsOn: session.endsAt ? toVnIsoDate(new Date(session.endsAt)) : "",
      place: session.place ?? "",
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: sessionSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  return (
    <>
      <div className="page-header">
        <div>
          <p className="muted breadcrumb">
            <Link to="/sittings">{t("meetings.sessions")}</Link>
          </p>
          <h1>{session.title}</h1>
          <p className="muted">
            {session.bodyName} · {t(`meetings.kinds.${session.kind}`)}
          </p>
        </div>
        <Link to={`/sittings/new?sessionId=${session.id}`} className="button">
          {t("meetings.newSitting")}
        </Link>
      </div>
      <section className="card" aria-labelledby="sittings-heading">
        <h2 id="sittings-heading">{t("meetings.sittingsOfSession")}</h2>
        {sittings.length === 0 ? (
          <p className="muted">{t("meetings.noSittings")}</p>
        ) : (
          <ul className="list">
            {sittings.map((s) => (
              <SittingRow key={s.id} sitting={s} />
            ))}
          </ul>
        )}
      </section>
      <section className="card" aria-labelledby="edit-session-heading">
        <h2 id="edit-session-heading">{t("meetings.editSession")}</h2>
        <AppForm form={form}>
          <SessionFields fields={fields} bodies={bodies} terms={terms} />
          <button type="submit" className="button" disabled={navigation.state === "submitting"}>
            {t("meetings.save")}
          </button>
        </AppForm>
      </section>
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
