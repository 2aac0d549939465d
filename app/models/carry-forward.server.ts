// New versions (issue #4): a reader's marks stay on the version they were made on. When a newer version of the
// document arrives, the reader is offered to carry them forward, page by page, with the pages whose text changed
// flagged so they can check each mark still sits on the right words.
import { randomUUID } from "node:crypto";
import { and, desc, eq, inArray, isNotNull, lt, sql } from "drizzle-orm";
import { annotations, documentVersions } from "#db/schema";
import { AppError } from "./app-error";
import { db } from "./db.server";
import { getVersionForReader } from "./document.server";
import { selectAnnotationViews } from "./annotation.server";
import type { Reader } from "./reader";

export type CarryForwardOffer = NonNullable<ReturnType<typeof carryForwardOffer>>;

/** A page's extracted text, spacing evened out ("" when there is none). */
function pageText(versionId: string, page: number) {
  const row = db.get<{ text: string } | undefined>(sql`select text from document_search where version_id = ${versionId} and page = ${page}`);
  return (row?.text ?? "").replace(/\s+/g, " ").trim();
}

function textReady(versionId: string) {
  return db.select({ status: documentVersions.textStatus }).from(documentVersions).where(eq(documentVersions.id, versionId)).get()?.status === "done";
}

type Target = { id: string; documentId: string; version: number; pageCount: number | null };

/** The mark's page is past the end of the new version (it has fewer pages). */
const pageGone = (target: Target, page: number) => !!target.pageCount && page > target.pageCount;

/** The reader's marks on the latest earlier version that still has marks not carried to this one. */
function marksToCarry(reader: Reader, target: Target) {
  const carried = new Set(
    db
      .select({ from: annotations.carriedFrom })
      .from(annotations)
      .where(and(eq(annotations.versionId, target.id), eq(annotations.userId, reader.id), isNotNull(annotations.carriedFrom)))
      .all()
      .map((r) => r.from),
  );
  const earlier = db
    .select({ annotation: annotations, version: documentVersions.version })
    .from(annotations)
    .innerJoin(documentVersions, eq(documentVersions.id, annotations.versionId))
    .where(and(eq(documentVersions.documentId, target.documentId), lt(documentVersions.version, target.version), eq(annotations.userId, reader.id)))
    .orderBy(desc(documentVersions.version), annotations.page)
    .all()
    .filter((r) => !carried.has(r.annotation.id));
  if (!earlier.length) return null;
  const version = earlier[0].version;
  const marks = earlier.filter((r) => r.version === version).map((r) => r.annotation);
  return { fromVersionId: marks[0].versionId, fromVersion: version, marks };
}

/**
 * What the reader may carry to `versionId`: for each page of the earlier version that has their marks, how many, and
 * whether the page's text changed (null: not known yet, the text is still being read) or the page is gone.
 */
export function carryForwardOffer({ reader, versionId }: { reader: Reader; versionId: string }) {
  const target = getVersionForReader({ versionId, reader });
  const found = marksToCarry(reader, target);
  if (!found) return null;
  const comparable = textReady(found.fromVersionId) && textReady(target.id);
  const counts = new Map<number, number>();
  for (const mark of found.marks) counts.set(mark.page, (counts.get(mark.page) ?? 0) + 1);
  const pages = [...counts].map(([page, count]) => {
    const missing = pageGone(target, page);
    const changed = missing ? true : comparable ? pageText(found.fromVersionId, page) !== pageText(target.id, page) : null;
    return { page, count, missing, changed };
  });
  return { fromVersionId: found.fromVersionId, fromVersion: found.fromVersion, toVersion: target.version, pages };
}

/**
 * Copies the reader's marks on the chosen pages to `versionId` (private or shared as they were), each remembering
 * where it came from so it is never offered twice. Returns the new marks and the version they are now on.
 */
export function carryForward({ reader, versionId, fromVersionId, pages }: { reader: Reader; versionId: string; fromVersionId: string; pages: number[] }) {
  const target = getVersionForReader({ versionId, reader });
  const found = marksToCarry(reader, target);
  if (!found || found.fromVersionId !== fromVersionId) throw new AppError("conflict", "annotations.carry.nothing");
  const chosen = new Set(pages);
  const marks = found.marks.filter((m) => chosen.has(m.page) && !pageGone(target, m.page));
  if (!marks.length) throw new AppError("invalid", "annotations.carry.choosePages");
  const now = new Date();
  const ids = marks.map(() => randomUUID());
  return db.transaction((tx) => {
    marks.forEach((mark, i) =>
      tx
        .insert(annotations)
        .values({ ...mark, id: ids[i], versionId: target.id, carriedFrom: mark.id, createdAt: now, updatedAt: now })
        .run(),
    );
    return { version: target.version, carried: selectAnnotationViews(tx).where(inArray(annotations.id, ids)).all() };
  });
}
