import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useLocale } from "~/components/use-user";
import { formatDate, formatTime } from "~/i18n/format";

/** One sitting in a staff list: title, day and time, status. */
export function SittingRow({ sitting }: { sitting: { id: string; title: string; startsAt: string | Date; status: string } }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const startsAt = new Date(sitting.startsAt);
  return (
    <li className="row">
      <Link to={`/sittings/${sitting.id}`}>{sitting.title}</Link>
      <span className="muted">
        {formatDate(startsAt, locale)} {formatTime(startsAt, locale)}
      </span>
      <span className={`badge status-${sitting.status}`}>{t(`meetings.statuses.${sitting.status}`)}</span>
    </li>
  );
}
