import { useRevalidator } from "@remix-run/react";
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
  const revalidate = useRef(revalidator.revalidate);
  revalidate.current = revalidator.revalidate;
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
