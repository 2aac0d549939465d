import { useCallback, useEffect, useRef, useState } from "react";
import type { Ack, ClientToServerEvents, LiveStatePayload, PollResultPayload } from "./events";
import { useRealtime } from "./realtime-provider";

/**
 * The live sitting as this user may see it, kept current over the socket. Every event carries the sitting's sequence
 * number: the next one in line is applied (a running count) or triggers a reload of the state; a gap, a reconnect or a
 * refused command reloads the whole state, so a screen never shows a poll open after it closed.
 */
export function useLiveSitting(sittingId: string) {
  const { socket, status } = useRealtime();
  const [state, setState] = useState<LiveStatePayload | null>(null);
  const [error, setError] = useState<string | null>(null);
  // The server's clock minus this device's, for speaking timers.
  const [clockOffset, setClockOffset] = useState(0);
  const seq = useRef(0);

  const reload = useCallback(() => {
    if (!socket) return;
    socket.emit("live:state", { sittingId }, (reply) => {
      if (!reply.ok) return setError(reply.error.message);
      setError(null);
      // Replies can cross: never go back to an older state.
      if (reply.state.seq < seq.current) return;
      seq.current = reply.state.seq;
      setClockOffset(Date.parse(reply.state.serverTime) - Date.now());
      setState(reply.state);
    });
  }, [socket, sittingId]);

  useEffect(() => {
    if (!socket) return;
    const join = () => socket.emit("sitting:join", { sittingId }, () => reload());
    const inLine = (next: number) => {
      if (next <= seq.current) return false; // already seen (a reload got there first)
      if (next !== seq.current + 1) {
        reload();
        return false;
      }
      seq.current = next;
      return true;
    };
    const onChanged = (e: { sittingId: string; seq: number }) => {
      if (e.sittingId !== sittingId) return;
      if (e.seq > seq.current) reload();
    };
    const onCount = (e: { sittingId: string; seq: number; pollId: string; voted: number }) => {
      if (e.sittingId !== sittingId || !inLine(e.seq)) return;
      setState((s) => (s ? { ...s, seq: e.seq, polls: s.polls.map((p) => (p.id === e.pollId ? { ...p, voted: e.voted } : p)) } : s));
    };
    const onClosed = (e: { sittingId: string; seq: number; pollId: string; result: PollResultPayload }) => {
      if (e.sittingId !== sittingId) return;
      // Shown closed at once, whatever else was missed; the reload fills in the rest.
      setState((s) => (s ? { ...s, polls: s.polls.map((p) => (p.id === e.pollId ? { ...p, status: "closed", result: e.result, voted: e.result.voted, notVoted: null } : p)) } : s));
      reload();
    };
    if (socket.connected) join();
    socket.on("connect", join);
    socket.on("live:changed", onChanged);
    socket.on("poll:count", onCount);
    socket.on("poll:closed", onClosed);
    return () => {
      socket.off("connect", join);
      socket.off("live:changed", onChanged);
      socket.off("poll:count", onCount);
      socket.off("poll:closed", onClosed);
    };
  }, [socket, sittingId, reload]);

  /** Sends a command; a refusal is shown in the user's language. */
  const send = useCallback(
    <E extends keyof LiveCommands>(event: E, payload: Omit<Parameters<LiveCommands[E]>[0], "sittingId">) =>
      new Promise<boolean>((resolve) => {
        if (!socket?.connected) {
          setError(null);
          resolve(false);
          return;
        }
        // Reloaded after every answer: what the command changed for this user (their ballot, say) shows at once, and a
        // refusal may mean the screen was behind.
        const done = (reply: Ack) => {
          setError(reply.ok ? null : reply.error.message);
          reload();
          resolve(reply.ok);
        };
        (socket.emit as unknown as (e: string, p: unknown, ack: (r: Ack) => void) => void)(event, { ...payload, sittingId }, done);
      }),
    [socket, sittingId, reload],
  );

  return { state, error, connected: status === "connected", send, reload, clockOffset };
}

type LiveCommands = Pick<
  ClientToServerEvents,
  | "live:open"
  | "live:end"
  | "live:item"
  | "checkin:set"
  | "poll:create"
  | "poll:open"
  | "poll:vote"
  | "poll:record"
  | "poll:close"
  | "poll:cancel"
  | "speaker:register"
  | "speaker:withdraw"
  | "speaker:move"
  | "speaker:write"
  | "speaker:floor"
  | "speaker:end"
>;
export type LiveSitting = ReturnType<typeof useLiveSitting>;
