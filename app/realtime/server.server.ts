import type { Server as HttpServer } from "node:http";
import { Server, type Socket } from "socket.io";
import { authenticate } from "~/auth/auth.server";
import { isSameOrigin } from "~/auth/origin.server";
import { getT } from "~/i18n/i18n";
import { logger } from "~/logger.server";
import type { ClientToServerEvents, ServerToClientEvents, SocketData } from "./events";
import { registerAnnotationHandlers } from "./annotation-handlers.server";
import { registerLiveHandlers } from "./live-handlers.server";
import { resumePollTimers, stopPollTimers } from "./poll-timers.server";
import { registerScreenHandlers } from "./screen-handlers.server";
import { registerSittingHandlers } from "./sitting-handlers.server";
import { audiences, sittingIdOfScreen, type Audience } from "~/models/live-sitting.server";
import { stopCoalescing } from "./sitting-broadcast.server";

export type RealtimeServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
export type AppServerSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

let io: RealtimeServer | undefined;

/** The largest message a client may send: 1 MB holds the largest annotation (ink) many times over. */
export const maxMessageBytes = 1_000_000;

export const rooms = {
  user: (userId: string) => `user:${userId}`,
  /** Those who follow a sitting, one room per audience (app/realtime/sitting-broadcast.server.ts). */
  audience: (sittingId: string, audience: Audience) => `meeting:${sittingId}:${audience}`,
  doc: (versionId: string) => `doc:${versionId}`,
};

export function attachRealtime(httpServer: HttpServer) {
  io = new Server(httpServer, {
    serveClient: false,
    // Same origin only: the handshake carries the session cookie, so another site must not open sockets with it.
    cors: { origin: false },
    allowRequest: (req, callback) => {
      callback(null, isSameOrigin(req.headers.origin, req.headers.host, req.headers["sec-fetch-site"]));
    },
    connectionStateRecovery: { maxDisconnectionDuration: 2 * 60_000, skipMiddlewares: false },
    // The largest message a client may send (docs/realtime.md); a larger one closes that client's connection.
    maxHttpBufferSize: maxMessageBytes,
  });

  // The handshake is authenticated with the same session cookie as HTTP; no session, no socket.
  io.use(async (socket, next) => {
    try {
      // A hall screen opened by its link: no user, one sitting, read-only (screen-handlers.server.ts).
      const screenToken = (socket.handshake.auth as { screenToken?: unknown } | undefined)?.screenToken;
      if (typeof screenToken === "string") {
        const sittingId = sittingIdOfScreen(screenToken);
        if (!sittingId) return next(new Error("unauthenticated"));
        socket.data = { userId: "", sessionId: "", locale: "vi", role: "guest", screenSittingId: sittingId };
        return next();
      }
      const { auth } = await authenticate(socket.request.headers.cookie);
      if (!auth) return next(new Error("unauthenticated"));
      socket.data = { userId: auth.user.id, sessionId: auth.session.id, locale: auth.user.locale, role: auth.user.role };
      next();
    } catch (error) {
      logger.error({ err: error }, "socket handshake failed");
      next(new Error("internal"));
    }
  });

  io.on("connection", (socket) => {
    if (socket.data.screenSittingId) {
      registerScreenHandlers(socket, socket.data.screenSittingId);
      return;
    }
    void socket.join(rooms.user(socket.data.userId));
    socket.on("ping", (ack) => {
      if (typeof ack !== "function") return;
      ack({ ok: true, serverTime: new Date().toISOString() });
    });
    registerSittingHandlers(socket);
    registerAnnotationHandlers(socket);
    registerLiveHandlers(socket);
    // An event no handler knows: a command (it has an acknowledgement) is told so rather than left to time out.
    socket.onAny((event: string, ...args: unknown[]) => {
      const ack = args.at(-1);
      if (socket.listenerCount(event) > 0 || typeof ack !== "function") return;
      ack({ ok: false, error: { code: "unknown_command", message: getT(socket.data.locale)("realtime.errors.unknownCommand", { command: event.slice(0, 100) }) } });
    });
  });

  resumePollTimers();
  return io;
}

/** The socket.io server, or undefined where none runs (scripts, unit tests). */
export function getRealtimeIfAttached(): RealtimeServer | undefined {
  return io;
}

/** Ends every live connection of a user (after their sessions were deleted in the database). */
export function endUserConnections(userId: string, reason: "logout" | "disabled" | "password_reset") {
  if (!io) return;
  const room = io.in(rooms.user(userId));
  room.emit("session:ended", { reason });
  room.disconnectSockets(true);
}

/**
 * Drops a user's connections without ending their session: their devices reconnect at once, and the handshake and
 * every room join check their rights afresh (after a change of role).
 */
export function refreshUserConnections(userId: string) {
  io?.in(rooms.user(userId)).disconnectSockets(true);
}

/** After a password change: the user's other devices lose their sessions; this one keeps its connection. */
export async function endOtherSessionConnections(userId: string, keepSessionId: string) {
  if (!io) return;
  for (const socket of await io.in(rooms.user(userId)).fetchSockets()) {
    if (socket.data.sessionId === keepSessionId) continue;
    socket.emit("session:ended", { reason: "password_reset" });
    socket.disconnect(true);
  }
}

/** Someone removed from a sitting stops receiving its events at once. */
export function leaveSittingRooms(userId: string, sittingId: string) {
  io?.in(rooms.user(userId)).socketsLeave(audiences.map((a) => rooms.audience(sittingId, a)));
}

/** Disconnects the hall screens opened by a sitting's link (after the link was replaced). */
export async function dropScreens(sittingId: string) {
  if (!io) return;
  io.in(rooms.audience(sittingId, "screen")).disconnectSockets(true);
}

/** Ends the live connections opened with one login session (logout on this device). */
export async function endSessionConnections(sessionId: string) {
  if (!io) return;
  for (const socket of await io.fetchSockets()) {
    if (socket.data.sessionId === sessionId) socket.disconnect(true);
  }
}

/**
 * Stops socket.io and the http server under it (socket.io closes that too). Connections are dropped at the
 * transport, not told "you are disconnected", so clients reconnect by themselves once the server is back.
 */
export async function closeRealtime() {
  stopPollTimers();
  stopCoalescing();
  if (!io) return;
  await new Promise<void>((resolve) => io!.close(() => resolve()));
  io = undefined;
}
