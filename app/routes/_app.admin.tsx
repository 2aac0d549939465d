import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { NavLink, Outlet } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { forbidden, requireAuth } from "~/auth/guards.server";
import { adminPermissions, can, canAny } from "~/auth/permissions";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useUser } from "~/components/use-user";
import { getT } from "~/i18n/i18n";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user } = requireAuth(context, request);
  if (!canAny(user, adminPermissions)) throw forbidden();
  return { title: getT(context.locale)("admin.pageTitle") };
}

export default function AdminLayout() {
  const { t } = useTranslation();
  const user = useUser();
  return (
    <>
      <nav className="row sub-nav" aria-label={t("admin.title")}>
        {can(user, "manage:user:any") ? (
          <NavLink to="/admin/users" className="button secondary">
            {t("admin.users.title")}
          </NavLink>
        ) : null}
        {can(user, "manage:body:any") ? (
          <NavLink to="/admin/bodies" className="button secondary">
            {t("admin.bodies.title")}
          </NavLink>
        ) : null}
        {can(user, "manage:certificate:any") ? (
          <NavLink to="/admin/certificates" className="button secondary">
            {t("signoff.certificates.nav")}
          </NavLink>
        ) : null}
        {can(user, "read:audit:any") ? (
          <NavLink to="/admin/audit" className="button secondary">
            {t("admin.audit.title")}
          </NavLink>
        ) : null}
      </nav>
      <Outlet />
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
