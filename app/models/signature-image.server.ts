// The images drawn with a digital signature (RULES.md 19): each leader's handwritten signature (blue) and each body's
// seal (red, drawn at its real size), PNGs with a transparent background, uploaded by an administrator.
import { and, eq } from "drizzle-orm";
import { PDFDocument } from "pdf-lib";
import { signatureImages } from "#db/schema";
import { pngSize } from "~/pdf/signature-place.server";
import { AppError } from "./app-error";
import { writeAudit, type Actor } from "./audit.server";
import { db } from "./db.server";
import { requireCan, type Reader } from "./reader";

export type ImageOwner = { kind: "person"; userId: string } | { kind: "agency"; bodyId: string };

export const maxImageBytes = 1024 * 1024;
const maxPixels = 4000;
export const sealSizes = { min: 30, max: 50, standard: 40 };

const key = (owner: ImageOwner) => (owner.kind === "person" ? { ownerKind: "user" as const, ownerId: owner.userId } : { ownerKind: "body" as const, ownerId: owner.bodyId });

/**
 * Checks the PNG the way signing will use it (pdf-lib must decode it) and that its background is transparent: a white
 * rectangle would cover the seal or the position lines under it.
 */
async function checkedPng(bytes: Uint8Array) {
  if (bytes.byteLength === 0 || bytes.byteLength > maxImageBytes) throw new AppError("invalid", "signoff.images.errors.size");
  let size: ReturnType<typeof pngSize>;
  try {
    size = pngSize(bytes);
    await (await PDFDocument.create()).embedPng(bytes);
  } catch {
    throw new AppError("invalid", "signoff.images.errors.notPng");
  }
  if (size.width > maxPixels || size.height > maxPixels) throw new AppError("invalid", "signoff.images.errors.tooManyPixels", { max: maxPixels });
  if (!size.alpha) throw new AppError("invalid", "signoff.images.errors.notTransparent");
  return size;
}

/** Stores (or replaces) the owner's image; a seal keeps its real diameter in millimetres. */
export async function setSignatureImage({ actor, reader, owner, bytes, sizeMm }: { actor: Actor; reader: Reader; owner: ImageOwner; bytes: Uint8Array; sizeMm?: number | null }) {
  requireCan(reader, "manage:certificate:any");
  const size = await checkedPng(bytes);
  if (owner.kind === "agency" && sizeMm != null && (sizeMm < sealSizes.min || sizeMm > sealSizes.max)) throw new AppError("invalid", "signoff.images.errors.sealSize", sealSizes);
  const row = { ...key(owner), png: Buffer.from(bytes), width: size.width, height: size.height, sizeMm: owner.kind === "agency" ? (sizeMm ?? sealSizes.standard) : null, uploadedBy: reader.id, createdAt: new Date() };
  db.transaction((tx) => {
    tx.insert(signatureImages)
      .values(row)
      .onConflictDoUpdate({ target: [signatureImages.ownerKind, signatureImages.ownerId], set: { png: row.png, width: row.width, height: row.height, sizeMm: row.sizeMm, uploadedBy: row.uploadedBy, createdAt: row.createdAt } })
      .run();
    writeAudit(tx, actor, { action: "signature_image.set", entityType: row.ownerKind, entityId: row.ownerId, details: { width: size.width, height: size.height, sizeMm: row.sizeMm } });
  });
}

export function removeSignatureImage({ actor, reader, owner }: { actor: Actor; reader: Reader; owner: ImageOwner }) {
  requireCan(reader, "manage:certificate:any");
  const { ownerKind, ownerId } = key(owner);
  db.transaction((tx) => {
    tx.delete(signatureImages)
      .where(and(eq(signatureImages.ownerKind, ownerKind), eq(signatureImages.ownerId, ownerId)))
      .run();
    writeAudit(tx, actor, { action: "signature_image.remove", entityType: ownerKind, entityId: ownerId });
  });
}

/** The owner's image, or null when none was uploaded (signing then writes the lines instead). */
export function signatureImageOf(owner: ImageOwner) {
  const { ownerKind, ownerId } = key(owner);
  return (
    db
      .select({ png: signatureImages.png, width: signatureImages.width, height: signatureImages.height, sizeMm: signatureImages.sizeMm, createdAt: signatureImages.createdAt })
      .from(signatureImages)
      .where(and(eq(signatureImages.ownerKind, ownerKind), eq(signatureImages.ownerId, ownerId)))
      .get() ?? null
  );
}

/** Which owners have an image, for the admin page (without the bytes). */
export function listSignatureImages() {
  return db
    .select({ ownerKind: signatureImages.ownerKind, ownerId: signatureImages.ownerId, width: signatureImages.width, height: signatureImages.height, sizeMm: signatureImages.sizeMm, createdAt: signatureImages.createdAt })
    .from(signatureImages)
    .all();
}
