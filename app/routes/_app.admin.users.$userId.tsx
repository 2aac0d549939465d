import { useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { actorFrom, requirePermission } from "~/auth/guards.server";
import { passwordSchema } from "~/auth/password-schema";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { AppForm, FormErrors, InputField } from "~/components/forms";
import { useLocale } from "~/components/use-user";
import { RoleAndLanguageFields, userFields } from "~/components/user-form";
import { errorReply, invalidReply } from "~/forms.server";
import { formatDate } from "~/i18n/format";
import { throwHttp } from "~/http-errors.server";
import { listUserMemberships } from "~/models/body.server";
import { getUser, resetPassword, setUserDisabled, updateUser } from "~/models/user.server";
import { endUserConnections, refreshUserConnections } from "~/realtime/server.server";
import { toastHeaders } from "~/toast.server";

const schema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("update"), ...userFields }),
  z.object({ intent: z.literal("set-disabled"), disabled: z.enum(["true", "false"]) }),
  z.object({ intent: z.literal("reset-password"), password: passwordSchema }),
]);

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  requirePermission(context, request, "manage:user:any");
  const user = throwHttp(() => getUser(params.userId ?? ""));
  return { user, memberships: listUserMemberships(user.id, new Date()) };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  requirePermission(context, request, "manage:user:any");
  const userId = params.userId ?? "";
  const submission = parseWithZod(await request.formData(), { schema });
  if (submission.status !== "success") {
    return invalidReply(submission, { intent: String(submission.payload.intent ?? "") });
  }
  const actor = actorFrom(context);
  const value = submission.value;
  try {
    switch (value.intent) {
      case "update": {
        const { intent: _, ...input } = value;
        updateUser({ actor, userId, input });
        // A new role takes effect on their open pages too: their sockets reconnect and rejoin with fresh rights.
        refreshUserConnections(userId);
        return redirect(`/admin/users/${userId}`, { headers: await toastHeaders({ kind: "success", message: "admin.users.saved" }) });
      }
      case "set-disabled": {
        const disabled = value.disabled === "true";
        setUserDisabled({ actor, userId, disabled });
        if (disabled) endUserConnections(userId, "disabled");
        const { fullName } = getUser(userId);
        return redirect(`/admin/users/${userId}`, {
          headers: await toastHeaders({
            kind: "success",
            message: disabled ? "admin.users.disabledToast" : "admin.users.enabledToast",
            params: { name: fullName },
          }),
        });
      }
      case "reset-password": {
        await resetPassword({ actor, userId, password: value.password });
        endUserConnections(userId, "password_reset");
        const { fullName } = getUser(userId);
        return redirect(`/admin/users/${userId}`, {
          headers: await toastHeaders({ kind: "success", message: "admin.users.resetDone", params: { name: fullName } }),
        });
      }
    }
  } catch (error) {
    return errorReply(submission, error, context.locale, { intent: value.intent as string });
  }
}

export default function EditUserPage() {
  const { user, memberships } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const locale = useLocale();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const [form, fields] = useForm({
    id: "edit-user",
    lastResult: actionData?.intent === "update" ? actionData.result : undefined,
    defaultValue: {
      fullName: user.fullName,
      email: user.email ?? "",
      position: user.position ?? "",
      role: user.role,
      locale: user.locale,
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    shouldValidate: "onSubmit", shouldRevalidate: "onInput",
  });
  const [resetForm, resetFields] = useForm({
    id: "reset-password",
    lastResult: actionData?.intent === "reset-password" ? actionData.result : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    shouldValidate: "onSubmit", shouldRevalidate: "onInput",
  });
  const disableErrors = actionData?.intent === "set-disabled" ? actionData.result.error?.[""] : undefined;

  return (
    <>
      <div className="page-header">
        <div>
          <p className="muted breadcrumb">
            <Link to="/admin/users">{t("admin.users.title")}</Link>
          </p>
          <h1>
            {user.fullName}{" "}
            {user.disabledAt ? <span className="badge danger">{t("admin.users.disabled")}</span> : null}
          </h1>
          <p className="muted">{user.username}</p>
        </div>
      </div>
      <div className="grid">
        <section className="card" aria-labelledby="edit-heading">
          <h2 id="edit-heading">{t("admin.users.edit")}</h2>
          <AppForm form={form} intent="update">
            <InputField label={t("admin.users.fullName")} meta={fields.fullName} />
            <InputField label={t("admin.users.email")} meta={fields.email} type="email" />
            <InputField label={t("admin.users.position")} meta={fields.position} />
            <RoleAndLanguageFields fields={fields} />
            <button type="submit" className="button" disabled={busy}>
              {t("admin.users.save")}
            </button>
          </AppForm>
        </section>
        <div>
          <section className="card" aria-labelledby="status-heading">
            <h2 id="status-heading">{t("admin.users.status")}</h2>
            <p className="muted">{t("admin.users.disableHint")}</p>
            <FormErrors errors={disableErrors} />
            <Form method="post">
              <input type="hidden" name="intent" value="set-disabled" />
              <input type="hidden" name="disabled" value={user.disabledAt ? "false" : "true"} />
              <button type="submit" className={user.disabledAt ? "button" : "button danger"} disabled={busy}>
                {user.disabledAt ? t("admin.users.enable") : t("admin.users.disable")}
              </button>
            </Form>
          </section>
          <section className="card" aria-labelledby="reset-heading">
            <h2 id="reset-heading">{t("admin.users.resetPassword")}</h2>
            <AppForm form={resetForm} intent="reset-password">
              <InputField label={t("admin.users.newPassword")} meta={resetFields.password} type="password" autoComplete="new-password" hint={t("admin.users.passwordHint")} />
              <button type="submit" className="button secondary" disabled={busy}>
                {t("admin.users.resetPassword")}
              </button>
            </AppForm>
          </section>
          <section className="card" aria-labelledby="memberships-heading">
            <h2 id="memberships-heading">{t("admin.users.memberships")}</h2>
            {memberships.length === 0 ? (
              <p className="muted">{t("admin.bodies.noMembers")}</p>
            ) : (
              <ul className="list">
                {memberships.map((m) => (
                  <li key={`${m.bodyId}-${m.role}`}>
                    <Link to={`/admin/bodies/${m.bodyId}`}>{m.bodyName}</Link>
                    <div className="muted">{m.title ?? t(`bodyRoles.${m.role}`)}</div>
                  </li>
                ))}
              </ul>
            )}
            <p className="muted">{formatDate(new Date(user.createdAt), locale)}</p>
          </section>
        </div>
      </div>
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
