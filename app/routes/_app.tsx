import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, NavLink, Outlet, useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireAuth } from "~/auth/guards.server";
import { adminPermissions, canAny } from "~/auth/permissions";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { LanguageSwitch } from "~/components/language-switch";
import { ConnectionBanner, RealtimeProvider } from "~/realtime/realtime-provider";
import type { loader as rootLoader } from "~/root";

// The signed-in area: header, navigation, the live connection.
export async function loader({ request, context }: LoaderFunctionArgs) {
  requireAuth(context, request);
  return null;
}

export default function AppLayout() {
  const { t } = useTranslation();
  const user = useRouteLoaderData<typeof rootLoader>("root")?.user;
  if (!user) return null;
  return (
    <RealtimeProvider>
      <a className="skip-link" href="#main">
        {t("nav.skip")}
      </a>
      <header className="app-header">
        <NavLink to="/" className="brand" aria-label={t("app.name")}>
          <span className="brand-mark" aria-hidden="true">PH</span>
          <span>{t("app.name")}</span>
        </NavLink>
        <nav className="main-nav" aria-label={t("nav.label")}>
          <NavLink to="/" end>
            {t("nav.home")}
          </NavLink>
          <NavLink to="/sittings">{t("nav.sittings")}</NavLink>
          <NavLink to="/calendar">{t("nav.calendar")}</NavLink>
          {canAny(user, adminPermissions) ? <NavLink to="/admin">{t("nav.admin")}</NavLink> : null}
          <NavLink to="/account">{t("nav.account")}</NavLink>
        </nav>
        <div className="user-menu">
          <div className="who">
            <span data-testid="current-user">{user.fullName}</span>
            <small>{t(`roles.${user.role}`)}</small>
          </div>
          <Form method="post" action="/logout">
            <button type="submit" className="button secondary">
              {t("nav.logout")}
            </button>
          </Form>
        </div>
      </header>
      <ConnectionBanner />
      <main className="app-main" id="main">
        <Outlet />
      </main>
      <footer className="app-main muted">
        <LanguageSwitch />
      </footer>
    </RealtimeProvider>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
