import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { isLocale, localeCookieName } from "~/i18n/i18n";
import { actorFrom } from "~/auth/guards.server";
import { safeRedirect } from "~/auth/safe-redirect";
import { setLocale } from "~/models/user.server";

// The language choice: kept on the user when signed in, in a cookie before that (the login page).
export async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.formData();
  const locale = form.get("locale");
  const target = safeRedirect(form.get("redirectTo"));
  if (!isLocale(locale)) return redirect(target);
  if (context.auth) setLocale({ actor: actorFrom(context), userId: context.auth.user.id, locale });
  return redirect(target, {
    headers: { "Set-Cookie": `${localeCookieName}=${locale}; Path=/; Max-Age=31536000; SameSite=Lax` },
  });
}

export async function loader() {
  return redirect("/");
}
