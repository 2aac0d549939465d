// Biểu quyết (issue #5, RULES.md 1–7). The chair creates a poll on an agenda item and opens it: N (members in office)
// and the present count are taken then, with the list of who may vote. Each member votes once — the database's primary
// key makes sure, not a check in code — and a ballot is acknowledged only after its transaction commits. Closing
// computes the result once and stores it; it is never recomputed. Secret polls keep who voted apart from what was
// chosen, on disk too: there is no ballot row, only a list of voters and, while the poll is open, sealed ballot boxes
// that only the server's ballot secret opens (ballot-box.server.ts, decision 0011). Who may vote (RULES.md 6): the
// members in office who take part in the sitting when the poll opens (its stored list, `poll_voters`), still taking
// part and checked in when they vote.
import { randomUUID } from "node:crypto";
import { and, asc, desc, eq, isNotNull, sql } from "drizzle-orm";
import { agendaItems, ballotChoices, ballots, checkins, participants, pollRules, polls, pollVoters, secretBallots, secretVoters, users, type BallotChoice, type PollResult } from "#db/schema";
import { z } from "zod";
import { AppError } from "./app-error";
import { writeAudit, type Actor } from "./audit.server";
import { membersInOffice } from "./body.server";
import { ballotKey, forgetBallotKey, newBallotKey, openBallot, sealBallot } from "./ballot-box.server";
import { db, forgetFreedPages, isUniqueViolation, type Tx } from "./db.server";
import { attendanceCounts, nextSeq, requireConductor, requireInProgress } from "./live-sitting.server";
import type { Reader } from "./reader";
import { getSittingForReader } from "./sitting.server";
import { computeResult, quorumMet } from "./vote-rules";

export const pollInput = z.object({
  agendaItemId: z.string().uuid().nullable().optional(),
  question: z.string().trim().min(3, "live.errors.question").max(500, "live.errors.question"),
  rule: z.enum(pollRules).default("majority"),
  secret: z.boolean().default(false),
  allowChange: z.boolean().default(false),
  recordedByHand: z.boolean().default(false),
  durationSeconds: z.number().int("live.errors.duration").min(10, "live.errors.duration").max(3_600, "live.errors.duration").nullable().optional(),
});
export type PollInput = z.infer<typeof pollInput>;

export const choiceInput = z.enum(ballotChoices);

function requirePoll(tx: Tx | typeof db, pollId: string, sittingId: string) {
  const poll = tx.select().from(polls).where(eq(polls.id, pollId)).get();
  // A poll of another sitting is as unknown here as one that does not exist.
  if (!poll || poll.sittingId !== sittingId) throw new AppError("not_found", "live.errors.pollNotFound");
  return poll;
}

export function createPoll({ actor, reader, sittingId, input }: { actor: Actor; reader: Reader; sittingId: string; input: PollInput }) {
  requireConductor(sittingId, reader);
  // A ballot recorded by the secretary is seen by the secretary: never in a secret poll.
  if (input.secret && input.recordedByHand) throw new AppError("invalid", "live.errors.handSecret");
  return db.transaction((tx) => {
    if (input.agendaItemId && !tx.select({ id: agendaItems.id }).from(agendaItems).where(and(eq(agendaItems.id, input.agendaItemId), eq(agendaItems.sittingId, sittingId))).get()) {
      throw new AppError("not_found", "live.errors.itemNotFound");
    }
    const id = randomUUID();
    tx.insert(polls)
      .values({
        id,
        sittingId,
        agendaItemId: input.agendaItemId ?? null,
        question: input.question.normalize("NFC"),
        rule: input.rule,
        secret: input.secret,
        // A secret ballot cannot be changed: nothing records which choice was the member's.
        allowChange: input.secret ? false : input.allowChange,
        recordedByHand: input.recordedByHand,
        durationSeconds: input.durationSeconds ?? null,
        createdBy: reader.id,
        createdAt: new Date(),
      })
      .run();
    const seq = nextSeq(tx, sittingId);
    writeAudit(tx, actor, { action: "poll.create", entityType: "poll", entityId: id, details: { sittingId, question: input.question, rule: input.rule, secret: input.secret } });
    return { pollId: id, seq };
  });
}

/**
 * Opens a poll: snapshots who may vote (the members in office who take part in the sitting; N is the number of members
 * in office, RULES.md 4) and how many of them are present. Without quorum (RULES.md 7) the chair must confirm, and the
 * poll records that it opened so. A secret poll gets its ballot key.
 */
export function openPoll({ actor, reader, sittingId, pollId, withoutQuorum = false, now = new Date() }: { actor: Actor; reader: Reader; sittingId: string; pollId: string; withoutQuorum?: boolean; now?: Date }) {
  const sitting = requireConductor(sittingId, reader);
  requireInProgress(sitting);
  return db.transaction((tx) => {
    const poll = requirePoll(tx, pollId, sittingId);
    if (poll.status !== "draft") throw new AppError("conflict", "live.errors.pollNotDraft");
    if (tx.select({ id: polls.id }).from(polls).where(and(eq(polls.sittingId, sittingId), eq(polls.status, "open"))).get()) throw new AppError("conflict", "live.errors.anotherOpen");
    const members = membersInOffice({ bodyId: sitting.bodyId, at: now }).map((m) => m.userId);
    const n = members.length;
    const { present } = attendanceCounts(sitting, now);
    if (n === 0) throw new AppError("conflict", "live.errors.noMembers");
    const quorum = quorumMet(present, n);
    if (!quorum && !withoutQuorum) throw new AppError("conflict", "live.errors.noQuorum", { present, n });
    const taking = new Set(tx.select({ userId: participants.userId }).from(participants).where(eq(participants.sittingId, sittingId)).all().map((p) => p.userId));
    for (const userId of members) if (taking.has(userId)) tx.insert(pollVoters).values({ pollId, userId }).run();
    const closesAt = poll.durationSeconds ? new Date(now.getTime() + poll.durationSeconds * 1000) : null;
    const sealedKey = poll.secret ? newBallotKey(pollId) : null;
    tx.update(polls).set({ status: "open", n, present, openedWithoutQuorum: !quorum, openedAt: now, closesAt, ballotKey: sealedKey }).where(eq(polls.id, pollId)).run();
    const seq = nextSeq(tx, sittingId);
    writeAudit(tx, actor, { action: "poll.open", entityType: "poll", entityId: pollId, details: { sittingId, n, present, withoutQuorum: !quorum } });
    return { seq, closesAt };
  });
}

/** A ballot is taken only while the poll is open and its time (if it has one) has not run out. */
function requireBallotsOpen(poll: { status: string; closesAt: Date | null }, now: Date) {
  if (poll.status !== "open" || (poll.closesAt && poll.closesAt <= now)) throw new AppError("conflict", "live.errors.pollClosed");
}

// The ballot path runs a thousand times a second in a full hall: its statements are prepared once (drizzle builds a
// query anew on every call otherwise, which costs more than SQLite running it — docs/benchmarks.md).
const placeholder = sql.placeholder;
let hot: ReturnType<typeof prepareBallotStatements> | undefined;
function prepareBallotStatements() {
  return {
    poll: db
      .select({ id: polls.id, sittingId: polls.sittingId, status: polls.status, closesAt: polls.closesAt, secret: polls.secret, allowChange: polls.allowChange, n: polls.n, ballotKey: polls.ballotKey })
      .from(polls)
      .where(eq(polls.id, placeholder("pollId")))
      .prepare(),
    entitled: db
      .select({ userId: pollVoters.userId })
      .from(pollVoters)
      .where(and(eq(pollVoters.pollId, placeholder("pollId")), eq(pollVoters.userId, placeholder("userId"))))
      .prepare(),
    participant: db
      .select({ userId: participants.userId })
      .from(participants)
      .where(and(eq(participants.sittingId, placeholder("sittingId")), eq(participants.userId, placeholder("userId"))))
      .prepare(),
    present: db
      .select({ userId: checkins.userId })
      .from(checkins)
      .where(and(eq(checkins.sittingId, placeholder("sittingId")), eq(checkins.userId, placeholder("userId"))))
      .prepare(),
    insertBallot: db
      .insert(ballots)
      .values({ pollId: placeholder("pollId"), userId: placeholder("userId"), choice: placeholder("choice"), castAt: placeholder("castAt") })
      .prepare(),
    changeBallot: db
      .update(ballots)
      .set({ choice: sql`${placeholder("choice")}`, castAt: sql`${placeholder("castAt")}` })
      .where(and(eq(ballots.pollId, placeholder("pollId")), eq(ballots.userId, placeholder("userId"))))
      .prepare(),
    insertSecretVoter: db
      .insert(secretVoters)
      .values({ pollId: placeholder("pollId"), userId: placeholder("userId") })
      .prepare(),
    insertBox: db
      .insert(secretBallots)
      .values({ pollId: placeholder("pollId"), boxId: placeholder("boxId"), box: placeholder("box") })
      .prepare(),
    namedCount: db
      .select({ count: sql<number>`count(*)` })
      .from(ballots)
      .where(eq(ballots.pollId, placeholder("pollId")))
      .prepare(),
    secretCount: db
      .select({ count: sql<number>`count(*)` })
      .from(secretVoters)
      .where(eq(secretVoters.pollId, placeholder("pollId")))
      .prepare(),
    // One viewer's part of a sitting's polls (every tablet's reload of the live state).
    viewerListed: db
      .select({ pollId: pollVoters.pollId })
      .from(pollVoters)
      .innerJoin(polls, eq(polls.id, pollVoters.pollId))
      .where(and(eq(polls.sittingId, placeholder("sittingId")), eq(pollVoters.userId, placeholder("userId"))))
      .prepare(),
    viewerBallots: db
      .select({ pollId: ballots.pollId, choice: ballots.choice })
      .from(ballots)
      .innerJoin(polls, eq(polls.id, ballots.pollId))
      .where(and(eq(polls.sittingId, placeholder("sittingId")), eq(ballots.userId, placeholder("userId"))))
      .prepare(),
    viewerSecret: db
      .select({ pollId: secretVoters.pollId })
      .from(secretVoters)
      .innerJoin(polls, eq(polls.id, secretVoters.pollId))
      .where(and(eq(polls.sittingId, placeholder("sittingId")), eq(secretVoters.userId, placeholder("userId"))))
      .prepare(),
  };
}

/**
 * RULES.md 6: a ballot counts only from a member on the poll's list who still takes part in the sitting and is checked
 * in now. Checking out after voting does not take a ballot back: this is asked only when one is cast.
 */
function requireVoter(q: NonNullable<typeof hot>, { pollId, sittingId, userId, forSomeoneElse }: { pollId: string; sittingId: string; userId: string; forSomeoneElse: boolean }) {
  if (!q.participant.get({ sittingId, userId })) throw new AppError("forbidden", forSomeoneElse ? "live.errors.memberNotParticipant" : "live.errors.notParticipant");
  if (!q.entitled.get({ pollId, userId })) throw new AppError("forbidden", forSomeoneElse ? "live.errors.memberNotEntitled" : "live.errors.notEntitled");
  if (!q.present.get({ sittingId, userId })) throw new AppError("forbidden", forSomeoneElse ? "live.errors.memberNotPresent" : "live.errors.notPresent");
}

/**
 * One member's ballot. Refused after closing (or once the time is up), from anyone not entitled (RULES.md 6), for a
 * poll of another sitting, and a second time unless the poll allows a change. Returns once committed, with the number
 * who have voted. A ballot does not raise the sitting's sequence number: counts are a stream of latest values
 * (docs/realtime.md), and the number who voted only grows.
 */
export function castBallot({ reader, sittingId, pollId, choice, now = new Date() }: { reader: Reader; sittingId: string; pollId: string; choice: BallotChoice; now?: Date }) {
  hot ??= prepareBallotStatements();
  const q = hot;
  return db.transaction(() => {
    const poll = q.poll.get({ pollId });
    if (!poll || poll.sittingId !== sittingId) throw new AppError("not_found", "live.errors.pollNotFound");
    requireBallotsOpen(poll, now);
    requireVoter(q, { pollId, sittingId, userId: reader.id, forSomeoneElse: false });
    let changed = false;
    try {
      if (poll.secret) {
        q.insertSecretVoter.run({ pollId, userId: reader.id });
        q.insertBox.run({ pollId, ...sealBallot(ballotKey(pollId, poll.ballotKey), pollId, choice) });
      } else {
        q.insertBallot.run({ pollId, userId: reader.id, choice, castAt: now });
      }
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      if (!poll.allowChange) throw new AppError("conflict", "live.errors.alreadyVoted");
      // Raw placeholders in `set` are not encoded by the column: the time goes in as milliseconds, as the column stores it.
      q.changeBallot.run({ pollId, userId: reader.id, choice, castAt: now.getTime() });
      changed = true;
    }
    const voted = (poll.secret ? q.secretCount : q.namedCount).get({ pollId })!.count;
    return { voted, n: poll.n ?? 0, changed };
  });
}

/**
 * RULES.md 2: in a poll marked as recorded by hand, the secretary (or chair) records a member's ballot for them — when
 * the member's device fails. The ballot says who recorded it, and so does the audit log.
 */
export function recordBallot({ actor, reader, sittingId, pollId, userId, choice, now = new Date() }: { actor: Actor; reader: Reader; sittingId: string; pollId: string; userId: string; choice: BallotChoice; now?: Date }) {
  requireConductor(sittingId, reader);
  return db.transaction((tx) => {
    const poll = requirePoll(tx, pollId, sittingId);
    if (!poll.recordedByHand) throw new AppError("forbidden", "live.errors.notByHand");
    requireBallotsOpen(poll, now);
    hot ??= prepareBallotStatements();
    requireVoter(hot, { pollId, sittingId, userId, forSomeoneElse: true });
    try {
      tx.insert(ballots).values({ pollId, userId, choice, castAt: now, recordedBy: reader.id }).run();
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      if (!poll.allowChange) throw new AppError("conflict", "live.errors.memberAlreadyVoted");
      tx.update(ballots).set({ choice, castAt: now, recordedBy: reader.id }).where(and(eq(ballots.pollId, pollId), eq(ballots.userId, userId))).run();
    }
    writeAudit(tx, actor, { action: "ballot.record", entityType: "poll", entityId: pollId, details: { sittingId, userId, choice } });
    return { voted: votedCount(tx, poll), n: poll.n ?? 0 };
  });
}

function votedCount(tx: Tx | typeof db, poll: { id: string; secret: boolean }) {
  const table = poll.secret ? secretVoters : ballots;
  return tx.select({ count: sql<number>`count(*)` }).from(table).where(eq(table.pollId, poll.id)).get()!.count;
}

/** The counts per choice: a named poll's ballot rows; a secret poll's boxes, opened with its key. */
function tally(tx: Tx, poll: { id: string; secret: boolean; ballotKey: string | null }) {
  const counts = { yes: 0, no: 0, abstain: 0 };
  if (poll.secret) {
    const boxes = tx.select({ box: secretBallots.box }).from(secretBallots).where(eq(secretBallots.pollId, poll.id)).all();
    if (!boxes.length) return counts;
    const key = ballotKey(poll.id, poll.ballotKey);
    for (const { box } of boxes) counts[openBallot(key, poll.id, box)] += 1;
    // Every voter has exactly one box (the same transaction wrote both): anything else is damage, not a result.
    if (boxes.length !== votedCount(tx, poll)) throw new AppError("internal", "live.errors.ballotBoxDamaged");
    return counts;
  }
  const rows = tx
    .select({ choice: ballots.choice, count: sql<number>`count(*)` })
    .from(ballots)
    .where(eq(ballots.pollId, poll.id))
    .groupBy(ballots.choice)
    .all();
  for (const row of rows) counts[row.choice] = row.count;
  return counts;
}

/**
 * A secret poll that closed or was cancelled: its boxes and its key are deleted in the same transaction, so from then
 * on nothing stored can be opened, even with the server's ballot secret.
 */
function emptyBallotBox(tx: Tx, poll: { id: string; secret: boolean }) {
  if (!poll.secret) return;
  tx.delete(secretBallots).where(eq(secretBallots.pollId, poll.id)).run();
  tx.update(polls).set({ ballotKey: null }).where(eq(polls.id, poll.id)).run();
}

/** After the box was emptied: the key leaves memory, and the deleted boxes leave the write-ahead log. */
function afterBallotBoxEmptied(poll: { id: string; secret: boolean }) {
  if (!poll.secret) return;
  forgetBallotKey(poll.id);
  forgetFreedPages();
}

/** Closes an open poll and stores its result, computed this once. `actor` null: the server's timer closed it. */
export function closePoll({ actor, reader, sittingId, pollId, now = new Date() }: { actor: Actor; reader: Reader | null; sittingId: string; pollId: string; now?: Date }) {
  if (reader) requireConductor(sittingId, reader);
  const closed = db.transaction((tx) => {
    const poll = requirePoll(tx, pollId, sittingId);
    if (poll.status !== "open") throw new AppError("conflict", "live.errors.pollNotOpen");
    const result: PollResult = computeResult({ rule: poll.rule, ...tally(tx, poll), n: poll.n ?? 0, present: poll.present ?? 0 });
    tx.update(polls).set({ status: "closed", closedAt: now, result }).where(eq(polls.id, pollId)).run();
    emptyBallotBox(tx, poll);
    const seq = nextSeq(tx, sittingId);
    writeAudit(tx, actor, { action: "poll.close", entityType: "poll", entityId: pollId, details: { sittingId, result, byTimer: !reader } });
    return { seq, result, poll };
  });
  afterBallotBoxEmptied(closed.poll);
  return { seq: closed.seq, result: closed.result };
}

export function cancelPoll({ actor, reader, sittingId, pollId }: { actor: Actor; reader: Reader; sittingId: string; pollId: string }) {
  requireConductor(sittingId, reader);
  const cancelled = db.transaction((tx) => {
    const poll = requirePoll(tx, pollId, sittingId);
    if (poll.status !== "draft" && poll.status !== "open") throw new AppError("conflict", "live.errors.pollNotOpen");
    tx.update(polls).set({ status: "cancelled", closedAt: new Date() }).where(eq(polls.id, pollId)).run();
    emptyBallotBox(tx, poll);
    const seq = nextSeq(tx, sittingId);
    writeAudit(tx, actor, { action: "poll.cancel", entityType: "poll", entityId: pollId, details: { sittingId } });
    return { seq, poll };
  });
  afterBallotBoxEmptied(cancelled.poll);
  return { seq: cancelled.seq };
}

/** Open polls with a time limit, for the server's timers after a restart (app/realtime/poll-timers.server.ts). */
export function openPollsWithDeadline() {
  return db
    .select({ id: polls.id, sittingId: polls.sittingId, closesAt: polls.closesAt })
    .from(polls)
    .where(and(eq(polls.status, "open"), isNotNull(polls.closesAt)))
    .all();
}

/**
 * A sitting's polls as its audiences see them, newest first (live-sitting.server.ts has checked who is asking, and
 * keeps this for a moment for the many tablets that ask at once): results of closed ones and — for those who conduct
 * the sitting — who has not voted in a named open poll. Nothing here is one viewer's own: `personalisePolls` adds that.
 */
export function listPolls({ sittingId, conducts }: { sittingId: string; conducts: boolean }) {
  const rows = db.select().from(polls).where(eq(polls.sittingId, sittingId)).orderBy(desc(polls.createdAt)).all();
  return rows.map((poll) => ({
    id: poll.id,
    sittingId: poll.sittingId,
    agendaItemId: poll.agendaItemId,
    question: poll.question,
    rule: poll.rule,
    secret: poll.secret,
    allowChange: poll.allowChange,
    recordedByHand: poll.recordedByHand,
    durationSeconds: poll.durationSeconds,
    status: poll.status,
    n: poll.n,
    present: poll.present,
    openedWithoutQuorum: poll.openedWithoutQuorum,
    openedAt: poll.openedAt?.toISOString() ?? null,
    closesAt: poll.closesAt?.toISOString() ?? null,
    result: poll.result ?? null,
    voted: poll.result?.voted ?? null,
    notVoted: conducts && poll.status === "open" && !poll.secret ? notVoted(poll.id) : null,
  }));
}

type SharedPoll = ReturnType<typeof listPolls>[number];

/**
 * One viewer's part of the polls: whether they are on a poll's list of who may vote (`entitled`), their own ballot (in
 * a secret poll only "secret" once it is in), and the running count of the open poll, read now. The hall screen's
 * viewer is nobody (`id` ""): no ballot.
 */
export function personalisePolls(list: SharedPoll[], viewerId: string) {
  hot ??= prepareBallotStatements();
  const q = hot;
  const sittingId = list[0]?.sittingId;
  const onList = new Set<string>();
  const mine = new Map<string, BallotChoice | "secret">();
  if (viewerId && sittingId) {
    for (const r of q.viewerListed.all({ sittingId, userId: viewerId })) onList.add(r.pollId);
    for (const r of q.viewerBallots.all({ sittingId, userId: viewerId })) mine.set(r.pollId, r.choice);
    for (const r of q.viewerSecret.all({ sittingId, userId: viewerId })) mine.set(r.pollId, "secret");
  }
  return list.map(({ sittingId: _, ...poll }) => ({
    ...poll,
    voted: poll.status === "open" ? (poll.secret ? q.secretCount : q.namedCount).get({ pollId: poll.id })!.count : poll.voted,
    entitled: onList.has(poll.id),
    myBallot: mine.get(poll.id) ?? null,
  }));
}

export type PollView = ReturnType<typeof personalisePolls>[number];

function notVoted(pollId: string) {
  return db
    .select({ userId: users.id, fullName: users.fullName })
    .from(pollVoters)
    .innerJoin(users, eq(users.id, pollVoters.userId))
    .leftJoin(ballots, and(eq(ballots.pollId, pollVoters.pollId), eq(ballots.userId, pollVoters.userId)))
    .where(and(eq(pollVoters.pollId, pollId), sql`${ballots.userId} is null`))
    .orderBy(asc(users.fullName))
    .all();
}

/**
 * What the result sheet prints: a closed poll with its stored result, its sitting and item, and — for a named poll —
 * each member's choice. Anyone who may see the sitting may have it.
 */
export function getPollResultSheet({ reader, sittingId, pollId }: { reader: Reader; sittingId: string; pollId: string }) {
  const sitting = getSittingForReader({ sittingId, reader });
  const poll = requirePoll(db, pollId, sittingId);
  if (poll.status !== "closed" || !poll.result || !poll.openedAt || !poll.closedAt) throw new AppError("conflict", "live.errors.pollNotClosed");
  const item = poll.agendaItemId ? db.select({ title: agendaItems.title }).from(agendaItems).where(eq(agendaItems.id, poll.agendaItemId)).get() : undefined;
  const named = poll.secret
    ? undefined
    : db
        .select({ fullName: users.fullName, choice: ballots.choice, recordedBy: ballots.recordedBy })
        .from(pollVoters)
        .innerJoin(users, eq(users.id, pollVoters.userId))
        .leftJoin(ballots, and(eq(ballots.pollId, pollVoters.pollId), eq(ballots.userId, pollVoters.userId)))
        .where(eq(pollVoters.pollId, pollId))
        .orderBy(asc(users.fullName))
        .all();
  return { sitting, poll: { ...poll, result: poll.result, openedAt: poll.openedAt, closedAt: poll.closedAt }, itemTitle: item?.title, named };
}
