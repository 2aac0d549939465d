import { useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { actorFrom, requirePermission } from "~/auth/guards.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { AppForm } from "~/components/forms";
import { SessionFields } from "~/components/session-fields";
import { sessionSchema } from "~/components/meeting-forms";
import { errorReply, invalidReply } from "~/forms.server";
import { vnDayStart } from "~/i18n/format";
import { listBodies, listTerms } from "~/models/body.server";
import { createSession } from "~/models/session.server";
import { toastHeaders } from "~/toast.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  requirePermission(context, request, "manage:sitting:any");
  return { bodies: listBodies(), terms: listTerms() };
}

export async function action({ request, context }: ActionFunctionArgs) {
  requirePermission(context, request, "manage:sitting:any");
  const submission = parseWithZod(await request.formData(), { schema: sessionSchema });
  if (submission.status !== "success") return invalidReply(submission);
  const { startsOn, endsOn, ...rest } = submission.value;
  try {
    const id = createSession({
      actor: actorFrom(context),
      input: { ...rest, startsAt: vnDayStart(startsOn), endsAt: endsOn ? vnDayStart(endsOn) : null },
    });
    return redirect(`/sessions/${id}`, { headers: await toastHeaders({ kind: "success", message: "meetings.created", params: { title: rest.title } }) });
  } catch (error) {
    return errorReply(submission, error, context.locale);
  }
}

export default function NewSessionPage() {
  const { bodies, terms } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "new-session",
    lastResult: useActionData<typeof action>()?.result,
    defaultValue: { kind: "regular", bodyId: bodies.find((b) => b.kind === "council")?.id, termId: terms.at(-1)?.id },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: sessionSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  return (
    <section className="card">
      <h1>{t("meetings.newSession")}</h1>
      <AppForm form={form}>
        <SessionFields fields={fields} bodies={bodies} terms={terms} />
        <button type="submit" className="button" disabled={navigation.state === "submitting"}>
          {t("meetings.create")}
        </button>
      </AppForm>
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
