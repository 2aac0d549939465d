// The sitting while it runs (issue #5): opened and ended by those who conduct it, the agenda item on the floor, and
// check-in (điểm danh). Every change visible to clients raises the sitting's sequence number in the same transaction,
// so a client that misses an event sees a gap and reloads (docs/realtime.md).
import { randomBytes } from "node:crypto";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { agendaItems, checkins, participants, polls, sittingLive, sittings, users } from "#db/schema";
import { AppError } from "./app-error";
import { writeAudit, type Actor } from "./audit.server";
import { membersInOffice } from "./body.server";
import { db, type Tx } from "./db.server";
import type { Reader } from "./reader";
import { canConduct, getSittingForReader } from "./sitting.server";
import { listPolls } from "./poll.server";
import { endCurrentSpeech, listNotReached, listSpeakers, markNotReached } from "./speakers.server";
import { quorumMet } from "./vote-rules";

/** Raises the sitting's sequence number; call inside the transaction of the change. Returns the new number. */
export function nextSeq(_tx: Tx, sittingId: string) {
  // Prepared once: this runs with every ballot. Same connection, so inside the caller's transaction.
  seqStatements ??= prepareSeqStatements();
  seqStatements.ensure.run({ sittingId });
  return seqStatements.raise.get({ sittingId })!.seq;
}

let seqStatements: ReturnType<typeof prepareSeqStatements> | undefined;
function prepareSeqStatements() {
  return {
    ensure: db.insert(sittingLive).values({ sittingId: sql.placeholder("sittingId"), seq: 0 }).onConflictDoNothing().prepare(),
    raise: db
      .update(sittingLive)
      .set({ seq: sql`${sittingLive.seq} + 1` })
      .where(eq(sittingLive.sittingId, sql.placeholder("sittingId")))
      .returning({ seq: sittingLive.seq })
      .prepare(),
  };
}

/** The sitting for one who conducts it, or a refusal. */
export function requireConductor(sittingId: string, reader: Reader) {
  const sitting = getSittingForReader({ sittingId, reader });
  if (!canConduct(sitting, reader)) throw new AppError("forbidden", "live.errors.notConductor");
  return sitting;
}

/** Ballots and check-ins need a sitting under way. */
export function requireInProgress(sitting: { status: string }) {
  if (sitting.status !== "in_progress") throw new AppError("conflict", sitting.status === "ended" ? "live.errors.ended" : "live.errors.notOpen");
}

export function openSitting({ actor, reader, sittingId }: { actor: Actor; reader: Reader; sittingId: string }) {
  const sitting = requireConductor(sittingId, reader);
  if (sitting.status === "in_progress") return { seq: liveSeq(sittingId) };
  if (sitting.status !== "published") throw new AppError("conflict", sitting.status === "ended" ? "live.errors.ended" : "live.errors.notPublished");
  return db.transaction((tx) => {
    tx.update(sittings).set({ status: "in_progress" }).where(eq(sittings.id, sittingId)).run();
    const seq = nextSeq(tx, sittingId);
    const first = tx.select({ id: agendaItems.id }).from(agendaItems).where(eq(agendaItems.sittingId, sittingId)).orderBy(asc(agendaItems.position)).limit(1).get();
    tx.update(sittingLive).set({ openedAt: new Date(), currentItemId: first?.id ?? null }).where(eq(sittingLive.sittingId, sittingId)).run();
    writeAudit(tx, actor, { action: "sitting.open", entityType: "sitting", entityId: sittingId });
    return { seq };
  });
}

export function endSitting({ actor, reader, sittingId, now = new Date() }: { actor: Actor; reader: Reader; sittingId: string; now?: Date }) {
  const sitting = requireConductor(sittingId, reader);
  requireInProgress(sitting);
  return db.transaction((tx) => {
    if (tx.select({ id: polls.id }).from(polls).where(and(eq(polls.sittingId, sittingId), eq(polls.status, "open"))).get()) throw new AppError("conflict", "live.errors.pollStillOpen");
    // Whoever still has the floor stops when the sitting ends; those still waiting were not reached (they may write).
    endCurrentSpeech(tx, sittingId, now);
    markNotReached(tx, sittingId, now);
    tx.update(sittings).set({ status: "ended" }).where(eq(sittings.id, sittingId)).run();
    const seq = nextSeq(tx, sittingId);
    tx.update(sittingLive).set({ endedAt: now }).where(eq(sittingLive.sittingId, sittingId)).run();
    writeAudit(tx, actor, { action: "sitting.end", entityType: "sitting", entityId: sittingId });
    return { seq };
  });
}

export function setCurrentItem({ actor, reader, sittingId, itemId, now = new Date() }: { actor: Actor; reader: Reader; sittingId: string; itemId: string; now?: Date }) {
  const sitting = requireConductor(sittingId, reader);
  requireInProgress(sitting);
  return db.transaction((tx) => {
    const item = tx.select({ id: agendaItems.id }).from(agendaItems).where(and(eq(agendaItems.id, itemId), eq(agendaItems.sittingId, sittingId))).get();
    if (!item) throw new AppError("not_found", "live.errors.itemNotFound");
    // The queue of the item left behind closes: those not reached may send their speech in writing.
    const left = tx.select({ itemId: sittingLive.currentItemId }).from(sittingLive).where(eq(sittingLive.sittingId, sittingId)).get()?.itemId;
    if (left && left !== itemId) markNotReached(tx, sittingId, now, left);
    const seq = nextSeq(tx, sittingId);
    tx.update(sittingLive).set({ currentItemId: itemId }).where(eq(sittingLive.sittingId, sittingId)).run();
    writeAudit(tx, actor, { action: "sitting.set_item", entityType: "sitting", entityId: sittingId, details: { itemId } });
    return { seq };
  });
}

/**
 * Checks a participant in or out. A participant checks themselves in from their device; one who conducts the sitting
 * checks anyone invited in or out.
 */
export function setCheckin({ actor, reader, sittingId, userId, present }: { actor: Actor; reader: Reader; sittingId: string; userId?: string; present: boolean }) {
  const sitting = getSittingForReader({ sittingId, reader });
  const target = userId ?? reader.id;
  if (target !== reader.id && !canConduct(sitting, reader)) throw new AppError("forbidden", "live.errors.notConductor");
  requireInProgress(sitting);
  return db.transaction((tx) => {
    const invited = tx.select({ role: participants.role }).from(participants).where(and(eq(participants.sittingId, sittingId), eq(participants.userId, target))).get();
    if (!invited) throw new AppError("forbidden", "live.errors.notInvited");
    const { changes } = present
      ? tx.insert(checkins).values({ sittingId, userId: target, at: new Date(), byUserId: reader.id }).onConflictDoNothing().run()
      : tx.delete(checkins).where(and(eq(checkins.sittingId, sittingId), eq(checkins.userId, target))).run();
    // Already so: nothing changed, nothing to announce.
    if (!changes) return { seq: liveSeq(sittingId, tx), changed: false };
    const seq = nextSeq(tx, sittingId);
    writeAudit(tx, actor, { action: present ? "checkin.add" : "checkin.remove", entityType: "sitting", entityId: sittingId, details: { userId: target } });
    return { seq, changed: true };
  });
}

export function liveSeq(sittingId: string, tx: Tx | typeof db = db) {
  return tx.select({ seq: sittingLive.seq }).from(sittingLive).where(eq(sittingLive.sittingId, sittingId)).get()?.seq ?? 0;
}

/** N (members in office now) and how many of them are checked in. */
export function attendanceCounts(tx: Tx | typeof db, sitting: { id: string; bodyId: string }, at = new Date()) {
  const members = membersInOffice({ bodyId: sitting.bodyId, at }).map((m) => m.userId);
  const present = members.length
    ? tx
        .select({ userId: checkins.userId })
        .from(checkins)
        .where(and(eq(checkins.sittingId, sitting.id), inArray(checkins.userId, members)))
        .all().length
    : 0;
  return { members, n: members.length, present };
}

/**
 * Everything a live screen shows of the sitting, as this reader may see it: status, the item on the floor, the
 * counts against N with quorum, the attendance list (with the reasons given in replies for those absent), speakers,
 * polls.
 */
export function getLiveState({ sittingId, reader }: { sittingId: string; reader: Reader }) {
  const sitting = getSittingForReader({ sittingId, reader });
  return liveStateOf(sitting, { id: reader.id, conducts: canConduct(sitting, reader), participant: sitting.participant });
}

/**
 * What the hall screen's link shows (RULES.md 14): the public part of a sitting — no attendance list, nobody's ballot
 * — and nothing at all of a closed sitting (họp kín). Read afresh on every ask: a replaced link stops working at once.
 */
export function getScreenState(token: string) {
  const row = db.select().from(sittings).where(eq(sittings.screenToken, token)).get();
  if (!row) throw new AppError("not_found", "live.errors.screenLink");
  const state = liveStateOf(row, { id: "", conducts: false, participant: null });
  if (row.closed) return { ...state, attendance: [], items: [], speakers: { queue: [], current: null, done: [], written: [] }, polls: [] };
  return { ...state, attendance: [], speakers: { ...state.speakers, written: [] } };
}

export function sittingIdOfScreen(token: string) {
  return db.select({ id: sittings.id }).from(sittings).where(eq(sittings.screenToken, token)).get()?.id ?? null;
}

/**
 * The sitting's hall screen link, for those who conduct it: created on first ask, the same afterwards — or, with
 * `renew`, a new one that ends the old (a link that got out).
 */
export function screenLink({ actor, reader, sittingId, renew = false }: { actor: Actor; reader: Reader; sittingId: string; renew?: boolean }) {
  requireConductor(sittingId, reader);
  return db.transaction((tx) => {
    const existing = tx.select({ token: sittings.screenToken }).from(sittings).where(eq(sittings.id, sittingId)).get()?.token;
    if (existing && !renew) return existing;
    const token = randomBytes(24).toString("base64url");
    tx.update(sittings).set({ screenToken: token }).where(eq(sittings.id, sittingId)).run();
    writeAudit(tx, actor, { action: existing ? "sitting.screen_link_renew" : "sitting.screen_link", entityType: "sitting", entityId: sittingId });
    return token;
  });
}

function liveStateOf(sitting: { id: string; bodyId: string; status: string; title: string; closed: boolean }, viewer: { id: string; conducts: boolean; participant: { role: string } | null }) {
  const sittingId = sitting.id;
  const live = db.select().from(sittingLive).where(eq(sittingLive.sittingId, sittingId)).get();
  const items = db
    .select({ id: agendaItems.id, position: agendaItems.position, title: agendaItems.title, presenter: agendaItems.presenter })
    .from(agendaItems)
    .where(eq(agendaItems.sittingId, sittingId))
    .orderBy(asc(agendaItems.position))
    .all();
  const { members, n, present } = attendanceCounts(db, sitting);
  const memberSet = new Set(members);
  const checkedIn = new Set(
    db
      .select({ userId: checkins.userId })
      .from(checkins)
      .where(eq(checkins.sittingId, sittingId))
      .all()
      .map((r) => r.userId),
  );
  const attendance = db
    .select({ userId: participants.userId, fullName: users.fullName, position: users.position, role: participants.role, reply: participants.reply, absenceReason: participants.absenceReason })
    .from(participants)
    .innerJoin(users, eq(users.id, participants.userId))
    .where(eq(participants.sittingId, sittingId))
    .orderBy(asc(users.fullName))
    .all()
    .map((p) => ({ ...p, member: memberSet.has(p.userId), present: checkedIn.has(p.userId) }));
  return {
    sittingId,
    seq: live?.seq ?? 0,
    status: sitting.status,
    title: sitting.title,
    closed: sitting.closed,
    me: viewer.id,
    canConduct: viewer.conducts,
    participant: viewer.participant ? { role: viewer.participant.role, present: checkedIn.has(viewer.id) } : null,
    currentItemId: live?.currentItemId ?? null,
    items,
    n,
    present,
    quorum: quorumMet(present, n),
    attendance,
    speakers: listSpeakers(sittingId, live?.currentItemId ?? null),
    // This participant's turns not reached, to send in writing.
    notReached: viewer.participant ? listNotReached(sittingId, viewer.id) : [],
    polls: listPolls({ sittingId, viewer }),
    // Timers count from the server's clock: clients correct for their own with this.
    serverTime: new Date().toISOString(),
  };
}

export type LiveState = ReturnType<typeof getLiveState>;
