import { useNavigation, useRevalidator } from "@remix-run/react";
import { useCallback, useEffect, useRef } from "react";

/**
 * Reloads the page's data after a live event, without racing what is already loading. While a navigation, a form
 * submission or another reload is under way it will bring fresh data itself, and cutting it short makes Remix log an
 * aborted answer (and can swallow a one-time toast); a change seen meanwhile is caught up once everything is idle.
 */
export function useLiveReload() {
  const revalidator = useRevalidator();
  const navigation = useNavigation();
  const busy = useRef(false);
  const missed = useRef(false);
  const revalidate = useRef(revalidator.revalidate);
  revalidate.current = revalidator.revalidate;
  busy.current = navigation.state !== "idle" || revalidator.state !== "idle";

  useEffect(() => {
    if (!busy.current && missed.current) {
      missed.current = false;
      revalidate.current();
    }
  }, [navigation.state, revalidator.state]);

  return useCallback(() => {
    // One tick later: a click that has just started a navigation has updated `busy` by then.
    setTimeout(() => {
      if (busy.current) missed.current = true;
      else revalidate.current();
    }, 0);
  }, []);
}
