// The meeting calendar (lịch họp): the week and month pages, and each user's private feed (/calendar/<token>.ics).
// Calendar days are Vietnam's (UTC+7, no daylight saving), whatever the server's zone; weeks start on Monday.
import { randomBytes } from "node:crypto";
import ical, { ICalCalendarMethod, ICalEventClass, ICalEventStatus, ICalEventTransparency } from "ical-generator";
import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import { agendaItems, users, type GlobalRole, type Locale } from "#db/schema";
import { can } from "~/auth/permissions";
import { toVnIsoDate, vnDayStart } from "~/i18n/format";
import { getT } from "~/i18n/i18n";
import { AppError } from "./app-error";
import { writeAudit, type Actor } from "./audit.server";
import { db } from "./db.server";
import { listSittingsInRange, listUpcomingSittings } from "./sitting.server";

const dayMs = 24 * 3600_000;

// --- Calendar days ------------------------------------------------------------------------------------------------

export const calendarViews = ["week", "month"] as const;
export type CalendarView = (typeof calendarViews)[number];

/** The day itself ("2026-12-08") when it is a real calendar day between 2000 and 2100; otherwise null. */
export function parseIsoDate(value: string | null | undefined) {
  if (!value || !/^(20\d\d|2100)-\d\d-\d\d$/.test(value)) return null;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value ? value : null;
}

// Day arithmetic on "YYYY-MM-DD" strings, done in UTC so that the server's zone never shifts a day.
export function addDays(isoDate: string, days: number) {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * dayMs).toISOString().slice(0, 10);
}

function addMonths(isoDate: string, months: number) {
  const [year, month] = isoDate.split("-").map(Number);
  return new Date(Date.UTC(year, month - 1 + months, 1)).toISOString().slice(0, 10);
}

/** 0 for Monday (Thứ Hai) … 6 for Sunday (Chủ nhật). */
export function weekdayIndex(isoDate: string) {
  return (new Date(`${isoDate}T00:00:00Z`).getUTCDay() + 6) % 7;
}

export function startOfWeek(isoDate: string) {
  return addDays(isoDate, -weekdayIndex(isoDate));
}

/**
 * The days a view shows around `date`, and where "previous" and "next" lead. A month always shows six whole weeks,
 * so the grid keeps its height from month to month and the first days of the next month are always visible.
 */
export function calendarDays({ view, date }: { view: CalendarView; date: string }) {
  if (view === "week") {
    const first = startOfWeek(date);
    return {
      days: Array.from({ length: 7 }, (_, i) => addDays(first, i)),
      previous: addDays(first, -7),
      next: addDays(first, 7),
    };
  }
  const firstOfMonth = `${date.slice(0, 7)}-01`;
  const first = startOfWeek(firstOfMonth);
  return {
    days: Array.from({ length: 42 }, (_, i) => addDays(first, i)),
    previous: addMonths(firstOfMonth, -1),
    next: addMonths(firstOfMonth, 1),
  };
}

export type CalendarSitting = ReturnType<typeof listSittingsInRange>[number];

/**
 * Everything the calendar page shows: the days of the view with the sittings the user may see, each on the day it
 * starts in Vietnam. When the view has none, the next upcoming sitting, so the page can offer to go there.
 */
export function getCalendarView({
  user,
  view,
  date,
  now = new Date(),
}: {
  user: { id: string; role: GlobalRole };
  view: CalendarView;
  date: string | null;
  now?: Date;
}) {
  const today = toVnIsoDate(now);
  const anchor = date ?? today;
  const { days, previous, next } = calendarDays({ view, date: anchor });
  const seeAll = can(user, "read:sitting:any");
  const sittings = listSittingsInRange({
    userId: user.id,
    seeAll,
    from: vnDayStart(days[0]),
    to: vnDayStart(addDays(days[days.length - 1], 1)),
  });
  const byDay = new Map<string, CalendarSitting[]>();
  for (const sitting of sittings) {
    const day = toVnIsoDate(sitting.startsAt);
    byDay.set(day, [...(byDay.get(day) ?? []), sitting]);
  }
  const month = anchor.slice(0, 7);
  const inView = (day: string) => view === "week" || day.startsWith(month);
  const count = sittings.filter((s) => inView(toVnIsoDate(s.startsAt))).length;
  const upcoming = count === 0 ? (listUpcomingSittings({ userId: user.id, seeAll, now, limit: 1 })[0] ?? null) : null;
  return {
    view,
    date: anchor,
    today,
    month,
    previous,
    next,
    // The last days of the neighbouring weeks, for the labels of the week view's links.
    previousLast: addDays(previous, 6),
    nextLast: addDays(next, 6),
    count,
    days: days.map((day) => ({
      date: day,
      weekday: weekdayIndex(day),
      inMonth: inView(day),
      isToday: day === today,
      sittings: byDay.get(day) ?? [],
    })),
    nextSitting: upcoming ? { id: upcoming.id, title: upcoming.title, startsAt: upcoming.startsAt, date: toVnIsoDate(upcoming.startsAt) } : null,
  };
}

export type CalendarDay = ReturnType<typeof getCalendarView>["days"][number];

// --- The private feed's token -------------------------------------------------------------------------------------

const tokenPattern = /^[A-Za-z0-9_-]{32}$/;

function newToken() {
  // 24 random bytes: 32 URL-safe characters.
  return randomBytes(24).toString("base64url");
}

/** The user's feed token, or null while they have not asked for a feed. Reads only. */
export function getCalendarToken(userId: string) {
  const row = db.select({ token: users.calendarToken }).from(users).where(eq(users.id, userId)).get();
  if (!row) throw new AppError("not_found", "errors.userNotFound");
  return row.token;
}

/** The user's feed token, created (and audited) the first time. Submitting twice gives the same token. */
export function getOrCreateCalendarToken({ actor, userId }: { actor: Actor; userId: string }) {
  return db.transaction((tx) => {
    const row = tx.select({ token: users.calendarToken }).from(users).where(eq(users.id, userId)).get();
    if (!row) throw new AppError("not_found", "errors.userNotFound");
    if (row.token) return row.token;
    const token = newToken();
    tx.update(users).set({ calendarToken: token }).where(eq(users.id, userId)).run();
    writeAudit(tx, actor, { action: "calendar.token_create", entityType: "user", entityId: userId });
    return token;
  });
}

/** A new feed token; the old URL stops working at once (subscriptions to it get 404). */
export function rotateCalendarToken({ actor, userId }: { actor: Actor; userId: string }) {
  return db.transaction((tx) => {
    const row = tx.select({ token: users.calendarToken }).from(users).where(eq(users.id, userId)).get();
    if (!row) throw new AppError("not_found", "errors.userNotFound");
    const token = newToken();
    tx.update(users).set({ calendarToken: token }).where(eq(users.id, userId)).run();
    writeAudit(tx, actor, {
      action: "calendar.token_rotate",
      entityType: "user",
      entityId: userId,
      details: { hadToken: row.token != null },
    });
    return token;
  });
}

/** The owner of a feed token, if the token is well formed, known, and its owner not disabled. */
export function findUserByCalendarToken(token: string) {
  if (!tokenPattern.test(token)) return null;
  return (
    db
      .select({ id: users.id, fullName: users.fullName, role: users.role, locale: users.locale })
      .from(users)
      .where(and(eq(users.calendarToken, token), isNull(users.disabledAt)))
      .get() ?? null
  );
}

// --- The feed -----------------------------------------------------------------------------------------------------

export const feedPastDays = 30;
export const feedFutureDays = 365;

/**
 * The user's sittings from 30 days ago to a year ahead as an iCalendar file. Times are written in UTC, which every
 * calendar app shows in its own zone. A closed sitting (họp kín) shows its time and place only: its agenda stays
 * inside the app.
 */
export function buildCalendarFeed({
  user,
  origin,
  now = new Date(),
}: {
  user: { id: string; fullName: string; role: GlobalRole; locale: Locale };
  origin: string;
  now?: Date;
}) {
  const t = getT(user.locale);
  const sittings = listSittingsInRange({
    userId: user.id,
    seeAll: can(user, "read:sitting:any"),
    from: new Date(now.getTime() - feedPastDays * dayMs),
    to: new Date(now.getTime() + feedFutureDays * dayMs),
  });
  const openIds = sittings.filter((s) => !s.closed).map((s) => s.id);
  const agenda = new Map<string, string[]>();
  if (openIds.length > 0) {
    const items = db
      .select({ sittingId: agendaItems.sittingId, title: agendaItems.title })
      .from(agendaItems)
      .where(inArray(agendaItems.sittingId, openIds))
      .orderBy(asc(agendaItems.sittingId), asc(agendaItems.position))
      .all();
    for (const item of items) agenda.set(item.sittingId, [...(agenda.get(item.sittingId) ?? []), item.title]);
  }

  const calendar = ical({
    name: t("calendar.ics.name"),
    description: t("calendar.ics.description", { name: user.fullName }),
    prodId: { company: "PhongHop", product: "Lich hop", language: user.locale.toUpperCase() },
    method: ICalCalendarMethod.PUBLISH,
    ttl: 3600,
  });
  for (const sitting of sittings) {
    const link = `${origin}/sittings/${sitting.id}`;
    const items = agenda.get(sitting.id) ?? [];
    const description = [
      sitting.sessionTitle ? t("calendar.ics.session", { title: sitting.sessionTitle }) : null,
      t("calendar.ics.body", { name: sitting.bodyName }),
      sitting.closed ? t("calendar.ics.closed") : null,
      !sitting.closed && items.length > 0
        ? [t("calendar.ics.agenda"), ...items.map((title, i) => `${i + 1}. ${title}`)].join("\n")
        : null,
      sitting.reply ? t("calendar.ics.reply", { reply: t(`attendance.${sitting.reply}`) }) : null,
      t("calendar.ics.link", { url: link }),
    ]
      .filter(Boolean)
      .join("\n");
    calendar.createEvent({
      id: `${sitting.id}@phonghop`,
      start: sitting.startsAt,
      // A sitting without an end time is shown as one hour long, as calendar apps do for a new event.
      end: sitting.endsAt ?? new Date(sitting.startsAt.getTime() + 3600_000),
      stamp: now,
      summary: sitting.sessionTitle ? `${sitting.title} — ${sitting.sessionTitle}` : sitting.title,
      location: sitting.place ?? null,
      description,
      url: link,
      status: sitting.status === "draft" ? ICalEventStatus.TENTATIVE : ICalEventStatus.CONFIRMED,
      class: sitting.closed ? ICalEventClass.CONFIDENTIAL : ICalEventClass.PUBLIC,
      // A sitting the user said they will miss does not block their time.
      transparency: sitting.reply === "absent" ? ICalEventTransparency.TRANSPARENT : ICalEventTransparency.OPAQUE,
    });
  }
  // RFC 5545 ends every line with CRLF, the last one too; ical-generator leaves the last one bare.
  const text = calendar.toString();
  return text.endsWith("\r\n") ? text : `${text}\r\n`;
}
