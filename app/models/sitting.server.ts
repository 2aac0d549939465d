import { randomUUID } from "node:crypto";
import { and, asc, eq, gte, isNotNull, isNull, lt, ne, or, sql, type SQL } from "drizzle-orm";
import { bodies, checkins, participantRoles, participants, sessions, sittings, users } from "#db/schema";
import { can } from "~/auth/permissions";
import { AppError } from "./app-error";
import { writeAudit, type Actor } from "./audit.server";
import { publishAgendaRevision } from "./agenda.server";
import { membersInOffice } from "./body.server";
import { db, type Tx } from "./db.server";
import { dueBy, isLate } from "./deadlines";
import { nextSeq } from "./live-sitting.server";
import { insertNotifications } from "./notification.server";
import { requireCan, type Reader } from "./reader";

export type { Reader };

export type ParticipantRole = (typeof participantRoles)[number];

/**
 * Sittings that have not ended yet which the user may see: those they are invited to, or every sitting for staff
 * who read all of them (`seeAll`, from the permission `read:sitting:any`).
 */
export function listUpcomingSittings({ userId, seeAll, now = new Date(), limit = 10 }: { userId: string; seeAll: boolean; now?: Date; limit?: number }) {
  const notOver = or(
    gte(sittings.endsAt, now),
    and(isNull(sittings.endsAt), gte(sittings.startsAt, new Date(now.getTime() - 12 * 3600_000))),
  );
  return listVisibleSittings({ userId, seeAll, where: notOver, limit });
}

/** Sittings starting between `from` and `to` that the user may see, for the calendar. */
export function listSittingsInRange({ userId, seeAll, from, to }: { userId: string; seeAll: boolean; from: Date; to: Date }) {
  return listVisibleSittings({ userId, seeAll, where: and(gte(sittings.startsAt, from), lt(sittings.startsAt, to)) });
}

/** The one rule of who sees which sitting in lists: staff see all; others, the published sittings they are invited to. */
function listVisibleSittings({ userId, seeAll, where, limit }: { userId: string; seeAll: boolean; where: SQL | undefined; limit?: number }) {
  const query = db
    .select({
      id: sittings.id,
      title: sittings.title,
      startsAt: sittings.startsAt,
      endsAt: sittings.endsAt,
      place: sittings.place,
      status: sittings.status,
      closed: sittings.closed,
      sessionTitle: sessions.title,
      bodyName: bodies.name,
      reply: participants.reply,
    })
    .from(sittings)
    .innerJoin(bodies, eq(bodies.id, sittings.bodyId))
    .leftJoin(sessions, eq(sessions.id, sittings.sessionId))
    .leftJoin(participants, and(eq(participants.sittingId, sittings.id), eq(participants.userId, userId)))
    .where(and(where, seeAll ? undefined : and(isNotNull(participants.userId), ne(sittings.status, "draft"))))
    .orderBy(asc(sittings.startsAt));
  return limit ? query.limit(limit).all() : query.all();
}

export type SittingInput = {
  sessionId?: string | null;
  bodyId: string;
  title: string;
  startsAt: Date;
  endsAt?: Date | null;
  place?: string | null;
  chairId?: string | null;
  secretaryId?: string | null;
  closed: boolean;
};


/**
 * The sitting as `reader` may see it, or an AppError: staff who read every sitting see all of them; others see a
 * published sitting they take part in. Drafts are the secretaries' work in progress.
 */
export function getSittingForReader({ sittingId, reader }: { sittingId: string; reader: Reader }) {
  // Asked with every live command and every tablet's reload: prepared once.
  readerStatements ??= prepareReaderStatements();
  const row = readerStatements.sitting.get({ sittingId });
  if (!row) throw new AppError("not_found", "meetings.errors.sittingNotFound");
  const participant = readerStatements.participant.get({ sittingId, userId: reader.id }) ?? null;
  const staff = can(reader, "read:sitting:any");
  if (!staff && (!participant || row.sitting.status === "draft")) {
    throw new AppError("forbidden", "errorPage.forbidden.title");
  }
  // The hall screen's link is handed out by the live model, to those who conduct the sitting only.
  const { screenToken: _, ...sitting } = row.sitting;
  return {
    ...sitting,
    bodyName: row.bodyName,
    sessionTitle: row.sessionTitle,
    sessionNumber: row.sessionNumber,
    participant,
    canManage: can(reader, "manage:sitting:any"),
  };
}

let readerStatements: ReturnType<typeof prepareReaderStatements> | undefined;
function prepareReaderStatements() {
  return {
    sitting: db
      .select({ sitting: sittings, bodyName: bodies.name, sessionTitle: sessions.title, sessionNumber: sessions.number })
      .from(sittings)
      .innerJoin(bodies, eq(bodies.id, sittings.bodyId))
      .leftJoin(sessions, eq(sessions.id, sittings.sessionId))
      .where(eq(sittings.id, sql.placeholder("sittingId")))
      .prepare(),
    participant: db
      .select()
      .from(participants)
      .where(and(eq(participants.sittingId, sql.placeholder("sittingId")), eq(participants.userId, sql.placeholder("userId"))))
      .prepare(),
  };
}

/**
 * Who runs a sitting live (sets the item on the floor, opens polls, presents): its chair and secretary, by the
 * sitting or by their role in it, staff who manage sittings, and chairs of the council.
 */
export function canConduct(sitting: ReturnType<typeof getSittingForReader>, reader: Reader) {
  return (
    sitting.canManage ||
    can(reader, "run:sitting:any") ||
    sitting.chairId === reader.id ||
    sitting.secretaryId === reader.id ||
    sitting.participant?.role === "chair" ||
    sitting.participant?.role === "secretary"
  );
}

export function createSitting({ actor, reader, input }: { actor: Actor; reader: Reader; input: SittingInput }) {
  requireCan(reader, "manage:sitting:any");
  if (input.endsAt && input.endsAt <= input.startsAt) throw new AppError("invalid", "errors.endBeforeStart");
  return db.transaction((tx) => {
    if (!tx.select({ id: bodies.id }).from(bodies).where(eq(bodies.id, input.bodyId)).get()) throw new AppError("not_found", "errors.bodyNotFound");
    for (const userId of [input.chairId, input.secretaryId]) {
      if (userId && !tx.select({ id: users.id }).from(users).where(eq(users.id, userId)).get()) throw new AppError("not_found", "errors.userNotFound");
    }
    if (input.sessionId) {
      const session = tx.select({ bodyId: sessions.bodyId }).from(sessions).where(eq(sessions.id, input.sessionId)).get();
      if (!session) throw new AppError("not_found", "meetings.errors.sessionNotFound");
      if (session.bodyId !== input.bodyId) throw new AppError("invalid", "meetings.errors.bodyMismatch");
    }
    const id = randomUUID();
    tx.insert(sittings)
      .values({
        id,
        ...input,
        sessionId: input.sessionId || null,
        endsAt: input.endsAt ?? null,
        place: input.place || null,
        chairId: input.chairId || null,
        secretaryId: input.secretaryId || null,
        createdBy: actor.userId,
      })
      .run();
    // By default the participants are the body's members in office when the sitting starts.
    const members = membersInOffice({ bodyId: input.bodyId, at: input.startsAt });
    for (const member of members) {
      tx.insert(participants)
        .values({ sittingId: id, userId: member.userId, role: member.userId === input.chairId ? "chair" : "member" })
        .run();
    }
    for (const [userId, role] of [
      [input.chairId, "chair"],
      [input.secretaryId, "secretary"],
    ] as const) {
      if (userId && !members.some((m) => m.userId === userId)) {
        tx.insert(participants).values({ sittingId: id, userId, role }).onConflictDoNothing().run();
      }
    }
    writeAudit(tx, actor, {
      action: "sitting.create",
      entityType: "sitting",
      entityId: id,
      details: { title: input.title, participants: members.length },
    });
    return id;
  });
}

/**
 * Changes a sitting's details. The chair and secretary are kept in the participants with their roles; once the
 * sitting is published, every participant is told that its details changed.
 */
export function updateSitting({ actor, reader, sittingId, input }: { actor: Actor; reader: Reader; sittingId: string; input: Omit<SittingInput, "bodyId" | "sessionId"> }) {
  requireCan(reader, "manage:sitting:any");
  if (input.endsAt && input.endsAt <= input.startsAt) throw new AppError("invalid", "errors.endBeforeStart");
  return db.transaction((tx) => {
    const before = requireSitting(tx, sittingId);
    if (before.status === "ended") throw new AppError("conflict", "meetings.errors.sittingEnded");
    tx.update(sittings)
      .set({ ...input, endsAt: input.endsAt ?? null, place: input.place || null, chairId: input.chairId || null, secretaryId: input.secretaryId || null })
      .where(eq(sittings.id, sittingId))
      .run();
    syncOfficer(tx, sittingId, before.chairId, input.chairId || null, "chair");
    syncOfficer(tx, sittingId, before.secretaryId, input.secretaryId || null, "secretary");
    writeAudit(tx, actor, { action: "sitting.update", entityType: "sitting", entityId: sittingId, details: { title: input.title } });
    if (before.status === "draft") return { notifications: [] };
    const recipients = tx.select({ userId: participants.userId }).from(participants).where(eq(participants.sittingId, sittingId)).all();
    return {
      notifications: insertNotifications(
        tx,
        recipients
          .filter((r) => r.userId !== actor.userId)
          .map((r) => ({ userId: r.userId, kind: "sitting.changed", message: "meetings.notifications.sittingChanged", params: { title: input.title }, href: `/sittings/${sittingId}` })),
      ),
    };
  });
}

/** The new chair (or secretary) takes that role among the participants; the previous one becomes a member. */
function syncOfficer(tx: Tx, sittingId: string, previous: string | null, next: string | null, role: "chair" | "secretary") {
  if (previous === next) return;
  if (previous) {
    tx.update(participants).set({ role: "member" }).where(and(eq(participants.sittingId, sittingId), eq(participants.userId, previous), eq(participants.role, role))).run();
  }
  if (next) {
    tx.insert(participants).values({ sittingId, userId: next, role }).onConflictDoUpdate({ target: [participants.sittingId, participants.userId], set: { role } }).run();
  }
}

export function listParticipants(sittingId: string) {
  return db
    .select({
      userId: participants.userId,
      role: participants.role,
      reply: participants.reply,
      absenceReason: participants.absenceReason,
      repliedAt: participants.repliedAt,
      fullName: users.fullName,
      position: users.position,
      globalRole: users.role,
    })
    .from(participants)
    .innerJoin(users, eq(users.id, participants.userId))
    .where(eq(participants.sittingId, sittingId))
    .orderBy(asc(users.fullName))
    .all();
}

export function addParticipant({ actor, reader, sittingId, userId, role }: { actor: Actor; reader: Reader; sittingId: string; userId: string; role: ParticipantRole }) {
  requireCan(reader, "manage:sitting:any");
  return db.transaction((tx) => {
    requireSitting(tx, sittingId);
    if (!tx.select({ id: users.id }).from(users).where(eq(users.id, userId)).get()) throw new AppError("not_found", "errors.userNotFound");
    const existing = tx.select().from(participants).where(and(eq(participants.sittingId, sittingId), eq(participants.userId, userId))).get();
    if (existing) throw new AppError("conflict", "meetings.errors.alreadyParticipant");
    tx.insert(participants).values({ sittingId, userId, role }).run();
    writeAudit(tx, actor, { action: "sitting.add_participant", entityType: "sitting", entityId: sittingId, details: { userId, role } });
    // The live sitting's attendance list changed.
    const seq = nextSeq(tx, sittingId, { attendance: true });
    // Added after publishing: this person gets the invitation the others got.
    const sitting = requireSitting(tx, sittingId);
    if (sitting.status === "draft") return { seq, notifications: [] };
    return {
      seq,
      notifications: insertNotifications(tx, [
        { userId, kind: "sitting.invitation", message: "meetings.notifications.invited", params: { title: sitting.title }, href: `/sittings/${sittingId}` },
      ]),
    };
  });
}

/**
 * Takes someone off a sitting's participants: they no longer see it, and no longer count as present (their check-in
 * goes) or vote in it (RULES.md 6). A ballot they already cast stays.
 */
export function removeParticipant({ actor, reader, sittingId, userId }: { actor: Actor; reader: Reader; sittingId: string; userId: string }) {
  requireCan(reader, "manage:sitting:any");
  return db.transaction((tx) => {
    requireSitting(tx, sittingId);
    const removed = tx.delete(participants).where(and(eq(participants.sittingId, sittingId), eq(participants.userId, userId))).run();
    if (removed.changes === 0) throw new AppError("not_found", "errors.userNotFound");
    tx.delete(checkins).where(and(eq(checkins.sittingId, sittingId), eq(checkins.userId, userId))).run();
    writeAudit(tx, actor, { action: "sitting.remove_participant", entityType: "sitting", entityId: sittingId, details: { userId } });
    return { seq: nextSeq(tx, sittingId, { attendance: true }) };
  });
}

/** The invitation deadline of RULES.md 11 for a sitting, from its body's settings. */
export function invitationDeadline(sittingId: string) {
  const row = db
    .select({ startsAt: sittings.startsAt, leadDays: bodies.invitationLeadDays, workingDays: bodies.leadDaysAreWorkingDays, documentLeadDays: bodies.documentLeadDays })
    .from(sittings)
    .innerJoin(bodies, eq(bodies.id, sittings.bodyId))
    .where(eq(sittings.id, sittingId))
    .get();
  if (!row) throw new AppError("not_found", "meetings.errors.sittingNotFound");
  return {
    invitationsDueBy: dueBy({ startsAt: row.startsAt, leadDays: row.leadDays, workingDays: row.workingDays }),
    documentsDueBy: dueBy({ startsAt: row.startsAt, leadDays: row.documentLeadDays, workingDays: row.workingDays }),
    leadDays: row.leadDays,
    workingDays: row.workingDays,
  };
}

/**
 * Publishes a draft sitting: its agenda becomes revision 1, every participant gets an invitation notification.
 * Publishing after the deadline is allowed; it is marked late and recorded (RULES.md 11).
 */
export function publishSitting({ actor, reader, sittingId, now = new Date() }: { actor: Actor; reader: Reader; sittingId: string; now?: Date }) {
  requireCan(reader, "manage:sitting:any");
  const { invitationsDueBy } = invitationDeadline(sittingId);
  const late = isLate(now, invitationsDueBy);
  return db.transaction((tx) => {
    const sitting = requireSitting(tx, sittingId);
    if (sitting.status !== "draft") throw new AppError("conflict", "meetings.errors.alreadyPublished");
    tx.update(sittings).set({ status: "published", publishedAt: now, publishedLate: late }).where(eq(sittings.id, sittingId)).run();
    const recipients = tx.select({ userId: participants.userId }).from(participants).where(eq(participants.sittingId, sittingId)).all();
    const stored = insertNotifications(
      tx,
      recipients
        .filter((r) => r.userId !== actor.userId)
        .map((r) => ({ userId: r.userId, kind: "sitting.invitation", message: "meetings.notifications.invited", params: { title: sitting.title }, href: `/sittings/${sittingId}` })),
    );
    writeAudit(tx, actor, {
      action: late ? "sitting.publish_late" : "sitting.publish",
      entityType: "sitting",
      entityId: sittingId,
      details: { recipients: recipients.length, dueBy: invitationsDueBy.toISOString(), late },
    });
    return { late, invitationsDueBy, notifications: stored, publishedAgenda: publishAgendaRevision(tx, { sittingId, actor, notify: false }) };
  });
}

export type AttendanceReply = "attending" | "absent";

/** A participant answers the invitation. Absence needs a reason (RULES.md 15: the minutes list it). */
export function replyToInvitation({ actor, sittingId, userId, reply, reason }: { actor: Actor; sittingId: string; userId: string; reply: AttendanceReply; reason?: string | null }) {
  const absenceReason = reply === "absent" ? reason?.trim() || null : null;
  if (reply === "absent" && !absenceReason) throw new AppError("invalid", "meetings.errors.reasonRequired");
  return db.transaction((tx) => {
    const sitting = requireSitting(tx, sittingId);
    if (sitting.status === "draft") throw new AppError("forbidden", "errorPage.forbidden.title");
    if (sitting.status === "ended") throw new AppError("conflict", "meetings.errors.sittingEnded");
    const repliedAt = new Date();
    const result = tx
      .update(participants)
      .set({ reply, absenceReason, repliedAt })
      .where(and(eq(participants.sittingId, sittingId), eq(participants.userId, userId)))
      .run();
    if (result.changes === 0) throw new AppError("forbidden", "meetings.errors.notInvited");
    writeAudit(tx, actor, { action: "sitting.reply", entityType: "sitting", entityId: sittingId, details: { reply, reason: absenceReason } });
    return { userId, reply, absenceReason, repliedAt };
  });
}

export function requireSitting(tx: Tx, sittingId: string) {
  const sitting = tx.select().from(sittings).where(eq(sittings.id, sittingId)).get();
  if (!sitting) throw new AppError("not_found", "meetings.errors.sittingNotFound");
  return sitting;
}
