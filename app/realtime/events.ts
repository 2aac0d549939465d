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
  /** In `user:<id>`, to the signing leader's devices: signing a document reached `stage` (or ended: done / failed). */
  "signoff:progress": (payload: { signoffId: string; stage: "preparing" | "numbering" | "signing" | "sealing" | "storing" | "done" | "failed"; message?: string }) => void;
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
  /**
   * In `meeting:<id>`: the live sitting changed (`what`: status, item, attendance, polls). `seq` is the sitting's
   * sequence number after the change; a client whose last seen number is not `seq - 1` missed something and reloads
   * with `live:state`. Carries no state: reload what you show.
   */
  "live:changed": (payload: { sittingId: string; seq: number; what: LivePart }) => void;
  /**
   * A ballot was counted in the open poll ("Đã biểu quyết voted/n"). A stream of latest values outside the sequence
   * numbers: show the largest `voted` seen. Those who conduct the sitting and the hall screen get every count at once,
   * tablets the latest a few times a second; `poll:closed` carries the final one.
   */
  "poll:count": (payload: { sittingId: string; pollId: string; voted: number; n: number }) => void;
  /**
   * Tablets: how many members are checked in, instead of `live:changed` for attendance (which would have a full
   * hall reload its state with every check-in). A latest value, coalesced like `poll:count`.
   */
  "presence:count": (payload: { sittingId: string; present: number; n: number; quorum: boolean }) => void;
  /** In `meeting:<id>`: a poll closed (by hand or when its time ran out) with its stored result. */
  "poll:closed": (payload: { sittingId: string; seq: number; pollId: string; result: PollResultPayload }) => void;
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

export type SittingListEntry = {
  id: string;
  title: string;
  startsAt: string;
  endsAt: string | null;
  place: string | null;
  status: "draft" | "published" | "in_progress" | "ended";
  closed: boolean;
  sessionTitle: string | null;
  bodyName: string;
  /** This user's answer to the invitation; null when not invited (staff who see every sitting). */
  reply: "pending" | "attending" | "absent" | null;
};

export type LivePart = "status" | "item" | "attendance" | "polls" | "speakers";

export type PollResultPayload = { yes: number; no: number; abstain: number; voted: number; notVoted: number; n: number; present: number; passed: boolean };

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
  /** The sittings not yet over that this user may follow (up to 50, soonest first). */
  "sitting:list": (payload: Record<string, never> | undefined, ack: (reply: Ack<{ sittings: SittingListEntry[] }>) => void) => void;
  /** Follow a sitting live: joins the room of the user's audience in it (docs/realtime.md) after a check. */
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
  /** The live sitting as this user may see it (see docs/realtime.md), with its sequence number. */
  "live:state": (payload: { sittingId: string }, ack: (reply: Ack<{ state: LiveStatePayload }>) => void) => void;
  "live:open": (payload: { sittingId: string }, ack: (reply: Ack<{ seq: number }>) => void) => void;
  "live:end": (payload: { sittingId: string }, ack: (reply: Ack<{ seq: number }>) => void) => void;
  "live:item": (payload: { sittingId: string; itemId: string }, ack: (reply: Ack<{ seq: number }>) => void) => void;
  /** Check in or out: oneself (no `userId`), or anyone invited, by those who conduct the sitting. */
  "checkin:set": (payload: { sittingId: string; userId?: string; present: boolean }, ack: (reply: Ack<{ seq: number }>) => void) => void;
  "poll:create": (
    payload: {
      sittingId: string;
      agendaItemId?: string | null;
      question: string;
      rule?: "majority" | "two_thirds";
      secret?: boolean;
      allowChange?: boolean;
      recordedByHand?: boolean;
      durationSeconds?: number | null;
    },
    ack: (reply: Ack<{ pollId: string; seq: number }>) => void,
  ) => void;
  "poll:open": (payload: { sittingId: string; pollId: string; withoutQuorum?: boolean }, ack: (reply: Ack<{ seq: number; closesAt: string | null }>) => void) => void;
  /** A member's ballot; acknowledged only once it is committed. */
  "poll:vote": (payload: { sittingId: string; pollId: string; choice: "yes" | "no" | "abstain" }, ack: (reply: Ack<{ voted: number; n: number }>) => void) => void;
  /** RULES.md 2: the secretary records a member's ballot, in a poll marked as recorded by hand. */
  "poll:record": (
    payload: { sittingId: string; pollId: string; userId: string; choice: "yes" | "no" | "abstain" },
    ack: (reply: Ack<{ voted: number; n: number }>) => void,
  ) => void;
  "poll:close": (payload: { sittingId: string; pollId: string }, ack: (reply: Ack<{ seq: number; result: PollResultPayload }>) => void) => void;
  "poll:cancel": (payload: { sittingId: string; pollId: string }, ack: (reply: Ack<{ seq: number }>) => void) => void;
  /** Ask for the floor on the item under discussion: to speak, to debate (tranh luận) or to question (chất vấn). */
  "speaker:register": (payload: { sittingId: string; kind: "speak" | "debate" | "question" }, ack: (reply: Ack<{ seq: number; speechId: string }>) => void) => void;
  "speaker:withdraw": (payload: { sittingId: string; speechId: string }, ack: (reply: Ack<{ seq: number }>) => void) => void;
  /** The chair puts a waiting turn at place `to` (from 0) of the queue. */
  "speaker:move": (payload: { sittingId: string; speechId: string; to: number }, ack: (reply: Ack<{ seq: number }>) => void) => void;
  /** A speaker not reached sends their speech in writing: their waiting turn, or one left when the chair moved on. */
  "speaker:write": (payload: { sittingId: string; speechId: string; text: string }, ack: (reply: Ack<{ seq: number }>) => void) => void;
  "speaker:floor": (payload: { sittingId: string; speechId: string }, ack: (reply: Ack<{ seq: number }>) => void) => void;
  "speaker:end": (payload: { sittingId: string }, ack: (reply: Ack<{ seq: number }>) => void) => void;
  /** The hall screen's link for the sitting (created on first ask), for those who conduct it. */
  "live:screen-link": (payload: { sittingId: string; renew?: boolean }, ack: (reply: Ack<{ path: string }>) => void) => void;
};

/** What `live:state` answers: app/models/live-sitting.server.ts `getLiveState` (the sitting, attendance, speakers and polls). */
export type LiveStatePayload = import("~/models/live-sitting.server").LiveState;

export type SocketData = {
  userId: string;
  sessionId: string;
  locale: "vi" | "en";
  role: GlobalRole;
  /** A hall screen opened by its link (no user): the one sitting it may follow, read-only. */
  screenSittingId?: string;
};
