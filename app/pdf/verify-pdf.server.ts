// Checks the digital signatures in a PDF (issue #6) without loading it as a document: signatures are found by their
// /ByteRange in the raw bytes, the signed ranges are hashed in place, and the CMS is read with node-forge's ASN.1 and
// verified with node:crypto (forge's pkcs7 module can sign but not verify). Trust is decided against the roots the
// caller passes (the app's own authority, or the CAs an admin has imported); revocation is the caller's to answer.
import { createHash, verify as verifySignature, X509Certificate } from "node:crypto";
import forge from "node-forge";
import { PDFHexString, PDFString } from "pdf-lib";
import { AppError } from "~/models/app-error";
import { describeCertificate, type CertificateInfo } from "~/signing/certificates.server";

export type SignatureReport = {
  fieldName: string;
  subFilter: string;
  signerName: string;
  signerSubject: string;
  issuer: string;
  serialHex: string;
  /** From the signed attributes, else /M; an ISO string. */
  signingTime: string | null;
  /** The digest of the signed ranges matches and the CMS signature over the signed attributes verifies. */
  intact: boolean;
  /** The ByteRange ends at the end of the file: nothing was added after this signature. */
  coversWholeFile: boolean;
  certValidAtSigning: boolean;
  chainTrusted: boolean;
  revoked: boolean;
  certificate: CertificateInfo;
  /** i18n keys, one per failure. */
  problems: string[];
};

export type VerifyOptions = { trustedRootsPem: string[]; isRevoked?: (serialHex: string, issuer: string) => boolean };

const { asn1 } = forge;
const oidNames: Record<string, string> = {
  "2.16.840.1.101.3.4.2.1": "sha256",
  "2.16.840.1.101.3.4.2.2": "sha384",
  "2.16.840.1.101.3.4.2.3": "sha512",
  "1.3.14.3.2.26": "sha1",
};
const messageDigestOid = "1.2.840.113549.1.9.4";
const signingTimeOid = "1.2.840.113549.1.9.5";

export function verifyPdfSignatures(bytes: Uint8Array, options: VerifyOptions): SignatureReport[] {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer.indexOf("%PDF-", 0, "latin1") !== 0 && buffer.subarray(0, 1024).indexOf("%PDF-", 0, "latin1") < 0) {
    throw new AppError("invalid", "signing.errors.notPdf");
  }
  return findSignatures(buffer).map((found, index) => verifyOne(buffer, found, index, options));
}

// ——— finding signatures in the raw file ———

type FoundSignature = { byteRange: [number, number, number, number]; dictionary: string; objectNumber: number | null };

/** Every /ByteRange whose ranges point at a hex /Contents string, once each (a later revision may repeat a dictionary). */
function findSignatures(buffer: Buffer): FoundSignature[] {
  const found = new Map<string, FoundSignature>();
  for (let at = buffer.indexOf("/ByteRange", 0, "latin1"); at >= 0; at = buffer.indexOf("/ByteRange", at + 10, "latin1")) {
    const byteRange = readByteRange(buffer, at);
    if (!byteRange || !pointsAtContents(buffer, byteRange)) continue;
    found.set(byteRange.join(" "), { byteRange, ...enclosingDictionary(buffer, at, byteRange) });
  }
  return [...found.values()].sort((a, b) => a.byteRange[2] - b.byteRange[2]);
}

function readByteRange(buffer: Buffer, at: number): [number, number, number, number] | null {
  const text = buffer.toString("latin1", at, at + 120);
  const match = /^\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/.exec(text);
  return match ? [Number(match[1]), Number(match[2]), Number(match[3]), Number(match[4])] : null;
}

function pointsAtContents(buffer: Buffer, [a, b, c, d]: number[]) {
  return a === 0 && b < c && c + d <= buffer.length && buffer[b] === 0x3c && buffer[c - 1] === 0x3e;
}

/**
 * The text of the signature dictionary around a /ByteRange with the /Contents hex cut out (it may be 32 KB of hex),
 * and the number of the object it lives in, to find the field that points at it.
 */
function enclosingDictionary(buffer: Buffer, at: number, byteRange: number[]) {
  const [, contentsStart, contentsEnd] = byteRange as [number, number, number];
  const from = Math.max(0, Math.min(at, contentsStart) - 4096);
  const before = buffer.toString("latin1", from, Math.min(at, contentsStart));
  const objStart = before.lastIndexOf(" obj");
  const head = objStart >= 0 ? before.slice(objStart) : before.slice(-2048);
  const afterStart = Math.max(at, contentsEnd);
  const after = buffer.toString("latin1", afterStart, Math.min(buffer.length, afterStart + 4096));
  const tail = after.slice(0, after.indexOf("endobj") >= 0 ? after.indexOf("endobj") : 2048);
  const middle = at < contentsStart ? buffer.toString("latin1", at, contentsStart) : buffer.toString("latin1", contentsEnd, at);
  const number = objStart >= 0 ? /(\d+)\s+\d+\s*$/.exec(before.slice(Math.max(0, objStart - 24), objStart))?.[1] : undefined;
  return { dictionary: `${head} ${middle} ${tail}`, objectNumber: number ? Number(number) : null };
}

/** The /T of the field whose /V points at the signature object, when that field is stored as a plain object. */
function findFieldName(buffer: Buffer, objectNumber: number | null): string | null {
  if (objectNumber === null) return null;
  const needle = new RegExp(`/V\\s+${objectNumber}\\s+0\\s+R(?!\\d)`);
  for (let at = buffer.indexOf(`/V ${objectNumber} 0 R`, 0, "latin1"); at >= 0; at = buffer.indexOf(`/V ${objectNumber} 0 R`, at + 1, "latin1")) {
    const start = buffer.lastIndexOf(" obj", at, "latin1");
    const end = buffer.indexOf("endobj", at, "latin1");
    if (start < 0 || end < 0) continue;
    const object = buffer.toString("latin1", start, end);
    if (!needle.test(object)) continue;
    const name = readText(object, "T");
    if (name !== null) return name;
  }
  return null;
}

/** A text-string entry of a dictionary (hex or literal), decoded from PDFDocEncoding or UTF-16. */
function readText(dictionary: string, key: string): string | null {
  const hex = new RegExp(`/${key}\\s*<([0-9A-Fa-f\\s]*)>`).exec(dictionary);
  if (hex) return PDFHexString.of(hex[1]!.replace(/\s+/g, "")).decodeText();
  const literal = new RegExp(`/${key}\\s*\\(((?:\\\\.|[^\\\\)])*)\\)`).exec(dictionary);
  return literal ? PDFString.of(literal[1]!).decodeText() : null;
}

function readDate(dictionary: string, key: string): Date | null {
  const literal = new RegExp(`/${key}\\s*\\(([^)]*)\\)`).exec(dictionary);
  if (!literal) return null;
  try {
    return PDFString.of(literal[1]!).decodeDate();
  } catch {
    return null;
  }
}

// ——— checking one signature ———

type ParsedCms = {
  signerCertDer: Buffer;
  certsDer: Buffer[];
  digestAlgorithm: string;
  signedAttributesDer: Buffer;
  messageDigest: Buffer | null;
  signingTime: Date | null;
  signature: Buffer;
};

function verifyOne(buffer: Buffer, found: FoundSignature, index: number, options: VerifyOptions): SignatureReport {
  const { dictionary, byteRange } = found;
  const fieldName = findFieldName(buffer, found.objectNumber) ?? `Signature${index + 1}`;
  const subFilter = /\/SubFilter\s*\/([^\s/<>[\]()]+)/.exec(dictionary)?.[1] ?? "";
  const coversWholeFile = byteRange[2] + byteRange[3] === buffer.length;
  const cms = parseCms(contentsOf(buffer, byteRange));
  if (!cms) return malformedReport(fieldName, subFilter, coversWholeFile, readDate(dictionary, "M"));

  const certPem = derToPem(cms.signerCertDer);
  const certificate = describeCertificate(certPem);
  const signingDate = cms.signingTime ?? readDate(dictionary, "M");
  const digestMatches = cms.messageDigest !== null && digestRanges(buffer, byteRange, cms.digestAlgorithm).equals(cms.messageDigest);
  const signatureVerifies = checkSignature(cms, certPem);
  const certValidAtSigning = validAt(certificate, signingDate ?? new Date());
  const chainTrusted = chainsToRoot(cms.signerCertDer, cms.certsDer, options.trustedRootsPem);
  const revoked = options.isRevoked?.(certificate.serialHex, certificate.issuer) ?? false;
  const problems = [
    ...(digestMatches ? [] : ["signing.verify.digestMismatch"]),
    ...(signatureVerifies ? [] : ["signing.verify.badSignature"]),
    ...(chainTrusted ? [] : ["signing.verify.untrusted"]),
    ...(certValidAtSigning ? [] : ["signing.verify.expiredAtSigning"]),
    ...(revoked ? ["signing.verify.revoked"] : []),
  ];
  return {
    fieldName,
    subFilter,
    signerName: readText(dictionary, "Name") ?? certificate.commonName,
    signerSubject: certificate.subject,
    issuer: certificate.issuer,
    serialHex: certificate.serialHex,
    signingTime: signingDate?.toISOString() ?? null,
    intact: digestMatches && signatureVerifies,
    coversWholeFile,
    certValidAtSigning,
    chainTrusted,
    revoked,
    certificate,
    problems,
  };
}

function contentsOf(buffer: Buffer, byteRange: number[]) {
  const hex = buffer.toString("latin1", byteRange[1]! + 1, byteRange[2]! - 1).replace(/\s+/g, "");
  return Buffer.from(hex, "hex");
}

/** Hashes the two signed ranges straight from the file's buffer (subarray, no copy). */
function digestRanges(buffer: Buffer, [a, b, c, d]: number[], algorithm: string) {
  const hash = createHash(algorithm);
  hash.update(buffer.subarray(a!, a! + b!));
  hash.update(buffer.subarray(c!, c! + d!));
  return hash.digest();
}

/** CMS ContentInfo → SignedData → the first SignerInfo, its signed attributes, and the certificates carried along. */
function parseCms(der: Buffer): ParsedCms | null {
  try {
    const contentInfo = asn1.fromDer(withoutPadding(der).toString("binary"));
    const signedData = children(children(contentInfo)[1]!)[0]!;
    const parts = children(signedData);
    const certsNode = parts.find((node) => node.tagClass === asn1.Class.CONTEXT_SPECIFIC && node.type === 0);
    const certsDer = certsNode ? children(certsNode).map(derOf) : [];
    const signerInfo = children(parts[parts.length - 1]!)[0]!;
    return readSignerInfo(signerInfo, certsDer);
  } catch {
    return null;
  }
}

/** The /Contents slot is padded with zeros after the DER value; keep exactly the one value its header announces. */
function withoutPadding(der: Buffer) {
  const first = der[1] ?? 0;
  if (first < 0x80) return der.subarray(0, 2 + first);
  const lengthBytes = first & 0x7f;
  const length = der.subarray(2, 2 + lengthBytes).reduce((n, byte) => n * 256 + byte, 0);
  return der.subarray(0, 2 + lengthBytes + length);
}

function readSignerInfo(signerInfo: forge.asn1.Asn1, certsDer: Buffer[]): ParsedCms | null {
  const fields = children(signerInfo);
  const [, sid, digestAlgorithm] = fields;
  const attributesNode = fields.find((node) => node.tagClass === asn1.Class.CONTEXT_SPECIFIC && node.type === 0);
  const signatureNode = fields[fields.length - 1]!;
  const signerCertDer = certsDer.find((cert) => matchesSid(cert, sid!));
  const algorithm = oidNames[asn1.derToOid(children(digestAlgorithm!)[0]!.value as string)];
  if (!signerCertDer || !attributesNode || !algorithm) return null;
  const attributes = children(attributesNode);
  // What was signed is the attributes encoded as a SET, not under the [0] tag they travel with (RFC 5652 §5.4).
  const signedAttributesDer = derOf(asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SET, true, attributes));
  const digestValue = attributeValue(attributes, messageDigestOid);
  const timeValue = attributeValue(attributes, signingTimeOid);
  return {
    signerCertDer,
    certsDer,
    digestAlgorithm: algorithm,
    signedAttributesDer,
    messageDigest: digestValue ? Buffer.from(digestValue.value as string, "binary") : null,
    signingTime: timeValue ? readTime(timeValue) : null,
    signature: Buffer.from(signatureNode.value as string, "binary"),
  };
}

/** Whether a certificate is the one an IssuerAndSerialNumber names (subjectKeyIdentifier sids are not used by us). */
function matchesSid(certDer: Buffer, sid: forge.asn1.Asn1) {
  if (sid.tagClass !== asn1.Class.UNIVERSAL) return false;
  const [issuer, serial] = children(sid);
  const tbs = children(children(asn1.fromDer(certDer.toString("binary")))[0]!);
  const offset = tbs[0]!.tagClass === asn1.Class.CONTEXT_SPECIFIC ? 1 : 0;
  return derOf(tbs[offset]!).equals(derOf(serial!)) && derOf(tbs[offset + 2]!).equals(derOf(issuer!));
}

function attributeValue(attributes: forge.asn1.Asn1[], type: string) {
  const found = attributes.find((attr) => asn1.derToOid(children(attr)[0]!.value as string) === type);
  return found ? children(children(found)[1]!)[0] : undefined;
}

function readTime(node: forge.asn1.Asn1) {
  const text = node.value as string;
  return node.type === asn1.Type.UTCTIME ? asn1.utcTimeToDate(text) : asn1.generalizedTimeToDate(text);
}

function checkSignature(cms: ParsedCms, certPem: string) {
  try {
    const algorithm = cms.digestAlgorithm;
    return verifySignature(algorithm, cms.signedAttributesDer, new X509Certificate(certPem).publicKey, cms.signature);
  } catch {
    return false;
  }
}

function validAt(certificate: CertificateInfo, at: Date) {
  return at.getTime() >= certificate.validFrom.getTime() && at.getTime() <= certificate.validTo.getTime();
}

/** Climbs from the signer through the certificates in the CMS until one is issued (and signed) by a trusted root. */
function chainsToRoot(signerDer: Buffer, certsDer: Buffer[], trustedRootsPem: string[]) {
  const roots = trustedRootsPem.map((pem) => new X509Certificate(pem));
  const pool = certsDer.map((der) => new X509Certificate(der));
  const issuedBy = (cert: X509Certificate, by: X509Certificate) => Boolean(cert.checkIssued(by)) && cert.verify(by.publicKey);
  let current = new X509Certificate(signerDer);
  for (let depth = 0; depth < 8; depth++) {
    if (roots.some((root) => root.fingerprint256 === current.fingerprint256 || issuedBy(current, root))) return true;
    const next = pool.find((cert) => cert.fingerprint256 !== current.fingerprint256 && issuedBy(current, cert));
    if (!next) return false;
    current = next;
  }
  return false;
}

function malformedReport(fieldName: string, subFilter: string, coversWholeFile: boolean, time: Date | null): SignatureReport {
  const unknown: CertificateInfo = {
    subject: "",
    commonName: "",
    organization: null,
    title: null,
    issuer: "",
    serialHex: "",
    validFrom: new Date(0),
    validTo: new Date(0),
    fingerprint256: "",
    isCa: false,
  };
  return {
    fieldName,
    subFilter,
    signerName: "",
    signerSubject: "",
    issuer: "",
    serialHex: "",
    signingTime: time?.toISOString() ?? null,
    intact: false,
    coversWholeFile,
    certValidAtSigning: false,
    chainTrusted: false,
    revoked: false,
    certificate: unknown,
    problems: ["signing.verify.malformed"],
  };
}

function children(node: forge.asn1.Asn1) {
  if (!Array.isArray(node.value)) throw new Error("expected a constructed ASN.1 value");
  return node.value;
}

function derOf(node: forge.asn1.Asn1) {
  return Buffer.from(asn1.toDer(node).getBytes(), "binary");
}

function derToPem(der: Buffer) {
  return `-----BEGIN CERTIFICATE-----\n${der.toString("base64").replace(/.{64}/g, "$&\n").trim()}\n-----END CERTIFICATE-----\n`;
}
