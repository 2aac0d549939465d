import { sql } from "drizzle-orm";
import {
  type AnySQLiteColumn,
  blob,
  check,
  index,
  integer,
  primaryKey,
  real,
  sqliteTable,
  text,
  uniqueIndex,
} from "drizzle-orm/sqlite-core";

// Times are UTC instants (`mode: "timestamp"`, seconds); the UI shows them in Asia/Ho_Chi_Minh.
const createdAt = () =>
  integer("created_at", { mode: "timestamp" })
    .notNull()
    .default(sql`(unixepoch())`);

export const globalRoles = ["admin", "secretary", "chair", "delegate", "guest"] as const;
export type GlobalRole = (typeof globalRoles)[number];

export const locales = ["vi", "en"] as const;
export type Locale = (typeof locales)[number];

export const users = sqliteTable("users", {
  id: text("id").primaryKey(),
  username: text("username").notNull().unique(),
  fullName: text("full_name").notNull(),
  email: text("email"),
  // Chức vụ / đơn vị, e.g. "Phó Trưởng Ban Pháp chế", "Giám đốc Sở Tài chính".
  position: text("position"),
  role: text("role", { enum: globalRoles }).notNull(),
  locale: text("locale", { enum: locales }).notNull().default("vi"),
  passwordHash: text("password_hash").notNull(),
  disabledAt: integer("disabled_at", { mode: "timestamp" }),
  // Secret of the personal calendar feed (/calendar/<token>.ics); rotating it revokes old subscriptions.
  calendarToken: text("calendar_token").unique(),
  createdAt: createdAt(),
  updatedAt: integer("updated_at", { mode: "timestamp" }),
});

// Lucia's session table (the adapter expects exactly these columns).
export const authSessions = sqliteTable(
  "auth_sessions",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    expiresAt: integer("expires_at").notNull(),
    ip: text("ip"),
    userAgent: text("user_agent"),
    createdAt: createdAt(),
  },
  (t) => [index("auth_sessions_user_idx").on(t.userId)],
);

// Failed-login counters, keyed "user:<username>" or "ip:<address>".
export const loginThrottle = sqliteTable("login_throttle", {
  key: text("key").primaryKey(),
  failures: integer("failures").notNull(),
  windowStartedAt: integer("window_started_at", { mode: "timestamp" }).notNull(),
  lockedUntil: integer("locked_until", { mode: "timestamp" }),
});

export const bodyKinds = ["council", "standing_committee", "committee", "delegate_group"] as const;
export type BodyKind = (typeof bodyKinds)[number];

export const bodies = sqliteTable("bodies", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  shortName: text("short_name"),
  kind: text("kind", { enum: bodyKinds }).notNull(),
  // Committees, the standing committee and delegate groups belong to a council.
  parentId: text("parent_id").references((): AnySQLiteColumn => bodies.id),
  // RULES.md 11 (settings): how long before a sitting its invitation and documents are due.
  invitationLeadDays: integer("invitation_lead_days").notNull().default(7),
  documentLeadDays: integer("document_lead_days").notNull().default(7),
  // Count lead days as working days (Mon–Fri), as administrative bodies do.
  leadDaysAreWorkingDays: integer("lead_days_are_working_days", { mode: "boolean" }).notNull().default(false),
  // The body's part of a document's number (RULES.md 16–17), e.g. "HĐND" in "01/NQ-HĐND".
  documentCode: text("document_code"),
  createdAt: createdAt(),
});

// Khóa: a council's term, e.g. "Khóa XVII, nhiệm kỳ 2021–2026". Its committees share it.
export const terms = sqliteTable(
  "terms",
  {
    id: text("id").primaryKey(),
    bodyId: text("body_id")
      .notNull()
      .references(() => bodies.id),
    name: text("name").notNull(),
    startsAt: integer("starts_at", { mode: "timestamp" }).notNull(),
    endsAt: integer("ends_at", { mode: "timestamp" }),
    createdAt: createdAt(),
  },
  (t) => [index("terms_body_idx").on(t.bodyId)],
);

// chair, vice_chair and member hold a seat and count in N; secretary is the body's staff and does not.
export const bodyRoles = ["chair", "vice_chair", "member", "secretary"] as const;
export type BodyRole = (typeof bodyRoles)[number];
export const seatRoles = ["chair", "vice_chair", "member"] as const satisfies readonly BodyRole[];

// Time in office is the half-open interval [startsAt, endsAt): endsAt is the first instant no longer in office.
export const memberships = sqliteTable(
  "memberships",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    bodyId: text("body_id")
      .notNull()
      .references(() => bodies.id),
    termId: text("term_id").references(() => terms.id),
    role: text("role", { enum: bodyRoles }).notNull(),
    // The position held in this body, e.g. "Trưởng Ban", "Ủy viên".
    title: text("title"),
    startsAt: integer("starts_at", { mode: "timestamp" }).notNull(),
    endsAt: integer("ends_at", { mode: "timestamp" }),
    createdAt: createdAt(),
  },
  (t) => [
    index("memberships_body_idx").on(t.bodyId, t.startsAt),
    index("memberships_user_idx").on(t.userId),
    check("memberships_interval", sql`${t.endsAt} IS NULL OR ${t.endsAt} > ${t.startsAt}`),
  ],
);

export const sessionKinds = ["regular", "thematic", "ad_hoc"] as const;
export const meetingStatuses = ["draft", "published", "in_progress", "ended"] as const;

// Kỳ họp. (Login sessions are `authSessions`.)
export const sessions = sqliteTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    bodyId: text("body_id")
      .notNull()
      .references(() => bodies.id),
    termId: text("term_id").references(() => terms.id),
    number: integer("number").notNull(),
    title: text("title").notNull(),
    kind: text("kind", { enum: sessionKinds }).notNull(),
    startsAt: integer("starts_at", { mode: "timestamp" }).notNull(),
    endsAt: integer("ends_at", { mode: "timestamp" }),
    place: text("place"),
    status: text("status", { enum: meetingStatuses }).notNull().default("draft"),
    createdAt: createdAt(),
  },
  (t) => [index("sessions_body_idx").on(t.bodyId, t.startsAt)],
);

// Phiên họp: part of a session, or standing alone (a committee meeting).
export const sittings = sqliteTable(
  "sittings",
  {
    id: text("id").primaryKey(),
    sessionId: text("session_id").references(() => sessions.id),
    bodyId: text("body_id")
      .notNull()
      .references(() => bodies.id),
    title: text("title").notNull(),
    startsAt: integer("starts_at", { mode: "timestamp" }).notNull(),
    endsAt: integer("ends_at", { mode: "timestamp" }),
    place: text("place"),
    chairId: text("chair_id").references(() => users.id),
    secretaryId: text("secretary_id").references(() => users.id),
    closed: integer("closed", { mode: "boolean" }).notNull().default(false),
    status: text("status", { enum: meetingStatuses }).notNull().default("draft"),
    publishedAt: integer("published_at", { mode: "timestamp" }),
    // Published after the invitation deadline of RULES.md 11: allowed, warned, and kept on record.
    publishedLate: integer("published_late", { mode: "boolean" }).notNull().default(false),
    // The published agenda's revision; 0 until the agenda is published.
    agendaRevision: integer("agenda_revision").notNull().default(0),
    // The hall screen's link (/screen/<token>): read-only access to what is public of the sitting, nothing else.
    screenToken: text("screen_token").unique(),
    createdBy: text("created_by").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index("sittings_session_idx").on(t.sessionId), index("sittings_starts_idx").on(t.startsAt)],
);

export const participantRoles = ["chair", "secretary", "member", "presenter", "guest"] as const;
export const attendanceReplies = ["pending", "attending", "absent"] as const;

export const participants = sqliteTable(
  "participants",
  {
    sittingId: text("sitting_id")
      .notNull()
      .references(() => sittings.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    role: text("role", { enum: participantRoles }).notNull(),
    reply: text("reply", { enum: attendanceReplies }).notNull().default("pending"),
    absenceReason: text("absence_reason"),
    repliedAt: integer("replied_at", { mode: "timestamp" }),
  },
  (t) => [primaryKey({ columns: [t.sittingId, t.userId] }), index("participants_user_idx").on(t.userId)],
);

export const agendaItems = sqliteTable(
  "agenda_items",
  {
    id: text("id").primaryKey(),
    sittingId: text("sitting_id")
      .notNull()
      .references(() => sittings.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    title: text("title").notNull(),
    description: text("description"),
    // The presenter: a person of the app, or a unit / position written out ("UBND tỉnh").
    presenter: text("presenter"),
    presenterUserId: text("presenter_user_id").references(() => users.id),
    plannedMinutes: integer("planned_minutes"),
    createdAt: createdAt(),
  },
  (t) => [index("agenda_items_sitting_idx").on(t.sittingId, t.position)],
);

export const confidentialities = ["public", "internal", "confidential"] as const;

export const documents = sqliteTable(
  "documents",
  {
    id: text("id").primaryKey(),
    sittingId: text("sitting_id").references(() => sittings.id),
    agendaItemId: text("agenda_item_id").references(() => agendaItems.id),
    // Loại văn bản (RULES.md 16), e.g. "NQ", "TTr", "BC".
    type: text("type").notNull(),
    // Số ký hiệu and trích yếu.
    reference: text("reference"),
    summary: text("summary").notNull(),
    confidentiality: text("confidentiality", { enum: confidentialities }).notNull().default("internal"),
    createdBy: text("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index("documents_sitting_idx").on(t.sittingId)],
);

export const documentVersions = sqliteTable(
  "document_versions",
  {
    id: text("id").primaryKey(),
    documentId: text("document_id")
      .notNull()
      .references(() => documents.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    // The stored file lives at data/files/<sha256>; never a user-supplied path.
    sha256: text("sha256").notNull(),
    // The SHA-256 of the bytes as uploaded (before normalisation), to store identical uploads once.
    originalSha256: text("original_sha256").notNull(),
    // What happened on the way in (app/pdf/intake-pdf.server.ts): stored as uploaded and normalised, or repaired,
    // or with damaged streams, or decrypted — and what the secretary was told. When it was more than normalised, the
    // bytes as uploaded are kept for the record at data/files/<original_sha256> (`originalKept`).
    intake: text("intake", { enum: ["clean", "repaired", "damaged_streams", "decrypted"] }).notNull().default("clean"),
    intakeNotes: text("intake_notes", { mode: "json" }).$type<{ key: string; params?: Record<string, string> }[]>(),
    originalKept: integer("original_kept", { mode: "boolean" }).notNull().default(false),
    fileName: text("file_name").notNull(),
    size: integer("size").notNull(),
    pageCount: integer("page_count"),
    // Search text extraction, off the request path: pending → running → done | failed.
    textStatus: text("text_status", { enum: ["pending", "running", "done", "failed"] }).notNull().default("pending"),
    textPagesDone: integer("text_pages_done").notNull().default(0),
    createdBy: text("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("document_versions_unique").on(t.documentId, t.version)],
);

export const auditLog = sqliteTable(
  "audit_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    at: integer("at", { mode: "timestamp_ms" }).notNull(),
    actorId: text("actor_id").references(() => users.id),
    // e.g. "user.create", "auth.login_failed", "membership.end".
    action: text("action").notNull(),
    entityType: text("entity_type"),
    entityId: text("entity_id"),
    details: text("details", { mode: "json" }).$type<Record<string, unknown>>(),
    ip: text("ip"),
    userAgent: text("user_agent"),
  },
  (t) => [
    index("audit_log_at_idx").on(t.at),
    index("audit_log_actor_idx").on(t.actorId, t.at),
    index("audit_log_entity_idx").on(t.entityType, t.entityId),
  ],
);

// A published agenda's history: every change after publishing is a new revision (RULES.md 11, issue #3).
export const agendaRevisions = sqliteTable(
  "agenda_revisions",
  {
    id: text("id").primaryKey(),
    sittingId: text("sitting_id")
      .notNull()
      .references(() => sittings.id, { onDelete: "cascade" }),
    revision: integer("revision").notNull(),
    items: text("items", { mode: "json" }).notNull().$type<AgendaSnapshotItem[]>(),
    changes: text("changes", { mode: "json" }).notNull().$type<AgendaChange[]>(),
    createdBy: text("created_by").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("agenda_revisions_unique").on(t.sittingId, t.revision)],
);

export type AgendaSnapshotItem = {
  id: string;
  position: number;
  title: string;
  presenter: string | null;
  plannedMinutes: number | null;
  documentIds: string[];
};
export type AgendaChange =
  | { kind: "added"; itemId: string; title: string }
  | { kind: "removed"; itemId: string; title: string }
  | { kind: "moved"; itemId: string; title: string; from: number; to: number }
  | { kind: "edited"; itemId: string; title: string; fields: string[] };

// In-app notifications; the realtime layer pushes each one to the user's devices after it is stored.
export const notifications = sqliteTable(
  "notifications",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    // An i18n key and its values, so the text follows the reader's language.
    message: text("message").notNull(),
    params: text("params", { mode: "json" }).$type<Record<string, string | number>>(),
    href: text("href"),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    readAt: integer("read_at", { mode: "timestamp_ms" }),
  },
  (t) => [index("notifications_user_idx").on(t.userId, t.createdAt)],
);

export const annotationKinds = ["highlight", "rect", "ink", "note", "freetext"] as const;
export type AnnotationKind = (typeof annotationKinds)[number];

/**
 * A reader's mark on a page of a document version. Geometry is in page-relative units of the unrotated page
 * (app/annotations/geometry.ts): `rects` for highlight/rect/freetext boxes, `paths` for ink, `at` for a note's pin.
 * Private to its author unless shared with the sitting's participants.
 */
export const annotations = sqliteTable(
  "annotations",
  {
    id: text("id").primaryKey(),
    versionId: text("version_id")
      .notNull()
      .references(() => documentVersions.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    page: integer("page").notNull(),
    kind: text("kind", { enum: annotationKinds }).notNull(),
    color: text("color").notNull(),
    geometry: text("geometry", { mode: "json" }).notNull().$type<AnnotationGeometry>(),
    text: text("text"),
    shared: integer("shared", { mode: "boolean" }).notNull().default(false),
    // The mark on an earlier version this one was carried forward from (kept when that version goes).
    carriedFrom: text("carried_from"),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("annotations_version_user_idx").on(t.versionId, t.userId), index("annotations_user_idx").on(t.userId)],
);

export type AnnotationGeometry = {
  rects?: { x: number; y: number; w: number; h: number }[];
  paths?: { x: number; y: number }[][];
  at?: { x: number; y: number };
  width?: number;
  size?: number;
};

/**
 * What the chair or secretary is presenting in a sitting (issue #4, "follow the presenter"): one document page at a
 * time. Participants who follow are taken there live; a late joiner reads it from here.
 */
export const presentations = sqliteTable("presentations", {
  sittingId: text("sitting_id")
    .primaryKey()
    .references(() => sittings.id, { onDelete: "cascade" }),
  versionId: text("version_id")
    .notNull()
    .references(() => documentVersions.id, { onDelete: "cascade" }),
  page: integer("page").notNull(),
  presenterId: text("presenter_id")
    .notNull()
    .references(() => users.id),
  updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
});

// ——— The live sitting (issue #5) ———

/**
 * A sitting while it runs: the agenda item on the floor, and `seq`, raised by one in the same transaction as every
 * change clients see, so a client that sees a gap in the numbers knows to reload.
 */
export const sittingLive = sqliteTable("sitting_live", {
  sittingId: text("sitting_id")
    .primaryKey()
    .references(() => sittings.id, { onDelete: "cascade" }),
  currentItemId: text("current_item_id").references(() => agendaItems.id, { onDelete: "set null" }),
  seq: integer("seq").notNull().default(0),
  // The number of the last change other than attendance (check-ins, participants): what a tablet's view of the sitting
  // depends on. Kept views are keyed by it, so a hall checking in does not rebuild them with every check-in.
  viewSeq: integer("view_seq").notNull().default(0),
  openedAt: integer("opened_at", { mode: "timestamp_ms" }),
  endedAt: integer("ended_at", { mode: "timestamp_ms" }),
});

/** Điểm danh: a participant present in the hall. Checking out removes the row; the audit log keeps the history. */
export const checkins = sqliteTable(
  "checkins",
  {
    sittingId: text("sitting_id")
      .notNull()
      .references(() => sittings.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    at: integer("at", { mode: "timestamp_ms" }).notNull(),
    // Who checked them in: themselves, or the secretary for them.
    byUserId: text("by_user_id")
      .notNull()
      .references(() => users.id),
  },
  (t) => [primaryKey({ columns: [t.sittingId, t.userId] })],
);

export const pollRules = ["majority", "two_thirds"] as const;
export type PollRule = (typeof pollRules)[number];
export const pollStatuses = ["draft", "open", "closed", "cancelled"] as const;
export type PollStatus = (typeof pollStatuses)[number];
export const ballotChoices = ["yes", "no", "abstain"] as const;
export type BallotChoice = (typeof ballotChoices)[number];

export type PollResult = { yes: number; no: number; abstain: number; voted: number; notVoted: number; n: number; present: number; passed: boolean };

/** Biểu quyết (RULES.md 1–7). N and the present count are taken when the poll opens; the result when it closes. */
export const polls = sqliteTable(
  "polls",
  {
    id: text("id").primaryKey(),
    sittingId: text("sitting_id")
      .notNull()
      .references(() => sittings.id, { onDelete: "cascade" }),
    agendaItemId: text("agenda_item_id").references(() => agendaItems.id, { onDelete: "set null" }),
    question: text("question").notNull(),
    rule: text("rule", { enum: pollRules }).notNull(),
    secret: integer("secret", { mode: "boolean" }).notNull().default(false),
    allowChange: integer("allow_change", { mode: "boolean" }).notNull().default(false),
    // RULES.md 2: a fallback when devices fail — the secretary records members' ballots, and each record says so.
    recordedByHand: integer("recorded_by_hand", { mode: "boolean" }).notNull().default(false),
    durationSeconds: integer("duration_seconds"),
    status: text("status", { enum: pollStatuses }).notNull().default("draft"),
    n: integer("n"),
    present: integer("present"),
    // Opened without quorum, confirmed by the chair (RULES.md 7).
    openedWithoutQuorum: integer("opened_without_quorum", { mode: "boolean" }).notNull().default(false),
    openedAt: integer("opened_at", { mode: "timestamp_ms" }),
    closesAt: integer("closes_at", { mode: "timestamp_ms" }),
    closedAt: integer("closed_at", { mode: "timestamp_ms" }),
    result: text("result", { mode: "json" }).$type<PollResult>(),
    // Secret polls while open: the poll's ballot key, sealed under the server's ballot secret; deleted at close.
    ballotKey: text("ballot_key"),
    createdBy: text("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("polls_sitting_idx").on(t.sittingId, t.createdAt)],
);

/** Who may vote in a poll: the members in office when it opened (their number is N). */
export const pollVoters = sqliteTable(
  "poll_voters",
  {
    pollId: text("poll_id")
      .notNull()
      .references(() => polls.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
  },
  (t) => [primaryKey({ columns: [t.pollId, t.userId] })],
);

/** A named poll's ballots: one per member per poll, by the primary key. */
export const ballots = sqliteTable(
  "ballots",
  {
    pollId: text("poll_id")
      .notNull()
      .references(() => polls.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    choice: text("choice", { enum: ballotChoices }).notNull(),
    castAt: integer("cast_at", { mode: "timestamp_ms" }).notNull(),
    // Set when a secretary recorded it for the member in a poll marked as recorded by hand (RULES.md 2).
    recordedBy: text("recorded_by").references(() => users.id),
  },
  (t) => [primaryKey({ columns: [t.pollId, t.userId] })],
);

/**
 * A secret poll keeps who took part apart from what was chosen (RULES.md 3), on disk too — in the database file, in its
 * write-ahead log read commit by commit, in a backup (decision 0011). `secret_voters` says who voted. While the poll is
 * open, each choice is in `secret_ballots` only as a sealed box: AES-256-GCM under the poll's own ballot key, with no
 * voter, no time and a random id. The ballot key is kept in `polls.ballot_key`, itself sealed under the server's ballot
 * secret, which is configured apart from the data folder. Closing opens the boxes, stores the counts in `polls.result`,
 * and deletes the boxes and the key. Both tables are WITHOUT ROWID: rows sit in key order, not in the order cast.
 */
export const secretVoters = sqliteTable(
  "secret_voters",
  {
    pollId: text("poll_id")
      .notNull()
      .references(() => polls.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
  },
  (t) => [primaryKey({ columns: [t.pollId, t.userId] })],
);

export const secretBallots = sqliteTable(
  "secret_ballots",
  {
    pollId: text("poll_id")
      .notNull()
      .references(() => polls.id, { onDelete: "cascade" }),
    // Random, so that key order says nothing about the order of casting.
    boxId: blob("box_id", { mode: "buffer" }).notNull(),
    box: blob("box", { mode: "buffer" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.pollId, t.boxId] })],
);

export const speechKinds = ["speak", "debate", "question"] as const;
export type SpeechKind = (typeof speechKinds)[number];
// "not_reached": still waiting when the chair moved on or the sitting ended; "written": sent in writing instead (RULES.md 12).
export const speechStatuses = ["waiting", "speaking", "done", "withdrawn", "not_reached", "written"] as const;

/**
 * Đăng ký phát biểu (RULES.md 12): a participant's turn on an agenda item — to speak, to debate (tranh luận) or to
 * question (chất vấn). The chair orders the queue and gives the floor; start and end times keep who spoke and how long.
 */
export const speeches = sqliteTable(
  "speeches",
  {
    id: text("id").primaryKey(),
    sittingId: text("sitting_id")
      .notNull()
      .references(() => sittings.id, { onDelete: "cascade" }),
    agendaItemId: text("agenda_item_id")
      .notNull()
      .references(() => agendaItems.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    kind: text("kind", { enum: speechKinds }).notNull(),
    status: text("status", { enum: speechStatuses }).notNull().default("waiting"),
    // Queue order: the chair may move a turn between two others.
    position: real("position").notNull(),
    limitSeconds: integer("limit_seconds").notNull(),
    registeredAt: integer("registered_at", { mode: "timestamp_ms" }).notNull(),
    startedAt: integer("started_at", { mode: "timestamp_ms" }),
    endedAt: integer("ended_at", { mode: "timestamp_ms" }),
    // The speech sent in writing by a speaker not reached.
    writtenText: text("written_text"),
  },
  (t) => [
    index("speeches_item_idx").on(t.agendaItemId, t.status, t.position),
    // One waiting registration per person and item.
    uniqueIndex("speeches_one_waiting").on(t.agendaItemId, t.userId).where(sql`status = 'waiting'`),
  ],
);

// Certificates (issue #6): a leader's own ("person"), the issuing body's ("agency"), the app's own certificate
// authority ("authority", trials and the demo), and roots trusted when verifying ("root", no key). Private keys are
// sealed with a key from the environment (app/signing/certificates.server.ts) and never leave the server.
export const certificateKinds = ["person", "agency", "authority", "root"] as const;
export type CertificateKind = (typeof certificateKinds)[number];

export const certificates = sqliteTable(
  "certificates",
  {
    id: text("id").primaryKey(),
    kind: text("kind", { enum: certificateKinds }).notNull(),
    userId: text("user_id").references(() => users.id),
    bodyId: text("body_id").references(() => bodies.id),
    certPem: text("cert_pem").notNull(),
    chainPem: text("chain_pem", { mode: "json" }).$type<string[]>().notNull(),
    keySealed: text("key_sealed"),
    subject: text("subject").notNull(),
    issuer: text("issuer").notNull(),
    serialHex: text("serial_hex").notNull(),
    fingerprint256: text("fingerprint256").notNull().unique(),
    validFrom: integer("valid_from", { mode: "timestamp" }).notNull(),
    validTo: integer("valid_to", { mode: "timestamp" }).notNull(),
    source: text("source", { enum: ["imported", "issued"] }).notNull(),
    revokedAt: integer("revoked_at", { mode: "timestamp" }),
    revokedReason: text("revoked_reason"),
    createdBy: text("created_by").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index("certificates_user_idx").on(t.userId), index("certificates_body_idx").on(t.bodyId), index("certificates_serial_idx").on(t.serialHex)],
);

// Trình ký (issue #6): a document version sent to leaders in order. Each step reviews (approves or returns) or signs;
// a return goes back to the sender, who uploads a revision and sends it again from the first step.
export const signoffStatuses = ["in_review", "returned", "issued", "cancelled"] as const;
export type SignoffStatus = (typeof signoffStatuses)[number];
export const signoffStepActions = ["review", "sign"] as const;
export const signoffStepStatuses = ["waiting", "current", "approved", "returned", "signed"] as const;

export const signoffs = sqliteTable(
  "signoffs",
  {
    id: text("id").primaryKey(),
    documentId: text("document_id")
      .notNull()
      .references(() => documents.id),
    // The version under review now; a revision replaces it when the sender sends again.
    versionId: text("version_id")
      .notNull()
      .references(() => documentVersions.id),
    // The issuing body: its number series (RULES.md 17) and its agency certificate (RULES.md 19).
    bodyId: text("body_id")
      .notNull()
      .references(() => bodies.id),
    message: text("message"),
    deadline: integer("deadline", { mode: "timestamp" }),
    // Văn bản quy phạm pháp luật: the number carries the year ("06/2026/NQ-HĐND").
    normative: integer("normative", { mode: "boolean" }).notNull().default(false),
    status: text("status", { enum: signoffStatuses }).notNull().default("in_review"),
    round: integer("round").notNull().default(1),
    // Set while a signature is being made, so that two clicks never sign twice.
    signingSince: integer("signing_since", { mode: "timestamp" }),
    issuedVersionId: text("issued_version_id").references(() => documentVersions.id),
    reference: text("reference"),
    issuedAt: integer("issued_at", { mode: "timestamp" }),
    createdBy: text("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index("signoffs_document_idx").on(t.documentId), index("signoffs_status_idx").on(t.status)],
);

export const signoffSteps = sqliteTable(
  "signoff_steps",
  {
    id: text("id").primaryKey(),
    signoffId: text("signoff_id")
      .notNull()
      .references(() => signoffs.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    action: text("action", { enum: signoffStepActions }).notNull(),
    // The mark before the signer's title (RULES.md 18): "TM.", "KT.", "Q.", "TL.", "TUQ." or none.
    mark: text("mark"),
    status: text("status", { enum: signoffStepStatuses }).notNull().default("waiting"),
    actedAt: integer("acted_at", { mode: "timestamp" }),
  },
  (t) => [uniqueIndex("signoff_steps_position").on(t.signoffId, t.position), index("signoff_steps_user_idx").on(t.userId, t.status)],
);

// The full history of a sign-off: who did what to which version, with their comment.
export const signoffEvents = sqliteTable(
  "signoff_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    signoffId: text("signoff_id")
      .notNull()
      .references(() => signoffs.id, { onDelete: "cascade" }),
    at: integer("at", { mode: "timestamp_ms" }).notNull(),
    actorId: text("actor_id")
      .notNull()
      .references(() => users.id),
    action: text("action", { enum: ["send", "approve", "return", "resend", "sign", "issue", "cancel"] }).notNull(),
    versionId: text("version_id").references(() => documentVersions.id),
    comment: text("comment"),
  },
  (t) => [index("signoff_events_signoff_idx").on(t.signoffId, t.at)],
);

// Số văn bản (RULES.md 17): one series per issuing body per year; the primary key makes a number impossible to give
// twice, whatever races for it.
export const documentNumbers = sqliteTable(
  "document_numbers",
  {
    bodyId: text("body_id")
      .notNull()
      .references(() => bodies.id),
    year: integer("year").notNull(),
    number: integer("number").notNull(),
    signoffId: text("signoff_id").references(() => signoffs.id),
    reference: text("reference").notNull(),
    // Reserved while the signed file is made; set when it is stored (a failed signing gives its number back).
    issuedAt: integer("issued_at", { mode: "timestamp" }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.bodyId, t.year, t.number] }), uniqueIndex("document_numbers_signoff").on(t.signoffId)],
);

// Chữ ký và con dấu (RULES.md 19): a leader's handwritten signature (blue) and a body's seal (red), PNGs with a
// transparent background, drawn on the documents they sign. Small (≤ 1 MB), so kept in the database with the rest.
export const signatureImages = sqliteTable(
  "signature_images",
  {
    ownerKind: text("owner_kind", { enum: ["user", "body"] }).notNull(),
    ownerId: text("owner_id").notNull(),
    png: blob("png", { mode: "buffer" }).notNull(),
    width: integer("width").notNull(),
    height: integer("height").notNull(),
    // A seal's real diameter (35–42 mm): it is drawn at that size. Null for a signature.
    sizeMm: integer("size_mm"),
    uploadedBy: text("uploaded_by").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.ownerKind, t.ownerId] })],
);
