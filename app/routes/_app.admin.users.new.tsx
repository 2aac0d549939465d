import { useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { actorFrom, requirePermission } from "~/auth/guards.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { AppForm, InputField } from "~/components/forms";
import { newUserSchema, RoleAndLanguageFields } from "~/components/user-form";
import { errorReply, invalidReply } from "~/forms.server";
import { createUser } from "~/models/user.server";
import { toastHeaders } from "~/toast.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  requirePermission(context, request, "manage:user:any");
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  requirePermission(context, request, "manage:user:any");
  const submission = parseWithZod(await request.formData(), { schema: newUserSchema });
  if (submission.status !== "success") return invalidReply(submission);
  const { password, ...input } = submission.value;
  try {
    const userId = await createUser({ actor: actorFrom(context), input, password });
    return redirect(`/admin/users/${userId}`, {
      headers: await toastHeaders({ kind: "success", message: "admin.users.created", params: { name: input.fullName } }),
    });
  } catch (error) {
    return errorReply(submission, error, context.locale);
  }
}

export default function NewUserPage() {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const lastResult = useActionData<typeof action>()?.result;
  const [form, fields] = useForm({
    id: "new-user",
    lastResult,
    defaultValue: { role: "delegate", locale: "vi" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: newUserSchema }),
    shouldValidate: "onSubmit", shouldRevalidate: "onInput",
  });
  return (
    <section className="card">
      <h1>{t("admin.users.new")}</h1>
      <AppForm form={form}>
        <div className="form-grid">
          <InputField label={t("admin.users.fullName")} meta={fields.fullName} autoComplete="off" />
          <InputField label={t("admin.users.username")} meta={fields.username} autoComplete="off" hint={t("validation.usernameFormat")} />
          <InputField label={t("admin.users.email")} meta={fields.email} type="email" autoComplete="off" />
          <InputField label={t("admin.users.position")} meta={fields.position} />
          <RoleAndLanguageFields fields={fields} />
          <InputField label={t("admin.users.password")} meta={fields.password} type="password" autoComplete="new-password" hint={t("admin.users.passwordHint")} />
        </div>
        <button type="submit" className="button" disabled={navigation.state === "submitting"}>
          {t("admin.users.create")}
        </button>
      </AppForm>
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
