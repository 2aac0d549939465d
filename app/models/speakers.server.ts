// Speakers (issue #5, RULES.md 12): on the item on the floor, a participant registers to speak, to debate or to
// question, and may withdraw; the chair orders the queue, gives the floor and ends a turn. Limits (settings, defaults
// of RULES.md 12): 7 minutes for a first speech on an item, 3 for a second, 3 for a rebuttal or a question.
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { agendaItems, sittingLive, speeches, users, type SpeechKind } from "#db/schema";
import { AppError } from "./app-error";
import { writeAudit, type Actor } from "./audit.server";
import { db, isUniqueViolation, type Tx } from "./db.server";
import { liveSeq, nextSeq, requireConductor, requireInProgress } from "./live-sitting.server";
import type { Reader } from "./reader";
import { canConduct, getSittingForReader } from "./sitting.server";

/** A speech sent in writing: some text, at most 10,000 characters. */
export const writtenText = z.string().trim().min(1, "live.errors.writtenText").max(10_000, "live.errors.writtenText").transform((v) => v.normalize("NFC"));

export const speechLimits = { first: 7 * 60, second: 3 * 60, debate: 3 * 60, question: 3 * 60 } as const;

function currentItem(tx: Tx | typeof db, sittingId: string) {
  const itemId = tx.select({ itemId: sittingLive.currentItemId }).from(sittingLive).where(eq(sittingLive.sittingId, sittingId)).get()?.itemId;
  if (!itemId) throw new AppError("conflict", "live.errors.noItem");
  return itemId;
}

/** A participant asks for the floor on the item under discussion. */
export function registerSpeech({ actor, reader, sittingId, kind }: { actor: Actor; reader: Reader; sittingId: string; kind: SpeechKind }) {
  const sitting = getSittingForReader({ sittingId, reader });
  requireInProgress(sitting);
  if (!sitting.participant) throw new AppError("forbidden", "live.errors.notInvited");
  return db.transaction((tx) => {
    const itemId = currentItem(tx, sittingId);
    const spoken = tx
      .select({ count: sql<number>`count(*)` })
      .from(speeches)
      .where(and(eq(speeches.agendaItemId, itemId), eq(speeches.userId, reader.id), eq(speeches.kind, "speak"), eq(speeches.status, "done")))
      .get()!.count;
    const limitSeconds = kind === "speak" ? (spoken ? speechLimits.second : speechLimits.first) : speechLimits[kind];
    const last = tx.select({ max: sql<number | null>`max(${speeches.position})` }).from(speeches).where(eq(speeches.agendaItemId, itemId)).get()?.max ?? 0;
    const id = randomUUID();
    try {
      tx.insert(speeches).values({ id, sittingId, agendaItemId: itemId, userId: reader.id, kind, position: last + 1, limitSeconds, registeredAt: new Date() }).run();
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError("conflict", "live.errors.alreadyRegistered");
      throw error;
    }
    const seq = nextSeq(tx, sittingId);
    writeAudit(tx, actor, { action: "speech.register", entityType: "sitting", entityId: sittingId, details: { speechId: id, kind } });
    return { seq, speechId: id };
  });
}

function requireSpeech(tx: Tx, sittingId: string, speechId: string) {
  const speech = tx.select().from(speeches).where(eq(speeches.id, speechId)).get();
  if (!speech || speech.sittingId !== sittingId) throw new AppError("not_found", "live.errors.speechNotFound");
  return speech;
}

/** The speaker themselves, or the chair, takes a waiting turn off the list. */
export function withdrawSpeech({ actor, reader, sittingId, speechId }: { actor: Actor; reader: Reader; sittingId: string; speechId: string }) {
  const sitting = getSittingForReader({ sittingId, reader });
  return db.transaction((tx) => {
    const speech = requireSpeech(tx, sittingId, speechId);
    if (speech.userId !== reader.id && !canConduct(sitting, reader)) throw new AppError("forbidden", "live.errors.notConductor");
    if (speech.status !== "waiting") throw new AppError("conflict", "live.errors.speechNotWaiting");
    tx.update(speeches).set({ status: "withdrawn", endedAt: new Date() }).where(eq(speeches.id, speechId)).run();
    const seq = nextSeq(tx, sittingId);
    writeAudit(tx, actor, { action: "speech.withdraw", entityType: "sitting", entityId: sittingId, details: { speechId } });
    return { seq };
  });
}

/** The chair moves a waiting turn to another place in the queue (`to` counts from 0), by buttons or by dragging. */
export function moveSpeech({ reader, sittingId, speechId, to }: { reader: Reader; sittingId: string; speechId: string; to: number }) {
  requireConductor(sittingId, reader);
  return db.transaction((tx) => {
    const speech = requireSpeech(tx, sittingId, speechId);
    if (speech.status !== "waiting") throw new AppError("conflict", "live.errors.speechNotWaiting");
    const others = tx
      .select({ id: speeches.id, position: speeches.position })
      .from(speeches)
      .where(and(eq(speeches.agendaItemId, speech.agendaItemId), eq(speeches.status, "waiting")))
      .orderBy(asc(speeches.position))
      .all()
      .filter((s) => s.id !== speechId);
    const place = Math.max(0, Math.min(to, others.length));
    const before = others[place - 1]?.position;
    const after = others[place]?.position;
    // Positions are real numbers: the turn goes between its new neighbours and nobody else moves.
    const position = before === undefined ? (after ?? 1) - 1 : after === undefined ? before + 1 : (before + after) / 2;
    if (position === speech.position) return { seq: liveSeq(sittingId, tx) };
    tx.update(speeches).set({ position }).where(eq(speeches.id, speechId)).run();
    return { seq: nextSeq(tx, sittingId) };
  });
}

/**
 * A speaker who was not reached sends their speech in writing (RULES.md 12): from the queue while they wait, or
 * afterwards, when the chair moved on or the sitting ended. It is kept with the item, for the chair and the minutes.
 */
export function submitInWriting({ actor, reader, sittingId, speechId, text, now = new Date() }: { actor: Actor; reader: Reader; sittingId: string; speechId: string; text: string; now?: Date }) {
  getSittingForReader({ sittingId, reader });
  return db.transaction((tx) => {
    const speech = requireSpeech(tx, sittingId, speechId);
    if (speech.userId !== reader.id) throw new AppError("forbidden", "live.errors.notYourSpeech");
    if (speech.status !== "waiting" && speech.status !== "not_reached") throw new AppError("conflict", "live.errors.speechNotWaiting");
    tx.update(speeches).set({ status: "written", writtenText: text, endedAt: now }).where(eq(speeches.id, speechId)).run();
    const seq = nextSeq(tx, sittingId);
    writeAudit(tx, actor, { action: "speech.written", entityType: "sitting", entityId: sittingId, details: { speechId, characters: text.length } });
    return { seq };
  });
}

/** Whoever has the floor stops: another is given it, or the sitting ends. */
export function endCurrentSpeech(tx: Tx, sittingId: string, now: Date) {
  tx.update(speeches).set({ status: "done", endedAt: now }).where(and(eq(speeches.sittingId, sittingId), eq(speeches.status, "speaking"))).run();
}

/** Whoever still waits on an item the chair leaves (or when the sitting ends) was not reached. */
export function markNotReached(tx: Tx, sittingId: string, now: Date, itemId?: string) {
  tx.update(speeches)
    .set({ status: "not_reached", endedAt: now })
    .where(and(eq(speeches.sittingId, sittingId), eq(speeches.status, "waiting"), itemId ? eq(speeches.agendaItemId, itemId) : undefined))
    .run();
}

/** This participant's turns that were not reached, for them to send in writing. */
export function listNotReached(sittingId: string, userId: string) {
  // Part of every tablet's reload of the live state: prepared once.
  notReachedStatement ??= prepareNotReached();
  return notReachedStatement.all({ sittingId, userId });
}

let notReachedStatement: ReturnType<typeof prepareNotReached> | undefined;
function prepareNotReached() {
  return db
    .select({ id: speeches.id, kind: speeches.kind, itemId: speeches.agendaItemId, itemTitle: agendaItems.title })
    .from(speeches)
    .innerJoin(agendaItems, eq(agendaItems.id, speeches.agendaItemId))
    .where(and(eq(speeches.sittingId, sql.placeholder("sittingId")), eq(speeches.userId, sql.placeholder("userId")), eq(speeches.status, "not_reached")))
    .orderBy(asc(agendaItems.position), asc(speeches.position))
    .prepare();
}

/** The chair gives the floor to a waiting speaker (the chair may depart from the order); whoever spoke stops. */
export function giveFloor({ actor, reader, sittingId, speechId, now = new Date() }: { actor: Actor; reader: Reader; sittingId: string; speechId: string; now?: Date }) {
  const sitting = requireConductor(sittingId, reader);
  requireInProgress(sitting);
  return db.transaction((tx) => {
    const speech = requireSpeech(tx, sittingId, speechId);
    if (speech.status !== "waiting") throw new AppError("conflict", "live.errors.speechNotWaiting");
    endCurrentSpeech(tx, sittingId, now);
    tx.update(speeches).set({ status: "speaking", startedAt: now }).where(eq(speeches.id, speechId)).run();
    const seq = nextSeq(tx, sittingId);
    writeAudit(tx, actor, { action: "speech.floor", entityType: "sitting", entityId: sittingId, details: { speechId } });
    return { seq };
  });
}

/** The chair ends the turn of whoever is speaking. */
export function endSpeech({ actor, reader, sittingId, now = new Date() }: { actor: Actor; reader: Reader; sittingId: string; now?: Date }) {
  requireConductor(sittingId, reader);
  return db.transaction((tx) => {
    const speaking = tx.select().from(speeches).where(and(eq(speeches.sittingId, sittingId), eq(speeches.status, "speaking"))).get();
    if (!speaking) throw new AppError("conflict", "live.errors.nobodySpeaking");
    tx.update(speeches).set({ status: "done", endedAt: now }).where(eq(speeches.id, speaking.id)).run();
    const seq = nextSeq(tx, sittingId);
    writeAudit(tx, actor, { action: "speech.end", entityType: "sitting", entityId: sittingId, details: { speechId: speaking.id, seconds: Math.round((now.getTime() - speaking.startedAt!.getTime()) / 1000) } });
    return { seq };
  });
}

/** The speakers of the item on the floor: the queue in order, who is speaking, who spoke and for how long, and what was sent in writing. */
export function listSpeakers(sittingId: string, itemId: string | null) {
  if (!itemId) return { queue: [], current: null, done: [], written: [] };
  const rows = db
    .select({
      id: speeches.id,
      userId: speeches.userId,
      fullName: users.fullName,
      position: users.position,
      kind: speeches.kind,
      status: speeches.status,
      limitSeconds: speeches.limitSeconds,
      registeredAt: speeches.registeredAt,
      startedAt: speeches.startedAt,
      endedAt: speeches.endedAt,
      writtenText: speeches.writtenText,
    })
    .from(speeches)
    .innerJoin(users, eq(users.id, speeches.userId))
    .where(and(eq(speeches.sittingId, sittingId), eq(speeches.agendaItemId, itemId), inArray(speeches.status, ["waiting", "speaking", "done", "written"])))
    .orderBy(asc(speeches.position))
    .all()
    .map((s) => ({
      ...s,
      registeredAt: s.registeredAt.toISOString(),
      startedAt: s.startedAt?.toISOString() ?? null,
      endedAt: s.endedAt?.toISOString() ?? null,
      seconds: s.startedAt && s.endedAt ? Math.round((s.endedAt.getTime() - s.startedAt.getTime()) / 1000) : null,
    }));
  return {
    queue: rows.filter((s) => s.status === "waiting"),
    current: rows.find((s) => s.status === "speaking") ?? null,
    done: rows.filter((s) => s.status === "done").sort((a, b) => (a.startedAt ?? "").localeCompare(b.startedAt ?? "")),
    written: rows.filter((s) => s.status === "written").sort((a, b) => (a.endedAt ?? "").localeCompare(b.endedAt ?? "")),
  };
}
