import { createContext, useContext, useEffect, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { io, type Socket } from "socket.io-client";
import type { ClientToServerEvents, ServerToClientEvents } from "./events";

export type AppSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
// "invalid": a hall screen whose link was replaced; it stops trying.
export type ConnectionStatus = "connecting" | "connected" | "reconnecting" | "invalid";

type RealtimeState = { socket: AppSocket | null; status: ConnectionStatus };
const RealtimeContext = createContext<RealtimeState>({ socket: null, status: "connecting" });

/** One socket per signed-in tab, opened after hydration; reconnects on its own and reports its state. */
export function RealtimeProvider({ children, screenToken }: { children: ReactNode; screenToken?: string }) {
  const [state, setState] = useState<RealtimeState>({ socket: null, status: "connecting" });

  useEffect(() => {
    // A hall screen opened by its link has no session: its link's token is its pass.
    const socket: AppSocket = io({ transports: ["websocket", "polling"], withCredentials: true, ...(screenToken ? { auth: { screenToken } } : {}) });
    let wasConnected = false;
    setState({ socket, status: "connecting" });
    socket.on("connect", () => {
      wasConnected = true;
      setState({ socket, status: "connected" });
    });
    socket.on("disconnect", (reason) => {
      setState({ socket, status: "reconnecting" });
      // socket.io does not retry after the server disconnects us; try once: a valid session gets back in,
      // an ended one is refused at the handshake and goes to the login page.
      if (reason === "io server disconnect") socket.connect();
    });
    socket.on("connect_error", (error) => {
      // The server refuses the handshake when the session has ended (go to the login page), or when a hall screen's
      // link was replaced: it will not work again, so say so instead of retrying for ever.
      if (error.message === "unauthenticated") {
        if (!screenToken) {
          window.location.assign("/login");
          return;
        }
        socket.disconnect();
        setState({ socket, status: "invalid" });
        return;
      }
      setState({ socket, status: wasConnected ? "reconnecting" : "connecting" });
    });
    socket.on("session:ended", () => {
      socket.disconnect();
      // The tab that logged out is already on its way there: a second navigation would cut into whatever comes next.
      if (window.location.pathname !== "/login") window.location.assign("/login");
    });
    return () => {
      socket.disconnect();
    };
  }, [screenToken]);

  return <RealtimeContext.Provider value={state}>{children}</RealtimeContext.Provider>;
}

export function useRealtime() {
  return useContext(RealtimeContext);
}

/** Subscribes to one server event for as long as the component is mounted. */
export function useRealtimeEvent<E extends keyof ServerToClientEvents>(event: E, handler: ServerToClientEvents[E]) {
  const { socket } = useRealtime();
  useEffect(() => {
    if (!socket) return;
    socket.on(event, handler as never);
    return () => {
      socket.off(event, handler as never);
    };
  }, [socket, event, handler]);
}

export function ConnectionBanner() {
  const { status } = useRealtime();
  const { t } = useTranslation();
  return (
    <div role="status" aria-live="polite" data-testid="connection-status" data-status={status}>
      {status === "reconnecting" ? <div className="connection-banner">{t("realtime.reconnecting")}</div> : null}
      {status === "invalid" ? <div className="connection-banner invalid">{t("realtime.screenLinkInvalid")}</div> : null}
    </div>
  );
}
