import { readFile, truncate, writeFile, stat } from "node:fs/promises";
import { PDFDocument, PDFHexString, PDFName } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeTempDir, qpdf, writeSamplePdf } from "../../tests/fixtures/pdf";
import { intakePdf } from "./intake-pdf.server";
import { qpdfAvailable } from "./qpdf.server";

let tmp: Awaited<ReturnType<typeof makeTempDir>>;
let sample: string;

beforeAll(async () => {
  tmp = await makeTempDir();
  sample = tmp.path("sample.pdf");
  await writeSamplePdf(sample);
});
afterAll(() => tmp.remove());

async function truncatedCopy(source: string, name: string, fraction: number) {
  const target = tmp.path(name);
  await writeFile(target, await readFile(source));
  await truncate(target, Math.floor((await stat(target)).size * fraction));
  return target;
}

/** A PDF whose signature field holds a signature dictionary, as a signing tool leaves it (the CMS bytes are fake). */
async function writeSignedPdf(path: string, options: { signed: boolean }) {
  const doc = await PDFDocument.create();
  const page = doc.addPage();
  const context = doc.context;
  const value = options.signed
    ? context.register(
        context.obj({
          Type: "Sig",
          Filter: "Adobe.PPKLite",
          SubFilter: "ETSI.CAdES.detached",
          ByteRange: [0, 100, 200, 300],
          Contents: PDFHexString.of("00".repeat(64)),
        }),
      )
    : undefined;
  const field = context.register(
    context.obj({
      Type: "Annot",
      Subtype: "Widget",
      FT: "Sig",
      Rect: [0, 0, 0, 0],
      T: PDFHexString.fromText("Chữ ký Chủ tịch"),
      P: page.ref,
      ...(value ? { V: value } : {}),
    }),
  );
  page.node.addAnnot(field);
  doc.catalog.set(PDFName.of("AcroForm"), context.obj({ Fields: [field], SigFlags: 3 }));
  await writeFile(path, await doc.save({ useObjectStreams: false }));
}

let outputs = 0;
/** Takes the file in, to a fresh output path. */
function take(path: string) {
  return intakePdf(path, tmp.path(`out-${++outputs}.pdf`));
}
const clean = (pageCount: number, signed = false) => ({ ok: true, kind: "clean", notes: [], pageCount, signed, rewritten: !signed });

describe("intakePdf", () => {
  it("knows qpdf is installed here (CI installs it too)", async () => {
    expect(await qpdfAvailable()).toBe(true);
  });

  it("accepts a good PDF and counts its pages", async () => {
    expect(await take(sample)).toEqual(clean(5));
  });

  it("accepts a PDF with object streams", async () => {
    const path = tmp.path("object-streams.pdf");
    await writeSamplePdf(path, { pages: 7, useObjectStreams: true });
    expect(await take(path)).toEqual(clean(7));
  });

  it("refuses a Word document renamed .pdf, an empty file and plain text", async () => {
    const docx = tmp.path("bao-cao.pdf");
    await writeFile(docx, Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]), Buffer.alloc(2000, 1)]));
    const empty = tmp.path("empty.pdf");
    await writeFile(empty, "");
    const text = tmp.path("text.pdf");
    await writeFile(text, "Tờ trình về dự toán ngân sách\n");
    expect(await take(docx)).toEqual({ ok: false, reason: "not_pdf" });
    expect(await take(empty)).toEqual({ ok: false, reason: "not_pdf" });
    expect(await take(text)).toEqual({ ok: false, reason: "not_pdf" });
  });

  it("accepts a few stray bytes before the header, as every viewer does", async () => {
    const path = tmp.path("prefixed.pdf");
    await writeFile(path, Buffer.concat([Buffer.from("\r\n\r\n"), await readFile(sample)]));
    expect(await take(path)).toMatchObject({ ok: true, pageCount: 5 });
  });

  it("refuses a PDF cut at 60% of its length", async () => {
    expect(await take(await truncatedCopy(sample, "cut.pdf", 0.6))).toEqual({ ok: false, reason: "damaged" });
  });

  it("refuses a cut file that qpdf rebuilds without its pages, as damaged", async () => {
    const linearized = tmp.path("linearized.pdf");
    await qpdf(["--linearize", sample, linearized]);
    const cut = await truncatedCopy(linearized, "linearized-cut.pdf", 0.8);
    // qpdf alone only warns about this file (exit 3): it "recovers" a document, but not one with a page 1.
    await expect(qpdf(["--check", cut])).rejects.toMatchObject({ code: 3 });
    const output = tmp.path("linearized-cut.out.pdf");
    expect(await intakePdf(cut, output)).toEqual({ ok: false, reason: "damaged" });
  });

  it("repairs a file whose cross-reference table is gone, and says so", async () => {
    const text = (await readFile(sample)).toString("latin1");
    const path = tmp.path("no-xref.pdf");
    await writeFile(path, Buffer.from(text.slice(0, text.lastIndexOf("xref")) + "%%EOF\n", "latin1"));
    const output = tmp.path("no-xref.out.pdf");
    expect(await intakePdf(path, output)).toEqual({ ok: true, kind: "repaired", notes: [{ key: "repaired" }], pageCount: 5, signed: false, rewritten: true });
    await expect(qpdf(["--check", output])).resolves.toBeDefined();
  });

  it("repairs a PDF whose cross-reference offsets are wrong (a tool inserted a line)", async () => {
    const bytes = await readFile(sample);
    const afterHeader = bytes.indexOf(0x0a) + 1;
    const shifted = tmp.path("shifted.pdf");
    await writeFile(shifted, Buffer.concat([bytes.subarray(0, afterHeader), Buffer.from("% inserted\n"), bytes.subarray(afterHeader)]));
    expect(await take(shifted)).toMatchObject({ ok: true, kind: "repaired", pageCount: 5 });
  });

  it("repairs a stream length off by a few bytes, and says so", async () => {
    const text = (await readFile(sample)).toString("latin1");
    const match = /\/Length (\d+)/.exec(text)!;
    const wrong = text.slice(0, match.index) + `/Length ${Number(match[1]) + 3}` + text.slice(match.index + match[0].length);
    const path = tmp.path("bad-length.pdf");
    await writeFile(path, Buffer.from(wrong, "latin1"));
    await expect(qpdf(["--check", path])).rejects.toMatchObject({ code: 3 });
    expect(await take(path)).toMatchObject({ ok: true, kind: "repaired", pageCount: 5, signed: false });
  });

  it("refuses a header followed by garbage", async () => {
    const path = tmp.path("garbage.pdf");
    await writeFile(path, "%PDF-1.7\n" + "x".repeat(5000));
    expect(await take(path)).toEqual({ ok: false, reason: "damaged" });
  });

  it("refuses a password-protected PDF", async () => {
    const path = tmp.path("password.pdf");
    await qpdf(["--encrypt", "user", "owner", "256", "--", sample, path]);
    expect(await take(path)).toEqual({ ok: false, reason: "encrypted" });
  });

  it("accepts a PDF restricted by an owner password only, and stores it decrypted: it opens without one", async () => {
    const path = tmp.path("owner-only.pdf");
    await qpdf(["--encrypt", "", "owner", "256", "--print=none", "--", sample, path]);
    const output = tmp.path("owner-only.out.pdf");
    expect(await intakePdf(path, output)).toEqual({ ok: true, kind: "decrypted", notes: [{ key: "decrypted" }], pageCount: 5, signed: false, rewritten: true });
    const { stdout } = await qpdf(["--show-encryption", output]);
    expect(stdout).toMatch(/File is not encrypted/);
  });

  it("accepts widgets without a form (no /AcroForm): not signed", async () => {
    const doc = await PDFDocument.create();
    const page = doc.addPage();
    page.node.addAnnot(doc.context.register(doc.context.obj({ Type: "Annot", Subtype: "Widget", FT: "Tx", Rect: [50, 50, 200, 80], T: PDFHexString.fromText("Họ tên") })));
    const path = tmp.path("widget.pdf");
    await writeFile(path, await doc.save());
    expect(await take(path)).toEqual(clean(1));
  });

  it("reports a signed PDF, but not an empty signature field", async () => {
    const signed = tmp.path("signed.pdf");
    await writeSignedPdf(signed, { signed: true });
    const placeholder = tmp.path("placeholder.pdf");
    await writeSignedPdf(placeholder, { signed: false });
    expect(await take(signed)).toEqual(clean(1, true));
    expect(await take(placeholder)).toEqual(clean(1));
  });

  it("fails loudly on a file that does not exist", async () => {
    await expect(take(tmp.path("missing.pdf"))).rejects.toThrow(/ENOENT/);
  });
});
