// Issue #6, the signing engine: a resolution signed by the chair and then by the council (RULES 18–19) must verify in
// an independent validator (poppler's pdfsig), show its Vietnamese signature blocks to any reader (pdftotext), keep
// the first signature valid after the second, and give itself away when a single byte is changed.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { formatSigningTime, signPdf, signPdfFile, type SignOptions } from "~/pdf/sign-pdf.server";
import { verifyPdfSignatures } from "~/pdf/verify-pdf.server";
import { createAuthority, describeCertificate, issueCertificate, type KeyPair } from "~/signing/certificates.server";
import { encrypt, makeMixedPdf, makePdf } from "../setup/pdf-fixtures";
import { pdfsig } from "../setup/signatures";

const council = "Hội đồng nhân dân tỉnh Lâm Đồng";
const chairName = "Nguyễn Thị Ánh Tuyết";
let dir: string;
let ca: KeyPair;
let chair: KeyPair & { chainPem: string[] };
let agency: KeyPair & { chainPem: string[] };

// Certificates valid from the start of the year, so the fixed signing times below fall inside them.
const validFrom = new Date("2026-01-01T00:00:00Z");

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "phonghop-signing-"));
  ca = createAuthority({ commonName: "CA thử nghiệm PhòngHọp", organization: council });
  chair = issueCertificate({ ca, commonName: chairName, organization: council, title: "Chủ tịch", kind: "person", validFrom });
  agency = issueCertificate({ ca, commonName: council, organization: council, kind: "agency", validFrom });
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const chairTime = new Date("2026-11-29T03:15:03Z");
const agencyTime = new Date("2026-11-29T03:20:41Z");

function chairLines(time: Date) {
  return [
    { text: "TM. HỘI ĐỒNG NHÂN DÂN", bold: true },
    { text: "CHỦ TỊCH", bold: true },
    { text: chairName, bold: true },
    { text: `Ký số lúc: ${formatSigningTime(time)}` },
  ];
}

function agencyLines(time: Date) {
  return [{ text: "HỘI ĐỒNG NHÂN DÂN TỈNH LÂM ĐỒNG", bold: true }, { text: formatSigningTime(time) }];
}

function asChair(page = 1, at: { x: number; y: number } | undefined = { x: 0.55, y: 0.7 }): SignOptions {
  return {
    ...chair,
    signingTime: chairTime,
    signerName: chairName,
    reason: "Ký ban hành nghị quyết",
    location: "Đà Lạt",
    appearance: { page, at, lines: chairLines(chairTime) },
  };
}

function asAgency(page = 1): SignOptions {
  return { ...agency, signingTime: agencyTime, signerName: council, appearance: { page, lines: agencyLines(agencyTime) } };
}

/** Signs twice (chair, then council) and writes both stages to disk for poppler. */
async function signTwice(input: Uint8Array, name: string, page = 1) {
  const first = await signPdf(input, asChair(page));
  const second = await signPdf(first, asAgency(page));
  const firstPath = join(dir, `${name}-1.pdf`);
  const secondPath = join(dir, `${name}-2.pdf`);
  writeFileSync(firstPath, first);
  writeFileSync(secondPath, second);
  return { first, second, firstPath, secondPath };
}

function pdftotext(path: string, layout = false) {
  return execFileSync("pdftotext", [...(layout ? ["-layout"] : []), path, "-"], { encoding: "utf8" }).normalize("NFC");
}

describe("a resolution signed by the chair, then by the council", () => {
  let signed: Awaited<ReturnType<typeof signTwice>>;

  beforeAll(async () => {
    signed = await signTwice(await makePdf([["NGHỊ QUYẾT", "Về dự toán ngân sách địa phương năm 2027"], ["Điều 2. Tổ chức thực hiện"]]), "resolution");
  });

  test("pdfsig finds exactly two valid signatures; only the last covers the whole file", () => {
    const blocks = pdfsig(signed.secondPath);
    expect(blocks).toHaveLength(2);
    expect(blocks.map((b) => b.valid)).toEqual([true, true]);
    expect(blocks[0]!.total).toBe(false);
    expect(blocks[0]!.text).toContain("- Not total document signed");
    expect(blocks[1]!.total).toBe(true);
    expect(blocks[0]!.text).toContain(`Signer Certificate Common Name: ${chairName}`);
    expect(blocks[1]!.text).toContain(`Signer Certificate Common Name: ${council}`);
    expect(blocks[0]!.text).toContain("Signature Type: adbe.pkcs7.detached");
  });

  test("a reader sees both signature blocks, letter for letter", () => {
    const text = pdftotext(signed.secondPath);
    for (const line of [...chairLines(chairTime), ...agencyLines(agencyTime)]) expect(text).toContain(line.text.normalize("NFC"));
    expect(text).toContain("Ký số lúc: 2026-11-29T10:15:03+07:00");
  });

  test("the first signed file is the exact prefix of the second", () => {
    expect(Buffer.from(signed.second.subarray(0, signed.first.length)).equals(Buffer.from(signed.first))).toBe(true);
  });

  test("our verifier agrees: both intact and trusted; the field names differ", () => {
    const reports = verifyPdfSignatures(signed.second, { trustedRootsPem: [ca.certPem] });
    expect(reports).toHaveLength(2);
    const [first, second] = reports as [(typeof reports)[0], (typeof reports)[0]];
    expect(first).toMatchObject({ intact: true, chainTrusted: true, certValidAtSigning: true, revoked: false, coversWholeFile: false, problems: [] });
    expect(second).toMatchObject({ intact: true, chainTrusted: true, coversWholeFile: true, problems: [] });
    expect(first.subFilter).toBe("adbe.pkcs7.detached");
    expect(first.signerName).toBe(chairName);
    expect(first.certificate.title).toBe("Chủ tịch");
    expect(second.certificate.commonName).toBe(council);
    expect(first.signingTime).toBe(chairTime.toISOString());
    expect(second.signingTime).toBe(agencyTime.toISOString());
    expect(first.fieldName).toMatch(/^Sig_1_/);
    expect(second.fieldName).toMatch(/^Sig_2_/);
    expect(pdfsig(signed.secondPath)[0]!.text).toContain(`Signature Field Name: ${first.fieldName}`);
  });

  test("a revoked certificate is reported as such", () => {
    const chairSerial = describeCertificate(chair.certPem).serialHex;
    const reports = verifyPdfSignatures(signed.second, { trustedRootsPem: [ca.certPem], isRevoked: (serial) => serial === chairSerial });
    expect(reports[0]).toMatchObject({ revoked: true, problems: ["signing.verify.revoked"] });
    expect(reports[1]).toMatchObject({ revoked: false });
  });

  test("one changed byte in the signed page breaks the signatures, in pdfsig and in ours", () => {
    const tampered = Buffer.from(signed.second);
    const at = tampered.indexOf("/MediaBox [ 0 0 595", 0, "latin1");
    expect(at).toBeGreaterThan(0);
    expect(at).toBeLessThan(signed.first.length); // inside the first signature's first range
    tampered[at + "/MediaBox [ 0 0 ".length] = "6".charCodeAt(0); // 595 → 695
    const path = join(dir, "tampered.pdf");
    writeFileSync(path, tampered);

    const blocks = pdfsig(path);
    expect(blocks).toHaveLength(2);
    expect(blocks[0]!.valid).toBe(false);
    expect(blocks[0]!.text).toMatch(/Digest Mismatch/);

    const reports = verifyPdfSignatures(tampered, { trustedRootsPem: [ca.certPem] });
    expect(reports[0]).toMatchObject({ intact: false });
    expect(reports[0]!.problems).toContain("signing.verify.digestMismatch");
    expect(reports[0]!.problems).not.toContain("signing.verify.badSignature");
  });
});

describe("verification beyond the happy path", () => {
  test("a certificate from another authority is intact but not trusted", async () => {
    const stranger = createAuthority({ commonName: "CA lạ", organization: "Không rõ" });
    const signer = issueCertificate({ ca: stranger, commonName: "Người lạ", organization: "Không rõ", kind: "person", validFrom });
    const bytes = await signPdf(await makePdf([["Văn bản"]]), { ...signer, signingTime: chairTime, appearance: { page: 1, lines: [{ text: "Người lạ" }] } });
    const [report] = verifyPdfSignatures(bytes, { trustedRootsPem: [ca.certPem] });
    expect(report).toMatchObject({ intact: true, chainTrusted: false, problems: ["signing.verify.untrusted"] });
  });

  test("a signing time outside the certificate's validity is reported", async () => {
    const old = issueCertificate({
      ca,
      commonName: chairName,
      organization: council,
      kind: "person",
      validFrom: new Date("2020-01-01Z"),
      validTo: new Date("2021-01-01Z"),
    });
    const bytes = await signPdf(await makePdf([["Văn bản"]]), { ...old, signingTime: chairTime, appearance: { page: 1, lines: [{ text: chairName }] } });
    const [report] = verifyPdfSignatures(bytes, { trustedRootsPem: [ca.certPem] });
    expect(report).toMatchObject({ intact: true, certValidAtSigning: false, problems: ["signing.verify.expiredAtSigning"] });
  });

  test("a /Contents that is not a CMS is reported as malformed, not as a crash", async () => {
    const bytes = Buffer.from(await signPdf(await makePdf([["Văn bản"]]), asChair()));
    const contents = bytes.indexOf("/Contents <30", 0, "latin1") + "/Contents <".length;
    bytes.write("0000", contents, "latin1");
    const [report] = verifyPdfSignatures(bytes, { trustedRootsPem: [ca.certPem] });
    expect(report).toMatchObject({ intact: false, problems: ["signing.verify.malformed"] });
  });

  test("an unsigned PDF has no signatures; a file that is not a PDF is refused", async () => {
    expect(verifyPdfSignatures(await makePdf([["Chưa ký"]]), { trustedRootsPem: [ca.certPem] })).toEqual([]);
    expect(() => verifyPdfSignatures(new TextEncoder().encode("PK\x03\x04 không phải PDF"), { trustedRootsPem: [] })).toThrow(
      expect.objectContaining({ code: "invalid", message: "signing.errors.notPdf" }),
    );
  });

  test("a password-protected file, a missing page and a key that is not the certificate's are refused", async () => {
    const plain = join(dir, "to-lock.pdf");
    writeFileSync(plain, await makePdf([["Mật"]]));
    const locked = readFileSync(encrypt(plain, join(dir, "locked.pdf")));
    await expect(signPdf(locked, asChair())).rejects.toMatchObject({ code: "invalid", message: "signing.errors.encrypted" });
    await expect(signPdf(await makePdf([["Một trang"]]), asChair(3))).rejects.toMatchObject({ message: "signing.errors.noSuchPage", params: { page: 3 } });
    await expect(signPdf(await makePdf([["Văn bản"]]), { ...asChair(), keyPem: agency.keyPem })).rejects.toMatchObject({
      message: "signing.errors.keyMismatch",
    });
  });

  test("signing a file that is not a PDF is refused with a clear key", async () => {
    await expect(signPdf(new TextEncoder().encode("không phải PDF"), asChair())).rejects.toMatchObject({ code: "invalid", message: "signing.errors.notPdf" });
  });
});

describe("harder inputs", () => {
  test("on a page turned 90°, the signature block reads upright", async () => {
    const input = await makeMixedPdf([
      { label: "Trang dọc", mediaBox: [0, 0, 595, 842] },
      { label: "Bảng ngang xoay", mediaBox: [0, 0, 595, 842], rotate: 90 },
    ]);
    const { secondPath } = await signTwice(input, "rotated", 2);
    expect(pdfsig(secondPath).map((b) => b.valid)).toEqual([true, true]);
    // pdftotext lays out text as the page is shown; sideways text would come out one letter per line.
    const text = execFileSync("pdftotext", ["-layout", "-f", "2", "-l", "2", secondPath, "-"], { encoding: "utf8" }).normalize("NFC");
    for (const line of [...chairLines(chairTime), ...agencyLines(agencyTime)]) expect(text).toContain(line.text);
    // And in the page as shown, our words run left to right (wider than tall); the page's own label, drawn in the
    // unrotated frame, is the sideways control.
    const words = wordBoxes(secondPath, 2);
    const ours = words.filter((w) => w.text === "ĐỒNG");
    expect(ours).toHaveLength(3); // twice in the council's line, once in the chair's
    expect(ours.every((w) => w.width > w.height)).toBe(true);
    expect(words.find((w) => w.text === "Bảng")!.height).toBeGreaterThan(words.find((w) => w.text === "Bảng")!.width);
  });

  test.each([
    ["object streams (as uploads are normalised)", "--object-streams=generate", "/ObjStm"],
    ["a linearized file", "--linearize", "/Linearized"],
  ])("%s: signs twice and verifies", async (_label, qpdfOption, marker) => {
    const plain = join(dir, "plain.pdf");
    const rewritten = join(dir, `rewritten${qpdfOption}.pdf`);
    writeFileSync(plain, await makePdf([["NGHỊ QUYẾT"], ["Trang hai"]]));
    execFileSync("qpdf", [qpdfOption, plain, rewritten]);
    expect(readFileSync(rewritten, "latin1")).toContain(marker);
    const { second, secondPath } = await signTwice(readFileSync(rewritten), `rewritten${qpdfOption}`);
    const blocks = pdfsig(secondPath);
    expect(blocks.map((b) => [b.valid, b.total])).toEqual([
      [true, false],
      [true, true],
    ]);
    expect(verifyPdfSignatures(second, { trustedRootsPem: [ca.certPem] }).map((r) => r.intact && r.chainTrusted)).toEqual([true, true]);
    for (const line of chairLines(chairTime)) expect(pdftotext(secondPath)).toContain(line.text);
  });

  test("a handwritten signature image is drawn in the box", async () => {
    const png = await pngOfInk();
    const bytes = await signPdf(await makePdf([["Văn bản"]]), { ...asChair(), appearance: { page: 1, lines: chairLines(chairTime), image: png } });
    const path = join(dir, "with-image.pdf");
    writeFileSync(path, bytes);
    expect(pdfsig(path).map((b) => b.valid)).toEqual([true]);
    expect(execFileSync("pdfimages", ["-list", path], { encoding: "utf8" })).toMatch(/\n\s*1\s+\d+\s+image/);
  });
});

describe("file to file (signPdfFile, for large files: the input is never held twice)", () => {
  test.each([
    ["classic xref", []],
    ["object streams (as uploads are normalised)", ["--object-streams=generate"]],
  ])("%s: chair then council, each output starts with its input byte for byte, both signatures valid", async (label, qpdfOptions) => {
    const name = `file-${qpdfOptions.length}`;
    const plain = join(dir, `${name}-plain.pdf`);
    const input = join(dir, `${name}-0.pdf`);
    writeFileSync(plain, await makePdf([["NGHỊ QUYẾT", "Về dự toán ngân sách địa phương năm 2027"], ["Trang hai"]]));
    execFileSync("qpdf", [...qpdfOptions, plain, input]);
    if (qpdfOptions.length > 0) expect(readFileSync(input, "latin1")).toContain("/ObjStm");
    const firstPath = join(dir, `${name}-1.pdf`);
    const secondPath = join(dir, `${name}-2.pdf`);

    const first = await signPdfFile(input, firstPath, asChair());
    const second = await signPdfFile(firstPath, secondPath, asAgency());

    expect(first.size).toBe(statSync(firstPath).size);
    expect(second.size).toBe(statSync(secondPath).size);
    for (const [before, after] of [
      [input, firstPath],
      [firstPath, secondPath],
    ] as const) {
      const [prefix, whole] = [readFileSync(before), readFileSync(after)];
      expect(whole.length).toBeGreaterThan(prefix.length);
      expect(whole.subarray(0, prefix.length).equals(prefix), `${label}: ${after} starts with ${before}`).toBe(true);
    }
    expect(pdfsig(secondPath).map((b) => [b.valid, b.total])).toEqual([
      [true, false],
      [true, true],
    ]);
    // The appended revisions' xref sections (tables or streams, each with /Prev) must hold up in a strict reader too.
    expect(spawnSync("qpdf", ["--check", secondPath], { encoding: "utf8" }).status).toBe(0);
    const reports = verifyPdfSignatures(readFileSync(secondPath), { trustedRootsPem: [ca.certPem] });
    expect(reports.map((r) => [r.intact, r.chainTrusted, r.fieldName.slice(0, 6)])).toEqual([
      [true, true, "Sig_1_"],
      [true, true, "Sig_2_"],
    ]);
    const text = pdftotext(secondPath);
    for (const line of [...chairLines(chairTime), ...agencyLines(agencyTime)]) expect(text).toContain(line.text.normalize("NFC"));
  });

  test("writes the very bytes signPdf returns (one implementation behind both)", async () => {
    const input = join(dir, "same-0.pdf");
    const output = join(dir, "same-1.pdf");
    writeFileSync(input, await makePdf([["Văn bản"]]));
    const options = { ...asChair(), fieldName: "Sig_1_cotinh" };
    await signPdfFile(input, output, options);
    expect(readFileSync(output).equals(Buffer.from(await signPdf(readFileSync(input), options)))).toBe(true);
  });

  test("a refused signature leaves no output file; the output may not be the input", async () => {
    const input = join(dir, "refused-0.pdf");
    const output = join(dir, "refused-1.pdf");
    writeFileSync(input, await makePdf([["Một trang"]]));
    await expect(signPdfFile(input, output, asChair(3))).rejects.toMatchObject({ message: "signing.errors.noSuchPage" });
    expect(existsSync(output)).toBe(false);
    await expect(signPdfFile(input, input, asChair())).rejects.toThrow(/different file/);
    expect(pdfsig(input)).toEqual([]);
  });
});

/** Each word of a page with its box as the page is shown (pdftotext -bbox works in the rotated page's space). */
function wordBoxes(path: string, page: number) {
  const xml = execFileSync("pdftotext", ["-bbox", "-f", String(page), "-l", String(page), path, "-"], { encoding: "utf8" });
  return [...xml.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({
    text: m[5]!.normalize("NFC"),
    width: Number(m[3]) - Number(m[1]),
    height: Number(m[4]) - Number(m[2]),
  }));
}

/** A small PNG standing in for a scanned handwritten signature: a page with a name, rendered by pdftoppm. */
async function pngOfInk() {
  const path = join(dir, "ink.pdf");
  writeFileSync(path, await makePdf([["Ánh Tuyết"]]));
  execFileSync("pdftoppm", ["-png", "-r", "20", "-singlefile", path, join(dir, "ink")]);
  return new Uint8Array(readFileSync(join(dir, "ink.png")));
}
