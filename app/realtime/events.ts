// The socket.io event catalogue, shared by the server and every client. docs/realtime.md documents it for other
// clients (tablet apps, hall displays, load generators). Commands (client → server) answer through an ack.
export type AckError = { code: string; message: string };
export type Ack<T extends object = object> = ({ ok: true } & T) | { ok: false; error: AckError };

export type ServerToClientEvents = {
  /** The server is ending this connection's session (logged out everywhere, account disabled). */
  "session:ended": (payload: { reason: "logout" | "disabled" | "password_reset" }) => void;
  /** Something for this user to see: an invitation, a document to sign … */
  notification: (payload: { id: string; kind: string; title: string; href?: string; at: string }) => void;
};

export type ClientToServerEvents = {
  /** Round trip check; answers the server time so clients can show clock skew. */
  ping: (ack: (reply: Ack<{ serverTime: string }>) => void) => void;
};

export type SocketData = { userId: string; sessionId: string; locale: "vi" | "en" };
