import { useTranslation } from "react-i18next";
import { useLocale } from "~/components/use-user";
import type { CalendarDay } from "~/models/calendar.server";
import { dayLabel, weekdayKeys } from "./labels";
import { SittingChip } from "./sitting-card";

/** Six weeks as a table: a column per weekday (Thứ Hai … Chủ nhật), a row per week. */
export function MonthView({ days, caption }: { days: CalendarDay[]; caption: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const weeks = Array.from({ length: Math.ceil(days.length / 7) }, (_, i) => days.slice(i * 7, i * 7 + 7));
  return (
    <div className="cal-month-wrap">
      <table className="cal-month" data-testid="calendar-month">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {weekdayKeys.map((key, i) => (
              <th key={key} scope="col" className={i >= 5 ? "is-weekend" : undefined}>
                <span className="cal-wd-long">{t(`calendar.weekdays.${key}`)}</span>
                <span className="cal-wd-short" aria-hidden="true">
                  {t(`calendar.weekdaysShort.${key}`)}
                </span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeks.map((week) => (
            <tr key={week[0].date}>
              {week.map((day) => {
                const dayNumber = Number(day.date.slice(8));
                const className = [
                  "cal-cell",
                  day.inMonth ? "" : "is-outside",
                  day.isToday ? "is-today" : "",
                  day.weekday >= 5 ? "is-weekend" : "",
                ]
                  .filter(Boolean)
                  .join(" ");
                return (
                  <td key={day.date} className={className} aria-current={day.isToday ? "date" : undefined} data-date={day.date}>
                    <div className="cal-cell-head">
                      <span className="cal-cell-num" aria-hidden="true">
                        {dayNumber === 1 ? `${dayNumber}/${Number(day.date.slice(5, 7))}` : dayNumber}
                      </span>
                      <span className="visually-hidden">
                        {dayLabel(day.date, locale)}
                        {day.isToday ? `, ${t("calendar.today")}` : ""}
                      </span>
                    </div>
                    {day.sittings.length > 0 ? (
                      <ul className="cal-chips">
                        {day.sittings.map((sitting) => (
                          <li key={sitting.id}>
                            <SittingChip sitting={sitting} />
                          </li>
                        ))}
                      </ul>
                    ) : null}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
