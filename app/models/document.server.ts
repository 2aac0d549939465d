// Documents of a sitting and their versions. Files are checked, normalised and stored by content; a refused upload
// leaves no row and no file (issue #3).
import { randomUUID } from "node:crypto";
import { rm, stat } from "node:fs/promises";
import { and, asc, desc, eq, inArray, max, or, sql } from "drizzle-orm";
import { agendaItems, confidentialities, documents, documentVersions, participants, sittings, users } from "#db/schema";
import { can } from "~/auth/permissions";
import { intakePdf, type IntakeKind, type IntakeNote } from "~/pdf/intake-pdf.server";
import { QpdfMissingError } from "~/pdf/qpdf.server";
import { AppError } from "./app-error";
import { writeAudit, type Actor } from "./audit.server";
import { db, type Tx } from "./db.server";
import { hashFile, newTempPath, removeTemp, storedFilePath, storeTempFile } from "./files.server";
import { insertNotifications, type StoredNotification } from "./notification.server";
import { requireCan, type Reader } from "./reader";
import { invitationDeadline } from "./sitting.server";
import { writeMetadataRow } from "./text-index.server";

export type Confidentiality = (typeof confidentialities)[number];

export type DocumentMeta = {
  type: string;
  reference?: string | null;
  summary: string;
  confidentiality: Confidentiality;
  agendaItemId?: string | null;
};

/** An upload already streamed to a temporary file. */
export type ReceivedFile = { path: string; sha256: string; size: number; fileName: string };

/**
 * Checks the PDF, normalises it (unless signed), stores it by content, and records the document with version 1.
 * The temporary file is always removed; on refusal nothing remains.
 */
export async function createDocument({ actor, reader, sittingId, meta, file }: { actor: Actor; reader: Reader; sittingId: string; meta: DocumentMeta; file: ReceivedFile }) {
  return recordUpload(reader, file, (stored) =>
    db.transaction((tx) => {
      const sitting = tx.select({ id: sittings.id }).from(sittings).where(eq(sittings.id, sittingId)).get();
      if (!sitting) throw new AppError("not_found", "meetings.errors.sittingNotFound");
      if (meta.agendaItemId) requireItemOfSitting(tx, meta.agendaItemId, sittingId);
      const documentId = randomUUID();
      tx.insert(documents)
        .values({
          id: documentId,
          sittingId,
          agendaItemId: meta.agendaItemId || null,
          type: meta.type,
          reference: meta.reference?.trim() || null,
          summary: meta.summary.trim(),
          confidentiality: meta.confidentiality,
          createdBy: actor.userId!,
        })
        .run();
      const versionId = insertVersion(tx, { documentId, version: 1, stored, fileName: file.fileName, actor });
      writeAudit(tx, actor, {
        action: "document.upload",
        entityType: "document",
        entityId: documentId,
        // RULES.md 11: documents sent after their deadline are allowed, and recorded as late.
        details: { sittingId, fileName: file.fileName, size: stored.size, sha256: stored.sha256, pages: stored.pageCount, intake: stored.intake, late: Date.now() > invitationDeadline(sittingId).documentsDueBy.getTime() },
      });
      const notifications = notifyParticipants(tx, sittingId, actor, meta.confidentiality, {
        kind: "document.new",
        message: "documents.notifications.newDocument",
        params: { summary: meta.summary.trim() },
        href: `/sittings/${sittingId}`,
      });
      return { documentId, versionId, notifications, intake: { kind: stored.intake, notes: stored.notes } };
    }),
  );
}

/** A new version of a document; the old ones stay, and the sitting's participants are told. */
export async function addDocumentVersion({ actor, reader, sittingId, documentId, file }: { actor: Actor; reader: Reader; sittingId: string; documentId: string; file: ReceivedFile }) {
  return recordUpload(reader, file, (stored) =>
    db.transaction((tx) => {
      const document = requireDocumentOfSitting(tx, documentId, sittingId);
      const version = nextVersion(tx, documentId);
      const versionId = insertVersion(tx, { documentId, version, stored, fileName: file.fileName, actor });
      writeAudit(tx, actor, {
        action: "document.new_version",
        entityType: "document",
        entityId: documentId,
        details: { version, fileName: file.fileName, size: stored.size, sha256: stored.sha256, intake: stored.intake },
      });
      const notifications = notifyParticipants(tx, document.sittingId, actor, document.confidentiality, {
        kind: "document.version",
        message: "documents.notifications.newVersion",
        params: { summary: document.summary, version },
        href: `/sittings/${document.sittingId}`,
      });
      return { versionId, version, sittingId: document.sittingId, notifications, intake: { kind: stored.intake, notes: stored.notes } };
    }),
  );
}

/**
 * A version the app made itself (a signed, issued file, finished at the temporary `path`, which is moved away):
 * stored byte for byte (it is signed, so never normalised) as the document's next version, with the caller's own
 * writes in the same transaction.
 */
export async function storeGeneratedVersion<T>({ actor, documentId, path, fileName, write }: { actor: Actor; documentId: string; path: string; fileName: string; write: (tx: Tx, versionId: string) => T }) {
  const { size } = await stat(path);
  const stored = await prepareFile({ path, sha256: await hashFile(path), size, fileName });
  return keepIfWritten(stored, () =>
    db.transaction((tx) => {
      const version = nextVersion(tx, documentId);
      const versionId = insertVersion(tx, { documentId, version, stored, fileName, actor });
      writeAudit(tx, actor, { action: "document.new_version", entityType: "document", entityId: documentId, details: { version, fileName, size: stored.size, sha256: stored.sha256, generated: true } });
      return { versionId, version, result: write(tx, versionId) };
    }),
  );
}

function nextVersion(tx: Tx, documentId: string) {
  const last = tx.select({ version: max(documentVersions.version) }).from(documentVersions).where(eq(documentVersions.documentId, documentId)).get();
  return (last?.version ?? 0) + 1;
}

export function updateDocumentMeta({ actor, reader, sittingId, documentId, meta }: { actor: Actor; reader: Reader; sittingId: string; documentId: string; meta: DocumentMeta }) {
  requireCan(reader, "manage:document:any");
  return db.transaction((tx) => {
    const document = requireDocumentOfSitting(tx, documentId, sittingId);
    if (meta.agendaItemId && document.sittingId) requireItemOfSitting(tx, meta.agendaItemId, document.sittingId);
    tx.update(documents)
      .set({ type: meta.type, reference: meta.reference?.trim() || null, summary: meta.summary.trim(), confidentiality: meta.confidentiality, agendaItemId: meta.agendaItemId || null })
      .where(eq(documents.id, documentId))
      .run();
    // Search shows and matches the new details at once.
    const versions = tx.select({ id: documentVersions.id, fileName: documentVersions.fileName }).from(documentVersions).where(eq(documentVersions.documentId, documentId)).all();
    for (const v of versions) writeMetadataRow(tx, v.id, { type: meta.type, reference: meta.reference?.trim() || null, summary: meta.summary.trim(), fileName: v.fileName });
    writeAudit(tx, actor, { action: "document.update", entityType: "document", entityId: documentId, details: { ...meta } });
    return { sittingId: document.sittingId };
  });
}

/**
 * The documents of a sitting that `reader` may see, newest version first in each. Guests never see confidential
 * documents; everyone else who may see the sitting sees them all.
 */
export function listSittingDocuments({ sittingId, reader }: { sittingId: string; reader: Reader }) {
  const sittingRole = sittingRoleOf(reader.id, sittingId);
  const closed = !!db.select({ closed: sittings.closed }).from(sittings).where(eq(sittings.id, sittingId)).get()?.closed;
  const rows = db
    .select({ document: documents, agendaTitle: agendaItems.title, agendaPosition: agendaItems.position })
    .from(documents)
    .leftJoin(agendaItems, eq(agendaItems.id, documents.agendaItemId))
    .where(eq(documents.sittingId, sittingId))
    .orderBy(asc(agendaItems.position), asc(documents.createdAt))
    .all()
    .filter((r) => mayRead(reader, r.document.confidentiality, sittingRole, closed));
  const ids = rows.map((r) => r.document.id);
  const versions = ids.length
    ? db.select().from(documentVersions).where(inArray(documentVersions.documentId, ids)).orderBy(desc(documentVersions.version)).all()
    : [];
  return rows.map((r) => ({
    ...r.document,
    agendaTitle: r.agendaTitle,
    agendaPosition: r.agendaPosition,
    versions: versions.filter((v) => v.documentId === r.document.id),
  }));
}

/** A version as a file to serve, when `reader` may read it; the caller watermarks confidential ones. */
export function getVersionForReader({ versionId, reader }: { versionId: string; reader: Reader }) {
  const row = db
    .select({ version: documentVersions, document: documents, sittingStatus: sittings.status, sittingClosed: sittings.closed })
    .from(documentVersions)
    .innerJoin(documents, eq(documents.id, documentVersions.documentId))
    .leftJoin(sittings, eq(sittings.id, documents.sittingId))
    .where(eq(documentVersions.id, versionId))
    .get();
  if (!row) throw new AppError("not_found", "documents.errors.notFound");
  const sittingRole = sittingRoleOf(reader.id, row.document.sittingId);
  if (!can(reader, "read:sitting:any") && (!sittingRole || row.sittingStatus === "draft")) {
    throw new AppError("forbidden", "errorPage.forbidden.title");
  }
  if (!mayRead(reader, row.document.confidentiality, sittingRole, !!row.sittingClosed)) throw new AppError("forbidden", row.sittingClosed ? "documents.errors.closedSitting" : "documents.errors.confidential");
  return { ...row.version, path: storedFilePath(row.version.sha256), document: row.document };
}

/** The newest version of a document (the viewer points readers of an older one to it). */
export function latestVersionOf(documentId: string) {
  return db.select({ id: documentVersions.id, version: documentVersions.version }).from(documentVersions).where(eq(documentVersions.documentId, documentId)).orderBy(desc(documentVersions.version)).limit(1).get()!;
}

/** Records a download (every confidential one must be on record). */
export function recordDownload({ actor, versionId, documentId, watermarked }: { actor: Actor; versionId: string; documentId: string; watermarked: boolean }) {
  db.transaction((tx) =>
    writeAudit(tx, actor, { action: watermarked ? "document.download_watermarked" : "document.download", entityType: "document", entityId: documentId, details: { versionId } }),
  );
}

export function readerName(userId: string) {
  return db.select({ fullName: users.fullName }).from(users).where(eq(users.id, userId)).get()?.fullName ?? "";
}

/**
 * Confidential documents are never for guests: neither a guest account, nor anyone invited to the sitting as a guest
 * (a department head asked to present, say). Staff who read every sitting are never guests. A closed sitting's
 * documents (họp kín, RULES.md 14) are kept from guests in the same way, as everything else of it is (the live state
 * and its events: live-sitting.server.ts).
 */
export function mayRead(reader: Reader, confidentiality: Confidentiality, sittingRole?: string | null, sittingClosed = false) {
  if (confidentiality !== "confidential" && !sittingClosed) return true;
  if (can(reader, "read:sitting:any")) return true;
  return reader.role !== "guest" && sittingRole !== "guest";
}

function sittingRoleOf(readerId: string, sittingId: string | null) {
  if (!sittingId) return null;
  return (
    db
      .select({ role: participants.role })
      .from(participants)
      .where(and(eq(participants.sittingId, sittingId), eq(participants.userId, readerId)))
      .get()?.role ?? null
  );
}

type PreparedFile = {
  sha256: string;
  originalSha256: string;
  size: number;
  pageCount: number;
  intake: IntakeKind;
  notes: IntakeNote[];
  /** The bytes as uploaded are stored too (the file was repaired or decrypted on the way in). */
  originalKept: boolean;
  release: () => void;
};

// Stored files whose version row is not written yet: another upload's failure must not delete them.
const pending = new Map<string, number>();

function hold(sha256: string) {
  pending.set(sha256, (pending.get(sha256) ?? 0) + 1);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const left = (pending.get(sha256) ?? 1) - 1;
    if (left > 0) pending.set(sha256, left);
    else pending.delete(sha256);
  };
}

/**
 * The one path from a received upload to rows: permission, check and storage (prepareFile), then `write` (one
 * transaction). The temporary file never outlives the call; if `write` fails, the stored file goes too unless another
 * version uses it.
 */
async function recordUpload<T>(reader: Reader, file: ReceivedFile, write: (stored: PreparedFile) => T): Promise<T> {
  try {
    requireCan(reader, "manage:document:any");
  } catch (error) {
    await removeTemp(file.path);
    throw error;
  }
  return keepIfWritten(await prepareFile(file), write);
}

/** Runs `write` with a stored file; if it fails, the file goes too unless another version uses it. */
async function keepIfWritten<T>(stored: PreparedFile, write: (stored: PreparedFile) => T): Promise<T> {
  try {
    return write(stored);
  } catch (error) {
    stored.release();
    await forgetUnusedFiles(stored);
    throw error;
  } finally {
    stored.release();
  }
}

async function prepareFile(file: ReceivedFile): Promise<PreparedFile> {
  const written = newTempPath();
  const releases: (() => void)[] = [];
  try {
    const intake = await intakePdf(file.path, written).catch((error: unknown) => {
      if (error instanceof QpdfMissingError) throw new AppError("invalid", "documents.refused.unavailable");
      throw error;
    });
    if (!intake.ok) throw new AppError("invalid", `documents.refused.${intake.reason}`, { file: file.fileName });
    const told = { pageCount: intake.pageCount, intake: intake.kind, notes: intake.notes };
    // The same bytes uploaded before are stored once: reuse what they became.
    const known = db
      .select({ sha256: documentVersions.sha256, size: documentVersions.size, originalKept: documentVersions.originalKept })
      .from(documentVersions)
      .where(eq(documentVersions.originalSha256, file.sha256))
      .get();
    if (known) {
      releases.push(hold(known.sha256));
      if (known.originalKept) releases.push(hold(file.sha256));
      return { sha256: known.sha256, originalSha256: file.sha256, size: known.size, ...told, originalKept: known.originalKept, release: releaseAll(releases.splice(0)) };
    }
    // Signed files are kept byte for byte: rewriting them would break their signatures.
    const finalPath = intake.rewritten ? written : file.path;
    const finalSha = intake.rewritten ? await hashFile(written) : file.sha256;
    releases.push(hold(finalSha));
    const { size } = await storeTempFile(finalPath, finalSha);
    // Repaired or decrypted: the bytes as received are kept for the record (and stored once, by their hash).
    const originalKept = intake.kind !== "clean" && finalSha !== file.sha256;
    if (originalKept) {
      releases.push(hold(file.sha256));
      await storeTempFile(file.path, file.sha256);
    }
    return { sha256: finalSha, originalSha256: file.sha256, size, ...told, originalKept, release: releaseAll(releases.splice(0)) };
  } catch (error) {
    releaseAll(releases)();
    throw error;
  } finally {
    await removeTemp(file.path);
    await removeTemp(written);
  }
}

function releaseAll(releases: (() => void)[]) {
  return () => {
    for (const release of releases) release();
  };
}

function insertVersion(tx: Tx, { documentId, version, stored, fileName, actor }: { documentId: string; version: number; stored: Omit<PreparedFile, "release">; fileName: string; actor: Actor }) {
  const id = randomUUID();
  tx.insert(documentVersions)
    .values({
      id,
      documentId,
      version,
      sha256: stored.sha256,
      originalSha256: stored.originalSha256,
      fileName: fileName.normalize("NFC").slice(0, 255),
      size: stored.size,
      pageCount: stored.pageCount,
      intake: stored.intake,
      intakeNotes: stored.notes.length ? stored.notes : null,
      originalKept: stored.originalKept,
      createdBy: actor.userId!,
    })
    .run();
  return id;
}

/** After a failed transaction: remove the stored files unless another version uses them or is about to. */
async function forgetUnusedFiles(stored: PreparedFile) {
  for (const sha256 of stored.originalKept ? [stored.sha256, stored.originalSha256] : [stored.sha256]) {
    if (pending.has(sha256)) continue;
    const used = db
      .select({ n: sql<number>`count(*)` })
      .from(documentVersions)
      .where(or(eq(documentVersions.sha256, sha256), and(eq(documentVersions.originalSha256, sha256), eq(documentVersions.originalKept, true))))
      .get();
    if (!used?.n) await rm(storedFilePath(sha256), { force: true });
  }
}

/** A document addressed through a sitting's URL must belong to that sitting. */
function requireDocumentOfSitting(tx: Tx, documentId: string, sittingId: string) {
  const document = tx.select().from(documents).where(eq(documents.id, documentId)).get();
  if (!document || document.sittingId !== sittingId) throw new AppError("not_found", "documents.errors.notFound");
  return document;
}

function requireItemOfSitting(tx: Tx, itemId: string, sittingId: string) {
  const item = tx.select({ sittingId: agendaItems.sittingId }).from(agendaItems).where(eq(agendaItems.id, itemId)).get();
  if (!item || item.sittingId !== sittingId) throw new AppError("invalid", "meetings.errors.itemNotFound");
}

function notifyParticipants(
  tx: Tx,
  sittingId: string | null,
  actor: Actor,
  confidentiality: Confidentiality,
  notification: { kind: string; message: string; params: Record<string, string | number>; href: string },
): StoredNotification[] {
  if (!sittingId) return [];
  const sitting = tx.select({ status: sittings.status, closed: sittings.closed }).from(sittings).where(eq(sittings.id, sittingId)).get();
  if (!sitting || sitting.status === "draft") return [];
  const recipients = tx
    .select({ userId: participants.userId, role: users.role, sittingRole: participants.role })
    .from(participants)
    .innerJoin(users, eq(users.id, participants.userId))
    .where(eq(participants.sittingId, sittingId))
    .all()
    .filter((r) => r.userId !== actor.userId && mayRead({ id: r.userId, role: r.role }, confidentiality, r.sittingRole, sitting.closed));
  return insertNotifications(tx, recipients.map((r) => ({ userId: r.userId, ...notification })));
}
