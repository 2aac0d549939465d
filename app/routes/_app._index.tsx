import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireAuth } from "~/auth/guards.server";
import { adminPermissions, can, canAny } from "~/auth/permissions";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { formatLongDate, formatTime } from "~/i18n/format";
import { getT } from "~/i18n/i18n";
import { listUserMemberships } from "~/models/body.server";
import { pendingCounts } from "~/models/signoff.server";
import { listUpcomingSittings } from "~/models/sitting.server";
import { useLocale, useUser } from "~/components/use-user";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user } = requireAuth(context, request);
  const now = new Date();
  return {
    title: getT(context.locale)("dashboard.pageTitle"),
    sittings: listUpcomingSittings({ userId: user.id, seeAll: can(user, "read:sitting:any"), now }),
    memberships: listUserMemberships(user.id, now),
    signoffs: can(user, "sign:document:any") ? pendingCounts(user.id) : null,
  };
}

export default function Dashboard() {
  const { sittings, memberships, signoffs } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const locale = useLocale();
  const user = useUser();
  return (
    <>
      <div className="page-header">
        <div>
          <h1>{t("dashboard.greeting", { name: user.fullName })}</h1>
          <p className="muted">
            {t(`roles.${user.role}`)}
            {user.position ? ` · ${user.position}` : ""}
          </p>
        </div>
      </div>
      <div className="grid">
        {signoffs ? (
          <section className="card" aria-labelledby="signoff-heading">
            <h2 id="signoff-heading">{t("signoff.pendingForMe")}</h2>
            <p data-testid="dashboard-signoffs">{t("signoff.pendingCounts", signoffs)}</p>
            <Link to="/signoffs">{t("signoff.title")}</Link>
          </section>
        ) : null}
        <section className="card" aria-labelledby="upcoming-heading">
          <h2 id="upcoming-heading">{t("dashboard.upcoming")}</h2>
          {sittings.length === 0 ? (
            <p className="muted">{t("dashboard.noUpcoming")}</p>
          ) : (
            <ul className="list" data-testid="upcoming-sittings">
              {sittings.map((s) => (
                <li key={s.id}>
                  <strong>{s.title}</strong>
                  {s.sessionTitle ? <div>{s.sessionTitle}</div> : null}
                  <div className="muted">
                    {formatLongDate(new Date(s.startsAt), locale)} · {formatTime(new Date(s.startsAt), locale)}
                    {s.endsAt ? `–${formatTime(new Date(s.endsAt), locale)}` : ""}
                    {s.place ? ` · ${s.place}` : ""}
                  </div>
                  {s.reply ? <span className="badge">{t(`attendance.${s.reply}`)}</span> : null}
                </li>
              ))}
            </ul>
          )}
        </section>
        <section className="card" aria-labelledby="bodies-heading">
          <h2 id="bodies-heading">{t("dashboard.myBodies")}</h2>
          {memberships.length === 0 ? (
            <p className="muted">{t("dashboard.noBodies")}</p>
          ) : (
            <ul className="list">
              {memberships.map((m) => (
                <li key={`${m.bodyId}-${m.role}`}>
                  <strong>{m.bodyName}</strong>
                  <div className="muted">{m.title ?? t(`bodyRoles.${m.role}`)}</div>
                </li>
              ))}
            </ul>
          )}
        </section>
        {canAny(user, adminPermissions) ? (
          <section className="card" aria-labelledby="admin-heading">
            <h2 id="admin-heading">{t("dashboard.adminShortcuts")}</h2>
            <ul className="list">
              <li><Link to="/admin/users">{t("admin.users.title")}</Link></li>
              <li><Link to="/admin/bodies">{t("admin.bodies.title")}</Link></li>
              <li><Link to="/admin/audit">{t("admin.audit.title")}</Link></li>
            </ul>
          </section>
        ) : null}
      </div>
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
