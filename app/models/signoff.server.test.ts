// Trình ký end to end on the models (issue #6): send, return, revise, approve, sign; the issued file checked by poppler
// and by our own verification; numbers that never repeat however issuances race.
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { documentNumbers, documentVersions, sittings, users } from "#db/schema";
import { formatSigningTime } from "~/pdf/sign-pdf.server";
import { writtenDate } from "~/pdf/official-text";
import { encrypt, makeDraftResolution } from "../../tests/setup/pdf-fixtures";
import { AppError } from "./app-error";
import { db } from "./db.server";
import { reseedDemo } from "./demo.server";
import { addDocumentVersion, createDocument } from "./document.server";
import { storedFilePath, storeTempFile } from "./files.server";
import { checkSignatures } from "./signature-check.server";
import { approveSignoff, getSignoff, reserveNumber, resendSignoff, returnSignoff, sendForSignoff, signSignoff } from "./signoff.server";
import { issueFromAuthority, listCertificates, revokeCertificate } from "./certificate.server";

const dir = process.env.DATA_DIR!;
const reader = (username: string) => {
  const row = db.select({ id: users.id, role: users.role }).from(users).where(eq(users.username, username)).get()!;
  return { id: row.id, role: row.role };
};
const actorOf = (r: { id: string }) => ({ userId: r.id });

let sittingId: string;
let bodyId: string;

async function upload(bytes: Uint8Array, documentId?: string) {
  const secretary = reader("thuky1");
  const path = join(dir, `upload-${Math.random()}.pdf`);
  writeFileSync(path, bytes);
  const file = { path, sha256: createHash("sha256").update(bytes).digest("hex"), size: bytes.length, fileName: "du-thao-nghi-quyet.pdf" };
  if (documentId) return (await addDocumentVersion({ actor: actorOf(secretary), reader: secretary, sittingId, documentId, file })).versionId;
  const made = await createDocument({
    actor: actorOf(secretary),
    reader: secretary,
    sittingId,
    meta: { type: "DTNQ", summary: "Dự thảo Nghị quyết về kế hoạch đầu tư công năm 2027", confidentiality: "internal" },
    file,
  });
  return made.versionId;
}

const documentOf = (versionId: string) => db.select({ documentId: documentVersions.documentId }).from(documentVersions).where(eq(documentVersions.id, versionId)).get()!.documentId;

function pdfsig(bytes: Uint8Array) {
  const file = join(dir, `signed-${Math.random()}.pdf`);
  writeFileSync(file, bytes);
  try {
    return execFileSync("pdfsig", ["-nocert", file], { encoding: "utf8" });
  } catch (error) {
    // pdfsig exits non-zero when a signature fails; its report is still what we read.
    return String((error as { stdout?: string }).stdout ?? "");
  }
}

beforeAll(async () => {
  await reseedDemo();
  const sitting = db.select({ id: sittings.id, bodyId: sittings.bodyId }).from(sittings).get()!;
  sittingId = sitting.id;
  bodyId = sitting.bodyId;
}, 60_000);

describe("a draft resolution from sending to issuing", () => {
  test("the vice chair returns it, the revision is approved, the chair signs and it is issued as 01/NQ-HĐND", async () => {
    const secretary = reader("thuky1");
    const vice = reader("phochutich1");
    const chair = reader("chutich");
    const first = await upload(await makeDraftResolution({ body: "Bản thảo lần 1." }));
    const { signoffId } = sendForSignoff({
      actor: actorOf(secretary),
      reader: secretary,
      versionId: first,
      steps: [
        { userId: vice.id, action: "review" },
        { userId: chair.id, action: "sign" },
      ],
      message: "Kính trình Thường trực HĐND xem xét.",
    });
    // Out of turn, or twice at once: refused.
    await expect(signSignoff({ actor: actorOf(chair), reader: chair, signoffId })).rejects.toThrow("signoff.errors.notYourTurn");
    expect(() => sendForSignoff({ actor: actorOf(secretary), reader: secretary, versionId: first, steps: [{ userId: chair.id, action: "sign" }] })).toThrow("signoff.errors.alreadyOpen");
    expect(() => returnSignoff({ actor: actorOf(vice), reader: vice, signoffId, comment: "  " })).toThrow("signoff.errors.commentRequired");

    returnSignoff({ actor: actorOf(vice), reader: vice, signoffId, comment: "Đề nghị bổ sung căn cứ pháp lý." });
    expect(getSignoff({ reader: secretary, signoffId }).signoff.status).toBe("returned");
    // The same version cannot be sent again: only a revision.
    expect(() => resendSignoff({ actor: actorOf(secretary), reader: secretary, signoffId, versionId: first })).toThrow("signoff.errors.needsRevision");
    const revision = await upload(await makeDraftResolution({ body: "Bản thảo lần 2, đã bổ sung căn cứ." }), documentOf(first));
    resendSignoff({ actor: actorOf(secretary), reader: secretary, signoffId, versionId: revision });
    approveSignoff({ actor: actorOf(vice), reader: vice, signoffId });
    expect(getSignoff({ reader: chair, signoffId }).myTurn).toBe("sign");

    const now = new Date();
    const issued = await signSignoff({ actor: actorOf(chair), reader: chair, signoffId, place: { page: 1, x: 0.55, y: 0.7 }, now });
    expect(issued.reference).toBe("01/NQ-HĐND");
    const view = getSignoff({ reader: secretary, signoffId });
    expect(view.signoff.status).toBe("issued");
    expect(view.events.map((e) => e.action)).toEqual(["send", "return", "resend", "approve", "sign", "issue"]);
    expect(view.events.find((e) => e.action === "return")?.comment).toBe("Đề nghị bổ sung căn cứ pháp lý.");

    const version = db.select().from(documentVersions).where(eq(documentVersions.id, issued.versionId)).get()!;
    const signed = new Uint8Array(readFileSync(storedFilePath(version.sha256)));
    // poppler: two valid signatures; the chair's does not cover the body's revision after it.
    const report = pdfsig(signed);
    expect(report.match(/Signature is Valid/g)).toHaveLength(2);
    const [chairBlock, bodyBlock] = report.split(/Signature #\d+:/).slice(1);
    expect(chairBlock).toContain("Not total document signed");
    expect(bodyBlock).toContain("Total document signed");
    expect(bodyBlock).not.toContain("Not total document signed");
    // The number, the date and the Vietnamese appearance read back exactly.
    const signedFile = join(dir, "issued.pdf");
    writeFileSync(signedFile, signed);
    const text = execFileSync("pdftotext", ["-layout", signedFile, "-"], { encoding: "utf8" });
    const flat = text.replace(/\s/g, "");
    expect(flat).toContain("Số:01/NQ-HĐND");
    expect(flat).toContain(`LâmHà,${writtenDate(now)}`.replace(/\s/g, ""));
    // The chair's handwritten signature and the council's seal (the demo's images), the council's lines in words.
    for (const line of ["HỘI ĐỒNG NHÂN DÂN TỈNH LÂM HÀ", `Thời gian ký: ${formatSigningTime(now)}`]) expect(text).toContain(line);
    expect(execFileSync("pdfimages", ["-list", signedFile], { encoding: "utf8" }).match(/^\s*1\s+\d+\s+(image|smask)/gm)?.length).toBeGreaterThanOrEqual(2);
    expect(formatSigningTime(now)).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00$/);
    // Our own check agrees, and trusts the app's authority.
    const checks = checkSignatures(signed);
    expect(checks.map((c) => [c.signerName, c.valid, c.coversWholeFile])).toEqual([
      ["Hoàng Đức Thịnh", true, false],
      ["Hội đồng nhân dân tỉnh Lâm Hà", true, true],
    ]);

    // One byte changed inside the signed part (in the binary comment under the header, so the file still parses):
    // poppler and our check both call the signatures invalid.
    const tampered = signed.slice();
    const at = Buffer.from(tampered).indexOf("\n%", 5) + 2;
    expect(tampered[at]).toBeGreaterThan(0x7f);
    tampered[at] ^= 0x01;
    expect(pdfsig(tampered)).toMatch(/Digest Mismatch/);
    expect(checkSignatures(tampered).every((c) => !c.intact && !c.valid)).toBe(true);
  }, 60_000);

  test("a revoked, expired or not yet valid certificate refuses to sign, with its reason in words, and takes no number", async () => {
    const secretary = reader("thuky1");
    const chair = reader("phochutich2");
    const admin = reader("admin");
    const versionId = await upload(await makeDraftResolution({ body: "Văn bản ký bằng chứng thư đã thu hồi." }));
    const { signoffId } = sendForSignoff({ actor: actorOf(secretary), reader: secretary, versionId, steps: [{ userId: chair.id, action: "sign" }] });
    const certificate = listCertificates(admin).find((c) => c.userName === "Lê Quang Vinh")!;
    revokeCertificate({ actor: actorOf(admin), reader: admin, certificateId: certificate.id, reason: "Mất thiết bị ký" });
    const before = db.select().from(documentNumbers).all().length;
    await expect(signSignoff({ actor: actorOf(chair), reader: chair, signoffId })).rejects.toThrow(new AppError("conflict", "signing.errors.revoked"));
    expect(db.select().from(documentNumbers).all()).toHaveLength(before);
    expect(getSignoff({ reader: chair, signoffId }).myTurn).toBe("sign");

    // A new certificate that has already expired is refused too, with its own message; one not yet valid likewise.
    const day = 86_400_000;
    issueFromAuthority({ actor: actorOf(admin), reader: admin, owner: { kind: "person", userId: chair.id }, organization: "HĐND", validFrom: new Date(Date.now() - 30 * day), validTo: new Date(Date.now() - day) });
    await expect(signSignoff({ actor: actorOf(chair), reader: chair, signoffId })).rejects.toThrow(new AppError("conflict", "signing.errors.expired"));
    issueFromAuthority({ actor: actorOf(admin), reader: admin, owner: { kind: "person", userId: chair.id }, organization: "HĐND", validFrom: new Date(Date.now() + day), validTo: new Date(Date.now() + 30 * day) });
    await expect(signSignoff({ actor: actorOf(chair), reader: chair, signoffId })).rejects.toThrow(new AppError("conflict", "signing.errors.notYetValid"));
    expect(db.select().from(documentNumbers).all()).toHaveLength(before);
  }, 60_000);
});

describe("issue numbers", () => {
  test("two issuances racing for a number never get the same one", async () => {
    const secretary = reader("thuky1");
    const chair = reader("chutich");
    const signoffs = [];
    for (const body of ["Nghị quyết A", "Nghị quyết B"]) {
      const versionId = await upload(await makeDraftResolution({ body }));
      signoffs.push(sendForSignoff({ actor: actorOf(secretary), reader: secretary, versionId, steps: [{ userId: chair.id, action: "sign" }] }).signoffId);
    }
    // Both take their number before either has finished its signed file.
    const issued = await Promise.all(signoffs.map((signoffId) => signSignoff({ actor: actorOf(chair), reader: chair, signoffId })));
    const references = issued.map((i) => i.reference).sort();
    expect(new Set(references).size).toBe(2);
    expect(references).toEqual(["02/NQ-HĐND", "03/NQ-HĐND"]);
  }, 60_000);

  test("processes with their own connections, reserving at once, share one series without a repeat or a gap", async () => {
    const start = db.select().from(documentNumbers).all().length;
    const script = join(dir, "reserve.ts");
    writeFileSync(
      script,
      `import { reserveNumber } from ${JSON.stringify(join(process.cwd(), "app/models/signoff.server.ts"))};
       const out = [];
       for (let i = 0; i < 40; i++) out.push(reserveNumber({ bodyId: ${JSON.stringify(bodyId)}, signoffId: null, typeCode: "TB", normative: false, at: new Date() }).number);
       console.log(JSON.stringify(out));`,
    );
    const run = () =>
      new Promise<number[]>((resolve, reject) => {
        const child = spawn(process.execPath, ["--import", "tsx", script], { env: { ...process.env }, cwd: process.cwd(), stdio: ["ignore", "pipe", "inherit"] });
        let out = "";
        child.stdout.on("data", (chunk) => (out += chunk));
        child.on("exit", (code) => (code === 0 ? resolve(JSON.parse(out.trim().split("\n").pop()!)) : reject(new Error(`exit ${code}`))));
      });
    const [a, b, c] = await Promise.all([run(), run(), run()]);
    const all = [...a, ...b, ...c];
    expect(new Set(all).size).toBe(120);
    const numbers = db.select({ number: documentNumbers.number }).from(documentNumbers).all().map((r) => r.number);
    expect(numbers.length).toBe(start + 120);
    expect(Math.max(...numbers)).toBe(numbers.length);
    // In this process too.
    expect(reserveNumber({ bodyId, signoffId: null, typeCode: "TB", normative: false, at: new Date() }).number).toBe(numbers.length + 1);
  }, 120_000);
});

describe("a version stored encrypted, from before uploads were decrypted (issue #11)", () => {
  /** A draft locked by qpdf (`--encrypt <user> <owner> 256`) made the version's stored file, as an upload once was. */
  async function lockStoredFile(versionId: string, encryptTo: (plain: string, locked: string) => void) {
    const plain = join(dir, `plain-${Math.random()}.pdf`);
    const locked = join(dir, `locked-${Math.random()}.pdf`);
    writeFileSync(plain, await makeDraftResolution({ body: "Bản được lưu khi còn mật khẩu." }));
    encryptTo(plain, locked);
    const bytes = readFileSync(locked);
    const sha256 = createHash("sha256").update(bytes).digest("hex");
    await storeTempFile(locked, sha256);
    db.update(documentVersions).set({ sha256, size: bytes.length }).where(eq(documentVersions.id, versionId)).run();
    return storedFilePath(sha256);
  }

  test("an owner-password version is signed as its decrypted copy: the leader's and the body's signatures verify", async () => {
    const secretary = reader("thuky1");
    const chair = reader("chutich");
    const versionId = await upload(await makeDraftResolution({ body: "Bản thay thế." }));
    const stored = await lockStoredFile(versionId, (plain, locked) => execFileSync("qpdf", ["--encrypt", "", "chu-so-huu", "256", "--print=none", "--", plain, locked]));
    // Encrypted, and opens without a password (qpdf --requires-password: 3).
    expect(spawnSync("qpdf", ["--requires-password", stored]).status).toBe(3);
    const { signoffId } = sendForSignoff({ actor: actorOf(secretary), reader: secretary, versionId, steps: [{ userId: chair.id, action: "sign" }] });

    const issued = await signSignoff({ actor: actorOf(chair), reader: chair, signoffId });
    const version = db.select().from(documentVersions).where(eq(documentVersions.id, issued.versionId)).get()!;
    const report = pdfsig(readFileSync(storedFilePath(version.sha256)));
    expect(report.match(/Signature is Valid/g)).toHaveLength(2);
    const [chairBlock, bodyBlock] = report.split(/Signature #\d+:/).slice(1);
    expect(chairBlock).toContain("Not total document signed");
    expect(bodyBlock).toContain("Total document signed");
    expect(bodyBlock).not.toContain("Not total document signed");
  }, 60_000);

  test("a version that needs a password is refused in words, takes no number, and the chair can still return it", async () => {
    const secretary = reader("thuky1");
    const chair = reader("chutich");
    const versionId = await upload(await makeDraftResolution({ body: "Bản khóa bằng mật khẩu mở tệp." }));
    await lockStoredFile(versionId, (plain, locked) => encrypt(plain, locked));
    const { signoffId } = sendForSignoff({ actor: actorOf(secretary), reader: secretary, versionId, steps: [{ userId: chair.id, action: "sign" }] });
    const before = db.select().from(documentNumbers).all().length;

    await expect(signSignoff({ actor: actorOf(chair), reader: chair, signoffId })).rejects.toThrow(new AppError("unprocessable", "signing.errors.encrypted"));
    expect(db.select().from(documentNumbers).all()).toHaveLength(before);
    const view = getSignoff({ reader: chair, signoffId });
    expect(view.myTurn).toBe("sign");
    expect(view.signoff.signingSince).toBeNull();

    returnSignoff({ actor: actorOf(chair), reader: chair, signoffId, comment: "Đề nghị gửi bản không đặt mật khẩu." });
    expect(getSignoff({ reader: secretary, signoffId }).signoff.status).toBe("returned");
  }, 60_000);
});
