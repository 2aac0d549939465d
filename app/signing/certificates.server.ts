// Certificates and keys for digital signatures (issue #6): the app's own small certificate authority (for trials and
// the demo), certificates it issues to leaders and to the council itself, PKCS#12 files brought by users, and the
// encryption of private keys at rest. node-forge builds and reads the ASN.1; key pairs come from node:crypto, which
// generates RSA keys in milliseconds where forge's pure-JavaScript generator takes seconds.
import { generateKeyPairSync, randomBytes, X509Certificate } from "node:crypto";
import forge from "node-forge";
import { AppError } from "~/models/app-error";
import { createVault } from "~/vault.server";

export type KeyPair = { certPem: string; keyPem: string };

export type CertificateInfo = {
  subject: string;
  commonName: string;
  organization: string | null;
  title: string | null;
  issuer: string;
  serialHex: string;
  validFrom: Date;
  validTo: Date;
  fingerprint256: string;
  isCa: boolean;
};

const { pki, asn1 } = forge;
const titleOid = "2.5.4.12";

/** A self-signed root for the app's own certificate authority (trials and the demo). RSA 2048, SHA-256. */
export function createAuthority(opts: { commonName: string; organization: string; validFrom?: Date; years?: number }): KeyPair {
  const keys = newRsaKeys();
  const validFrom = opts.validFrom ?? new Date();
  const validTo = addYears(validFrom, opts.years ?? 10);
  const name = distinguishedName({ commonName: opts.commonName, organization: opts.organization });
  const cert = newCertificate(keys.publicKey, name, name, validFrom, validTo);
  cert.setExtensions([
    { name: "basicConstraints", cA: true, critical: true },
    { name: "keyUsage", keyCertSign: true, cRLSign: true, critical: true },
    { name: "subjectKeyIdentifier" },
  ]);
  cert.sign(keys.privateKey, forge.md.sha256.create());
  return { certPem: pki.certificateToPem(cert), keyPem: privateKeyToPem(keys.privateKey) };
}

/** A certificate issued by that authority for a person (a leader) or for the agency (the council itself). Key usage digitalSignature + nonRepudiation. */
export function issueCertificate(opts: {
  ca: KeyPair;
  commonName: string;
  organization: string;
  title?: string;
  email?: string;
  kind: "person" | "agency";
  validFrom?: Date;
  validTo?: Date;
}): KeyPair & { chainPem: string[] } {
  const caCert = pki.certificateFromPem(opts.ca.certPem);
  const caKey = pki.privateKeyFromPem(opts.ca.keyPem) as forge.pki.rsa.PrivateKey;
  const keys = newRsaKeys();
  const validFrom = opts.validFrom ?? new Date();
  const validTo = opts.validTo ?? addYears(validFrom, opts.kind === "agency" ? 5 : 3);
  // An agency certificate names the body only: it signs for the council, not for a person holding a title.
  const person = opts.kind === "person";
  const subject = distinguishedName({
    commonName: opts.commonName,
    organization: opts.organization,
    title: person ? opts.title : undefined,
    email: opts.email,
  });
  const cert = newCertificate(keys.publicKey, subject, decodedAttributes(caCert.subject.attributes), validFrom, validTo);
  cert.setExtensions([
    { name: "basicConstraints", cA: false, critical: true },
    { name: "keyUsage", digitalSignature: true, nonRepudiation: true, critical: true },
    { name: "subjectKeyIdentifier" },
    { name: "authorityKeyIdentifier", keyIdentifier: caCert.generateSubjectKeyIdentifier().getBytes() },
  ]);
  cert.sign(caKey, forge.md.sha256.create());
  return { certPem: pki.certificateToPem(cert), keyPem: privateKeyToPem(keys.privateKey), chainPem: [opts.ca.certPem] };
}

/**
 * Reads a PKCS#12 (.p12/.pfx) with its password: the signing certificate (the one whose key is in the file), its key,
 * and the rest of the chain.
 */
export function readPkcs12(bytes: Uint8Array, password: string): KeyPair & { chainPem: string[] } {
  const p12 = parsePkcs12(bytes, password);
  const keyBags = [...bagsOf(p12, pki.oids.pkcs8ShroudedKeyBag), ...bagsOf(p12, pki.oids.keyBag)];
  const certs = bagsOf(p12, pki.oids.certBag).flatMap((bag) => (bag.cert ? [bag.cert] : []));
  const key = keyBags.find((bag) => bag.key)?.key as forge.pki.rsa.PrivateKey | undefined;
  if (!key) throw new AppError("invalid", "signing.errors.p12Invalid");
  const signer = certs.find((cert) => sameRsaKey(cert.publicKey as forge.pki.rsa.PublicKey, key));
  if (!signer) throw new AppError("invalid", "signing.errors.p12Invalid");
  const rest = certs.filter((cert) => cert !== signer);
  return { certPem: pki.certificateToPem(signer), keyPem: privateKeyToPem(key), chainPem: orderChain(signer, rest).map((c) => pki.certificateToPem(c)) };
}

/** For tests and for admins who want a file: a PKCS#12 protected by a password (AES-256 via PBES2, SHA-1 MAC). */
export function toPkcs12(pair: KeyPair & { chainPem?: string[] }, password: string, friendlyName?: string): Uint8Array {
  const key = pki.privateKeyFromPem(pair.keyPem);
  const certs = [pair.certPem, ...(pair.chainPem ?? [])].map((pem) => pki.certificateFromPem(pem));
  const p12 = forge.pkcs12.toPkcs12Asn1(key, certs, password, {
    algorithm: "aes256",
    generateLocalKeyId: true,
    // forge writes the attribute whenever the option is present, even undefined (and then crashes encoding it).
    ...(friendlyName ? { friendlyName: friendlyName.normalize("NFC") } : {}),
  });
  return Buffer.from(asn1.toDer(p12).getBytes(), "binary");
}

export function describeCertificate(certPem: string): CertificateInfo {
  const cert = pki.certificateFromPem(certPem);
  const x509 = new X509Certificate(certPem);
  const constraints = cert.getExtension("basicConstraints") as { cA?: boolean } | null;
  return {
    subject: formatName(cert.subject.attributes),
    commonName: attributeValue(cert.subject.attributes, pki.oids.commonName) ?? "",
    organization: attributeValue(cert.subject.attributes, pki.oids.organizationName),
    title: attributeValue(cert.subject.attributes, titleOid),
    issuer: formatName(cert.issuer.attributes),
    serialHex: cert.serialNumber.toLowerCase(),
    validFrom: cert.validity.notBefore,
    validTo: cert.validity.notAfter,
    fingerprint256: x509.fingerprint256,
    isCa: constraints?.cA === true,
  };
}

/** Why a certificate cannot sign at the given moment; revocation is checked by the caller against the database. */
export function certificateProblem(certPem: string, at: Date): null | "signing.errors.expired" | "signing.errors.notYetValid" {
  const { validity } = pki.certificateFromPem(certPem);
  if (at.getTime() < validity.notBefore.getTime()) return "signing.errors.notYetValid";
  if (at.getTime() > validity.notAfter.getTime()) return "signing.errors.expired";
  return null;
}

// ——— keys at rest ———

/**
 * Private keys at rest, under SIGNING_KEY_SECRET — or else a random secret kept in DATA_DIR/signing-secret, which keeps
 * the demo and trials working without setup; in production it sits beside the database it protects, hence the warning.
 */
const signingVault = createVault({
  envVar: "SIGNING_KEY_SECRET",
  dir: () => process.env.DATA_DIR ?? "data",
  fileName: "signing-secret",
  // A fixed, app-specific salt: the secret itself is what must be random.
  salt: "phonghop/signing-key-vault/v1",
  errorKey: "signing.errors.vault",
});

export function encryptPrivateKey(keyPem: string): string {
  return signingVault.seal(keyPem);
}

export function decryptPrivateKey(sealed: string): string {
  return signingVault.unseal(sealed).toString("utf8");
}

// ——— helpers ———

function newRsaKeys() {
  const { privateKey } = generateKeyPairSync("rsa", {
    modulusLength: 2048,
    privateKeyEncoding: { type: "pkcs8", format: "pem" },
    publicKeyEncoding: { type: "spki", format: "pem" },
  });
  const forgeKey = pki.privateKeyFromPem(privateKey) as forge.pki.rsa.PrivateKey;
  return { privateKey: forgeKey, publicKey: pki.setRsaPublicKey(forgeKey.n, forgeKey.e) };
}

function newCertificate(publicKey: forge.pki.PublicKey, subject: forge.pki.CertificateField[], issuer: forge.pki.CertificateField[], from: Date, to: Date) {
  const cert = pki.createCertificate();
  cert.publicKey = publicKey;
  cert.serialNumber = serialHex();
  cert.validity.notBefore = from;
  cert.validity.notAfter = to;
  cert.setSubject(subject);
  cert.setIssuer(issuer);
  return cert;
}

/** 16 random bytes with the top bit clear, so the DER INTEGER stays positive and exactly this long. */
function serialHex() {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0]! & 0x7f) | 0x10;
  return bytes.toString("hex");
}

function distinguishedName(parts: { commonName: string; organization: string; title?: string; email?: string }): forge.pki.CertificateField[] {
  // UTF8String so Vietnamese names survive (forge defaults to PrintableString, which cannot hold them).
  const utf8 = (type: string, value: string) => ({ type, value: value.normalize("NFC"), valueTagClass: asn1.Type.UTF8 as unknown as forge.asn1.Class });
  return [
    { type: pki.oids.countryName, value: "VN" },
    utf8(pki.oids.organizationName, parts.organization),
    ...(parts.title ? [utf8(titleOid, parts.title)] : []),
    utf8(pki.oids.commonName, parts.commonName),
    ...(parts.email ? [{ type: pki.oids.emailAddress, value: parts.email, valueTagClass: asn1.Type.IA5STRING as unknown as forge.asn1.Class }] : []),
  ];
}

const shortNames: Record<string, string> = {
  "2.5.4.3": "CN",
  "2.5.4.6": "C",
  "2.5.4.7": "L",
  "2.5.4.8": "ST",
  "2.5.4.10": "O",
  "2.5.4.11": "OU",
  "2.5.4.12": "T",
};

/** The name as people read it, most specific first: "CN=Nguyễn Văn A, T=Chủ tịch, O=HĐND tỉnh Lâm Đồng, C=VN". */
function formatName(attributes: forge.pki.CertificateField[]) {
  return attributes
    .map((attr) => `${shortNames[attr.type ?? ""] ?? attr.shortName ?? attr.type}=${decodeValue(attr)}`)
    .reverse()
    .join(", ");
}

function attributeValue(attributes: forge.pki.CertificateField[], oid: string): string | null {
  const attr = attributes.find((a) => a.type === oid);
  return attr ? decodeValue(attr) : null;
}

/** forge hands back UTF8String and BMPString values as raw bytes in a binary string. */
function decodeValue(attr: forge.pki.CertificateField): string {
  const raw = String(attr.value ?? "");
  const tag = (attr as { valueTagClass?: number }).valueTagClass;
  if (tag === asn1.Type.UTF8) return forge.util.decodeUtf8(raw);
  if (tag === asn1.Type.BMPSTRING) return Buffer.from(raw, "binary").swap16().toString("utf16le");
  return raw;
}

/** Attributes as read back by forge, ready to be written again (forge would otherwise encode UTF-8 twice). */
function decodedAttributes(attributes: forge.pki.CertificateField[]): forge.pki.CertificateField[] {
  return attributes.map((attr) => ({ type: attr.type, value: decodeValue(attr), valueTagClass: attr.valueTagClass }));
}

function privateKeyToPem(key: forge.pki.PrivateKey) {
  return pki.privateKeyInfoToPem(pki.wrapRsaPrivateKey(pki.privateKeyToAsn1(key)));
}

function addYears(date: Date, years: number) {
  const next = new Date(date);
  next.setUTCFullYear(next.getUTCFullYear() + years);
  return next;
}

function parsePkcs12(bytes: Uint8Array, password: string): forge.pkcs12.Pkcs12Pfx {
  let der: forge.asn1.Asn1;
  try {
    der = asn1.fromDer(Buffer.from(bytes).toString("binary"));
  } catch {
    throw new AppError("invalid", "signing.errors.p12Invalid");
  }
  try {
    return forge.pkcs12.pkcs12FromAsn1(der, false, password);
  } catch (error) {
    // forge says "Invalid password?" when the MAC does not match; anything else is a file it cannot read.
    if (/password/i.test(String((error as Error).message))) throw new AppError("invalid", "signing.errors.p12Password");
    throw new AppError("invalid", "signing.errors.p12Invalid");
  }
}

function bagsOf(p12: forge.pkcs12.Pkcs12Pfx, bagType: string) {
  return p12.getBags({ bagType })[bagType] ?? [];
}

function sameRsaKey(publicKey: forge.pki.rsa.PublicKey, key: forge.pki.rsa.PrivateKey) {
  return Boolean(publicKey?.n) && publicKey.n.equals(key.n) && publicKey.e.equals(key.e);
}

/** The signer's issuer first, then its issuer, and so on; certificates outside that path follow in file order. */
function orderChain(signer: forge.pki.Certificate, others: forge.pki.Certificate[]) {
  const ordered: forge.pki.Certificate[] = [];
  let current = signer;
  for (;;) {
    const issuer = others.find((c) => !ordered.includes(c) && c !== current && current.isIssuer(c));
    if (!issuer) break;
    ordered.push(issuer);
    current = issuer;
  }
  return [...ordered, ...others.filter((c) => !ordered.includes(c))];
}
