import { useTranslation } from "react-i18next";
import { LockIcon } from "./icons";

/** What the colours and marks of the calendar mean. Drafts appear only to staff, so only they see that line. */
export function Legend({ showDrafts }: { showDrafts: boolean }) {
  const { t } = useTranslation();
  return (
    <section className="card cal-legend" aria-labelledby="legend-heading">
      <h2 id="legend-heading">{t("calendar.legend.title")}</h2>
      <ul className="cal-legend-list">
        <li>
          <span className="cal-swatch" aria-hidden="true" />
          {t("calendar.legend.sitting")}
        </li>
        <li>
          <span className="cal-swatch is-closed" aria-hidden="true">
            <LockIcon />
          </span>
          {t("calendar.legend.closed")}
        </li>
        {showDrafts ? (
          <li>
            <span className="cal-swatch is-draft" aria-hidden="true" />
            {t("calendar.legend.draft")}
          </li>
        ) : null}
        <li>
          <span className="cal-swatch is-ended" aria-hidden="true" />
          {t("calendar.legend.ended")}
        </li>
      </ul>
      <h3>{t("calendar.legend.replies")}</h3>
      <ul className="cal-legend-replies">
        <li>
          <span className="badge success">{t("attendance.attending")}</span>
        </li>
        <li>
          <span className="badge warning">{t("attendance.pending")}</span>
        </li>
        <li>
          <span className="badge danger">{t("attendance.absent")}</span>
        </li>
      </ul>
      <p className="muted cal-legend-note">{t("calendar.legend.replyHint")}</p>
    </section>
  );
}
