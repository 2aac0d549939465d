import type { TFunction } from "i18next";
import type { Locale } from "#db/schema";
import { formatDate, vnDayStart } from "~/i18n/format";

// Monday first, as calendars are printed in Vietnam.
export const weekdayKeys = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;

/** "08/12/2026" for a calendar day "2026-12-08". */
export function dayLabel(isoDate: string, locale: Locale) {
  return formatDate(vnDayStart(isoDate), locale);
}

/** "Tháng 12 năm 2026" / "December 2026". */
export function monthTitle(isoDate: string, t: TFunction) {
  const [year, month] = isoDate.split("-").map(Number);
  const monthName = new Intl.DateTimeFormat("en-GB", { month: "long", timeZone: "UTC" }).format(Date.UTC(year, month - 1, 1));
  return t("calendar.monthTitle", { month, year, monthName });
}

/** "Tuần từ 07/12 đến 13/12/2026"; the year is written once when both days share it. */
export function weekTitle(firstDay: string, lastDay: string, locale: Locale, t: TFunction) {
  const from = dayLabel(firstDay, locale);
  const to = dayLabel(lastDay, locale);
  return t("calendar.weekTitle", { from: firstDay.slice(0, 4) === lastDay.slice(0, 4) ? from.slice(0, 5) : from, to });
}

export function calendarHref(view: "week" | "month", date?: string) {
  const params = new URLSearchParams({ view });
  if (date) params.set("date", date);
  return `/calendar?${params}`;
}
