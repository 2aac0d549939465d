import { execFileSync } from "node:child_process";
import { createPrivateKey, X509Certificate } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import {
  certificateProblem,
  createAuthority,
  decryptPrivateKey,
  describeCertificate,
  encryptPrivateKey,
  issueCertificate,
  readPkcs12,
  toPkcs12,
} from "./certificates.server";

const ca = createAuthority({ commonName: "CA thử nghiệm PhòngHọp", organization: "Hội đồng nhân dân tỉnh Lâm Đồng" });
const chair = issueCertificate({
  ca,
  commonName: "Nguyễn Thị Ánh Tuyết",
  organization: "Hội đồng nhân dân tỉnh Lâm Đồng",
  title: "Chủ tịch",
  email: "chutich@lamdong.gov.vn",
  kind: "person",
});
const work = mkdtempSync(join(tmpdir(), "phonghop-certs-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("the app's certificate authority", () => {
  test("issues a person's certificate that chains to the root and reads back in Vietnamese", () => {
    const root = describeCertificate(ca.certPem);
    const info = describeCertificate(chair.certPem);
    expect(root.isCa).toBe(true);
    expect(info.isCa).toBe(false);
    expect(info.commonName).toBe("Nguyễn Thị Ánh Tuyết");
    expect(info.organization).toBe("Hội đồng nhân dân tỉnh Lâm Đồng");
    expect(info.title).toBe("Chủ tịch");
    expect(info.subject).toBe("E=chutich@lamdong.gov.vn, CN=Nguyễn Thị Ánh Tuyết, T=Chủ tịch, O=Hội đồng nhân dân tỉnh Lâm Đồng, C=VN");
    expect(info.issuer).toBe(root.subject);
    expect(info.serialHex).toMatch(/^[0-9a-f]{32}$/);
    expect(info.fingerprint256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(info.validTo.getTime()).toBeGreaterThan(info.validFrom.getTime());
    expect(chair.chainPem).toEqual([ca.certPem]);

    const leaf = new X509Certificate(chair.certPem);
    const rootCert = new X509Certificate(ca.certPem);
    expect(leaf.checkIssued(rootCert)).toBe(true);
    expect(leaf.verify(rootCert.publicKey)).toBe(true);
  });

  test("an agency certificate names the body, without a personal title", () => {
    const agency = issueCertificate({
      ca,
      commonName: "Hội đồng nhân dân tỉnh Lâm Đồng",
      organization: "Hội đồng nhân dân tỉnh Lâm Đồng",
      title: "Chủ tịch",
      kind: "agency",
    });
    const info = describeCertificate(agency.certPem);
    expect(info.commonName).toBe("Hội đồng nhân dân tỉnh Lâm Đồng");
    expect(info.title).toBeNull();
  });

  test("openssl agrees: digitalSignature and nonRepudiation, not a CA", () => {
    const path = join(work, "chair.pem");
    writeFileSync(path, chair.certPem);
    const text = execFileSync("openssl", ["x509", "-in", path, "-noout", "-text"], { encoding: "utf8" });
    expect(text).toContain("Digital Signature, Non Repudiation");
    expect(text).toContain("CA:FALSE");
  });
});

describe("PKCS#12", () => {
  test("round trip: the signing certificate, its key and the chain come back", () => {
    const file = toPkcs12(chair, "mật khẩu 123", "Nguyễn Thị Ánh Tuyết");
    const read = readPkcs12(file, "mật khẩu 123");
    expect(describeCertificate(read.certPem).fingerprint256).toBe(describeCertificate(chair.certPem).fingerprint256);
    expect(read.chainPem.map((pem) => describeCertificate(pem).fingerprint256)).toEqual([describeCertificate(ca.certPem).fingerprint256]);
    expect(new X509Certificate(read.certPem).checkPrivateKey(createPrivateKey(read.keyPem))).toBe(true);
  });

  test("a wrong password and a file that is not PKCS#12 are told apart", () => {
    const file = toPkcs12(chair, "đúng");
    expect(() => readPkcs12(file, "sai")).toThrow(expect.objectContaining({ code: "invalid", message: "signing.errors.p12Password" }));
    expect(() => readPkcs12(new TextEncoder().encode("%PDF-1.7 không phải p12"), "x")).toThrow(
      expect.objectContaining({ code: "invalid", message: "signing.errors.p12Invalid" }),
    );
  });

  test("openssl reads our file, and we read openssl's", () => {
    const ours = join(work, "ours.p12");
    writeFileSync(ours, toPkcs12(chair, "matkhau"));
    const dump = execFileSync("openssl", ["pkcs12", "-in", ours, "-passin", "pass:matkhau", "-nodes"], { encoding: "utf8" });
    expect(dump).toContain("BEGIN PRIVATE KEY");

    const [keyPath, certPath, caPath, theirs] = ["k.pem", "c.pem", "ca.pem", "theirs.p12"].map((name) => join(work, name)) as [string, string, string, string];
    writeFileSync(keyPath, chair.keyPem);
    writeFileSync(certPath, chair.certPem);
    writeFileSync(caPath, ca.certPem);
    // OpenSSL 3's defaults: AES-256-CBC with PBKDF2 and a SHA-256 MAC.
    execFileSync("openssl", ["pkcs12", "-export", "-inkey", keyPath, "-in", certPath, "-certfile", caPath, "-passout", "pass:matkhau", "-out", theirs]);
    const read = readPkcs12(readFileSync(theirs), "matkhau");
    expect(describeCertificate(read.certPem).commonName).toBe("Nguyễn Thị Ánh Tuyết");
    expect(read.chainPem).toHaveLength(1);
  });
});

describe("private keys at rest", () => {
  test("round trip, and a tampered value is refused", () => {
    const sealed = encryptPrivateKey(chair.keyPem);
    expect(sealed).toMatch(/^v1:[A-Za-z0-9+/=]+$/);
    expect(sealed).not.toContain("PRIVATE KEY");
    expect(decryptPrivateKey(sealed)).toBe(chair.keyPem);
    expect(encryptPrivateKey(chair.keyPem)).not.toBe(sealed); // a fresh IV each time

    const raw = Buffer.from(sealed.slice(3), "base64");
    raw[raw.length - 1] ^= 1;
    expect(() => decryptPrivateKey(`v1:${raw.toString("base64")}`)).toThrow(expect.objectContaining({ message: "signing.errors.vault" }));
  });

  test("without SIGNING_KEY_SECRET the secret lives in DATA_DIR/signing-secret (mode 0600); another secret cannot open the key", () => {
    const file = join(process.env.DATA_DIR!, "signing-secret");
    const sealed = encryptPrivateKey(chair.keyPem);
    expect(existsSync(file)).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);

    process.env.SIGNING_KEY_SECRET = "một bí mật khác";
    try {
      expect(() => decryptPrivateKey(sealed)).toThrow(expect.objectContaining({ message: "signing.errors.vault" }));
      expect(decryptPrivateKey(encryptPrivateKey("khóa"))).toBe("khóa");
    } finally {
      delete process.env.SIGNING_KEY_SECRET;
    }
    expect(decryptPrivateKey(sealed)).toBe(chair.keyPem);
  });
});

describe("certificateProblem", () => {
  test("expired, not yet valid, and fine", () => {
    const validFrom = new Date("2026-01-01T00:00:00Z");
    const validTo = new Date("2026-12-31T23:59:59Z");
    const cert = issueCertificate({ ca, commonName: "Trần Văn Bình", organization: "HĐND", kind: "person", validFrom, validTo });
    expect(certificateProblem(cert.certPem, new Date("2025-12-31T00:00:00Z"))).toBe("signing.errors.notYetValid");
    expect(certificateProblem(cert.certPem, new Date("2027-01-01T00:00:00Z"))).toBe("signing.errors.expired");
    expect(certificateProblem(cert.certPem, new Date("2026-06-01T00:00:00Z"))).toBeNull();
  });
});
