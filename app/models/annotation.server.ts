// Readers' marks on document pages (issue #4). Each one is its author's: private unless shared with the sitting's
// participants. Only the author changes or deletes it. Geometry is validated to the unit square of the page.
import { and, asc, eq, or } from "drizzle-orm";
import { z } from "zod";
import { annotationKinds, annotations, documents, documentVersions, sittings, users } from "#db/schema";
import { AppError } from "./app-error";
import { db, type Db, type Tx } from "./db.server";
import { getVersionForReader } from "./document.server";
import type { Reader } from "./reader";

export const annotationColors = ["#ffd400", "#5fd35f", "#4aa3ff", "#ff6b6b", "#b36bff"] as const;

const unit = z.number().min(0, "annotations.errors.geometry").max(1, "annotations.errors.geometry");
const rect = z.object({ x: unit, y: unit, w: unit, h: unit });
const point = z.object({ x: unit, y: unit });

export const annotationInput = z
  .object({
    id: z.string().uuid(),
    versionId: z.string().uuid(),
    page: z.number().int().min(1).max(10_000),
    kind: z.enum(annotationKinds),
    color: z.enum(annotationColors),
    geometry: z.object({
      rects: z.array(rect).max(200).optional(),
      paths: z.array(z.array(point).min(1).max(5_000)).max(100).optional(),
      at: point.optional(),
      width: z.number().min(0.0005).max(0.05).optional(),
      /** Free text: the font size as a fraction of the unrotated page's width. */
      size: z.number().min(0.005).max(0.1).optional(),
    }),
    text: z.string().max(4_000).optional().nullable(),
    shared: z.boolean().default(false),
  })
  .refine((a) => (a.kind === "ink" ? !!a.geometry.paths?.length : a.kind === "note" ? !!a.geometry.at : !!a.geometry.rects?.length), {
    message: "annotations.errors.geometry",
  })
  .refine((a) => (a.kind === "note" || a.kind === "freetext" ? !!a.text?.trim() : true), { message: "annotations.errors.emptyText" })
  // Ink within what one socket message carries (maxMessageBytes, about 45 bytes a point).
  .refine((a) => (a.geometry.paths ?? []).reduce((sum, path) => sum + path.length, 0) <= maxInkPoints, { message: "annotations.errors.inkTooLong" });

/** The most points of ink one annotation holds, all strokes together. */
export const maxInkPoints = 15_000;

export type AnnotationInput = z.infer<typeof annotationInput>;

const annotationColumns = {
  id: annotations.id,
  versionId: annotations.versionId,
  userId: annotations.userId,
  authorName: users.fullName,
  page: annotations.page,
  kind: annotations.kind,
  color: annotations.color,
  geometry: annotations.geometry,
  text: annotations.text,
  shared: annotations.shared,
  updatedAt: annotations.updatedAt,
};

/** Annotations as clients receive them (joined with their author's name); the caller adds the `where`. */
export function selectAnnotationViews(q: Db | Tx = db) {
  return q.select(annotationColumns).from(annotations).innerJoin(users, eq(users.id, annotations.userId));
}

export type AnnotationView = Awaited<ReturnType<typeof listAnnotations>>[number];

/** The reader's own marks on a version, and those others shared. The reader must be allowed to read the version. */
export function listAnnotations({ versionId, reader }: { versionId: string; reader: Reader }) {
  getVersionForReader({ versionId, reader });
  return selectAnnotationViews()
    .where(and(eq(annotations.versionId, versionId), or(eq(annotations.userId, reader.id), eq(annotations.shared, true))))
    .orderBy(asc(annotations.page), asc(annotations.createdAt))
    .all();
}

/**
 * Creates or updates the reader's mark (the id comes from the device, so a retried save is harmless). Returns the
 * mark, and whether it was shared before (an unshared mark must disappear from others' screens).
 */
export function saveAnnotation({ reader, input }: { reader: Reader; input: AnnotationInput }) {
  const version = getVersionForReader({ versionId: input.versionId, reader });
  if (version.pageCount && input.page > version.pageCount) throw new AppError("invalid", "annotations.errors.page");
  return db.transaction((tx) => {
    const existing = tx.select().from(annotations).where(eq(annotations.id, input.id)).get();
    if (existing && (existing.userId !== reader.id || existing.versionId !== input.versionId)) throw new AppError("forbidden", "annotations.errors.notYours");
    const now = new Date();
    const values = { page: input.page, kind: input.kind, color: input.color, geometry: input.geometry, text: input.text?.normalize("NFC") ?? null, shared: input.shared, updatedAt: now };
    if (existing) tx.update(annotations).set(values).where(eq(annotations.id, input.id)).run();
    else tx.insert(annotations).values({ id: input.id, versionId: input.versionId, userId: reader.id, createdAt: now, ...values }).run();
    const saved = selectAnnotationViews(tx).where(eq(annotations.id, input.id)).get()!;
    return { annotation: saved, wasShared: existing?.shared ?? false };
  });
}

export function deleteAnnotation({ reader, id }: { reader: Reader; id: string }) {
  return db.transaction((tx) => {
    const existing = tx.select().from(annotations).where(eq(annotations.id, id)).get();
    if (!existing) return null;
    if (existing.userId !== reader.id) throw new AppError("forbidden", "annotations.errors.notYours");
    tx.delete(annotations).where(eq(annotations.id, id)).run();
    return existing;
  });
}

/** What "Tải về kèm ghi chú" writes: the reader's own annotations, and with `includeShared` the ones others shared. */
export function listAnnotationsForExport({ versionId, reader, includeShared }: { versionId: string; reader: Reader; includeShared: boolean }) {
  return listAnnotations({ versionId, reader }).filter((a) => a.userId === reader.id || (includeShared && a.shared));
}

/** "Ghi chú của tôi": every note and drawing of the user, by sitting and document, newest documents first. */
export function listMyAnnotations(userId: string) {
  return db
    .select({
      id: annotations.id,
      versionId: annotations.versionId,
      page: annotations.page,
      kind: annotations.kind,
      color: annotations.color,
      text: annotations.text,
      shared: annotations.shared,
      updatedAt: annotations.updatedAt,
      version: documentVersions.version,
      summary: documents.summary,
      type: documents.type,
      reference: documents.reference,
      sittingId: sittings.id,
      sittingTitle: sittings.title,
    })
    .from(annotations)
    .innerJoin(documentVersions, eq(documentVersions.id, annotations.versionId))
    .innerJoin(documents, eq(documents.id, documentVersions.documentId))
    .leftJoin(sittings, eq(sittings.id, documents.sittingId))
    .where(eq(annotations.userId, userId))
    .orderBy(asc(sittings.startsAt), asc(documents.createdAt), asc(annotations.page))
    .all();
}
