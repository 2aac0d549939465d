import { getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { actorFrom, requirePermission } from "~/auth/guards.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { AppForm, InputField, SelectField, TextareaField } from "~/components/forms";
import { errorReply, invalidReply } from "~/forms.server";
import { throwHttp } from "~/http-errors.server";
import { vnDayLastInstant } from "~/i18n/format";
import { getT } from "~/i18n/i18n";
import { getVersionForReader } from "~/models/document.server";
import { listSigners, sendForSignoff } from "~/models/signoff.server";
import { mayBeNormative } from "~/pdf/official-text";
import { pushNotifications } from "~/realtime/broadcast.server";
import { toastHeaders } from "~/toast.server";

// As many as sign-off takes: up to five reviewers before the signer (signoff.errors.steps says so).
const reviewerSlots = 5;

const leader = z.string().uuid("signoff.errors.notLeader");
const schema = z.object({
  versionId: z.string({ error: "documents.errors.notFound" }).uuid("documents.errors.notFound"),
  reviewer1: leader.optional(),
  reviewer2: leader.optional(),
  reviewer3: leader.optional(),
  reviewer4: leader.optional(),
  reviewer5: leader.optional(),
  signer: z.string({ error: "signoff.errors.steps" }).uuid("signoff.errors.steps"),
  message: z.string().trim().max(2000, "validation.tooLong").optional(),
  deadline: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "validation.date")
    .optional(),
  normative: z.literal("on").optional(),
});

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user } = requirePermission(context, request, "manage:document:any");
  const versionId = new URL(request.url).searchParams.get("versionId") ?? "";
  const version = throwHttp(() => getVersionForReader({ versionId, reader: user }));
  const { document } = version;
  return {
    title: getT(context.locale)("signoff.pageTitle"),
    document: { summary: document.summary, mayBeNormative: mayBeNormative(document.type) },
    version: { id: version.id, version: version.version },
    leaders: listSigners(),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user } = requirePermission(context, request, "manage:document:any");
  const submission = parseWithZod(await request.formData(), { schema });
  if (submission.status !== "success") return invalidReply(submission);
  const value = submission.value;
  try {
    const reviewers = [value.reviewer1, value.reviewer2, value.reviewer3, value.reviewer4, value.reviewer5].filter((id): id is string => Boolean(id));
    const { signoffId, summary, notifications } = sendForSignoff({
      actor: actorFrom(context),
      reader: user,
      versionId: value.versionId,
      steps: [...reviewers.map((userId) => ({ userId, action: "review" as const })), { userId: value.signer, action: "sign" }],
      message: value.message,
      deadline: value.deadline ? vnDayLastInstant(value.deadline) : null,
      normative: value.normative === "on",
    });
    pushNotifications(notifications);
    return redirect(`/signoffs/${signoffId}`, { headers: await toastHeaders({ kind: "success", message: "signoff.sent", params: { summary } }) });
  } catch (error) {
    return errorReply(submission, error, context.locale);
  }
}

export default function SendForSignoff() {
  const { document, version, leaders } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "send-signoff",
    lastResult: useActionData<typeof action>()?.result,
    defaultValue: { versionId: version.id },
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    shouldValidate: "onSubmit",
  });
  const leaderOptions = leaders.map((l) => (
    <option key={l.id} value={l.id}>
      {l.fullName}
      {l.position ? ` — ${l.position}` : ""}
    </option>
  ));
  return (
    <section className="card">
      <h1>{t("signoff.sendTitle")}</h1>
      <p>{t("signoff.sendFor", { summary: document.summary, version: version.version })}</p>
      <AppForm form={form}>
        <input {...getInputProps(fields.versionId, { type: "hidden" })} />
        <fieldset className="stack">
          <legend>{t("signoff.reviewers")}</legend>
          {Array.from({ length: reviewerSlots }, (_, i) => (
            <SelectField key={i} label={t("signoff.reviewer", { n: i + 1 })} meta={fields[`reviewer${i + 1}` as "reviewer1"]}>
              <option value="">{t("signoff.nobody")}</option>
              {leaderOptions}
            </SelectField>
          ))}
        </fieldset>
        <SelectField label={t("signoff.signer")} meta={fields.signer}>
          <option value="">{t("signoff.nobody")}</option>
          {leaderOptions}
        </SelectField>
        <TextareaField label={t("signoff.message")} meta={fields.message} />
        <InputField label={t("signoff.deadline")} meta={fields.deadline} type="date" />
        {document.mayBeNormative ? (
          <label className="choice">
            <input {...getInputProps(fields.normative, { type: "checkbox" })} />
            {t("signoff.normative")}
          </label>
        ) : null}
        <button type="submit" className="button" disabled={navigation.state === "submitting"}>
          {t("signoff.sendButton")}
        </button>
      </AppForm>
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
