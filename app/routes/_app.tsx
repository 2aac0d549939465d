import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, NavLink, Outlet, useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireAuth } from "~/auth/guards.server";
import { adminPermissions, canAny } from "~/auth/permissions";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { LanguageSwitch } from "~/components/language-switch";
import { LiveNotifications } from "~/components/live-notifications";
import { ConnectionBanner, RealtimeProvider } from "~/realtime/realtime-provider";
import type { loader as rootLoader } from "~/root";

// The signed-in area: header, navigation, the live connection.
export async function loader({ request, context }: LoaderFunctionArgs) {
  requireAuth(context, request);
  return null;
}

export default function AppLayout() {
  const { t } = useTranslation();
  const root = useRouteLoaderData<typeof rootLoader>("root");
  const user = root?.user;
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
          {canAny(user, ["sign:document:any", "manage:document:any"]) ? (
            <NavLink to="/signoffs" className="bell" aria-label={root.pendingSignoffs ? `${t("signoff.nav")}: ${t("signoff.pendingForMe")} ${root.pendingSignoffs}` : undefined}>
              {t("signoff.nav")}
              {root.pendingSignoffs ? <span className="count" data-testid="pending-signoffs">{root.pendingSignoffs}</span> : null}
            </NavLink>
          ) : null}
          <NavLink to="/verify">{t("signoff.verify.nav")}</NavLink>
          {canAny(user, adminPermissions) ? <NavLink to="/admin">{t("nav.admin")}</NavLink> : null}
          <NavLink to="/notes">{t("annotations.mine.title")}</NavLink>
          <NavLink to="/search">{t("nav.search")}</NavLink>
          <NavLink to="/account">{t("nav.account")}</NavLink>
          <NavLink to="/notifications" className="bell" aria-label={t("meetings.notifications.unread", { count: root.unread })}>
            {t("meetings.notifications.title")}
            {root.unread ? <span className="count" data-testid="unread-count">{root.unread}</span> : null}
          </NavLink>
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
      <LiveNotifications />
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
