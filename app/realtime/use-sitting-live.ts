import { useLocation } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import type { ServerToClientEvents } from "./events";
import { useRealtime } from "./realtime-provider";
import { useLiveReload } from "./use-live-reload";

type Change = Parameters<ServerToClientEvents["sitting:changed"]>[0];

/**
 * Follows a sitting live: joins its room (again after every reconnect) and reloads the page's data when the server
 * says something changed. Loaders stay the source of truth; the event only says "look again". Search-index progress
 * (about once a second while a long file is read) reloads only the documents tab, which shows it.
 */
export function useSittingLive(sittingId: string) {
  const { socket } = useRealtime();
  const reload = useLiveReload();
  const { pathname } = useLocation();
  const path = useRef(pathname);
  path.current = pathname;
  const [lastChange, setLastChange] = useState<Change | null>(null);

  useEffect(() => {
    if (!socket) return;
    let joined = false;
    const join = () => {
      socket.emit("sitting:join", { sittingId }, (reply) => {
        // After a reconnect, events may have been missed: reload once joined again.
        if (reply.ok && joined) reload();
        joined = true;
      });
    };
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onChange = (change: Change) => {
      if (change.sittingId !== sittingId) return;
      setLastChange(change);
      if (change.what === "search-index" && !path.current.endsWith("/documents")) return;
      clearTimeout(timer);
      timer = setTimeout(reload, 150);
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
  }, [socket, sittingId, reload]);

  return lastChange;
}
