import { useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { blankSessionCookie } from "~/auth/auth.server";
import { actorFrom, requireAuth } from "~/auth/guards.server";
import { passwordSchema } from "~/auth/password-schema";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { AppForm, InputField } from "~/components/forms";
import { LanguageSwitch } from "~/components/language-switch";
import { useUser } from "~/components/use-user";
import { errorReply, invalidReply } from "~/forms.server";
import { getT } from "~/i18n/i18n";
import { changeOwnPassword, endAllSessions } from "~/models/user.server";
import { endOtherSessionConnections, endUserConnections } from "~/realtime/server.server";
import { toastHeaders } from "~/toast.server";

const schema = z.discriminatedUnion("intent", [
  z
    .object({
      intent: z.literal("change-password"),
      currentPassword: z.string({ error: "validation.passwordRequired" }).min(1, "validation.passwordRequired"),
      newPassword: passwordSchema,
      confirmPassword: z.string({ error: "validation.passwordRequired" }),
    })
    .refine((v) => v.newPassword === v.confirmPassword, { message: "validation.passwordMismatch", path: ["confirmPassword"] }),
  z.object({ intent: z.literal("logout-everywhere") }),
]);

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  requireAuth(context, request);
  return { title: getT(context.locale)("account.pageTitle") };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user, session } = requireAuth(context, request);
  const submission = parseWithZod(await request.formData(), { schema });
  if (submission.status !== "success") return invalidReply(submission);
  const actor = actorFrom(context);
  if (submission.value.intent === "logout-everywhere") {
    endAllSessions({ actor, userId: user.id });
    endUserConnections(user.id, "logout");
    return redirect("/login", { headers: { "Set-Cookie": blankSessionCookie() } });
  }
  try {
    await changeOwnPassword({
      actor,
      userId: user.id,
      currentSessionId: session.id,
      currentPassword: submission.value.currentPassword,
      newPassword: submission.value.newPassword,
    });
  } catch (error) {
    return errorReply(submission, error, context.locale);
  }
  await endOtherSessionConnections(user.id, session.id);
  return redirect("/account", { headers: await toastHeaders({ kind: "success", message: "account.passwordChanged" }) });
}

export default function AccountPage() {
  const { t } = useTranslation();
  const user = useUser();
  const navigation = useNavigation();
  const lastResult = useActionData<typeof action>()?.result;
  const [form, fields] = useForm({
    id: "change-password",
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    shouldValidate: "onSubmit", shouldRevalidate: "onInput",
  });
  return (
    <>
      <h1>{t("account.title")}</h1>
      <div className="grid">
        <section className="card" aria-labelledby="profile-heading">
          <h2 id="profile-heading">{t("account.profile")}</h2>
          <dl>
            <dt className="muted">{t("admin.users.fullName")}</dt>
            <dd>{user.fullName}</dd>
            <dt className="muted">{t("admin.users.username")}</dt>
            <dd>{user.username}</dd>
            <dt className="muted">{t("admin.users.role")}</dt>
            <dd>{t(`roles.${user.role}`)}</dd>
          </dl>
          <h3>{t("account.language")}</h3>
          <LanguageSwitch />
        </section>
        <section className="card" aria-labelledby="password-heading">
          <h2 id="password-heading">{t("account.changePassword")}</h2>
          <AppForm form={form} intent="change-password">
            <InputField label={t("account.currentPassword")} meta={fields.currentPassword} type="password" autoComplete="current-password" />
            <InputField label={t("account.newPassword")} meta={fields.newPassword} type="password" autoComplete="new-password" hint={t("account.passwordHint")} />
            <InputField label={t("account.confirmPassword")} meta={fields.confirmPassword} type="password" autoComplete="new-password" />
            <button type="submit" className="button" disabled={navigation.state === "submitting"}>
              {t("account.savePassword")}
            </button>
          </AppForm>
        </section>
        <section className="card" aria-labelledby="sessions-heading">
          <h2 id="sessions-heading">{t("account.sessions")}</h2>
          <p className="muted">{t("account.sessionsHint")}</p>
          <Form method="post">
            <input type="hidden" name="intent" value="logout-everywhere" />
            <button type="submit" className="button danger">
              {t("account.logoutEverywhere")}
            </button>
          </Form>
        </section>
      </div>
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
