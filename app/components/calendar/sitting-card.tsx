import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useLocale } from "~/components/use-user";
import { formatTime } from "~/i18n/format";
import type { CalendarSitting } from "~/models/calendar.server";
import { ClockIcon, LockIcon, PinIcon } from "./icons";

const replyTone = { attending: "success", absent: "danger", pending: "warning" } as const;

function TimeRange({ sitting }: { sitting: CalendarSitting }) {
  const locale = useLocale();
  const start = new Date(sitting.startsAt);
  const end = sitting.endsAt ? new Date(sitting.endsAt) : null;
  return (
    <>
      <time dateTime={start.toISOString()}>{formatTime(start, locale)}</time>
      {end ? (
        <>
          {"–"}
          <time dateTime={end.toISOString()}>{formatTime(end, locale)}</time>
        </>
      ) : null}
    </>
  );
}

/** The marks of a sitting: closed (họp kín), not yet published / under way / over, and the user's reply. */
function SittingBadges({ sitting }: { sitting: CalendarSitting }) {
  const { t } = useTranslation();
  const status = sitting.status === "published" ? null : sitting.status;
  if (!sitting.closed && !status && !sitting.reply) return null;
  return (
    <span className="cal-badges">
      {sitting.closed ? (
        <span className="badge cal-badge-closed" data-testid="closed-badge">
          <LockIcon />
          {t("calendar.sitting.closed")}
        </span>
      ) : null}
      {status ? <span className={`badge cal-badge-${status}`}>{t(`calendar.sitting.status.${status}`)}</span> : null}
      {sitting.reply ? (
        <span className={`badge ${replyTone[sitting.reply]}`}>
          <span className="visually-hidden">{t("calendar.sitting.reply")}: </span>
          {t(`attendance.${sitting.reply}`)}
        </span>
      ) : null}
    </span>
  );
}

function sittingClass(base: string, sitting: CalendarSitting) {
  return [base, sitting.closed ? "is-closed" : "", sitting.status === "draft" ? "is-draft" : "", sitting.status === "ended" ? "is-ended" : ""]
    .filter(Boolean)
    .join(" ");
}

/** A sitting in the week view: the whole card leads to the sitting. */
export function SittingCard({ sitting }: { sitting: CalendarSitting }) {
  const { t } = useTranslation();
  return (
    <article className={sittingClass("cal-sitting", sitting)} data-testid="calendar-sitting">
      <p className="cal-sitting-time">
        <ClockIcon />
        <TimeRange sitting={sitting} />
      </p>
      <h4 className="cal-sitting-title">
        <Link to={`/sittings/${sitting.id}`} className="cal-stretched">
          {sitting.title}
        </Link>
      </h4>
      {sitting.sessionTitle ? (
        <p className="cal-sitting-session">
          <span className="visually-hidden">{t("calendar.sitting.session")}: </span>
          {sitting.sessionTitle}
        </p>
      ) : null}
      {sitting.place ? (
        <p className="cal-sitting-place">
          <PinIcon />
          <span className="visually-hidden">{t("calendar.sitting.place")}: </span>
          <span>{sitting.place}</span>
        </p>
      ) : null}
      <SittingBadges sitting={sitting} />
    </article>
  );
}

/** A sitting in a month cell: time and title always; session, place and marks where there is room. */
export function SittingChip({ sitting }: { sitting: CalendarSitting }) {
  const { t } = useTranslation();
  return (
    <Link to={`/sittings/${sitting.id}`} className={sittingClass("cal-chip", sitting)} data-testid="calendar-sitting">
      <span className="cal-chip-time">
        <TimeRange sitting={sitting} />
        {sitting.closed ? <LockIcon className="cal-chip-lock" /> : null}
      </span>
      <span className="cal-chip-title">{sitting.title}</span>
      <span className="cal-chip-extra">
        {sitting.sessionTitle ? (
          <span className="cal-chip-session">
            <span className="visually-hidden">{t("calendar.sitting.session")}: </span>
            {sitting.sessionTitle}
          </span>
        ) : null}
        {sitting.place ? (
          <span className="cal-chip-place">
            <span className="visually-hidden">{t("calendar.sitting.place")}: </span>
            {sitting.place}
          </span>
        ) : null}
        <SittingBadges sitting={sitting} />
      </span>
    </Link>
  );
}
