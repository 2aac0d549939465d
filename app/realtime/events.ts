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
  /** In `user:<id>` (the author's other devices) and, when shared, in `doc:<versionId>`. */
  "annotation:saved": (payload: { annotation: AnnotationPayload }) => void;
  "annotation:deleted": (payload: { id: string; versionId: string }) => void;
  /** In `meeting:<id>`: the page the chair or secretary now presents, or null when they stopped. */
  "presentation:changed": (payload: { sittingId: string; presentation: PresentationPayload | null }) => void;
  "sitting:replied": (payload: { sittingId: string; userId: string; reply: "attending" | "absent"; absenceReason: string | null; repliedAt: string }) => void;
};

/** An annotation as clients receive it (see app/models/annotation.server.ts). */
export type AnnotationPayload = {
  id: string;
  versionId: string;
  userId: string;
  authorName: string;
  page: number;
  kind: "highlight" | "rect" | "ink" | "note" | "freetext";
  color: string;
  geometry: {
    rects?: { x: number; y: number; w: number; h: number }[];
    paths?: { x: number; y: number }[][];
    at?: { x: number; y: number };
    width?: number;
    size?: number;
  };
  text: string | null;
  shared: boolean;
};

/** A presented page, as each participant may see it (null for those who may not read the document). */
export type PresentationPayload = {
  sittingId: string;
  versionId: string;
  page: number;
  presenterId: string;
  presenterName: string;
  type: string;
  reference: string | null;
  summary: string;
  updatedAt: string;
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
  "sitting:join": (payload: { sittingId: string }, ack: (reply: Ack<{ staff: boolean; presentation: PresentationPayload | null }>) => void) => void;
  "sitting:leave": (payload: { sittingId: string }, ack: (reply: Ack) => void) => void;
  /** Read a document version live: joins `doc:<versionId>` and answers the annotations the user may see. */
  "doc:join": (payload: { versionId: string }, ack: (reply: Ack<{ annotations: AnnotationPayload[] }>) => void) => void;
  "doc:leave": (payload: { versionId: string }, ack: (reply: Ack) => void) => void;
  /** Create or update one's own annotation (the client makes the id). Acknowledged after it is stored. */
  "annotation:save": (payload: AnnotationPayload, ack: (reply: Ack<{ annotation: AnnotationPayload }>) => void) => void;
  "annotation:delete": (payload: { id: string }, ack: (reply: Ack) => void) => void;
  /** The sitting's chair or secretary presents a page of one of its documents; followers are taken there. */
  "presentation:set": (
    payload: { sittingId: string; versionId: string; page: number },
    ack: (reply: Ack<{ presentation: PresentationPayload }>) => void,
  ) => void;
  "presentation:stop": (payload: { sittingId: string }, ack: (reply: Ack) => void) => void;
};

export type SocketData = {
  userId: string;
  sessionId: string;
  locale: "vi" | "en";
  role: GlobalRole;
};
