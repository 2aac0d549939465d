import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { agendaItems, auditLog, bodies, participants, sessions, sittings } from "#db/schema";
import {
  buildCalendarFeed,
  calendarDays,
  findUserByCalendarToken,
  getCalendarToken,
  getCalendarView,
  getOrCreateCalendarToken,
  parseIsoDate,
  rotateCalendarToken,
  startOfWeek,
} from "./calendar.server";
import { db } from "./db.server";
import { createUser, setUserDisabled } from "./user.server";

// Calendar days are Vietnam's whatever the server's zone: run this file in a zone far from UTC+7 (Node applies a
// change of TZ at once).
process.env.TZ = "America/Los_Angeles";

const actor = { userId: null };

async function makeUser(username: string, role: "delegate" | "secretary" = "delegate") {
  return createUser({ actor, input: { username, fullName: `Người ${username}`, role }, password: "mat-khau-du-dai" });
}

function auditCount(action: string, userId: string) {
  return db.select().from(auditLog).where(and(eq(auditLog.action, action), eq(auditLog.entityId, userId))).all().length;
}

describe("calendar days (Monday first, in Vietnam)", () => {
  test("only real calendar days are accepted", () => {
    expect(parseIsoDate("2026-12-08")).toBe("2026-12-08");
    expect(parseIsoDate("2026-02-30")).toBeNull();
    expect(parseIsoDate("2026-12-8")).toBeNull();
    expect(parseIsoDate("08/12/2026")).toBeNull();
    expect(parseIsoDate("1899-12-08")).toBeNull();
    expect(parseIsoDate(null)).toBeNull();
  });

  test("a week runs from Thứ Hai to Chủ nhật", () => {
    expect(startOfWeek("2026-12-08")).toBe("2026-12-07"); // Tuesday → Monday
    expect(startOfWeek("2026-12-13")).toBe("2026-12-07"); // Sunday belongs to the week before
    expect(startOfWeek("2026-12-14")).toBe("2026-12-14");
    const week = calendarDays({ view: "week", date: "2026-12-31" });
    expect(week.days).toEqual(["2026-12-28", "2026-12-29", "2026-12-30", "2026-12-31", "2027-01-01", "2027-01-02", "2027-01-03"]);
    expect(week.previous).toBe("2026-12-21");
    expect(week.next).toBe("2027-01-04");
  });

  test("a month is six whole weeks around it", () => {
    const month = calendarDays({ view: "month", date: "2026-12-08" });
    expect(month.days).toHaveLength(42);
    expect(month.days[0]).toBe("2026-11-30");
    expect(month.days[41]).toBe("2027-01-10");
    expect(month.previous).toBe("2026-11-01");
    expect(month.next).toBe("2027-01-01");
    // February 2027 starts on a Monday: the grid starts on the 1st.
    expect(calendarDays({ view: "month", date: "2027-02-15" }).days[0]).toBe("2027-02-01");
  });
});

describe("the private feed's token", async () => {
  const userId = await makeUser("lich1");

  test("is created once, on request, and audited", () => {
    expect(getCalendarToken(userId)).toBeNull();
    const token = getOrCreateCalendarToken({ actor: { userId }, userId });
    expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(getOrCreateCalendarToken({ actor: { userId }, userId })).toBe(token);
    expect(getCalendarToken(userId)).toBe(token);
    expect(auditCount("calendar.token_create", userId)).toBe(1);
    expect(findUserByCalendarToken(token)).toMatchObject({ id: userId, role: "delegate", locale: "vi" });
  });

  test("rotating it revokes the old URL", () => {
    const old = getOrCreateCalendarToken({ actor: { userId }, userId });
    const fresh = rotateCalendarToken({ actor: { userId }, userId });
    expect(fresh).not.toBe(old);
    expect(findUserByCalendarToken(old)).toBeNull();
    expect(findUserByCalendarToken(fresh)?.id).toBe(userId);
    expect(auditCount("calendar.token_rotate", userId)).toBe(1);
  });

  test("unknown, malformed and disabled users' tokens find no one", async () => {
    expect(findUserByCalendarToken("x".repeat(32))).toBeNull();
    expect(findUserByCalendarToken("")).toBeNull();
    expect(findUserByCalendarToken("../../etc/passwd")).toBeNull();
    const other = await makeUser("lich2");
    const token = getOrCreateCalendarToken({ actor, userId: other });
    setUserDisabled({ actor, userId: other, disabled: true });
    expect(findUserByCalendarToken(token)).toBeNull();
  });
});

// --- A small council with sittings around December 2026 ----------------------------------------------------------

const at = (iso: string) => new Date(iso);

async function seedCouncil() {
  const delegate = await makeUser("daibieu");
  const outsider = await makeUser("ngoai");
  const secretary = await makeUser("thuky", "secretary");
  const bodyId = randomUUID();
  db.insert(bodies).values({ id: bodyId, name: "HĐND tỉnh Thử", kind: "council" }).run();
  const sessionId = randomUUID();
  db.insert(sessions)
    .values({ id: sessionId, bodyId, number: 5, title: "Kỳ họp thứ Năm", kind: "regular", startsAt: at("2026-12-08T08:00:00+07:00"), status: "published" })
    .run();
  const place = "Hội trường HĐND tỉnh, số 1 đường Trần Hưng Đạo; tầng 2";
  const sitting = (values: { title: string; startsAt: string; endsAt?: string; closed?: boolean; status?: "draft" | "published"; invite?: string[]; reply?: "attending" | "absent" }) => {
    const id = randomUUID();
    db.insert(sittings)
      .values({
        id,
        sessionId,
        bodyId,
        title: values.title,
        startsAt: at(values.startsAt),
        endsAt: values.endsAt ? at(values.endsAt) : null,
        place,
        closed: values.closed ?? false,
        status: values.status ?? "published",
      })
      .run();
    for (const userId of values.invite ?? [delegate]) {
      db.insert(participants).values({ sittingId: id, userId, role: "member", reply: values.reply ?? "pending" }).run();
    }
    return id;
  };
  const opening = sitting({ title: "Phiên khai mạc", startsAt: "2026-12-08T08:00:00+07:00", endsAt: "2026-12-08T11:30:00+07:00", reply: "attending" });
  db.insert(agendaItems)
    .values([
      { id: randomUUID(), sittingId: opening, position: 2, title: "Báo cáo thẩm tra, kiến nghị; kết luận" },
      { id: randomUUID(), sittingId: opening, position: 1, title: "Chào cờ; khai mạc kỳ họp" },
    ])
    .run();
  const closed = sitting({ title: "Phiên họp kín về công tác cán bộ", startsAt: "2026-12-09T14:00:00+07:00", endsAt: "2026-12-09T16:00:00+07:00", closed: true });
  db.insert(agendaItems).values({ id: randomUUID(), sittingId: closed, position: 1, title: "Miễn nhiệm Ủy viên UBND tỉnh" }).run();
  // 06:30 on Monday in Vietnam is still Sunday in UTC: it belongs to the next week.
  const earlyMonday = sitting({ title: "Họp Tổ đại biểu", startsAt: "2026-12-14T06:30:00+07:00" });
  const draft = sitting({ title: "Phiên dự kiến", startsAt: "2026-12-10T08:00:00+07:00", status: "draft" });
  const notInvited = sitting({ title: "Họp Ban Pháp chế", startsAt: "2026-12-10T14:00:00+07:00", invite: [outsider] });
  const longAgo = sitting({ title: "Phiên cũ", startsAt: "2026-09-01T08:00:00+07:00" });
  return { delegate, secretary, opening, closed, earlyMonday, draft, notInvited, longAgo };
}

const council = await seedCouncil();

describe("the calendar of a user", () => {
  const delegate = { id: council.delegate, role: "delegate" as const };
  const now = at("2026-12-08T09:00:00+07:00");

  test("the week shows the sittings the user takes part in, each on its day in Vietnam", () => {
    const week = getCalendarView({ user: delegate, view: "week", date: "2026-12-10", now });
    expect(week.days.map((d) => d.date)).toEqual(["2026-12-07", "2026-12-08", "2026-12-09", "2026-12-10", "2026-12-11", "2026-12-12", "2026-12-13"]);
    const byDay = Object.fromEntries(week.days.map((d) => [d.date, d.sittings.map((s) => s.title)]));
    expect(byDay["2026-12-08"]).toEqual(["Phiên khai mạc"]);
    expect(byDay["2026-12-09"]).toEqual(["Phiên họp kín về công tác cán bộ"]);
    expect(byDay["2026-12-10"]).toEqual([]); // a draft and a sitting of others
    expect(byDay["2026-12-13"]).toEqual([]);
    expect(week.count).toBe(2);
    expect(week.days.find((d) => d.isToday)?.date).toBe("2026-12-08");
    expect(week.days[1].sittings[0].reply).toBe("attending");
    expect(week.previous).toBe("2026-11-30");
    expect(week.next).toBe("2026-12-14");

    const next = getCalendarView({ user: delegate, view: "week", date: "2026-12-14", now });
    expect(next.days[0].sittings.map((s) => s.title)).toEqual(["Họp Tổ đại biểu"]);
  });

  test("staff see every sitting, drafts included", () => {
    const week = getCalendarView({ user: { id: council.secretary, role: "secretary" }, view: "week", date: "2026-12-10", now });
    expect(week.days[3].sittings.map((s) => s.title)).toEqual(["Phiên dự kiến", "Họp Ban Pháp chế"]);
  });

  test("the month counts only its own days; an empty view points to the next sitting", () => {
    expect(getCalendarView({ user: delegate, view: "month", date: "2026-12-01", now }).count).toBe(3);
    const empty = getCalendarView({ user: delegate, view: "week", date: "2026-11-25", now: at("2026-11-24T09:00:00+07:00") });
    expect(empty.count).toBe(0);
    expect(empty.nextSitting).toMatchObject({ id: council.opening, date: "2026-12-08" });
  });
});

// --- The iCalendar text -------------------------------------------------------------------------------------------

/** Unfolds the lines and reads each VEVENT as property name → value (the first of each). */
function parseEvents(text: string) {
  const lines = text.replace(/\r\n[ \t]/g, "").split("\r\n");
  const events: Record<string, string>[] = [];
  let current: Record<string, string> | null = null;
  for (const line of lines) {
    if (line === "BEGIN:VEVENT") current = {};
    else if (line === "END:VEVENT" && current) {
      events.push(current);
      current = null;
    } else if (current) {
      const colon = line.indexOf(":");
      const name = line.slice(0, colon).split(";")[0];
      current[name] ??= line.slice(colon + 1);
    }
  }
  return events;
}

describe("the feed", () => {
  const user = { id: council.delegate, fullName: "Người daibieu", role: "delegate" as const, locale: "vi" as const };
  const now = at("2026-11-24T10:00:00+07:00");
  const text = buildCalendarFeed({ user, origin: "https://phonghop.lamha.gov.vn", now });
  const events = parseEvents(text);
  const event = (id: string) => events.find((e) => e.UID === `${id}@phonghop`);

  test("is a calendar named in the user's language, with one event per sitting of theirs", () => {
    expect(text.startsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")).toBe(true);
    expect(text.endsWith("END:VCALENDAR\r\n")).toBe(true);
    expect(text).toContain("X-WR-CALNAME:Lịch họp — PhòngHọp");
    // Published sittings the user is invited to; not the draft, not others', not three months ago.
    expect(events.map((e) => e.UID).sort()).toEqual([council.opening, council.closed, council.earlyMonday].map((id) => `${id}@phonghop`).sort());
    for (const line of text.split("\r\n")) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
  });

  test("08:00 in Vietnam is 01:00 UTC", () => {
    const opening = event(council.opening)!;
    expect(opening.DTSTART).toBe("20261208T010000Z");
    expect(opening.DTEND).toBe("20261208T043000Z");
    // No end time: one hour.
    expect(event(council.earlyMonday)!.DTSTART).toBe("20261213T233000Z");
    expect(event(council.earlyMonday)!.DTEND).toBe("20261214T003000Z");
  });

  test("text is escaped: commas, semicolons and line breaks", () => {
    const opening = event(council.opening)!;
    expect(opening.SUMMARY).toBe("Phiên khai mạc — Kỳ họp thứ Năm");
    expect(opening.LOCATION).toBe("Hội trường HĐND tỉnh\\, số 1 đường Trần Hưng Đạo\\; tầng 2");
    expect(opening.DESCRIPTION).toContain("Chương trình:\\n1. Chào cờ\\; khai mạc kỳ họp\\n2. Báo cáo thẩm tra\\, kiến nghị\\; kết luận");
    expect(opening.DESCRIPTION).toContain("Trả lời của bạn: Sẽ tham dự");
    expect(opening.DESCRIPTION).toContain(`https://phonghop.lamha.gov.vn/sittings/${council.opening}`);
    expect(opening.URL).toBe(`https://phonghop.lamha.gov.vn/sittings/${council.opening}`);
    expect(opening.STATUS).toBe("CONFIRMED");
  });

  test("a closed sitting keeps its agenda inside the app", () => {
    const closed = event(council.closed)!;
    expect(closed.CLASS).toBe("CONFIDENTIAL");
    expect(closed.DESCRIPTION).toContain("Họp kín");
    expect(text).not.toContain("Miễn nhiệm");
  });

  test("follows the user's language", () => {
    const english = buildCalendarFeed({ user: { ...user, locale: "en" }, origin: "https://x", now });
    expect(english).toContain("X-WR-CALNAME:Meeting calendar — PhòngHọp");
    expect(english).toContain("Your reply: Will attend");
  });
});
