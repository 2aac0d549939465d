// Dates are stored in UTC and always shown in Vietnam's zone, whatever the device's zone is.
// Vietnam has kept UTC+7 without daylight saving since 1975, so a date input converts with a fixed offset.
import type { Locale } from "#db/schema";

export const timeZone = "Asia/Ho_Chi_Minh";
const intlLocale = { vi: "vi-VN", en: "en-GB" } as const;

export function formatDate(date: Date | null | undefined, locale: Locale) {
  if (!date) return "";
  return new Intl.DateTimeFormat(intlLocale[locale], { timeZone, day: "2-digit", month: "2-digit", year: "numeric" }).format(date);
}

export function formatTime(date: Date, locale: Locale) {
  return new Intl.DateTimeFormat(intlLocale[locale], { timeZone, hour: "2-digit", minute: "2-digit", hour12: false }).format(date);
}

/** "08:30, 01/12/2026" */
export function formatDateTime(date: Date | null | undefined, locale: Locale) {
  if (!date) return "";
  return `${formatTime(date, locale)}, ${formatDate(date, locale)}`;
}

/** "Thứ Ba, 01/12/2026" / "Tuesday, 01/12/2026" */
export function formatLongDate(date: Date, locale: Locale) {
  const weekday = new Intl.DateTimeFormat(intlLocale[locale], { timeZone, weekday: "long" }).format(date);
  return `${weekday.charAt(0).toUpperCase()}${weekday.slice(1)}, ${formatDate(date, locale)}`;
}

export function formatNumber(value: number, locale: Locale, fractionDigits = 0) {
  return new Intl.NumberFormat(intlLocale[locale], {
    minimumFractionDigits: fractionDigits,
    maximumFractionDigits: fractionDigits,
  }).format(value);
}

/** The instant a calendar day ("2026-12-01") begins in Vietnam. */
export function vnDayStart(isoDate: string) {
  return new Date(`${isoDate}T00:00:00+07:00`);
}

/** The calendar day ("2026-12-01") of an instant in Vietnam, for <input type="date">. */
export function toVnIsoDate(date: Date) {
  return new Date(date.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}

/** A last day in office ("đến ngày", inclusive) as the exclusive end instant stored in the database. */
export function vnDayEndExclusive(isoDate: string) {
  return new Date(vnDayStart(isoDate).getTime() + 24 * 3600_000);
}

/**
 * A day chosen as a deadline ("hạn", inclusive) as its last instant in Vietnam (23:59:59.999), as the deadlines of
 * RULES.md 11 are kept: shown as a date, it is the day that was chosen.
 */
export function vnDayLastInstant(isoDate: string) {
  return new Date(vnDayEndExclusive(isoDate).getTime() - 1);
}

/** A Vietnamese wall-clock time on a calendar day ("2026-12-08", "08:00") as an instant. */
export function vnDateTime(isoDate: string, time: string) {
  return new Date(`${isoDate}T${time}:00+07:00`);
}

/** "08:00" in Vietnam for <input type="time">. */
export function toVnTime(date: Date) {
  return new Date(date.getTime() + 7 * 3600_000).toISOString().slice(11, 16);
}
