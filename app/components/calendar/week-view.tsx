import { useTranslation } from "react-i18next";
import { useLocale } from "~/components/use-user";
import type { CalendarDay } from "~/models/calendar.server";
import { dayLabel, weekdayKeys } from "./labels";
import { SittingCard } from "./sitting-card";

/** Seven days, Monday first, each under its own heading with the day's sittings in order of time. */
export function WeekView({ days, labelledBy }: { days: CalendarDay[]; labelledBy: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <ol className="cal-week" aria-labelledby={labelledBy} data-testid="calendar-week">
      {days.map((day) => {
        const label = dayLabel(day.date, locale);
        const weekend = day.weekday >= 5;
        return (
          <li
            key={day.date}
            className={`cal-day${day.isToday ? " is-today" : ""}${weekend ? " is-weekend" : ""}${day.sittings.length ? "" : " is-empty"}`}
            aria-current={day.isToday ? "date" : undefined}
            data-date={day.date}
          >
            <div className="cal-day-head">
              <h3 className="cal-day-heading">
                <span className="cal-day-name">{t(`calendar.weekdays.${weekdayKeys[day.weekday]}`)}</span>{" "}
                <span className="cal-day-date">
                  {label.slice(0, 5)}
                  <span className="cal-day-year">{label.slice(5)}</span>
                </span>
              </h3>
              {day.isToday ? <span className="cal-today-badge">{t("calendar.today")}</span> : null}
            </div>
            {day.sittings.length > 0 ? (
              <ul className="cal-day-sittings">
                {day.sittings.map((sitting) => (
                  <li key={sitting.id}>
                    <SittingCard sitting={sitting} />
                  </li>
                ))}
              </ul>
            ) : (
              <p className="cal-day-empty">{t("calendar.noSittingsDay")}</p>
            )}
          </li>
        );
      })}
    </ol>
  );
}
