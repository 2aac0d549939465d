import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { globalRoles } from "#db/schema";
import { requirePermission } from "~/auth/guards.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { listUsers } from "~/models/user.server";

const filterSchema = z.object({
  q: z.string().max(100).optional().catch(undefined),
  role: z.enum(globalRoles).optional().catch(undefined),
  status: z.enum(["active", "disabled"]).optional().catch(undefined),
});

export async function loader({ request, context }: LoaderFunctionArgs) {
  requirePermission(context, request, "manage:user:any");
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const filter = filterSchema.parse(params);
  return { users: listUsers({ query: filter.q, role: filter.role, status: filter.status }) };
}

export default function UsersPage() {
  const { users } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const [params] = useSearchParams();
  return (
    <>
      <div className="page-header">
        <h1>{t("admin.users.title")}</h1>
        <Link to="/admin/users/new" className="button">
          {t("admin.users.new")}
        </Link>
      </div>
      <Form method="get" className="filters" role="search">
        <div className="field">
          <label htmlFor="q">{t("admin.users.search")}</label>
          <input id="q" name="q" type="search" defaultValue={params.get("q") ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="role">{t("admin.users.role")}</label>
          <select id="role" name="role" defaultValue={params.get("role") ?? ""}>
            <option value="">{t("admin.users.allRoles")}</option>
            {globalRoles.map((role) => (
              <option key={role} value={role}>
                {t(`roles.${role}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="status">{t("admin.users.status")}</label>
          <select id="status" name="status" defaultValue={params.get("status") ?? ""}>
            <option value="">{t("admin.users.allStatuses")}</option>
            <option value="active">{t("admin.users.active")}</option>
            <option value="disabled">{t("admin.users.disabled")}</option>
          </select>
        </div>
        <button type="submit" className="button secondary">
          {t("admin.users.filter")}
        </button>
      </Form>
      <p className="muted">{t("admin.users.count", { count: users.length })}</p>
      {users.length === 0 ? (
        <p>{t("admin.users.none")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("admin.users.fullName")}</th>
                <th scope="col">{t("admin.users.username")}</th>
                <th scope="col">{t("admin.users.position")}</th>
                <th scope="col">{t("admin.users.role")}</th>
                <th scope="col">{t("admin.users.status")}</th>
              </tr>
            </thead>
            <tbody>
              {users.map((user) => (
                <tr key={user.id}>
                  <td>
                    <Link to={`/admin/users/${user.id}`}>{user.fullName}</Link>
                  </td>
                  <td>{user.username}</td>
                  <td>{user.position}</td>
                  <td>{t(`roles.${user.role}`)}</td>
                  <td>
                    {user.disabledAt ? (
                      <span className="badge danger">{t("admin.users.disabled")}</span>
                    ) : (
                      <span className="badge success">{t("admin.users.active")}</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
