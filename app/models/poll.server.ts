// Biểu quyết (issue #5, RULES.md 1–7). The chair creates a poll on an agenda item and opens it: N (members in office)
// and the present count are taken then, with the list of who may vote. Each member votes once — the database's primary
// key makes sure, not a check in code — and a ballot is acknowledged only after its transaction commits. Closing
// computes the result once and stores it; it is never recomputed. Secret polls keep who voted apart from what was
// chosen: there is no ballot row, only a list of voters and a count per choice (db/schema.ts).
import { randomUUID } from "node:crypto";
import { and, asc, desc, eq, isNotNull, sql } from "drizzle-orm";
import { agendaItems, ballotChoices, ballots, pollRules, polls, pollVoters, secretTallies, secretVoters, users, type BallotChoice, type PollResult } from "#db/schema";
import { z } from "zod";
import { AppError } from "./app-error";
import { writeAudit, type Actor } from "./audit.server";
import { db, isUniqueViolation, type Tx } from "./db.server";
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
 * Opens a poll: snapshots who may vote (the members in office; N is their number) and how many of them are present.
 * Without quorum (RULES.md 7) the chair must confirm, and the poll records that it opened so.
 */
export function openPoll({ actor, reader, sittingId, pollId, withoutQuorum = false, now = new Date() }: { actor: Actor; reader: Reader; sittingId: string; pollId: string; withoutQuorum?: boolean; now?: Date }) {
  const sitting = requireConductor(sittingId, reader);
  requireInProgress(sitting);
  return db.transaction((tx) => {
    const poll = requirePoll(tx, pollId, sittingId);
    if (poll.status !== "draft") throw new AppError("conflict", "live.errors.pollNotDraft");
    if (tx.select({ id: polls.id }).from(polls).where(and(eq(polls.sittingId, sittingId), eq(polls.status, "open"))).get()) throw new AppError("conflict", "live.errors.anotherOpen");
    const { members, n, present } = attendanceCounts(tx, sitting, now);
    if (n === 0) throw new AppError("conflict", "live.errors.noMembers");
    const quorum = quorumMet(present, n);
    if (!quorum && !withoutQuorum) throw new AppError("conflict", "live.errors.noQuorum", { present, n });
    for (const userId of members) tx.insert(pollVoters).values({ pollId, userId }).run();
    if (poll.secret) for (const choice of ballotChoices) tx.insert(secretTallies).values({ pollId, choice, count: 0 }).run();
    const closesAt = poll.durationSeconds ? new Date(now.getTime() + poll.durationSeconds * 1000) : null;
    tx.update(polls).set({ status: "open", n, present, openedWithoutQuorum: !quorum, openedAt: now, closesAt }).where(eq(polls.id, pollId)).run();
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
      .select({ id: polls.id, sittingId: polls.sittingId, status: polls.status, closesAt: polls.closesAt, secret: polls.secret, allowChange: polls.allowChange, n: polls.n })
      .from(polls)
      .where(eq(polls.id, placeholder("pollId")))
      .prepare(),
    entitled: db
      .select({ userId: pollVoters.userId })
      .from(pollVoters)
      .where(and(eq(pollVoters.pollId, placeholder("pollId")), eq(pollVoters.userId, placeholder("userId"))))
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
    countSecretChoice: db
      .update(secretTallies)
      .set({ count: sql`${secretTallies.count} + 1` })
      .where(and(eq(secretTallies.pollId, placeholder("pollId")), eq(secretTallies.choice, placeholder("choice"))))
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
  };
}

/**
 * One member's ballot. Refused after closing (or once the time is up), from anyone not entitled, for a poll of another
 * sitting, and a second time unless the poll allows a change. Returns once committed, with the number who have voted.
 */
export function castBallot({ reader, sittingId, pollId, choice, now = new Date() }: { reader: Reader; sittingId: string; pollId: string; choice: BallotChoice; now?: Date }) {
  hot ??= prepareBallotStatements();
  const q = hot;
  return db.transaction((tx) => {
    const poll = q.poll.get({ pollId });
    if (!poll || poll.sittingId !== sittingId) throw new AppError("not_found", "live.errors.pollNotFound");
    requireBallotsOpen(poll, now);
    if (!q.entitled.get({ pollId, userId: reader.id })) throw new AppError("forbidden", "live.errors.notEntitled");
    let changed = false;
    try {
      if (poll.secret) {
        q.insertSecretVoter.run({ pollId, userId: reader.id });
        q.countSecretChoice.run({ pollId, choice });
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
    const seq = nextSeq(tx, sittingId);
    const voted = (poll.secret ? q.secretCount : q.namedCount).get({ pollId })!.count;
    return { seq, voted, n: poll.n ?? 0, changed };
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
    if (!tx.select({ userId: pollVoters.userId }).from(pollVoters).where(and(eq(pollVoters.pollId, pollId), eq(pollVoters.userId, userId))).get()) {
      throw new AppError("forbidden", "live.errors.memberNotEntitled");
    }
    try {
      tx.insert(ballots).values({ pollId, userId, choice, castAt: now, recordedBy: reader.id }).run();
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      if (!poll.allowChange) throw new AppError("conflict", "live.errors.memberAlreadyVoted");
      tx.update(ballots).set({ choice, castAt: now, recordedBy: reader.id }).where(and(eq(ballots.pollId, pollId), eq(ballots.userId, userId))).run();
    }
    const seq = nextSeq(tx, sittingId);
    writeAudit(tx, actor, { action: "ballot.record", entityType: "poll", entityId: pollId, details: { sittingId, userId, choice } });
    return { seq, voted: votedCount(tx, poll), n: poll.n ?? 0 };
  });
}

function votedCount(tx: Tx | typeof db, poll: { id: string; secret: boolean }) {
  const table = poll.secret ? secretVoters : ballots;
  return tx.select({ count: sql<number>`count(*)` }).from(table).where(eq(table.pollId, poll.id)).get()!.count;
}

function tally(tx: Tx, poll: { id: string; secret: boolean }) {
  const rows = poll.secret
    ? tx.select({ choice: secretTallies.choice, count: secretTallies.count }).from(secretTallies).where(eq(secretTallies.pollId, poll.id)).all()
    : tx
        .select({ choice: ballots.choice, count: sql<number>`count(*)` })
        .from(ballots)
        .where(eq(ballots.pollId, poll.id))
        .groupBy(ballots.choice)
        .all();
  const counts = { yes: 0, no: 0, abstain: 0 };
  for (const row of rows) counts[row.choice] = row.count;
  return counts;
}

/** Closes an open poll and stores its result, computed this once. `actor` null: the server's timer closed it. */
export function closePoll({ actor, reader, sittingId, pollId, now = new Date() }: { actor: Actor; reader: Reader | null; sittingId: string; pollId: string; now?: Date }) {
  if (reader) requireConductor(sittingId, reader);
  return db.transaction((tx) => {
    const poll = requirePoll(tx, pollId, sittingId);
    if (poll.status !== "open") throw new AppError("conflict", "live.errors.pollNotOpen");
    const result: PollResult = computeResult({ rule: poll.rule, ...tally(tx, poll), n: poll.n ?? 0, present: poll.present ?? 0 });
    tx.update(polls).set({ status: "closed", closedAt: now, result }).where(eq(polls.id, pollId)).run();
    const seq = nextSeq(tx, sittingId);
    writeAudit(tx, actor, { action: "poll.close", entityType: "poll", entityId: pollId, details: { sittingId, result, byTimer: !reader } });
    return { seq, result };
  });
}

export function cancelPoll({ actor, reader, sittingId, pollId }: { actor: Actor; reader: Reader; sittingId: string; pollId: string }) {
  requireConductor(sittingId, reader);
  return db.transaction((tx) => {
    const poll = requirePoll(tx, pollId, sittingId);
    if (poll.status !== "draft" && poll.status !== "open") throw new AppError("conflict", "live.errors.pollNotOpen");
    tx.update(polls).set({ status: "cancelled", closedAt: new Date() }).where(eq(polls.id, pollId)).run();
    const seq = nextSeq(tx, sittingId);
    writeAudit(tx, actor, { action: "poll.cancel", entityType: "poll", entityId: pollId, details: { sittingId } });
    return { seq };
  });
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
 * A sitting's polls as one viewer sees them, for the live state (live-sitting.server.ts, which has checked who is
 * asking): results of closed ones, the running count of the open one, the viewer's own ballot, and — for those who
 * conduct the sitting — who has not voted in a named poll. The hall screen's viewer is nobody (`id` ""): no ballot,
 * no names.
 */
export function listPolls({ sittingId, viewer }: { sittingId: string; viewer: { id: string; conducts: boolean } }) {
  const rows = db.select().from(polls).where(eq(polls.sittingId, sittingId)).orderBy(desc(polls.createdAt)).all();
  return rows.map((poll) => {
    const open = poll.status === "open";
    const entitled = (open || poll.status === "closed") && !!db.select({ u: pollVoters.userId }).from(pollVoters).where(and(eq(pollVoters.pollId, poll.id), eq(pollVoters.userId, viewer.id))).get();
    return {
      id: poll.id,
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
      voted: open ? votedCount(db, poll) : (poll.result?.voted ?? null),
      entitled,
      myBallot: myBallot(poll, viewer.id),
      notVoted: viewer.conducts && open && !poll.secret ? notVoted(poll.id) : null,
    };
  });
}

/** The viewer's choice in a named poll; in a secret one only that they voted ("secret"); null before they vote. */
function myBallot(poll: { id: string; secret: boolean }, userId: string) {
  if (poll.secret) {
    const voted = db.select({ u: secretVoters.userId }).from(secretVoters).where(and(eq(secretVoters.pollId, poll.id), eq(secretVoters.userId, userId))).get();
    return voted ? ("secret" as const) : null;
  }
  return db.select({ choice: ballots.choice }).from(ballots).where(and(eq(ballots.pollId, poll.id), eq(ballots.userId, userId))).get()?.choice ?? null;
}

export type PollView = ReturnType<typeof listPolls>[number];

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
