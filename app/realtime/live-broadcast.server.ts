// Broadcasts of the live sitting, after the commit. Each carries the sitting's sequence number.
import type { PollResult } from "#db/schema";
import type { LivePart } from "./events";
import { getRealtimeIfAttached, rooms } from "./server.server";

export function announceLive(sittingId: string, seq: number, what: LivePart) {
  getRealtimeIfAttached()?.to(rooms.meeting(sittingId)).emit("live:changed", { sittingId, seq, what });
}

export function announcePollCount(sittingId: string, seq: number, pollId: string, voted: number, n: number) {
  getRealtimeIfAttached()?.to(rooms.meeting(sittingId)).emit("poll:count", { sittingId, seq, pollId, voted, n });
}

export function announcePollClosed(sittingId: string, seq: number, pollId: string, result: PollResult) {
  getRealtimeIfAttached()?.to(rooms.meeting(sittingId)).emit("poll:closed", { sittingId, seq, pollId, result });
}
