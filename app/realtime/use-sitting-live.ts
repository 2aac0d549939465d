import { useNavigation, useRevalidator } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import type { ServerToClientEvents } from "./events";
import { useRealtime } from "./realtime-provider";

type Change = Parameters<ServerToClientEvents["sitting:changed"]>[0];

/**
 * Follows a sitting live: joins its room (again after every reconnect) and reloads the page's data when the server
 * says something changed. Loaders stay the source of truth; the event only says "look again".
 */
export function useSittingLive(sittingId: string) {
  const { socket } = useRealtime();
  const revalidator = useRevalidator();
  const navigation = useNavigation();
  // While a navigation or form submission is under way it will load fresh data itself; reloading on top of it would
  // race it (and could swallow its one-time toast). A change seen during a reload in flight is caught up after it.
  // A change that arrives meanwhile is caught up once it is done.
  const busy = useRef(false);
  const missed = useRef(false);
  // A reload already under way is not cut short by another: aborting it mid-answer makes Remix log a decoding error.
  busy.current = navigation.state !== "idle" || revalidator.state !== "idle";
  const reload = () => {
    if (busy.current) missed.current = true;
    else revalidator.revalidate();
  };
  const revalidate = useRef(reload);
  revalidate.current = reload;
  useEffect(() => {
    if (navigation.state === "idle" && revalidator.state === "idle" && missed.current) {
      missed.current = false;
      revalidator.revalidate();
    }
  }, [navigation.state, revalidator]);
  const [lastChange, setLastChange] = useState<Change | null>(null);

  useEffect(() => {
    if (!socket) return;
    const join = () => {
      socket.emit("sitting:join", { sittingId }, (reply) => {
        // A reconnect may have missed events: reload once joined.
        if (reply.ok) revalidate.current();
      });
    };
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onChange = (change: Change) => {
      if (change.sittingId !== sittingId) return;
      setLastChange(change);
      clearTimeout(timer);
      timer = setTimeout(() => revalidate.current(), 150);
    };
    const onReply = (payload: { sittingId: string }) => {
      if (payload.sittingId === sittingId) onChange({ sittingId, what: "participants" });
    };
    if (socket.connected) join();
    socket.on("connect", join);
    socket.on("sitting:changed", onChange);
    socket.on("sitting:replied", onReply);
    return () => {
      clearTimeout(timer);
      socket.off("connect", join);
      socket.off("sitting:changed", onChange);
      socket.off("sitting:replied", onReply);
      if (socket.connected) socket.emit("sitting:leave", { sittingId }, () => {});
    };
  }, [socket, sittingId]);

  return lastChange;
}
