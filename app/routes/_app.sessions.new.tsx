import { useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { sessionKinds } from "#db/schema";
import { actorFrom, requirePermission } from "~/auth/guards.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { AppForm, InputField, SelectField } from "~/components/forms";
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
        <div className="form-grid">
          <SelectField label={t("meetings.fields.body")} meta={fields.bodyId}>
            {bodies.map((b) => (
              <option key={b.id} value={b.id}>
                {b.name}
              </option>
            ))}
          </SelectField>
          <SelectField label={t("meetings.fields.term")} meta={fields.termId}>
            <option value="">{t("meetings.fields.none")}</option>
            {terms.map((term) => (
              <option key={term.id} value={term.id}>
                {term.name}
              </option>
            ))}
          </SelectField>
          <InputField label={t("meetings.fields.number")} meta={fields.number} type="number" />
          <SelectField label={t("meetings.fields.kind")} meta={fields.kind}>
            {sessionKinds.map((k) => (
              <option key={k} value={k}>
                {t(`meetings.kinds.${k}`)}
              </option>
            ))}
          </SelectField>
          <InputField label={t("meetings.fields.sessionTitle")} meta={fields.title} />
          <InputField label={t("meetings.fields.place")} meta={fields.place} />
          <InputField label={t("meetings.fields.startsOn")} meta={fields.startsOn} type="date" />
          <InputField label={t("meetings.fields.endsOn")} meta={fields.endsOn} type="date" />
        </div>
        <button type="submit" className="button" disabled={navigation.state === "submitting"}>
          {t("meetings.create")}
        </button>
      </AppForm>
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
