import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { forbidden, requireAuth } from "~/auth/guards.server";
import { adminPermissions, can, canAny } from "~/auth/permissions";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { listBodiesWithSeats } from "~/models/body.server";
import { listUsers } from "~/models/user.server";

// Loaders run in parallel: this one checks permissions itself rather than trusting the layout's check.
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user } = requireAuth(context, request);
  if (!canAny(user, adminPermissions)) throw forbidden();
  return {
    users: can(user, "manage:user:any") ? listUsers().length : null,
    bodies: can(user, "manage:body:any") ? listBodiesWithSeats(new Date()).length : null,
  };
}

export default function AdminIndex() {
  const { users, bodies } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <>
      <h1>{t("admin.title")}</h1>
      <div className="grid">
        {users !== null ? (
          <Link to="/admin/users" className="card">
            <h2>{t("admin.users.title")}</h2>
            <p>{t("admin.users.count", { count: users })}</p>
          </Link>
        ) : null}
        {bodies !== null ? (
          <Link to="/admin/bodies" className="card">
            <h2>{t("admin.bodies.title")}</h2>
            <p>{t("admin.overview.bodies", { count: bodies })}</p>
          </Link>
        ) : null}
        <Link to="/admin/audit" className="card">
          <h2>{t("admin.audit.title")}</h2>
          <p>{t("admin.overview.audit")}</p>
        </Link>
      </div>
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
