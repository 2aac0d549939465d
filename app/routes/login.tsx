import { useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { createSession } from "~/auth/auth.server";
import { safeRedirect } from "~/auth/safe-redirect";
import { AppForm, InputField } from "~/components/forms";
import { LanguageSwitch } from "~/components/language-switch";
import { invalidReply } from "~/forms.server";
import { getT } from "~/i18n/i18n";
import { readLocaleCookie } from "~/context.server";
import { attemptLogin } from "~/models/login.server";
import { getUser, setLocale } from "~/models/user.server";

const schema = z.object({
  username: z.string({ error: "validation.usernameRequired" }).trim().min(1, "validation.usernameRequired").max(64),
  password: z.string({ error: "validation.passwordRequired" }).min(1, "validation.passwordRequired").max(256),
  redirectTo: z.string().optional(),
});

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ context }: LoaderFunctionArgs) {
  if (context.auth) throw redirect("/");
  return { title: getT(context.locale)("login.pageTitle") };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), { schema });
  if (submission.status !== "success") return invalidReply(submission);
  const { username, password, redirectTo } = submission.value;
  const result = await attemptLogin({ username, password, ip: context.ip, userAgent: context.userAgent });
  if (!result.ok) {
    const t = getT(context.locale);
    const message =
      result.code === "locked"
        ? t("login.locked", { minutes: Math.ceil(result.retryAfterMs / 60_000) })
        : t("login.invalid");
    return data(
      { result: submission.reply({ formErrors: [message], hideFields: ["password"] }) },
      { status: result.code === "locked" ? 429 : 401 },
    );
  }
  // A language picked on the login page becomes the user's choice.
  const chosen = readLocaleCookie(request.headers.get("Cookie"));
  if (chosen && chosen !== getUser(result.userId).locale) {
    setLocale({ actor: { userId: result.userId, ip: context.ip, userAgent: context.userAgent }, userId: result.userId, locale: chosen });
  }
  const { cookie } = await createSession({ userId: result.userId, ip: context.ip, userAgent: context.userAgent });
  return redirect(safeRedirect(redirectTo), { headers: { "Set-Cookie": cookie } });
}

export default function LoginPage() {
  const { t } = useTranslation();
  const lastResult = useActionData<typeof action>()?.result;
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "login",
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  return (
    <main className="login-page" id="main">
      <div className="login-card">
        <h1>{t("app.name")}</h1>
        <p className="subtitle">{t("login.subtitle")}</p>
        <AppForm form={form}>
          <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
          <InputField label={t("login.username")} meta={fields.username} autoComplete="username" autoFocus />
          <InputField label={t("login.password")} meta={fields.password} type="password" autoComplete="current-password" />
          <button type="submit" className="button" disabled={navigation.state === "submitting"}>
            {navigation.state === "submitting" ? t("login.submitting") : t("login.submit")}
          </button>
        </AppForm>
        <LanguageSwitch />
      </div>
    </main>
  );
}
