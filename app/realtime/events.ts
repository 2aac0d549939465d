import type { GlobalRole } from "#db/schema";

// The socket.io event catalogue, shared by the server and every client. docs/realtime.md documents it for other
// clients (tablet apps, hall displays, load generators). Commands (client → server) answer through an ack.
export type AckError = { code: string; message: string };
export type Ack<T extends object = object> = ({ ok: true } & T) | { ok: false; error: AckError };

export type ServerToClientEvents = {
  /** The server is ending this connection's session (logged out everywhere, account disabled). */
  "session:ended": (payload: { reason: "logout" | "disabled" | "password_reset" }) => void;
  /** Something for this user to see: an invitation, a changed agenda, a new document version … */
  notification: (payload: NotificationPayload) => void;
  /**
   * Something in a sitting changed; clients in `meeting:<id>` reload what they show of it. `what` says which part.
   * The database is the truth: the event carries no state to apply.
   */
  "sitting:changed": (payload: { sittingId: string; what: SittingPart; revision?: number }) => void;
  /** To the sitting's staff: a participant answered the invitation. */
  "sitting:replied": (payload: { sittingId: string; userId: string; reply: "attending" | "absent"; absenceReason: string | null; repliedAt: string }) => void;
};

export type SittingPart = "details" | "agenda" | "documents" | "participants" | "search-index";

/** `message` is an i18n key and `params` its values, so each device shows it in its user's language. */
export type NotificationPayload = {
  id: string;
  kind: string;
  message: string;
  params: Record<string, string | number> | null;
  href: string | null;
  at: string;
};

export type ClientToServerEvents = {
  /** Round trip check; answers the server time so clients can show clock skew. */
  ping: (ack: (reply: Ack<{ serverTime: string }>) => void) => void;
  /** Follow a sitting live: joins `meeting:<id>` (and the staff room for those who manage it) after a check. */
  "sitting:join": (payload: { sittingId: string }, ack: (reply: Ack<{ staff: boolean }>) => void) => void;
  "sitting:leave": (payload: { sittingId: string }, ack: (reply: Ack) => void) => void;
};

export type SocketData = { userId: string; sessionId: string; locale: "vi" | "en"; role: GlobalRole };
