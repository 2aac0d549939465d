import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { requirePermission } from "~/auth/guards.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useLocale } from "~/components/use-user";
import { formatDateTime, vnDayEndExclusive, vnDayStart } from "~/i18n/format";
import { listAudit, listAuditActions } from "~/models/audit.server";

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional().catch(undefined);
const filterSchema = z.object({
  actor: z.string().max(100).optional().catch(undefined),
  action: z.string().max(100).optional().catch(undefined),
  ip: z.string().max(64).optional().catch(undefined),
  from: day,
  to: day,
  page: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined),
});

export async function loader({ request, context }: LoaderFunctionArgs) {
  requirePermission(context, request, "read:audit:any");
  const filter = filterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const audit = listAudit({
    actor: filter.actor || undefined,
    action: filter.action || undefined,
    ip: filter.ip || undefined,
    from: filter.from ? vnDayStart(filter.from) : undefined,
    to: filter.to ? vnDayEndExclusive(filter.to) : undefined,
    page: filter.page,
  });
  return { ...audit, actions: listAuditActions() };
}

export default function AuditPage() {
  const { rows, total, page, pageCount, actions } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const locale = useLocale();
  const [params] = useSearchParams();
  const pageLink = (n: number) => {
    const next = new URLSearchParams(params);
    next.set("page", String(n));
    return `?${next}`;
  };
  const entityLabel = (type: string) => (i18n.exists(`audit.entities.${type}`) ? t(`audit.entities.${type}`) : type);
  const actionLabel = (action: string) => (i18n.exists(`audit.actions.${action}`) ? t(`audit.actions.${action}`) : action);
  return (
    <>
      <h1>{t("admin.audit.title")}</h1>
      <Form method="get" className="filters" role="search">
        <div className="field">
          <label htmlFor="actor">{t("admin.audit.actor")}</label>
          <input id="actor" name="actor" type="search" placeholder={t("admin.audit.actorSearch")} defaultValue={params.get("actor") ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="action">{t("admin.audit.action")}</label>
          <select id="action" name="action" defaultValue={params.get("action") ?? ""}>
            <option value="">{t("admin.audit.allActions")}</option>
            {actions.map((action) => (
              <option key={action} value={action}>
                {actionLabel(action)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="ip">{t("admin.audit.ip")}</label>
          <input id="ip" name="ip" type="search" defaultValue={params.get("ip") ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="from">{t("admin.audit.fromDate")}</label>
          <input id="from" name="from" type="date" defaultValue={params.get("from") ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="to">{t("admin.audit.toDate")}</label>
          <input id="to" name="to" type="date" defaultValue={params.get("to") ?? ""} />
        </div>
        <button type="submit" className="button secondary">
          {t("admin.users.filter")}
        </button>
      </Form>
      <p className="muted">{t("admin.audit.count", { count: total })}</p>
      {rows.length === 0 ? (
        <p>{t("admin.audit.none")}</p>
      ) : (
        <div className="table-wrap">
          <table data-testid="audit-log">
            <thead>
              <tr>
                <th scope="col">{t("admin.audit.at")}</th>
                <th scope="col">{t("admin.audit.actor")}</th>
                <th scope="col">{t("admin.audit.action")}</th>
                <th scope="col">{t("admin.audit.object")}</th>
                <th scope="col">{t("admin.audit.from")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id}>
                  <td>{formatDateTime(new Date(row.at), locale)}</td>
                  <td>{row.actorName ?? <span className="muted">{t("admin.audit.system")}</span>}</td>
                  <td>{actionLabel(row.action)}</td>
                  <td>
                    {row.entityType === "user" && row.entityId ? (
                      <Link to={`/admin/users/${row.entityId}`}>{entityLabel(row.entityType)}</Link>
                    ) : row.entityType === "body" && row.entityId ? (
                      <Link to={`/admin/bodies/${row.entityId}`}>{entityLabel(row.entityType)}</Link>
                    ) : row.entityType ? (
                      entityLabel(row.entityType)
                    ) : null}
                    {row.details ? (
                      <details>
                        <summary>{t("admin.audit.details")}</summary>
                        <pre className="audit-details">{JSON.stringify(row.details, null, 2)}</pre>
                      </details>
                    ) : null}
                  </td>
                  <td>
                    {row.ip}
                    {row.userAgent ? <div className="muted audit-agent">{row.userAgent}</div> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav className="pagination" aria-label={t("admin.audit.page", { page, pageCount })}>
        {page > 1 ? (
          <Link className="button secondary" to={pageLink(page - 1)}>
            {t("admin.audit.previous")}
          </Link>
        ) : null}
        <span>{t("admin.audit.page", { page, pageCount })}</span>
        {page < pageCount ? (
          <Link className="button secondary" to={pageLink(page + 1)}>
            {t("admin.audit.next")}
          </Link>
        ) : null}
      </nav>
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
