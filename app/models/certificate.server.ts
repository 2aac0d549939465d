// Signing certificates (issue #6): a leader's, the issuing body's (RULES.md 19), the app's own authority for trials
// and the demo, and the roots trusted when verifying. Keys are sealed at rest; only signing unseals them, in memory.
import { randomUUID } from "node:crypto";
import { and, desc, eq, inArray, isNotNull, isNull, sql } from "drizzle-orm";
import { bodies, certificates, users, type CertificateKind } from "#db/schema";
import {
  certificateProblem,
  createAuthority,
  decryptPrivateKey,
  describeCertificate,
  encryptPrivateKey,
  issueCertificate,
  readPkcs12,
  type KeyPair,
} from "~/signing/certificates.server";
import { AppError } from "./app-error";
import { writeAudit, type Actor } from "./audit.server";
import { db, type Tx } from "./db.server";
import { requireCan, type Reader } from "./reader";

export type SigningKey = KeyPair & { id: string; chainPem: string[] };

type Owner = { kind: "person"; userId: string } | { kind: "agency"; bodyId: string };

function insertCertificate(tx: Tx, row: { kind: CertificateKind; userId?: string | null; bodyId?: string | null; certPem: string; chainPem?: string[]; keyPem?: string | null; source: "imported" | "issued"; createdBy: string | null }) {
  const info = describeCertificate(row.certPem);
  const id = randomUUID();
  const exists = tx.select({ id: certificates.id }).from(certificates).where(eq(certificates.fingerprint256, info.fingerprint256)).get();
  if (exists) throw new AppError("conflict", "signing.errors.duplicate");
  tx.insert(certificates)
    .values({
      id,
      kind: row.kind,
      userId: row.userId ?? null,
      bodyId: row.bodyId ?? null,
      certPem: row.certPem,
      chainPem: row.chainPem ?? [],
      keySealed: row.keyPem ? encryptPrivateKey(row.keyPem) : null,
      subject: info.subject,
      issuer: info.issuer,
      serialHex: info.serialHex,
      fingerprint256: info.fingerprint256,
      validFrom: info.validFrom,
      validTo: info.validTo,
      source: row.source,
      createdBy: row.createdBy,
    })
    .run();
  return { id, info };
}

/** The organisation named in the certificates the app's authority issues: the council. */
function councilName() {
  return db.select({ name: bodies.name }).from(bodies).where(eq(bodies.kind, "council")).get()?.name ?? "PhòngHọp";
}

/** The app's own certificate authority: made once (by the seed, or on first use), trusted when verifying. */
function ensureAuthority(actor: Actor, organization: string) {
  const existing = db.select().from(certificates).where(and(eq(certificates.kind, "authority"), isNull(certificates.revokedAt))).orderBy(desc(certificates.createdAt), sql`${certificates}.rowid desc`).get();
  if (existing?.keySealed) return { id: existing.id, certPem: existing.certPem, keyPem: decryptPrivateKey(existing.keySealed) };
  const authority = createAuthority({ commonName: `PhòngHọp CA — ${organization}`, organization });
  const { id } = db.transaction((tx) => {
    const made = insertCertificate(tx, { kind: "authority", certPem: authority.certPem, keyPem: authority.keyPem, source: "issued", createdBy: actor.userId });
    writeAudit(tx, actor, { action: "certificate.authority", entityType: "certificate", entityId: made.id });
    return made;
  });
  return { id, ...authority };
}

function ownerColumns(owner: Owner) {
  return { kind: owner.kind, userId: owner.kind === "person" ? owner.userId : null, bodyId: owner.kind === "agency" ? owner.bodyId : null };
}

function ownerRow(owner: Owner) {
  if (owner.kind === "person") {
    const user = db.select({ fullName: users.fullName, position: users.position, email: users.email }).from(users).where(eq(users.id, owner.userId)).get();
    if (!user) throw new AppError("not_found", "signing.errors.ownerNotFound");
    return { commonName: user.fullName, title: user.position ?? undefined, email: user.email ?? undefined };
  }
  const body = db.select({ name: bodies.name }).from(bodies).where(eq(bodies.id, owner.bodyId)).get();
  if (!body) throw new AppError("not_found", "signing.errors.ownerNotFound");
  return { commonName: body.name };
}

/**
 * An admin issues a certificate from the app's authority to a leader or to a body (trials, the demo); `reader` null is
 * the seed. The organisation in the certificate is the council's name unless given.
 */
export function issueFromAuthority({ actor, reader, owner, organization = councilName(), validFrom, validTo }: { actor: Actor; reader: Reader | null; owner: Owner; organization?: string; validFrom?: Date; validTo?: Date }) {
  if (reader) requireCan(reader, "manage:certificate:any");
  const ca = ensureAuthority(actor, organization);
  const subject = ownerRow(owner);
  const issued = issueCertificate({ ca, ...subject, organization, kind: owner.kind, validFrom, validTo });
  return db.transaction((tx) => {
    const { id } = insertCertificate(tx, {
      ...ownerColumns(owner),
      certPem: issued.certPem,
      chainPem: issued.chainPem,
      keyPem: issued.keyPem,
      source: "issued",
      createdBy: actor.userId,
    });
    writeAudit(tx, actor, { action: "certificate.issue", entityType: "certificate", entityId: id, details: { ...owner } });
    return { id };
  });
}

/** An admin imports a leader's or a body's PKCS#12 (.p12/.pfx) with its password. */
export function importPkcs12({ actor, reader, owner, bytes, password }: { actor: Actor; reader: Reader; owner: Owner; bytes: Uint8Array; password: string }) {
  requireCan(reader, "manage:certificate:any");
  ownerRow(owner);
  const pair = readPkcs12(bytes, password);
  return db.transaction((tx) => {
    const { id, info } = insertCertificate(tx, {
      ...ownerColumns(owner),
      certPem: pair.certPem,
      chainPem: pair.chainPem,
      keyPem: pair.keyPem,
      source: "imported",
      createdBy: actor.userId,
    });
    writeAudit(tx, actor, { action: "certificate.import", entityType: "certificate", entityId: id, details: { ...owner, subject: info.subject, validTo: info.validTo.toISOString() } });
    return { id, info };
  });
}

/** A root that verification trusts (a national CA's root, say): a certificate without a key. */
export function addTrustedRoot({ actor, reader, certPem }: { actor: Actor; reader: Reader; certPem: string }) {
  requireCan(reader, "manage:certificate:any");
  if (!describeCertificate(certPem).isCa) throw new AppError("invalid", "signing.errors.notCa");
  return db.transaction((tx) => {
    const { id } = insertCertificate(tx, { kind: "root", certPem, source: "imported", createdBy: actor.userId });
    writeAudit(tx, actor, { action: "certificate.trust_root", entityType: "certificate", entityId: id });
    return { id };
  });
}

export function revokeCertificate({ actor, reader, certificateId, reason }: { actor: Actor; reader: Reader; certificateId: string; reason: string }) {
  requireCan(reader, "manage:certificate:any");
  return db.transaction((tx) => {
    const done = tx
      .update(certificates)
      .set({ revokedAt: new Date(), revokedReason: reason })
      .where(and(eq(certificates.id, certificateId), isNull(certificates.revokedAt)))
      .run();
    if (!done.changes) throw new AppError("not_found", "signing.errors.certificateNotFound");
    writeAudit(tx, actor, { action: "certificate.revoke", entityType: "certificate", entityId: certificateId, details: { reason } });
  });
}

export function listCertificates(reader: Reader) {
  requireCan(reader, "manage:certificate:any");
  return db
    .select({
      id: certificates.id,
      kind: certificates.kind,
      subject: certificates.subject,
      issuer: certificates.issuer,
      serialHex: certificates.serialHex,
      validFrom: certificates.validFrom,
      validTo: certificates.validTo,
      source: certificates.source,
      revokedAt: certificates.revokedAt,
      userName: users.fullName,
      bodyName: bodies.name,
    })
    .from(certificates)
    .leftJoin(users, eq(users.id, certificates.userId))
    .leftJoin(bodies, eq(bodies.id, certificates.bodyId))
    .orderBy(desc(certificates.createdAt), sql`${certificates}.rowid desc`)
    .all();
}

/**
 * The key a leader or a body signs with now: their newest certificate (the last added: `created_at` has whole
 * seconds, so the row order breaks ties) that is not revoked. An expired or
 * not-yet-valid one refuses with a message that says so, rather than falling back to an older one silently.
 */
export function signingKeyOf(owner: Owner, at = new Date()): SigningKey {
  const row = db
    .select()
    .from(certificates)
    .where(and(eq(certificates.kind, owner.kind), owner.kind === "person" ? eq(certificates.userId, owner.userId) : eq(certificates.bodyId, owner.bodyId)))
    .orderBy(desc(certificates.createdAt), sql`${certificates}.rowid desc`)
    .all()
    .find((c) => c.keySealed);
  if (!row) throw new AppError("conflict", owner.kind === "person" ? "signing.errors.noCertificate" : "signing.errors.noAgencyCertificate");
  if (row.revokedAt) throw new AppError("conflict", "signing.errors.revoked");
  const problem = certificateProblem(row.certPem, at);
  if (problem) throw new AppError("conflict", problem);
  return { id: row.id, certPem: row.certPem, chainPem: row.chainPem, keyPem: decryptPrivateKey(row.keySealed!) };
}

/** The roots verification trusts: the app's authority and any root an admin added, unless revoked. */
export function trustedRoots() {
  return db
    .select({ certPem: certificates.certPem })
    .from(certificates)
    .where(and(inArray(certificates.kind, ["authority", "root"]), isNull(certificates.revokedAt)))
    .all()
    .map((r) => r.certPem);
}

export function isRevoked(serialHex: string, issuer: string) {
  return Boolean(
    db
      .select({ id: certificates.id })
      .from(certificates)
      .where(and(eq(certificates.serialHex, serialHex), eq(certificates.issuer, issuer), isNotNull(certificates.revokedAt)))
      .get(),
  );
}
