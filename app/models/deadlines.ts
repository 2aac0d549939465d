// RULES.md 11: invitations (and documents) are due a number of days before the sitting — calendar days for a
// council session, working days (Monday–Friday) for an administrative body. Days are counted in Vietnam's zone.
const dayMs = 24 * 3600_000;
const vnOffsetMs = 7 * 3600_000;

function vnMidnight(date: Date) {
  return new Date(Math.floor((date.getTime() + vnOffsetMs) / dayMs) * dayMs - vnOffsetMs);
}

function vnWeekday(date: Date) {
  return new Date(date.getTime() + vnOffsetMs).getUTCDay(); // 0 Sunday … 6 Saturday
}

/**
 * The last moment to send: the start of the day that lies `leadDays` (working) days before the sitting's day.
 * Sending at or before this instant is on time.
 */
export function dueBy({ startsAt, leadDays, workingDays }: { startsAt: Date; leadDays: number; workingDays: boolean }) {
  let day = vnMidnight(startsAt);
  let remaining = leadDays;
  while (remaining > 0) {
    day = new Date(day.getTime() - dayMs);
    if (!workingDays || (vnWeekday(day) !== 0 && vnWeekday(day) !== 6)) remaining--;
  }
  // Due by the end of that day (Vietnam time).
  return new Date(day.getTime() + dayMs - 1);
}

export function isLate(now: Date, deadline: Date) {
  return now.getTime() > deadline.getTime();
}
