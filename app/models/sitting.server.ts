import { and, asc, eq, gte, inArray, isNull, lt, or } from "drizzle-orm";
import { bodies, participants, sessions, sittings } from "#db/schema";
import { db } from "./db.server";

/**
 * Sittings that have not ended yet which the user may see: those they are invited to, or every sitting for staff
 * who read all of them (`seeAll`, from the permission `read:sitting:any`).
 */
export function listUpcomingSittings({ userId, seeAll, now = new Date(), limit = 10 }: { userId: string; seeAll: boolean; now?: Date; limit?: number }) {
  const notOver = or(
    gte(sittings.endsAt, now),
    and(isNull(sittings.endsAt), gte(sittings.startsAt, new Date(now.getTime() - 12 * 3600_000))),
  );
  const columns = {
    id: sittings.id,
    title: sittings.title,
    startsAt: sittings.startsAt,
    endsAt: sittings.endsAt,
    place: sittings.place,
    status: sittings.status,
    sessionTitle: sessions.title,
    bodyName: bodies.name,
  };
  if (seeAll) {
    return db
      .select({ ...columns, reply: participants.reply })
      .from(sittings)
      .innerJoin(bodies, eq(bodies.id, sittings.bodyId))
      .leftJoin(sessions, eq(sessions.id, sittings.sessionId))
      .leftJoin(participants, and(eq(participants.sittingId, sittings.id), eq(participants.userId, userId)))
      .where(notOver)
      .orderBy(asc(sittings.startsAt))
      .limit(limit)
      .all();
  }
  return db
    .select({ ...columns, reply: participants.reply })
    .from(participants)
    .innerJoin(sittings, eq(sittings.id, participants.sittingId))
    .innerJoin(bodies, eq(bodies.id, sittings.bodyId))
    .leftJoin(sessions, eq(sessions.id, sittings.sessionId))
    .where(and(eq(participants.userId, userId), notOver, or(eq(sittings.status, "published"), eq(sittings.status, "in_progress"))))
    .orderBy(asc(sittings.startsAt))
    .limit(limit)
    .all();
}

/**
 * Sittings between `from` and `to` (by start time) that the user may see, for the calendar: those they take part in,
 * or every sitting for staff who read all (`seeAll`). Drafts are shown only to staff.
 */
export function listSittingsInRange({ userId, seeAll, from, to }: { userId: string; seeAll: boolean; from: Date; to: Date }) {
  const inRange = and(gte(sittings.startsAt, from), lt(sittings.startsAt, to));
  const columns = {
    id: sittings.id,
    title: sittings.title,
    startsAt: sittings.startsAt,
    endsAt: sittings.endsAt,
    place: sittings.place,
    status: sittings.status,
    closed: sittings.closed,
    sessionTitle: sessions.title,
    bodyName: bodies.name,
  };
  if (seeAll) {
    return db
      .select({ ...columns, reply: participants.reply })
      .from(sittings)
      .innerJoin(bodies, eq(bodies.id, sittings.bodyId))
      .leftJoin(sessions, eq(sessions.id, sittings.sessionId))
      .leftJoin(participants, and(eq(participants.sittingId, sittings.id), eq(participants.userId, userId)))
      .where(inRange)
      .orderBy(asc(sittings.startsAt))
      .all();
  }
  return db
    .select({ ...columns, reply: participants.reply })
    .from(participants)
    .innerJoin(sittings, eq(sittings.id, participants.sittingId))
    .innerJoin(bodies, eq(bodies.id, sittings.bodyId))
    .leftJoin(sessions, eq(sessions.id, sittings.sessionId))
    .where(and(eq(participants.userId, userId), inRange, inArray(sittings.status, ["published", "in_progress", "ended"])))
    .orderBy(asc(sittings.startsAt))
    .all();
}
