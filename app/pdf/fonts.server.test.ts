import { writeFile } from "node:fs/promises";
import { PDFDocument } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeTempDir, pdftotext, renderGray } from "../../tests/fixtures/pdf";
import { embedVietnameseFont, loadFontBytes } from "./fonts.server";

let tmp: Awaited<ReturnType<typeof makeTempDir>>;
beforeAll(async () => {
  tmp = await makeTempDir();
});
afterAll(() => tmp.remove());

describe("embedVietnameseFont", () => {
  it("draws Vietnamese that renders (not blank glyphs) and copies back exactly", async () => {
    const doc = await PDFDocument.create();
    const page = doc.addPage([595.28, 841.89]);
    const font = await embedVietnameseFont(doc, "bold");
    // Decomposed input (as some keyboards and macOS file names produce) must come out composed.
    const text = "Đặng Văn Lợi, Nguyễn Thị Ánh Tuyết: ạ ệ ọ ữ ỹ";
    page.drawText(text.normalize("NFD").normalize("NFC"), { x: 40, y: 400, size: 22, font });
    const path = tmp.path("font.pdf");
    const bytes = await doc.save();
    await writeFile(path, bytes);

    expect(await pdftotext(path)).toContain(text);
    const image = await renderGray(path, 1);
    expect(image.inkIn({ left: 0, top: 0.45, right: 1, bottom: 0.55 })).toBeGreaterThan(0.01);
    // Subset: the file holds a few glyphs, not the ~500 KB face.
    expect(bytes.length).toBeLessThan(60_000);
  });

  it("embeds each face once per document and reads each file once per process", async () => {
    const doc = await PDFDocument.create();
    const [a, b] = await Promise.all([embedVietnameseFont(doc, "regular"), embedVietnameseFont(doc, "regular")]);
    // Identity checks as booleans: a failing toBe on two PDFFonts would print the whole font.
    expect(a === b).toBe(true);
    expect((await embedVietnameseFont(doc, "italic")) === a).toBe(false);
    expect((await embedVietnameseFont(await PDFDocument.create(), "regular")) === a).toBe(false);
    expect(loadFontBytes("regular") === loadFontBytes("regular")).toBe(true);
    expect((await loadFontBytes("boldItalic")).length).toBeGreaterThan(100_000);
  });
});
