import type { TFunction } from "i18next";

/** "2 giờ 15 phút" / "45 phút" */
export function formatMinutes(t: TFunction, total: number) {
  const hours = Math.floor(total / 60);
  const minutes = total % 60;
  if (!hours) return t("meetings.agenda.minutes", { count: minutes });
  return minutes ? t("meetings.agenda.hoursMinutes", { hours, minutes }) : t("meetings.agenda.hours", { count: hours });
}
