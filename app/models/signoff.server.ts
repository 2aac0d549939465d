// Trình ký (issue #6): staff send a document version to leaders in order; each reviews (approves or returns it with a
// comment) or signs. A return goes back to the sender, who sends a revision from the first step again. The last
// signature issues the document: its number and date are stamped, the leader signs, then the body (RULES.md 17–19).
import { randomUUID } from "node:crypto";
import { and, asc, desc, eq, inArray, or, sql } from "drizzle-orm";
import { bodies, documentNumbers, documents, documentVersions, memberships, signoffEvents, signoffs, signoffSteps, sittings, users } from "#db/schema";
import { can } from "~/auth/permissions";
import { formatDate } from "~/i18n/format";
import { logger } from "~/logger.server";
import { decryptPdf } from "~/pdf/decrypt-pdf.server";
import { agencyLines, councilIssuerCode, documentReference, issuedTypeCode, mayBeNormative, signerLines, vietnamYear } from "~/pdf/official-text";
import { formatSigningTime, signPdfFile } from "~/pdf/sign-pdf.server";
import { millimetre, planIssueSignatures, type SignatureLooks } from "~/pdf/signature-place.server";
import { stampIssue } from "~/pdf/stamp-issue.server";
import { AppError } from "./app-error";
import { writeAudit, type Actor } from "./audit.server";
import { signingKeyOf } from "./certificate.server";
import { sealSizes, signatureImageOf } from "./signature-image.server";
import { db, type Tx } from "./db.server";
import { readerName, storeGeneratedVersion } from "./document.server";
import { newTempPath, removeTemp, storedFilePath } from "./files.server";
import { insertNotifications, type NewNotification } from "./notification.server";
import { requireCan, type Reader } from "./reader";

export type SignoffStepInput = { userId: string; action: "review" | "sign" };
/** Where the leader moved the signature: page (1-based) and the box's top-left in fractions of the unrotated page. */
export type SignaturePlace = { page: number; x: number; y: number };

const href = (signoffId: string) => `/signoffs/${signoffId}`;

function notify(tx: Tx, userIds: string[], item: Omit<NewNotification, "userId">) {
  return insertNotifications(
    tx,
    [...new Set(userIds)].map((userId) => ({ userId, ...item })),
  );
}

/**
 * "A document waits for you", with its deadline when the sender set one: the day they chose (the deadline is kept as
 * that day's last instant in Vietnam, so it is written as that day), as dd/mm/yyyy.
 */
function pending(signoffId: string, summary: string, deadline: Date | null): Omit<NewNotification, "userId"> {
  return deadline
    ? { kind: "signoff.pending", message: "signoff.notifications.pendingBy", params: { summary, deadline: formatDate(deadline, "vi") }, href: href(signoffId) }
    : { kind: "signoff.pending", message: "signoff.notifications.pending", params: { summary }, href: href(signoffId) };
}

function requireSignoff(tx: Tx | typeof db, signoffId: string) {
  const row = tx.select().from(signoffs).where(eq(signoffs.id, signoffId)).get();
  if (!row) throw new AppError("not_found", "signoff.errors.notFound");
  return row;
}

function stepsOf(tx: Tx | typeof db, signoffId: string) {
  return tx.select().from(signoffSteps).where(eq(signoffSteps.signoffId, signoffId)).orderBy(asc(signoffSteps.position)).all();
}

function summaryOf(tx: Tx | typeof db, documentId: string) {
  return tx.select({ summary: documents.summary }).from(documents).where(eq(documents.id, documentId)).get()?.summary ?? "";
}

/** The body that issues a sitting's documents: the sitting's own (a committee issues its own documents). */
function issuingBodyOf(tx: Tx, documentId: string) {
  const row = tx
    .select({ bodyId: sittings.bodyId })
    .from(documents)
    .innerJoin(sittings, eq(sittings.id, documents.sittingId))
    .where(eq(documents.id, documentId))
    .get();
  if (row) return row.bodyId;
  const council = tx.select({ id: bodies.id }).from(bodies).where(eq(bodies.kind, "council")).get();
  if (!council) throw new AppError("conflict", "signoff.errors.noBody");
  return council.id;
}

/** Leaders who may be sent documents to review or sign. */
export function listSigners() {
  return db
    .select({ id: users.id, fullName: users.fullName, position: users.position, role: users.role })
    .from(users)
    .where(sql`${users.disabledAt} IS NULL`)
    .orderBy(asc(users.fullName))
    .all()
    .filter((u) => can({ role: u.role }, "sign:document:any"));
}

/** Sends a version for sign-off: leaders in order, the last one signs. */
export function sendForSignoff({
  actor,
  reader,
  versionId,
  steps,
  message,
  deadline,
  normative = false,
}: {
  actor: Actor;
  reader: Reader;
  versionId: string;
  steps: SignoffStepInput[];
  message?: string | null;
  deadline?: Date | null;
  normative?: boolean;
}) {
  requireCan(reader, "manage:document:any");
  if (!steps.length || steps.length > 6) throw new AppError("invalid", "signoff.errors.steps");
  if (steps[steps.length - 1].action !== "sign" || steps.slice(0, -1).some((s) => s.action === "sign")) throw new AppError("invalid", "signoff.errors.lastSigns");
  if (new Set(steps.map((s) => s.userId)).size !== steps.length) throw new AppError("invalid", "signoff.errors.sameLeaderTwice");
  const signers = new Set(listSigners().map((s) => s.id));
  if (steps.some((s) => !signers.has(s.userId))) throw new AppError("invalid", "signoff.errors.notLeader");
  return db.transaction((tx) => {
    const version = tx
      .select({ documentId: documentVersions.documentId, type: documents.type })
      .from(documentVersions)
      .innerJoin(documents, eq(documents.id, documentVersions.documentId))
      .where(eq(documentVersions.id, versionId))
      .get();
    if (!version) throw new AppError("not_found", "documents.errors.notFound");
    const open = tx
      .select({ id: signoffs.id })
      .from(signoffs)
      .where(and(eq(signoffs.documentId, version.documentId), inArray(signoffs.status, ["in_review", "returned"])))
      .get();
    if (open) throw new AppError("conflict", "signoff.errors.alreadyOpen");
    const id = randomUUID();
    tx.insert(signoffs)
      .values({ id, documentId: version.documentId, versionId, bodyId: issuingBodyOf(tx, version.documentId), message: message?.trim() || null, deadline: deadline ?? null, normative: normative && mayBeNormative(version.type), createdBy: reader.id })
      .run();
    steps.forEach((step, position) => {
      tx.insert(signoffSteps)
        .values({ id: randomUUID(), signoffId: id, position, userId: step.userId, action: step.action, status: position === 0 ? "current" : "waiting" })
        .run();
    });
    tx.insert(signoffEvents).values({ signoffId: id, at: new Date(), actorId: reader.id, action: "send", versionId, comment: message?.trim() || null }).run();
    writeAudit(tx, actor, { action: "signoff.send", entityType: "signoff", entityId: id, details: { versionId, steps } });
    const summary = summaryOf(tx, version.documentId);
    const notifications = notify(tx, [steps[0].userId], pending(id, summary, deadline ?? null));
    return { signoffId: id, summary, notifications };
  });
}

/** The step waiting on `reader`, or a clear refusal. */
function requireCurrentStep(tx: Tx, signoffId: string, reader: Reader, action: "review" | "sign" | "any") {
  const signoff = requireSignoff(tx, signoffId);
  if (signoff.status !== "in_review") throw new AppError("conflict", `signoff.errors.status.${signoff.status}`);
  const step = tx
    .select()
    .from(signoffSteps)
    .where(and(eq(signoffSteps.signoffId, signoffId), eq(signoffSteps.status, "current")))
    .get();
  if (!step || step.userId !== reader.id) throw new AppError("forbidden", "signoff.errors.notYourTurn");
  if (action !== "any" && step.action !== action) throw new AppError("conflict", action === "sign" ? "signoff.errors.reviewOnly" : "signoff.errors.mustSign");
  return { signoff, step };
}

/** A reviewer approves: the next leader's turn. */
export function approveSignoff({ actor, reader, signoffId, comment }: { actor: Actor; reader: Reader; signoffId: string; comment?: string | null }) {
  return db.transaction((tx) => {
    const { signoff, step } = requireCurrentStep(tx, signoffId, reader, "review");
    const now = new Date();
    tx.update(signoffSteps).set({ status: "approved", actedAt: now }).where(eq(signoffSteps.id, step.id)).run();
    const next = tx
      .select()
      .from(signoffSteps)
      .where(and(eq(signoffSteps.signoffId, signoffId), eq(signoffSteps.position, step.position + 1)))
      .get()!;
    tx.update(signoffSteps).set({ status: "current" }).where(eq(signoffSteps.id, next.id)).run();
    tx.insert(signoffEvents).values({ signoffId, at: now, actorId: reader.id, action: "approve", versionId: signoff.versionId, comment: comment?.trim() || null }).run();
    writeAudit(tx, actor, { action: "signoff.approve", entityType: "signoff", entityId: signoffId, details: { versionId: signoff.versionId } });
    const summary = summaryOf(tx, signoff.documentId);
    const notifications = [
      ...notify(tx, [next.userId], pending(signoffId, summary, signoff.deadline)),
      ...notify(tx, [signoff.createdBy], { kind: "signoff.approved", message: "signoff.notifications.approved", params: { summary, name: readerName(reader.id) }, href: href(signoffId) }),
    ];
    return { notifications };
  });
}

/** A leader returns the document with a comment; the sender revises it. */
export function returnSignoff({ actor, reader, signoffId, comment }: { actor: Actor; reader: Reader; signoffId: string; comment: string }) {
  if (!comment.trim()) throw new AppError("invalid", "signoff.errors.commentRequired");
  return db.transaction((tx) => {
    const { signoff, step } = requireCurrentStep(tx, signoffId, reader, "any");
    const now = new Date();
    tx.update(signoffSteps).set({ status: "returned", actedAt: now }).where(eq(signoffSteps.id, step.id)).run();
    tx.update(signoffs).set({ status: "returned" }).where(eq(signoffs.id, signoffId)).run();
    tx.insert(signoffEvents).values({ signoffId, at: now, actorId: reader.id, action: "return", versionId: signoff.versionId, comment: comment.trim() }).run();
    writeAudit(tx, actor, { action: "signoff.return", entityType: "signoff", entityId: signoffId, details: { versionId: signoff.versionId, comment: comment.trim() } });
    const notifications = notify(tx, [signoff.createdBy], {
      kind: "signoff.returned",
      message: "signoff.notifications.returned",
      params: { summary: summaryOf(tx, signoff.documentId), name: readerName(reader.id) },
      href: href(signoffId),
    });
    return { notifications };
  });
}

/** The sender sends a revision (a newer version of the same document) from the first leader again. */
export function resendSignoff({ actor, reader, signoffId, versionId, message }: { actor: Actor; reader: Reader; signoffId: string; versionId: string; message?: string | null }) {
  requireCan(reader, "manage:document:any");
  return db.transaction((tx) => {
    const signoff = requireSignoff(tx, signoffId);
    if (signoff.status !== "returned") throw new AppError("conflict", `signoff.errors.status.${signoff.status}`);
    const version = tx.select().from(documentVersions).where(eq(documentVersions.id, versionId)).get();
    const previous = tx.select().from(documentVersions).where(eq(documentVersions.id, signoff.versionId)).get()!;
    if (!version || version.documentId !== signoff.documentId || version.version <= previous.version) throw new AppError("invalid", "signoff.errors.needsRevision");
    const steps = stepsOf(tx, signoffId);
    for (const step of steps) tx.update(signoffSteps).set({ status: step.position === 0 ? "current" : "waiting", actedAt: null }).where(eq(signoffSteps.id, step.id)).run();
    tx.update(signoffs).set({ status: "in_review", versionId, round: signoff.round + 1 }).where(eq(signoffs.id, signoffId)).run();
    tx.insert(signoffEvents).values({ signoffId, at: new Date(), actorId: reader.id, action: "resend", versionId, comment: message?.trim() || null }).run();
    writeAudit(tx, actor, { action: "signoff.resend", entityType: "signoff", entityId: signoffId, details: { versionId, version: version.version } });
    const notifications = notify(tx, [steps[0].userId], pending(signoffId, summaryOf(tx, signoff.documentId), signoff.deadline));
    return { notifications };
  });
}

/**
 * Reserves the body's next number for the year in one statement: SQLite runs it under its write lock, and the primary
 * key (body, year, number) refuses a number given twice even across processes.
 */
export function reserveNumber({ bodyId, signoffId, typeCode, normative, at }: { bodyId: string; signoffId: string | null; typeCode: string | null; normative: boolean; at: Date }) {
  const year = vietnamYear(at);
  const body = db.select({ code: bodies.documentCode }).from(bodies).where(eq(bodies.id, bodyId)).get();
  const bodyCode = body?.code || councilIssuerCode;
  return db.transaction(
    (tx) => {
      const { number } = tx.get<{ number: number }>(sql`
        INSERT INTO document_numbers (body_id, year, number, signoff_id, reference)
        SELECT ${bodyId}, ${year}, COALESCE(MAX(number), 0) + 1, ${signoffId}, ''
        FROM document_numbers WHERE body_id = ${bodyId} AND year = ${year}
        RETURNING number`);
      const reference = documentReference({ number, typeCode, bodyCode, year, normative });
      tx.update(documentNumbers)
        .set({ reference })
        .where(and(eq(documentNumbers.bodyId, bodyId), eq(documentNumbers.year, year), eq(documentNumbers.number, number)))
        .run();
      return { year, number, reference };
    },
    { behavior: "immediate" },
  );
}

/** A signing that failed gives its number back, so the series has no hole (unless a later one was taken meanwhile). */
function releaseNumber(bodyId: string, year: number, number: number) {
  db.delete(documentNumbers)
    .where(and(eq(documentNumbers.bodyId, bodyId), eq(documentNumbers.year, year), eq(documentNumbers.number, number), sql`${documentNumbers.issuedAt} IS NULL`))
    .run();
}

/** What signing draws and where it stands: the document, its version, the issuing body, the signer's role in it. */
function signingContext(tx: Tx | typeof db, signoff: typeof signoffs.$inferSelect, userId: string, now: Date) {
  const document = tx.select().from(documents).where(eq(documents.id, signoff.documentId)).get()!;
  const version = tx.select().from(documentVersions).where(eq(documentVersions.id, signoff.versionId)).get()!;
  const body = tx.select().from(bodies).where(eq(bodies.id, signoff.bodyId)).get()!;
  const at = Math.floor(now.getTime() / 1000);
  const role =
    tx
      .select({ role: memberships.role })
      .from(memberships)
      .where(and(eq(memberships.userId, userId), eq(memberships.bodyId, body.id), sql`${memberships.startsAt} <= ${at}`, or(sql`${memberships.endsAt} IS NULL`, sql`${memberships.endsAt} > ${at}`)))
      .get()?.role ?? null;
  return { document, version, body, role, fullName: readerName(userId) };
}

/** The two signatures' looks (RULES.md 19): the signer's image or lines, the body's seal and its lines. */
function signatureLooks(context: ReturnType<typeof signingContext>, userId: string, time: string): SignatureLooks {
  const signerImage = signatureImageOf({ kind: "person", userId });
  const seal = signatureImageOf({ kind: "agency", bodyId: context.body.id });
  const lines = signerLines({ body: context.body, role: context.role, fullName: context.fullName, time });
  return {
    signerName: context.fullName,
    signerImage: signerImage?.png,
    signerLines: lines.map((text, i) => ({ text, bold: i < lines.length - 1 })),
    seal: seal ? { image: seal.png, sizeMm: seal.sizeMm ?? sealSizes.standard } : null,
    sealLines: agencyLines({ bodyName: context.body.name, time }),
  };
}

/**
 * Where the signatures will go, for the leader to see before signing (and move: `place`). The same plan as signing
 * makes, on the same file; the time shown is a placeholder of the same width.
 */
export async function previewSignatures({ reader, signoffId, place }: { reader: Reader; signoffId: string; place?: SignaturePlace | null }) {
  const now = new Date();
  const { signoff } = db.transaction((tx) => requireCurrentStep(tx, signoffId, reader, "sign"));
  const context = signingContext(db, signoff, reader.id, now);
  const looks = signatureLooks(context, reader.id, formatSigningTime(now));
  const plan = await planIssueSignatures(storedFilePath(context.version.sha256), context.version.pageCount ?? 1, looks, place);
  const sealScaled = looks.seal ? plan.sealDiameter < looks.seal.sizeMm * millimetre - 0.5 : false;
  return { ...plan, signerImage: Boolean(looks.signerImage), hasSeal: Boolean(looks.seal), sealScaled };
}

export type SigningStage = "preparing" | "numbering" | "signing" | "sealing" | "storing";

/**
 * The last leader signs: the document gets its number and date (stamped before any signature, decision 0010), the
 * leader's signature in the blank the draft leaves for it (or where they moved it), then the body's seal over its left
 * third (RULES.md 19, app/pdf/signature-layout.ts). The signed file is a new version. Nothing is kept if any step
 * fails: the number is given back and the sign-off stays with the leader, who may try again or return it to the
 * sender. A refusal keeps its own message; any other failure is logged with its cause and told as "signing failed"
 * (signoff.errors.signingFailed), never as a 500. `onProgress` hears each stage as it starts.
 */
export async function signSignoff({
  actor,
  reader,
  signoffId,
  place,
  now = new Date(),
  onProgress = () => {},
}: {
  actor: Actor;
  reader: Reader;
  signoffId: string;
  place?: SignaturePlace | null;
  now?: Date;
  onProgress?: (stage: SigningStage) => void;
}) {
  requireCan(reader, "sign:document:any");
  const claim = claimSigning({ reader, signoffId, now });
  const release = () => db.update(signoffs).set({ signingSince: null }).where(eq(signoffs.id, signoffId)).run();

  let reserved: { year: number; number: number; reference: string } | null = null;
  const work = { decrypted: newTempPath(), stamped: newTempPath(), signed: newTempPath(), sealed: newTempPath() };
  try {
    onProgress("preparing");
    // Refuse before taking a number: an expired certificate or a file that needs a password must not use one up.
    const signerKey = signingKeyOf({ kind: "person", userId: reader.id }, now);
    const agencyKey = signingKeyOf({ kind: "agency", bodyId: claim.body.id }, now);
    // File to file, so a large document is never held twice in memory (docs/benchmarks.md, "Signing a 50 MB PDF").
    // An owner-password version (stored before uploads were decrypted) is signed as its decrypted copy.
    const source = await decryptPdf(storedFilePath(claim.version.sha256), work.decrypted);
    const time = formatSigningTime(now);
    const looks = signatureLooks(claim, reader.id, time);
    const plan = await planIssueSignatures(source, claim.version.pageCount ?? 1, looks, place);
    onProgress("numbering");
    reserved = reserveNumber({ bodyId: claim.body.id, signoffId, typeCode: issuedTypeCode(claim.document.type), normative: claim.signoff.normative, at: now });
    const stamped = await stampIssue(source, work.stamped, { reference: reserved.reference, date: now });
    onProgress("signing");
    await signPdfFile(work.stamped, work.signed, {
      ...signerKey,
      signingTime: now,
      signerName: claim.fullName,
      reason: `Ký ban hành ${reserved.reference}`,
      appearance: looks.signerImage
        ? { page: plan.page, rect: plan.signer, style: "image", image: looks.signerImage, lines: looks.signerLines }
        : { page: plan.page, rect: plan.signer, lines: looks.signerLines },
    });
    onProgress("sealing");
    const sealLines = looks.sealLines.map((text, i) => ({ text, bold: i === 0 && !looks.seal }));
    await signPdfFile(work.signed, work.sealed, {
      ...agencyKey,
      signingTime: now,
      signerName: claim.body.name,
      reason: `Ban hành ${reserved.reference}`,
      appearance: looks.seal ? { page: plan.page, rect: plan.seal, style: "seal", sealParts: plan.sealParts, image: looks.seal.image, lines: sealLines } : { page: plan.page, rect: plan.seal, lines: sealLines },
    });
    onProgress("storing");
    const number = reserved;
    const fileName = `${number.reference.replace(/\//g, "-")}.pdf`;
    const stored = await storeGeneratedVersion({
      actor,
      documentId: claim.document.id,
      path: work.sealed,
      fileName,
      write: (tx, versionId) => {
        tx.update(documentNumbers)
          .set({ issuedAt: now })
          .where(and(eq(documentNumbers.bodyId, claim.body.id), eq(documentNumbers.year, number.year), eq(documentNumbers.number, number.number)))
          .run();
        tx.update(documents).set({ reference: number.reference }).where(eq(documents.id, claim.document.id)).run();
        tx.update(signoffSteps).set({ status: "signed", actedAt: now }).where(eq(signoffSteps.id, claim.step.id)).run();
        tx.update(signoffs).set({ status: "issued", signingSince: null, issuedVersionId: versionId, reference: number.reference, issuedAt: now }).where(eq(signoffs.id, signoffId)).run();
        tx.insert(signoffEvents).values({ signoffId, at: now, actorId: reader.id, action: "sign", versionId: claim.version.id, comment: null }).run();
        tx.insert(signoffEvents).values({ signoffId, at: now, actorId: reader.id, action: "issue", versionId, comment: number.reference }).run();
        writeAudit(tx, actor, { action: "signoff.sign", entityType: "signoff", entityId: signoffId, details: { versionId: claim.version.id, certificateId: signerKey.id } });
        writeAudit(tx, actor, { action: "signoff.agency_sign", entityType: "signoff", entityId: signoffId, details: { certificateId: agencyKey.id } });
        writeAudit(tx, actor, { action: "document.issue", entityType: "document", entityId: claim.document.id, details: { reference: number.reference, versionId, stampPlaced: stamped.placed, signaturePlace: plan.found, sealDiameter: Math.round(plan.sealDiameter) } });
        const involved = [claim.signoff.createdBy, ...stepsOf(tx, signoffId).map((s) => s.userId)].filter((id) => id !== reader.id);
        return notify(tx, involved, {
          kind: "signoff.issued",
          message: "signoff.notifications.issued",
          params: { summary: claim.document.summary, reference: number.reference },
          href: href(signoffId),
        });
      },
    });
    return { reference: number.reference, versionId: stored.versionId, sittingId: claim.document.sittingId, notifications: stored.result };
  } catch (error) {
    if (reserved) releaseNumber(claim.body.id, reserved.year, reserved.number);
    release();
    if (error instanceof AppError) throw error;
    logger.error({ err: error, signoffId, versionId: claim.version.id }, "signing failed");
    throw new AppError("unprocessable", "signoff.errors.signingFailed");
  } finally {
    await Promise.all(Object.values(work).map((path) => removeTemp(path)));
  }
}

/** Claims the signing, so that a second click (or a second tab) does not sign twice; held five minutes at most. */
function claimSigning({ reader, signoffId, now }: { reader: Reader; signoffId: string; now: Date }) {
  return db.transaction((tx) => {
    const { signoff, step } = requireCurrentStep(tx, signoffId, reader, "sign");
    if (signoff.signingSince && now.getTime() - signoff.signingSince.getTime() < 5 * 60_000) throw new AppError("conflict", "signoff.errors.signing");
    tx.update(signoffs).set({ signingSince: now }).where(eq(signoffs.id, signoffId)).run();
    return { signoff, step, ...signingContext(tx, signoff, reader.id, now) };
  });
}

/** Who may see a sign-off: staff, and the leaders on it. */
function maySee(tx: Tx | typeof db, reader: Reader, signoffId: string) {
  if (can(reader, "manage:document:any")) return true;
  return Boolean(
    tx
      .select({ id: signoffSteps.id })
      .from(signoffSteps)
      .where(and(eq(signoffSteps.signoffId, signoffId), eq(signoffSteps.userId, reader.id)))
      .get(),
  );
}

export function getSignoff({ reader, signoffId }: { reader: Reader; signoffId: string }) {
  const signoff = requireSignoff(db, signoffId);
  if (!maySee(db, reader, signoffId)) throw new AppError("not_found", "signoff.errors.notFound");
  const document = db.select().from(documents).where(eq(documents.id, signoff.documentId)).get()!;
  const version = db.select().from(documentVersions).where(eq(documentVersions.id, signoff.versionId)).get()!;
  const steps = db
    .select({ id: signoffSteps.id, position: signoffSteps.position, userId: signoffSteps.userId, fullName: users.fullName, userPosition: users.position, action: signoffSteps.action, status: signoffSteps.status, actedAt: signoffSteps.actedAt })
    .from(signoffSteps)
    .innerJoin(users, eq(users.id, signoffSteps.userId))
    .where(eq(signoffSteps.signoffId, signoffId))
    .orderBy(asc(signoffSteps.position))
    .all();
  const events = db
    .select({ id: signoffEvents.id, at: signoffEvents.at, action: signoffEvents.action, comment: signoffEvents.comment, fullName: users.fullName, version: documentVersions.version })
    .from(signoffEvents)
    .innerJoin(users, eq(users.id, signoffEvents.actorId))
    .leftJoin(documentVersions, eq(documentVersions.id, signoffEvents.versionId))
    .where(eq(signoffEvents.signoffId, signoffId))
    .orderBy(asc(signoffEvents.id))
    .all();
  const current = steps.find((s) => s.status === "current") ?? null;
  return {
    signoff,
    document: { id: document.id, summary: document.summary, type: document.type, reference: document.reference, sittingId: document.sittingId },
    version: { id: version.id, version: version.version, fileName: version.fileName, pageCount: version.pageCount },
    steps,
    events,
    myTurn: current?.userId === reader.id && signoff.status === "in_review" ? current.action : null,
    canResend: signoff.status === "returned" && can(reader, "manage:document:any"),
    newerVersions: db
      .select({ id: documentVersions.id, version: documentVersions.version, fileName: documentVersions.fileName })
      .from(documentVersions)
      .where(and(eq(documentVersions.documentId, document.id), sql`${documentVersions.version} > ${version.version}`))
      .orderBy(desc(documentVersions.version))
      .all(),
  };
}

/** The sign-offs a user sees: staff see all; a leader those they are on. The leader's pending ones come first. */
export function listSignoffs(reader: Reader) {
  const staff = can(reader, "manage:document:any");
  const mine = db.select({ signoffId: signoffSteps.signoffId }).from(signoffSteps).where(eq(signoffSteps.userId, reader.id)).all().map((r) => r.signoffId);
  if (!staff && !mine.length) return [];
  const rows = db
    .select({ id: signoffs.id, status: signoffs.status, deadline: signoffs.deadline, reference: signoffs.reference, issuedVersionId: signoffs.issuedVersionId, createdAt: signoffs.createdAt, summary: documents.summary, type: documents.type })
    .from(signoffs)
    .innerJoin(documents, eq(documents.id, signoffs.documentId))
    .where(staff ? undefined : inArray(signoffs.id, mine))
    .orderBy(desc(signoffs.createdAt))
    .all();
  const current = new Map(
    db
      .select({ signoffId: signoffSteps.signoffId, userId: signoffSteps.userId, fullName: users.fullName, action: signoffSteps.action })
      .from(signoffSteps)
      .innerJoin(users, eq(users.id, signoffSteps.userId))
      .where(eq(signoffSteps.status, "current"))
      .all()
      .map((s) => [s.signoffId, s]),
  );
  return rows
    .map((r) => {
      const step = r.status === "in_review" ? current.get(r.id) : undefined;
      return { ...r, waitingOn: step?.fullName ?? null, pendingForMe: step?.userId === reader.id ? step.action : null };
    })
    .sort((a, b) => Number(Boolean(b.pendingForMe)) - Number(Boolean(a.pendingForMe)));
}

/** The issued documents `reader` may check on the verification page: the signed version of each sign-off they see. */
export function listIssuedVersions(reader: Reader) {
  return listSignoffs(reader).flatMap((s) => (s.status === "issued" && s.issuedVersionId ? [{ versionId: s.issuedVersionId, reference: s.reference, summary: s.summary }] : []));
}

/** For a leader's dashboard: how many documents wait on them, to review and to sign. */
export function pendingCounts(userId: string) {
  const rows = db
    .select({ action: signoffSteps.action, n: sql<number>`count(*)` })
    .from(signoffSteps)
    .innerJoin(signoffs, eq(signoffs.id, signoffSteps.signoffId))
    .where(and(eq(signoffSteps.userId, userId), eq(signoffSteps.status, "current"), eq(signoffs.status, "in_review")))
    .groupBy(signoffSteps.action)
    .all();
  const review = rows.find((r) => r.action === "review")?.n ?? 0;
  const sign = rows.find((r) => r.action === "sign")?.n ?? 0;
  return { review, sign, total: review + sign };
}

/** The size in bytes of the version a sign-off would sign (decides whether it is signed in the background). */
export function signingFileSize({ reader, signoffId }: { reader: Reader; signoffId: string }) {
  if (!maySee(db, reader, signoffId)) throw new AppError("not_found", "signoff.errors.notFound");
  const signoff = requireSignoff(db, signoffId);
  return db.select({ size: documentVersions.size }).from(documentVersions).where(eq(documentVersions.id, signoff.versionId)).get()?.size ?? 0;
}
