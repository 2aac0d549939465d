import { useCallback, useEffect, useState } from "react";
import type { PresentationPayload } from "./events";
import { useRealtime } from "./realtime-provider";

const followKey = (sittingId: string) => `phonghop.follow.${sittingId}`;

/**
 * The page presented in a sitting, live, and whether this reader follows it. Following is remembered for the browser
 * tab, so it carries across the pages the presenter leads the reader through. Joining the sitting's room again after
 * a reconnect fetches the current page, so nothing presented meanwhile is missed.
 */
export function usePresentation(sittingId: string | null) {
  const { socket } = useRealtime();
  const [presentation, setPresentation] = useState<PresentationPayload | null>(
    null
  );
  const [following, setFollowingState] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (sittingId)
      setFollowingState(sessionStorage.getItem(followKey(sittingId)) === "1");
  }, [sittingId]);

  useEffect(() => {
    if (!socket || !sittingId) return;
    const join = () =>
      socket.emit("sitting:join", { sittingId }, (reply) => {
        if (reply.ok) setPresentation(reply.presentation);
      });
    const onChanged = (payload: {
      sittingId: string;
      presentation: PresentationPayload | null;
    }) => {
      if (payload.sittingId === sittingId)
        setPresentation(payload.presentation);
    };
    if (socket.connected) join();
    socket.on("connect", join);
    socket.on("presentation:changed", onChanged);
    return () => {
      socket.off("connect", join);
      socket.off("presentation:changed", onChanged);
    };
  }, [socket, sittingId]);

  const setFollowing = useCallback(
    (on: boolean) => {
      if (!sittingId) return;
      if (on) sessionStorage.setItem(followKey(sittingId), "1");
      else sessionStorage.removeItem(followKey(sittingId));
      setFollowingState(on);
    },
    [sittingId]
  );

  const present = useCallback(
    (versionId: string, page: number) => {
      if (!socket || !sittingId) return;
      socket.emit(
        "presentation:set",
        { sittingId, versionId, page },
        (reply) => {
          if (reply.ok) {
            setError(null);
            setPresentation(reply.presentation);
          } else setError(reply.error.message);
        }
      );
    },
    [socket, sittingId]
  );

  const stop = useCallback(() => {
    if (!socket || !sittingId) return;
    socket.emit("presentation:stop", { sittingId }, (reply) => {
      if (reply.ok) setPresentation(null);
      else setError(reply.error.message);
    });
  }, [socket, sittingId]);

  return { presentation, following, setFollowing, present, stop, error };
}

export type PresentationState = ReturnType<typeof usePresentation>;
