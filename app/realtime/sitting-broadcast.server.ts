// Everything a sitting tells those who follow it, after the commit — and to whom (DESIGN.md §4, RULES.md 14). Each
// audience of a sitting (app/models/live-sitting.server.ts: conduct, participant, guest, screen) has its own room, and
// every event about a sitting goes out through `tell`, which asks `hears` whether each audience may have it. So a
// closed sitting's hall screen and guests get nothing of a document or a result, whichever handler sent it.
//
// Timing: the hall screen gets every change at once, and those who conduct the sitting every count at once (the
// ballots read in one turn of the event loop making one count). Tablets (participants and guests, up to a thousand in
// a hall) get the live changes and the running counts coalesced, at most every `tabletEveryMs`, the first of a quiet
// spell at once: with every tablet in the room, a thousand ballots would otherwise be a million messages, and every
// change a thousand reloads of the state at the same moment. What goes to tablets is written a hundred sockets at a
// time, so the ballots arriving meanwhile are not held up (the outbox, below). The consoles of those who conduct get
// live changes coalesced too: each reload there reads the whole attendance list, and a thousand check-ins in a minute
// would be a thousand of them.
import type { PollResult } from "#db/schema";
import { audiences, isShutOut, presenceOf, sittingIsClosed, type Audience } from "~/models/live-sitting.server";
import { presentationFor, presentationPayload, type Presentation } from "~/models/presentation.server";
import { getReader } from "~/models/user.server";
import type { LivePart, ServerToClientEvents, SittingPart } from "./events";
import { getRealtimeIfAttached, rooms, type AppServerSocket } from "./server.server";

type SittingEvent = "sitting:changed" | "sitting:replied" | "presentation:changed" | "live:changed" | "poll:count" | "presence:count" | "poll:closed";

/** Whether an audience hears an event of a sitting; `closed`: the sitting is closed (họp kín) now. */
export function hears(audience: Audience, closed: boolean, event: SittingEvent, what?: LivePart) {
  // Replies to the invitation (with reasons for absence) are for those who run the sitting.
  if (event === "sitting:replied") return audience === "conduct";
  // "Look again" for pages of the sitting: carries nothing but the part's name; the hall screen has no such pages.
  if (event === "sitting:changed") return audience !== "screen";
  // How many are present is no secret of a closed sitting; its state says as much.
  if (event === "presence:count") return true;
  if (!isShutOut(audience, closed)) return true;
  // Shut out of a closed sitting: only that it opened or ended (their state then says nothing more).
  return event === "live:changed" && what === "status";
}

const tablets: readonly Audience[] = ["participant", "guest"];
const coalescedLive: readonly Audience[] = ["conduct", ...tablets];

/**
 * Sends one event to every audience of the sitting that hears it (`only`: to these audiences alone): to the hall screen
 * and those who conduct at once, to the tablets through their outbox.
 */
function tell<E extends SittingEvent>(sittingId: string, event: E, payload: Parameters<ServerToClientEvents[E]>[0], options: { what?: LivePart; only?: readonly Audience[] } = {}) {
  const io = getRealtimeIfAttached();
  if (!io) return;
  const closed = sittingIsClosed(sittingId);
  const to = (options.only ?? audiences).filter((a) => hears(a, closed, event, options.what));
  const now = to.filter((a) => !tablets.includes(a)).map((a) => rooms.audience(sittingId, a));
  if (now.length) (io.to(now).emit as (event: E, payload: unknown) => void)(event, payload);
  const later = to.filter((a) => tablets.includes(a)).map((a) => rooms.audience(sittingId, a));
  if (later.length) post(sittingId, { rooms: later, event, payload });
}

/** Follow a sitting as `audience`: in that audience's room, and no other of the sitting's. */
export async function joinAudience(socket: AppServerSocket, sittingId: string, audience: Audience) {
  await Promise.all(audiences.filter((a) => a !== audience).map((a) => socket.leave(rooms.audience(sittingId, a))));
  await socket.join(rooms.audience(sittingId, audience));
}

export async function leaveAudiences(socket: AppServerSocket, sittingId: string) {
  await Promise.all(audiences.map((a) => socket.leave(rooms.audience(sittingId, a))));
}

export function announceSittingChange(sittingId: string, what: SittingPart, revision?: number) {
  tell(sittingId, "sitting:changed", { sittingId, what, revision });
}

export function announceReply(payload: Parameters<ServerToClientEvents["sitting:replied"]>[0]) {
  tell(payload.sittingId, "sitting:replied", payload);
}

/**
 * Someone checked in or out, or left the sitting. Tablets get only the new count (`presence:count`): reloading the
 * state a thousand times for every check-in is what a full hall cannot afford. When the change was made for someone
 * by another (the secretary checking a member in), that member's devices reload: it decides whether they may vote.
 */
export function announceAttendance(sittingId: string, seq: number, forUserId?: string) {
  announceLive(sittingId, seq, "attendance");
  if (forUserId) getRealtimeIfAttached()?.to(rooms.user(forUserId)).emit("live:changed", { sittingId, seq, what: "attendance" });
}

/** Something in the live sitting changed (`seq`: its number after the change): everyone reloads what they show. */
export function announceLive(sittingId: string, seq: number, what: LivePart) {
  tell(sittingId, "live:changed", { sittingId, seq, what }, { what, only: ["screen"] });
  const pending = soon(sittingId);
  pending.parts.set(what, Math.max(seq, pending.parts.get(what) ?? 0));
  pump(sittingId);
}

/** A ballot was committed: the number who have voted is the latest value of a stream, and only grows. */
export function announcePollCount(sittingId: string, pollId: string, voted: number, n: number) {
  countThisTurn(sittingId, pollId, voted, n);
  const pending = soon(sittingId).counts.get(pollId);
  soon(sittingId).counts.set(pollId, { voted: Math.max(voted, pending?.voted ?? 0), n });
  pump(sittingId);
}

/** A poll closed: its stored result to everyone at once (it carries the final count), and no stale count after it. */
export function announcePollClosed(sittingId: string, seq: number, pollId: string, result: PollResult) {
  coalesced.get(sittingId)?.counts.delete(pollId);
  thisTurn.get(sittingId)?.counts.delete(pollId);
  tell(sittingId, "poll:closed", { sittingId, seq, pollId, result });
}

/**
 * The presented page, to everyone following the sitting who hears it. A confidential document's page goes only to
 * those who may read it; the others are told nothing is presented (the hall screen by link reads nobody's documents).
 */
export async function announcePresentation(sittingId: string, presentation: Presentation | null) {
  const io = getRealtimeIfAttached();
  if (!io) return;
  if (!presentation || presentation.confidentiality !== "confidential") {
    tell(sittingId, "presentation:changed", { sittingId, presentation: presentation && presentationPayload(presentation) });
    return;
  }
  const closed = sittingIsClosed(sittingId);
  for (const audience of audiences) {
    if (!hears(audience, closed, "presentation:changed")) continue;
    for (const socket of await io.in(rooms.audience(sittingId, audience)).fetchSockets()) {
      const shown = audience === "screen" ? null : presentationFor(presentation, getReader(socket.data.userId));
      socket.emit("presentation:changed", { sittingId, presentation: shown });
    }
  }
}

// ——— the hall screen and those who conduct: every count at once ———

/**
 * "At once" is at the end of the turn of the event loop in which the ballot was committed. Under a burst the server
 * reads several ballots in one turn, and they make one count message instead of one each: every socket write costs
 * ~50 µs of the server's time on the 2-core machine, and at 1,000 ballots a second the writes of counts nobody would
 * see (they are replaced within the same millisecond) were a third of it.
 */
type Turn = { counts: Map<string, { voted: number; n: number }>; immediate: ReturnType<typeof setImmediate> };
const thisTurn = new Map<string, Turn>();

function countThisTurn(sittingId: string, pollId: string, voted: number, n: number) {
  let turn = thisTurn.get(sittingId);
  if (!turn) {
    const counts = new Map<string, { voted: number; n: number }>();
    const immediate = setImmediate(() => {
      thisTurn.delete(sittingId);
      for (const [id, count] of counts) tell(sittingId, "poll:count", { sittingId, pollId: id, ...count }, { only: ["conduct", "screen"] });
    });
    thisTurn.set(sittingId, (turn = { counts, immediate }));
  }
  turn.counts.set(pollId, { voted: Math.max(voted, turn.counts.get(pollId)?.voted ?? 0), n });
}

// ——— tablets: the latest of each stream, a few times a second ———

export const tabletEveryMs = 250;

type Pending = { timer?: ReturnType<typeof setTimeout>; parts: Map<LivePart, number>; counts: Map<string, { voted: number; n: number }> };
const coalesced = new Map<string, Pending>();

function soon(sittingId: string) {
  let pending = coalesced.get(sittingId);
  if (!pending) coalesced.set(sittingId, (pending = { parts: new Map(), counts: new Map() }));
  return pending;
}

/** Sends what is pending now unless a send went out less than `tabletEveryMs` ago; then once that time is up. */
function pump(sittingId: string) {
  const pending = soon(sittingId);
  if (pending.timer) return;
  flush(sittingId, pending);
  const tick = () => {
    if (!pending.parts.size && !pending.counts.size) {
      coalesced.delete(sittingId);
      return;
    }
    flush(sittingId, pending);
    pending.timer = setTimeout(tick, tabletEveryMs);
  };
  pending.timer = setTimeout(tick, tabletEveryMs);
}

function flush(sittingId: string, pending: Pending) {
  for (const [what, seq] of pending.parts) tell(sittingId, "live:changed", { sittingId, seq, what }, { what, only: what === "attendance" ? ["conduct"] : coalescedLive });
  if (pending.parts.has("attendance")) tell(sittingId, "presence:count", { sittingId, ...presenceOf(sittingId) }, { only: tablets });
  for (const [pollId, { voted, n }] of pending.counts) tell(sittingId, "poll:count", { sittingId, pollId, voted, n }, { only: tablets });
  pending.parts.clear();
  pending.counts.clear();
}

// ——— tablets: a hundred sockets per turn of the event loop ———

/**
 * Writing one event to a thousand tablets is a thousand socket writes in one go: ~20 ms on the 2-core machine, up to
 * ~80 ms while the tablets compete for the cores, and the ballots arriving meanwhile wait (the hall screen's count
 * with them). So each sitting's events for tablets go through an outbox written `tabletsPerTurn` sockets per turn of
 * the event loop, reading what arrived between turns; in the order they were told, so no tablet gets a count after
 * the poll's result. A hall of up to `tabletsPerTurn` tablets gets each event at once, as before.
 */
export const tabletsPerTurn = 100;

type Letter = { rooms: string[]; event: SittingEvent; payload: unknown };
type Outbox = { letters: Letter[]; writing: { letter: Letter; to: string[]; done: number } | null; turn?: ReturnType<typeof setImmediate> };
const outboxes = new Map<string, Outbox>();

function post(sittingId: string, letter: Letter) {
  const outbox = outboxes.get(sittingId);
  if (outbox) return void outbox.letters.push(letter);
  outboxes.set(sittingId, { letters: [letter], writing: null });
  write(sittingId);
}

function write(sittingId: string) {
  const outbox = outboxes.get(sittingId)!;
  const io = getRealtimeIfAttached();
  let budget = tabletsPerTurn;
  while (io && budget > 0) {
    if (!outbox.writing) {
      const letter = outbox.letters.shift();
      if (!letter) break;
      // Those in the rooms when the letter's turn comes; whoever joins later loads the state anyway.
      const to = new Set(letter.rooms.flatMap((room) => [...(io.sockets.adapter.rooms.get(room) ?? [])]));
      outbox.writing = { letter, to: [...to], done: 0 };
    }
    const { letter, to, done } = outbox.writing;
    const now = to.slice(done, done + budget);
    // A socket's own room is its id: one encoding for the batch.
    if (now.length) (io.to(now).emit as (event: string, payload: unknown) => void)(letter.event, letter.payload);
    budget -= now.length;
    outbox.writing.done += now.length;
    if (outbox.writing.done >= to.length) outbox.writing = null;
  }
  if (!io || (!outbox.writing && !outbox.letters.length)) outboxes.delete(sittingId);
  else outbox.turn = setImmediate(() => write(sittingId));
}

/** At shutdown: nothing more to send. */
export function stopCoalescing() {
  for (const pending of coalesced.values()) clearTimeout(pending.timer);
  coalesced.clear();
  for (const outbox of outboxes.values()) clearImmediate(outbox.turn);
  outboxes.clear();
  for (const turn of thisTurn.values()) clearImmediate(turn.immediate);
  thisTurn.clear();
}
