import { writeFile } from "node:fs/promises";
import { PDFDocument, PDFHexString, PDFName } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeTempDir, qpdf, samplePage3Text, writeSamplePdf } from "../../tests/fixtures/pdf";
import { extractText } from "./extract-text.server";

let tmp: Awaited<ReturnType<typeof makeTempDir>>;
let sample: string;

beforeAll(async () => {
  tmp = await makeTempDir();
  sample = tmp.path("sample.pdf");
  await writeSamplePdf(sample);
});
afterAll(() => tmp.remove());

/**
 * Text in a CID font without a ToUnicode map, in a predefined CMap (codes are UCS-2, /UniJIS-UCS2-H): PDF.js can only
 * turn the codes back into text by loading that CMap from cMapUrl, as with files from older office software.
 */
async function writePredefinedCMapPdf(path: string, text: string) {
  const doc = await PDFDocument.create();
  const page = doc.addPage([595.28, 841.89]);
  const context = doc.context;
  const descendant = context.register(
    context.obj({
      Type: "Font",
      Subtype: "CIDFontType0",
      BaseFont: "KozMinPr6N-Regular",
      CIDSystemInfo: { Registry: PDFHexString.fromText("Adobe"), Ordering: PDFHexString.fromText("Japan1"), Supplement: 6 },
      FontDescriptor: context.register(
        context.obj({ Type: "FontDescriptor", FontName: "KozMinPr6N-Regular", Flags: 4, FontBBox: [0, -200, 1000, 900], ItalicAngle: 0, Ascent: 880, Descent: -120, CapHeight: 700, StemV: 80 }),
      ),
    }),
  );
  const font = context.register(
    context.obj({ Type: "Font", Subtype: "Type0", BaseFont: "KozMinPr6N-Regular", Encoding: "UniJIS-UCS2-H", DescendantFonts: [descendant] }),
  );
  page.node.setFontDictionary(PDFName.of("F1"), font);
  const hex = [...text].map((c) => c.charCodeAt(0).toString(16).padStart(4, "0")).join("");
  const content = context.stream(`BT /F1 14 Tf 72 700 Td <${hex}> Tj ET`);
  page.node.set(PDFName.of("Contents"), context.register(content));
  await writeFile(path, await doc.save({ useObjectStreams: false }));
}

describe("extractText", () => {
  it("reads each page's text in order, Vietnamese intact (NFC)", async () => {
    const pages: [number, string][] = [];
    const result = await extractText(sample, (page, text) => {
      pages.push([page, text]);
    });
    expect(result).toEqual({ pageCount: 5 });
    expect(pages.map(([page]) => page)).toEqual([1, 2, 3, 4, 5]);
    const page3 = pages[2][1];
    expect(page3).toContain("ngân sách");
    expect(page3).toBe(`Trang 3\n${samplePage3Text}`);
    expect(page3).toBe(page3.normalize("NFC"));
    expect(pages[0][1]).toBe("Trang 1");
  });

  it("waits for an async handler before giving it the next page", async () => {
    const events: string[] = [];
    await extractText(sample, async (page) => {
      events.push(`start ${page}`);
      await new Promise((resolve) => setTimeout(resolve, page === 1 ? 30 : 1));
      events.push(`end ${page}`);
    });
    expect(events).toEqual([1, 2, 3, 4, 5].flatMap((page) => [`start ${page}`, `end ${page}`]));
  });

  it("loads predefined CMaps from pdfjs-dist in Node", async () => {
    const path = tmp.path("cmap.pdf");
    await writePredefinedCMapPdf(path, "Ngan sach 2027");
    const texts: string[] = [];
    await extractText(path, (_page, text) => {
      texts.push(text);
    });
    expect(texts).toEqual(["Ngan sach 2027"]);
  });

  it("rejects when the handler throws, and stops", async () => {
    const seen: number[] = [];
    await expect(
      extractText(sample, (page) => {
        seen.push(page);
        if (page === 2) throw new Error("index full");
      }),
    ).rejects.toThrow("index full");
    expect(seen).toEqual([1, 2]);
  });

  it("rejects a file PDF.js cannot open", async () => {
    const garbage = tmp.path("garbage.pdf");
    await writeFile(garbage, "%PDF-1.7\n" + "x".repeat(5000));
    await expect(extractText(garbage, () => {})).rejects.toThrow(/extractText: \w+/);

    const locked = tmp.path("locked.pdf");
    await qpdf(["--encrypt", "user", "owner", "256", "--", sample, locked]);
    await expect(extractText(locked, () => {})).rejects.toThrow(/PasswordException/);
  });
});
