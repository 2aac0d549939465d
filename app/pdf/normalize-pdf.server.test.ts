import { randomBytes } from "node:crypto";
import { open, readFile, stat, writeFile } from "node:fs/promises";
import { PDFDocument, PDFRawStream, drawObject, popGraphicsState, pushGraphicsState, concatTransformationMatrix } from "pdf-lib";
import { getDocument, PDFDataRangeTransport } from "pdfjs-dist/legacy/build/pdf.mjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeTempDir, pdfPageCount, pdftotext, qpdf, samplePage3Text, writeSamplePdf } from "../../tests/fixtures/pdf";
import { embedVietnameseFont } from "./fonts.server";
import { normalizePdf } from "./normalize-pdf.server";

let tmp: Awaited<ReturnType<typeof makeTempDir>>;
beforeAll(async () => {
  tmp = await makeTempDir();
});
afterAll(() => tmp.remove());

/** A flat page tree with each page's dictionary far from the others (a 100 KB image between them), like a scan. */
async function writeScannedPdf(path: string, pages: number) {
  const doc = await PDFDocument.create();
  const font = await embedVietnameseFont(doc);
  for (let n = 1; n <= pages; n++) {
    const page = doc.addPage([595.28, 841.89]);
    page.drawText(`Trang ${n}`, { x: 72, y: 760, size: 14, font });
    const side = 320;
    const image = PDFRawStream.of(
      doc.context.obj({ Type: "XObject", Subtype: "Image", Width: side, Height: side, ColorSpace: "DeviceGray", BitsPerComponent: 8, Length: side * side }),
      randomBytes(side * side),
    );
    const name = page.node.newXObject("Im", doc.context.register(image));
    page.pushOperators(pushGraphicsState(), concatTransformationMatrix(300, 0, 0, 300, 72, 400), drawObject(name), popGraphicsState());
  }
  await writeFile(path, await doc.save({ useObjectStreams: false }));
}

/** How many 64 KiB range requests PDF.js makes before page 1 can be drawn, as in the browser viewer over HTTP Range. */
async function rangeRequestsForFirstPage(path: string) {
  const file = await open(path);
  const { size } = await file.stat();
  let requests = 0;
  class FileRanges extends PDFDataRangeTransport {
    override requestDataRange(begin: number, end: number) {
      requests++;
      const chunk = new Uint8Array(end - begin);
      void file.read(chunk, 0, chunk.length, begin).then(() => this.onDataRange(begin, chunk));
    }
  }
  const task = getDocument({
    range: new FileRanges(size, new Uint8Array(0)),
    rangeChunkSize: 65536,
    disableAutoFetch: true,
    disableStream: true,
    isEvalSupported: false,
    verbosity: 0,
  });
  try {
    const doc = await task.promise;
    await (await doc.getPage(1)).getOperatorList();
    return requests;
  } finally {
    await task.destroy();
    await file.close();
  }
}

describe("normalizePdf", () => {
  it("writes a valid PDF with the same pages and text", async () => {
    const input = tmp.path("sample.pdf");
    const output = tmp.path("sample.normalized.pdf");
    await writeSamplePdf(input);
    await normalizePdf(input, output);
    // qpdf --check exits 0 only with neither errors nor warnings (execFile rejects otherwise).
    await expect(qpdf(["--check", output])).resolves.toBeDefined();
    expect(await pdfPageCount(output)).toBe(5);
    expect(await pdftotext(output, { page: 3 })).toContain(samplePage3Text);
  });

  it("lets PDF.js show page 1 of a large scan after a handful of range requests", async () => {
    const input = tmp.path("scan.pdf");
    const output = tmp.path("scan.normalized.pdf");
    await writeScannedPdf(input, 40);
    await normalizePdf(input, output);
    expect(await pdfPageCount(output)).toBe(40);
    expect((await stat(output)).size).toBeGreaterThan(4_000_000);
    // The flat file needs a request per page dictionary; the normalised one finds them all in one object stream.
    expect(await rangeRequestsForFirstPage(input)).toBeGreaterThan(30);
    expect(await rangeRequestsForFirstPage(output)).toBeLessThanOrEqual(6);
  });

  it("decrypts an owner-password file when asked to", async () => {
    const plain = tmp.path("plain.pdf");
    const restricted = tmp.path("restricted.pdf");
    const output = tmp.path("restricted.normalized.pdf");
    await writeSamplePdf(plain);
    await qpdf(["--encrypt", "", "owner", "256", "--print=none", "--", plain, restricted]);
    expect(await normalizePdf(restricted, output, ["--decrypt"])).toBe(true);
    const { stdout } = await qpdf(["--show-encryption", output]);
    expect(stdout).toMatch(/File is not encrypted/);
    expect(await pdfPageCount(output)).toBe(5);
  });

  it("fails on a file qpdf cannot read and leaves no output behind", async () => {
    const input = tmp.path("garbage.pdf");
    const output = tmp.path("garbage.normalized.pdf");
    await writeFile(input, "%PDF-1.7\n" + "x".repeat(5000));
    expect(await normalizePdf(input, output)).toBe(false);
    await expect(readFile(output)).rejects.toMatchObject({ code: "ENOENT" });
  });

  it("refuses to overwrite its input", async () => {
    const input = tmp.path("same.pdf");
    await writeSamplePdf(input);
    await expect(normalizePdf(input, input)).rejects.toThrow(/different/);
  });
});
