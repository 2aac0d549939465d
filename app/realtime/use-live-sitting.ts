import { useCallback, useEffect, useRef, useState } from "react";
import type { Ack, ClientToServerEvents, LiveStatePayload, PollResultPayload } from "./events";
import { useRealtime } from "./realtime-provider";

/**
 * The live sitting as this user may see it, kept current over the socket. Every change carries the sitting's sequence
 * number: a newer one reloads the state (one reload in flight at a time, and one more if something changed meanwhile);
 * a reconnect or a refused command reloads it too, so a screen never shows a poll open after it closed. Counts of
 * ballots are a stream of latest values outside the numbers: the largest seen is shown.
 */
export function useLiveSitting(sittingId: string) {
  const { socket, status } = useRealtime();
  const [state, setState] = useState<LiveStatePayload | null>(null);
  const [error, setError] = useState<string | null>(null);
  // The server's clock minus this device's, for speaking timers.
  const [clockOffset, setClockOffset] = useState(0);
  const seq = useRef(0);
  const loading = useRef<"idle" | "busy" | "again">("idle");

  const reload = useCallback(() => {
    if (!socket) return;
    if (loading.current !== "idle") {
      loading.current = "again";
      return;
    }
    loading.current = "busy";
    socket.emit("live:state", { sittingId }, (reply) => {
      const again = loading.current === "again";
      loading.current = "idle";
      if (again) reload();
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
    const onChanged = (e: { sittingId: string; seq: number }) => {
      if (e.sittingId === sittingId && e.seq > seq.current) reload();
    };
    const onCount = (e: { sittingId: string; pollId: string; voted: number }) => {
      if (e.sittingId !== sittingId) return;
      setState((s) => (s ? { ...s, polls: s.polls.map((p) => (p.id === e.pollId && p.status === "open" ? { ...p, voted: Math.max(p.voted ?? 0, e.voted) } : p)) } : s));
    };
    const onClosed = (e: { sittingId: string; seq: number; pollId: string; result: PollResultPayload }) => {
      if (e.sittingId !== sittingId) return;
      // Shown closed at once, whatever else was missed; the reload fills in the rest.
      setState((s) => (s ? { ...s, polls: s.polls.map((p) => (p.id === e.pollId ? { ...p, status: "closed", result: e.result, voted: e.result.voted, notVoted: null } : p)) } : s));
      reload();
    };
    const onPresence = (e: { sittingId: string; present: number; n: number; quorum: boolean }) => {
      if (e.sittingId === sittingId) setState((s) => (s ? { ...s, present: e.present, n: e.n, quorum: e.quorum } : s));
    };
    // To those who conduct the sitting: a reply to the invitation (the absent list shows reasons).
    const onReply = (e: { sittingId: string }) => {
      if (e.sittingId === sittingId) reload();
    };
    if (socket.connected) join();
    socket.on("connect", join);
    socket.on("live:changed", onChanged);
    socket.on("sitting:replied", onReply);
    socket.on("presence:count", onPresence);
    socket.on("poll:count", onCount);
    socket.on("poll:closed", onClosed);
    return () => {
      socket.off("connect", join);
      socket.off("live:changed", onChanged);
      socket.off("sitting:replied", onReply);
      socket.off("presence:count", onPresence);
      socket.off("poll:count", onCount);
      socket.off("poll:closed", onClosed);
    };
  }, [socket, sittingId, reload]);

  /**
   * Sends a command and answers its reply. A refusal is shown in the user's language (unless `quiet`: the caller shows
   * it where it belongs). The state is reloaded after every answer — what the command changed for this user shows at
   * once, and a refusal may mean the screen was behind — except after a ballot taken, whose answer says it all.
   */
  const send = useCallback(
    <E extends keyof LiveCommands>(event: E, payload: Omit<Parameters<LiveCommands[E]>[0], "sittingId">, options: { quiet?: boolean } = {}) =>
      new Promise<Ack>((resolve) => {
        if (!socket?.connected) {
          setError(null);
          resolve({ ok: false, error: { code: "offline", message: "" } });
          return;
        }
        const done = (reply: Ack) => {
          if (!options.quiet || reply.ok) setError(reply.ok ? null : reply.error.message);
          if (reply.ok && event === "poll:vote") {
            const { pollId, choice } = payload as unknown as { pollId: string; choice: "yes" | "no" | "abstain" };
            const { voted } = reply as unknown as { voted: number };
            setState((s) =>
              s ? { ...s, polls: s.polls.map((p) => (p.id === pollId ? { ...p, voted: Math.max(p.voted ?? 0, voted), myBallot: p.secret ? "secret" : choice } : p)) } : s,
            );
          } else {
            reload();
          }
          resolve(reply);
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
