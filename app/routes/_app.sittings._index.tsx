import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireAuth } from "~/auth/guards.server";
import { can } from "~/auth/permissions";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { SittingRow } from "~/components/sitting-row";
import { useLocale } from "~/components/use-user";
import { formatDate, formatLongDate, formatTime } from "~/i18n/format";
import { getT } from "~/i18n/i18n";
import { listSessions, listSessionSittings } from "~/models/session.server";
import { listUpcomingSittings } from "~/models/sitting.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user } = requireAuth(context, request);
  const manage = can(user, "manage:sitting:any");
  return {
    title: getT(context.locale)("meetings.pageTitle"),
    manage,
    upcoming: listUpcomingSittings({ userId: user.id, seeAll: false, limit: 50 }),
    sessions: manage ? listSessions().map((s) => ({ ...s, sittings: listSessionSittings(s.id) })) : [],
  };
}

export default function SittingsPage() {
  const { upcoming, sessions, manage } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <>
      <div className="page-header">
        <div>
          <h1>{t("meetings.myDocuments")}</h1>
          <p className="muted">{t("meetings.myDocumentsHint")}</p>
        </div>
        {manage ? (
          <div className="row">
            <Link to="/sessions/new" className="button secondary">
              {t("meetings.newSession")}
            </Link>
            <Link to="/sittings/new" className="button">
              {t("meetings.newSitting")}
            </Link>
          </div>
        ) : null}
      </div>
      {upcoming.length === 0 ? (
        <p className="card muted">{t("meetings.noSittings")}</p>
      ) : (
        <ul className="sitting-cards" data-testid="my-sittings">
          {upcoming.map((s) => (
            <li key={s.id}>
              <Link to={`/sittings/${s.id}`} className="card sitting-card">
                <span className="sitting-date">
                  {formatLongDate(new Date(s.startsAt), locale)} · {formatTime(new Date(s.startsAt), locale)}
                  {s.endsAt ? `–${formatTime(new Date(s.endsAt), locale)}` : ""}
                </span>
                <strong className="sitting-title">{s.title}</strong>
                {s.sessionTitle ? <span>{s.sessionTitle}</span> : null}
                {s.place ? <span className="muted">{s.place}</span> : null}
                {s.reply ? <span className={`badge reply-${s.reply}`}>{t(`attendance.${s.reply}`)}</span> : null}
              </Link>
            </li>
          ))}
        </ul>
      )}
      {manage ? (
        <section aria-labelledby="sessions-heading" className="stack">
          <h2 id="sessions-heading">{t("meetings.sessions")}</h2>
          {sessions.map((session) => (
            <div className="card" key={session.id}>
              <div className="page-header">
                <div>
                  <h3>
                    <Link to={`/sessions/${session.id}`}>{session.title}</Link>
                  </h3>
                  <p className="muted">
                    {session.bodyName} · {t(`meetings.kinds.${session.kind}`)} · {formatDate(new Date(session.startsAt), locale)}
                    {session.endsAt ? ` – ${formatDate(new Date(session.endsAt), locale)}` : ""}
                  </p>
                </div>
                <Link to={`/sittings/new?sessionId=${session.id}`} className="button secondary">
                  {t("meetings.newSitting")}
                </Link>
              </div>
              <ul className="list">
                {session.sittings.map((s) => (
              <SittingRow key={s.id} sitting={s} />
            ))}
              </ul>
            </div>
          ))}
        </section>
      ) : null}
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
