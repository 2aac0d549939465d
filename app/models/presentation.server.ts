// "Follow the presenter" (issue #4): the chair or secretary presents one page of a sitting's document at a time;
// participants who chose to follow are taken there live. The current page is kept in the database, so a reader who
// joins late, reconnects, or reaches another server process finds it.
import { eq } from "drizzle-orm";
import { documents, documentVersions, presentations, users } from "#db/schema";
import { AppError } from "./app-error";
import { db } from "./db.server";
import { getVersionForReader } from "./document.server";
import type { Reader } from "./reader";
import { canConduct, getSittingForReader } from "./sitting.server";

export type Presentation = NonNullable<ReturnType<typeof getPresentation>>;

export function getPresentation(sittingId: string) {
  return (
    db
      .select({
        sittingId: presentations.sittingId,
        versionId: presentations.versionId,
        page: presentations.page,
        presenterId: presentations.presenterId,
        presenterName: users.fullName,
        type: documents.type,
        reference: documents.reference,
        summary: documents.summary,
        confidentiality: documents.confidentiality,
        updatedAt: presentations.updatedAt,
      })
      .from(presentations)
      .innerJoin(users, eq(users.id, presentations.presenterId))
      .innerJoin(documentVersions, eq(documentVersions.id, presentations.versionId))
      .innerJoin(documents, eq(documents.id, documentVersions.documentId))
      .where(eq(presentations.sittingId, sittingId))
      .get() ?? null
  );
}

/** Presents a page: the document must be this sitting's, and the page in it. Returns what the followers get. */
export function presentPage({ reader, sittingId, versionId, page }: { reader: Reader; sittingId: string; versionId: string; page: number }) {
  const sitting = getSittingForReader({ sittingId, reader });
  if (!canConduct(sitting, reader)) throw new AppError("forbidden", "presentation.errors.notPresenter");
  const version = getVersionForReader({ versionId, reader });
  if (version.document.sittingId !== sittingId) throw new AppError("invalid", "presentation.errors.otherSitting");
  if (page < 1 || (version.pageCount && page > version.pageCount)) throw new AppError("invalid", "annotations.errors.page");
  const values = {
    versionId,
    page,
    presenterId: reader.id,
    updatedAt: new Date(),
  };
  db.insert(presentations)
    .values({ sittingId, ...values })
    .onConflictDoUpdate({ target: presentations.sittingId, set: values })
    .run();
  return getPresentation(sittingId)!;
}

export function stopPresenting({ reader, sittingId }: { reader: Reader; sittingId: string }) {
  const sitting = getSittingForReader({ sittingId, reader });
  if (!canConduct(sitting, reader)) throw new AppError("forbidden", "presentation.errors.notPresenter");
  db.delete(presentations).where(eq(presentations.sittingId, sittingId)).run();
}

/** What one reader is shown of a presentation: nothing when they may not read the document (a confidential one). */
export function presentationFor(presentation: Presentation | null, reader: Reader) {
  if (!presentation) return null;
  try {
    getVersionForReader({ versionId: presentation.versionId, reader });
  } catch (error) {
    if (error instanceof AppError) return null;
    throw error;
  }
  return presentationPayload(presentation);
}

/** A presentation as clients receive it. */
export function presentationPayload({ confidentiality: _, updatedAt, ...shown }: Presentation) {
  return { ...shown, updatedAt: updatedAt.toISOString() };
}
