// The sitting while it runs (issue #5): opened and ended by those who conduct it, the agenda item on the floor, and
// check-in (điểm danh). Every change visible to clients raises the sitting's sequence number in the same transaction,
// so a client that misses an event sees a gap and reloads (docs/realtime.md).
import { randomBytes } from "node:crypto";
import { and, asc, eq, sql, type SQL } from "drizzle-orm";
import { agendaItems, checkins, memberships, participants, polls, sittingLive, sittings, users } from "#db/schema";
import { AppError } from "./app-error";
import { writeAudit, type Actor } from "./audit.server";
import { inOffice, toSeconds } from "./body.server";
import { db, type Tx } from "./db.server";
import type { Reader } from "./reader";
import { canConduct, getSittingForReader } from "./sitting.server";
import { listPolls, personalisePolls } from "./poll.server";
import { endCurrentSpeech, listNotReached, listSpeakers, markNotReached } from "./speakers.server";
import { quorumMet } from "./vote-rules";

/**
 * Raises the sitting's sequence number; call inside the transaction of the change. Returns the new number.
 * `attendance`: the change is only to who is there (a check-in, a participant added or removed), which the tablets'
 * view does not show (they get counts): their kept view stays valid (`view_seq` does not move).
 */
export function nextSeq(_tx: Tx, sittingId: string, { attendance = false }: { attendance?: boolean } = {}) {
  // Prepared once: this runs with every change. Same connection, so inside the caller's transaction.
  seqStatements ??= prepareSeqStatements();
  seqStatements.ensure.run({ sittingId });
  return (attendance ? seqStatements.raiseAttendance : seqStatements.raise).get({ sittingId })!.seq;
}

let seqStatements: ReturnType<typeof prepareSeqStatements> | undefined;
function prepareSeqStatements() {
  const raise = (viewSeq: SQL) =>
    db
      .update(sittingLive)
      .set({ seq: sql`${sittingLive.seq} + 1`, viewSeq })
      .where(eq(sittingLive.sittingId, sql.placeholder("sittingId")))
      .returning({ seq: sittingLive.seq })
      .prepare();
  return {
    ensure: db.insert(sittingLive).values({ sittingId: sql.placeholder("sittingId"), seq: 0 }).onConflictDoNothing().prepare(),
    // In an UPDATE, `seq` on the right is the old value: both become the new number.
    raise: raise(sql`${sittingLive.seq} + 1`),
    raiseAttendance: raise(sql`${sittingLive.viewSeq}`),
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
    const seq = nextSeq(tx, sittingId, { attendance: true });
    writeAudit(tx, actor, { action: present ? "checkin.add" : "checkin.remove", entityType: "sitting", entityId: sittingId, details: { userId: target } });
    return { seq, changed: true };
  });
}

export function liveSeq(sittingId: string, _tx?: Tx) {
  // Same connection: inside the caller's transaction when there is one.
  hot ??= prepareLiveStatements();
  return hot.seq.get({ sittingId })?.seq ?? 0;
}

/** N (members in office at `at`) and how many of them are checked in. */
export function attendanceCounts(sitting: { id: string; bodyId: string }, at = new Date()) {
  hot ??= prepareLiveStatements();
  const row = hot.counts.get({ sittingId: sitting.id, bodyId: sitting.bodyId, at: toSeconds(at) });
  return { n: row?.n ?? 0, present: row?.present ?? 0 };
}

// A full hall asks for the live state a thousand times at once: what it reads is prepared once (drizzle builds a
// query anew on every call otherwise, which costs more than SQLite running it).
const placeholder = sql.placeholder;
let hot: ReturnType<typeof prepareLiveStatements> | undefined;
function prepareLiveStatements() {
  return {
    seq: db.select({ seq: sittingLive.seq, viewSeq: sittingLive.viewSeq }).from(sittingLive).where(eq(sittingLive.sittingId, placeholder("sittingId"))).prepare(),
    counts: db
      .select({ n: sql<number>`count(*)`, present: sql<number>`count(${checkins.userId})` })
      .from(memberships)
      .leftJoin(checkins, and(eq(checkins.sittingId, placeholder("sittingId")), eq(checkins.userId, memberships.userId)))
      .where(and(eq(memberships.bodyId, placeholder("bodyId")), inOffice(placeholder("at"))))
      .prepare(),
    checkedIn: db
      .select({ userId: checkins.userId })
      .from(checkins)
      .where(and(eq(checkins.sittingId, placeholder("sittingId")), eq(checkins.userId, placeholder("userId"))))
      .prepare(),
    items: db
      .select({ id: agendaItems.id, position: agendaItems.position, title: agendaItems.title, presenter: agendaItems.presenter })
      .from(agendaItems)
      .where(eq(agendaItems.sittingId, placeholder("sittingId")))
      .orderBy(asc(agendaItems.position))
      .prepare(),
    live: db.select().from(sittingLive).where(eq(sittingLive.sittingId, placeholder("sittingId"))).prepare(),
    // Every participant with their reply (and reason), whether a member in office, and whether checked in.
    attendance: db
      .select({
        userId: participants.userId,
        fullName: users.fullName,
        position: users.position,
        role: participants.role,
        reply: participants.reply,
        absenceReason: participants.absenceReason,
        member: sql<boolean>`${participants.userId} in (select ${memberships.userId} from ${memberships} where ${memberships.bodyId} = ${placeholder("bodyId")} and ${inOffice(placeholder("at"))})`.mapWith(Boolean),
        present: sql<boolean>`${checkins.userId} is not null`.mapWith(Boolean),
      })
      .from(participants)
      .innerJoin(users, eq(users.id, participants.userId))
      .leftJoin(checkins, and(eq(checkins.sittingId, participants.sittingId), eq(checkins.userId, participants.userId)))
      .where(eq(participants.sittingId, placeholder("sittingId")))
      .orderBy(asc(users.fullName))
      .prepare(),
  };
}

/**
 * Who follows a sitting live, for what they are shown (RULES.md 14, DESIGN.md §4): decided here once — for the live
 * state below and for every event the realtime layer sends (app/realtime/sitting-broadcast.server.ts).
 * - `conduct`: the chair and secretary, staff who manage or run sittings: everything, the attendance list included;
 * - `participant`: everyone else who may see the sitting (delegates above all): the sitting, no attendance list;
 * - `guest`: guests (by account or by their part in the sitting): as participants, but nothing of a closed sitting;
 * - `screen`: the hall screen by its link: what is public, and nothing of a closed sitting.
 */
export const audiences = ["conduct", "participant", "guest", "screen"] as const;
export type Audience = (typeof audiences)[number];

export function audienceOf(sitting: ReturnType<typeof getSittingForReader>, reader: Reader): Audience {
  if (canConduct(sitting, reader)) return "conduct";
  return reader.role === "guest" || sitting.participant?.role === "guest" ? "guest" : "participant";
}

/** A closed sitting (họp kín) shows guests and the hall screen nothing but its title and whether it is under way. */
export function isShutOut(audience: Audience, closed: boolean) {
  return closed && (audience === "guest" || audience === "screen");
}

let closedQuery: ReturnType<typeof prepareClosedQuery> | undefined;
function prepareClosedQuery() {
  return db
    .select({ closed: sittings.closed })
    .from(sittings)
    .where(eq(sittings.id, sql.placeholder("sittingId")))
    .prepare();
}

/** Whether the sitting is closed (họp kín) now: asked before every event about it goes out. */
export function sittingIsClosed(sittingId: string) {
  closedQuery ??= prepareClosedQuery();
  return !!closedQuery.get({ sittingId })?.closed;
}

/** The audience of a sitting that a user belongs to (after the same check as `getLiveState`). */
export function sittingAudience({ sittingId, reader }: { sittingId: string; reader: Reader }) {
  const sitting = getSittingForReader({ sittingId, reader });
  return { audience: audienceOf(sitting, reader), closed: sitting.closed };
}

/** How many members are checked in, of N, and whether that is a quorum: what a tablet shows of attendance. */
export function presenceOf(sittingId: string) {
  const sitting = db.select({ id: sittings.id, bodyId: sittings.bodyId }).from(sittings).where(eq(sittings.id, sittingId)).get();
  if (!sitting) return { present: 0, n: 0, quorum: false };
  const { n, present } = attendanceCounts(sitting);
  return { present, n, quorum: quorumMet(present, n) };
}

/**
 * Everything a live screen shows of the sitting, as this reader may see it: status, the item on the floor, the
 * counts against N with quorum, the attendance list (for those who conduct it, with the reasons given in replies for
 * those absent), speakers, polls.
 */
export function getLiveState({ sittingId, reader }: { sittingId: string; reader: Reader }) {
  const sitting = getSittingForReader({ sittingId, reader });
  return liveStateOf(sitting, { id: reader.id, audience: audienceOf(sitting, reader), participant: sitting.participant });
}

/**
 * What the hall screen's link shows: the public part of a sitting — no attendance list, nobody's ballot, no written
 * speeches — and nothing of a closed sitting. Read afresh on every ask: a replaced link stops working at once.
 */
export function getScreenState(token: string) {
  const row = db.select().from(sittings).where(eq(sittings.screenToken, token)).get();
  if (!row) throw new AppError("not_found", "live.errors.screenLink");
  return liveStateOf(row, { id: "", audience: "screen", participant: null });
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

type SittingRow = { id: string; bodyId: string; status: string; title: string; closed: boolean };

function liveStateOf(sitting: SittingRow, viewer: { id: string; audience: Audience; participant: { role: string } | null }) {
  const shared = sharedView(sitting, viewer.audience);
  hot ??= prepareLiveStatements();
  const present = !!viewer.participant && !!hot.checkedIn.get({ sittingId: sitting.id, userId: viewer.id });
  return {
    ...shared,
    me: viewer.id,
    canConduct: viewer.audience === "conduct",
    participant: viewer.participant ? { role: viewer.participant.role, present } : null,
    // This participant's turns not reached, to send in writing.
    notReached: viewer.participant && !isShutOut(viewer.audience, sitting.closed) ? listNotReached(sitting.id, viewer.id) : [],
    polls: personalisePolls(shared.polls, viewer.id),
    // Timers count from the server's clock: clients correct for their own with this.
    serverTime: new Date().toISOString(),
  };
}

// A full hall asks for the state all at once (a thousand tablets after each change): what is the same for everyone in
// an audience is built once per change and kept for a moment. A view is keyed by `view_seq`, the number of the last
// change other than attendance (which tablets get as counts), so a hall checking in does not rebuild it with every
// check-in; its counts are read once per number. The moment bounds how long a change that raises no number (an agenda
// edit, a membership ending) takes to show.
const sharedViews = new Map<string, { viewSeq: number; at: number; view: ReturnType<typeof buildSharedView> }>();
const sharedCounts = new Map<string, { seq: number; counts: ReturnType<typeof attendanceCounts> }>();
const sharedViewMs = 1000;

function sharedView(sitting: SittingRow, audience: Audience) {
  // Those who conduct see lists that change without a number (replies, who has not voted): always read afresh.
  if (audience === "conduct") return buildSharedView(sitting, audience);
  hot ??= prepareLiveStatements();
  const { seq = 0, viewSeq = 0 } = hot.seq.get({ sittingId: sitting.id }) ?? {};
  const key = `${sitting.id}:${audience}`;
  const now = Date.now();
  let kept = sharedViews.get(key);
  if (!kept || kept.viewSeq !== viewSeq || now - kept.at >= sharedViewMs || kept.view.closed !== sitting.closed || kept.view.status !== sitting.status) {
    if (sharedViews.size > 1000) sharedViews.clear();
    kept = { viewSeq, at: now, view: buildSharedView(sitting, audience) };
    sharedViews.set(key, kept);
  }
  let counts = sharedCounts.get(sitting.id);
  if (!counts || counts.seq !== seq) {
    if (sharedCounts.size > 1000) sharedCounts.clear();
    counts = { seq, counts: attendanceCounts(sitting) };
    sharedCounts.set(sitting.id, counts);
  }
  const { n, present } = counts.counts;
  return { ...kept.view, seq, n, present, quorum: quorumMet(present, n) };
}

function buildSharedView(sitting: SittingRow, audience: Audience) {
  const sittingId = sitting.id;
  hot ??= prepareLiveStatements();
  const live = hot.live.get({ sittingId });
  const { n, present } = attendanceCounts(sitting);
  const base = { sittingId, seq: live?.seq ?? 0, status: sitting.status, title: sitting.title, closed: sitting.closed, n, present, quorum: quorumMet(present, n) };
  if (isShutOut(audience, sitting.closed)) {
    return { ...base, currentItemId: null, items: [], attendance: [], speakers: { queue: [], current: null, done: [], written: [] }, polls: [] };
  }
  const items = hot.items.all({ sittingId });
  const speakers = listSpeakers(sittingId, live?.currentItemId ?? null);
  return {
    ...base,
    currentItemId: live?.currentItemId ?? null,
    items,
    attendance: audience === "conduct" ? attendanceList(sitting) : [],
    // Speeches sent in writing are read by those in the sitting, not shown on the hall's screen.
    speakers: audience === "screen" ? { ...speakers, written: [] } : speakers,
    polls: listPolls({ sittingId, conducts: audience === "conduct" }),
  };
}

function attendanceList(sitting: { id: string; bodyId: string }) {
  hot ??= prepareLiveStatements();
  return hot.attendance.all({ sittingId: sitting.id, bodyId: sitting.bodyId, at: toSeconds(new Date()) });
}

export type LiveState = ReturnType<typeof getLiveState>;
