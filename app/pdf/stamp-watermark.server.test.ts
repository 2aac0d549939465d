import { readFile, writeFile } from "node:fs/promises";
import { PDFDict, PDFDocument, PDFName, PDFNumber, degrees } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeTempDir, pdfWords, pdftotext, qpdf, writeSamplePdf } from "../../tests/fixtures/pdf";
import { embedVietnameseFont } from "./fonts.server";
import { stampWatermark, watermarkPdfFile } from "./stamp-watermark.server";

let tmp: Awaited<ReturnType<typeof makeTempDir>>;
beforeAll(async () => {
  tmp = await makeTempDir();
});
afterAll(() => tmp.remove());

const reader = "Nguyễn Thị Ánh Tuyết";
const downloaded = "Tải về lúc 10:32, 24/11/2026";

type Frame = { left: number; top: number; right: number; bottom: number };

/**
 * Pages of every shape a real upload has: sizes, rotations, an offset crop box, a producer's unbalanced `cm`.
 * Returns each page's visible area as poppler reports positions: after /Rotate, origin top-left of the media box.
 */
async function writeMixedPdf(path: string): Promise<Frame[]> {
  const doc = await PDFDocument.create();
  const font = await embedVietnameseFont(doc);
  const add = (size: [number, number], label: string, rotation = 0) => {
    const page = doc.addPage(size);
    page.setRotation(degrees(rotation));
    page.drawText(label, { x: 60, y: size[1] - 80, size: 12, font });
    return page;
  };
  const portrait: Frame = { left: 0, top: 0, right: 595.28, bottom: 841.89 };
  const landscape: Frame = { left: 0, top: 0, right: 841.89, bottom: 595.28 };
  add([595.28, 841.89], "A4 dọc");
  add([841.89, 595.28], "A4 ngang");
  add([595.28, 841.89], "A4 xoay 90", 90);
  add([595.28, 841.89], "A4 xoay 180", 180);
  add([595.28, 841.89], "A4 xoay 270", 270);
  const cropped = add([600, 900], "A5 trong khung cắt");
  cropped.setCropBox(100, 150, 419.53, 595.28);
  const scaled = add([595.28, 841.89], "cm không cân bằng");
  // A content stream that scales everything after it and never restores: the stamp must not be scaled too.
  scaled.node.addContentStream(doc.context.register(doc.context.stream("0.25 0 0 0.25 0 0 cm")));
  await writeFile(path, await doc.save({ useObjectStreams: false }));
  const a5: Frame = { left: 100, top: 900 - 150 - 595.28, right: 100 + 419.53, bottom: 900 - 150 };
  return [portrait, landscape, landscape, portrait, landscape, a5, portrait];
}

describe("stampWatermark", () => {
  it("puts the reader's name, readable, at the bottom of every page whatever its size or rotation", async () => {
    const input = tmp.path("mixed.pdf");
    const frames = await writeMixedPdf(input);
    const output = tmp.path("mixed.watermarked.pdf");
    await writeFile(output, await watermarkPdfFile(input, [reader, downloaded]));
    await qpdf(["--check", output]);

    for (const [index, frame] of frames.entries()) {
      const page = index + 1;
      expect(await pdftotext(output, { page })).toContain(reader);
      // The footer as the reader sees it: one horizontal line, centred, in the bottom margin of the visible area.
      const { words } = await pdfWords(output, page);
      const footer = words.filter((word) => word.yMin > frame.bottom - 30 && word.yMax <= frame.bottom);
      expect(footer.map((word) => word.text).join(" "), `page ${page}`).toBe(`${reader} – ${downloaded}`);
      const top = Math.min(...footer.map((word) => word.yMin));
      expect(footer.every((word) => Math.abs(word.yMin - top) < 1)).toBe(true);
      const left = Math.min(...footer.map((word) => word.xMin));
      const right = Math.max(...footer.map((word) => word.xMax));
      expect(Math.abs((left + right) / 2 - (frame.left + frame.right) / 2), `page ${page}`).toBeLessThan(2);
      expect(left).toBeGreaterThan(frame.left);
      expect(right).toBeLessThan(frame.right);

      // The diagonal: large glyphs (poppler boxes each one; the 12 pt labels are smaller) filling the visible area
      // around its centre, inside it, rising from the bottom-left ("N" of the name) to the top-right as the reader
      // sees the page. Poppler's boxes of slanted glyphs are loose, hence the 5% tolerance on the centre.
      const diagonal = words.filter((word) => word.xMax - word.xMin > 20 && word.yMax - word.yMin > 15);
      const box = {
        left: Math.min(...diagonal.map((word) => word.xMin)),
        right: Math.max(...diagonal.map((word) => word.xMax)),
        top: Math.min(...diagonal.map((word) => word.yMin)),
        bottom: Math.max(...diagonal.map((word) => word.yMax)),
      };
      const width = frame.right - frame.left;
      const height = frame.bottom - frame.top;
      expect(box.left).toBeGreaterThanOrEqual(frame.left);
      expect(box.right).toBeLessThanOrEqual(frame.right);
      expect(box.top).toBeGreaterThanOrEqual(frame.top);
      expect(box.bottom).toBeLessThanOrEqual(frame.bottom);
      expect(box.right - box.left).toBeGreaterThan(0.6 * width);
      expect(box.bottom - box.top).toBeGreaterThan(0.6 * height);
      expect(Math.abs((box.left + box.right) / 2 - (frame.left + frame.right) / 2)).toBeLessThan(0.05 * width);
      expect(Math.abs((box.top + box.bottom) / 2 - (frame.top + frame.bottom) / 2)).toBeLessThan(0.05 * height);
      const first = diagonal.find((word) => word.text.startsWith("N"))!;
      expect(first.xMax, `page ${page}`).toBeLessThan(frame.left + width / 2);
      expect(first.yMin, `page ${page}`).toBeGreaterThan(frame.top + height / 2);
    }
  });

  it("draws the diagonal faint and the footer legible", async () => {
    const input = tmp.path("opacity.pdf");
    await writeSamplePdf(input, { pages: 1 });
    const doc = await PDFDocument.load(await readFile(input));
    await stampWatermark(doc, { lines: [reader] });
    const states = doc.getPage(0).node.normalizedEntries().ExtGState;
    const opacities = states.keys().map((key) => states.lookup(key, PDFDict).lookup(PDFName.of("ca"), PDFNumber).asNumber());
    expect(opacities.sort()).toEqual([0.17, 0.6]);
  });

  it("keeps the existing text and Vietnamese names with every diacritic", async () => {
    const input = tmp.path("sample.pdf");
    await writeSamplePdf(input);
    const doc = await PDFDocument.load(await readFile(input));
    await stampWatermark(doc, { lines: ["Đặng Văn Lợi", "Tải về lúc 08:05, 01/02/2026"] });
    const output = tmp.path("sample.watermarked.pdf");
    await writeFile(output, await doc.save());
    const text = await pdftotext(output, { page: 3 });
    expect(text).toContain("Đặng Văn Lợi – Tải về lúc 08:05, 01/02/2026");
    expect(text).toContain("Dự toán ngân sách địa phương năm 2027");
  });

  it("stamps a file restricted by an owner password (accepted on upload)", async () => {
    const plain = tmp.path("plain.pdf");
    const restricted = tmp.path("restricted.pdf");
    await writeSamplePdf(plain);
    await qpdf(["--encrypt", "", "owner", "256", "--print=none", "--", plain, restricted]);
    const output = tmp.path("restricted.watermarked.pdf");
    await writeFile(output, await watermarkPdfFile(restricted, [reader, downloaded]));
    const text = await pdftotext(output, { page: 3 });
    expect(text).toContain(reader);
    expect(text).toContain("Dự toán ngân sách địa phương năm 2027");
  });

  it("appends the stamp as an incremental update, so a signed file's signed bytes stay as they were", async () => {
    const input = tmp.path("signed-like.pdf");
    await writeSamplePdf(input, { useObjectStreams: true });
    const original = await readFile(input);
    const stamped = await watermarkPdfFile(input, [reader]);
    expect(stamped.length).toBeGreaterThan(original.length);
    expect(Buffer.from(stamped.subarray(0, original.length)).equals(original)).toBe(true);
    const output = tmp.path("signed-like.watermarked.pdf");
    await writeFile(output, stamped);
    await qpdf(["--check", output]);
    expect(await pdftotext(output, { page: 5 })).toContain(reader);
  });
});
