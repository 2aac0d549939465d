// Marks every page of a confidential document with who downloaded it and when: a large faint diagonal across the
// page and a small line in the bottom margin. Both are real text in Tinos, so the reader's name can be found in the
// file (pdftotext, a viewer's search) and a leaked copy traced; the footer line, being horizontal, reads back exactly.
import { readFile } from "node:fs/promises";
import { PDFDocument, degrees, grayscale, type PDFFont, type PDFPage } from "pdf-lib";
import { embedVietnameseFont } from "./fonts.server";

export type WatermarkOptions = { lines: string[] };

const diagonalOpacity = 0.17;
const footerOpacity = 0.6;
const lineGap = 1.25; // line height as a multiple of the font size
const maxDiagonalSize = 72;

export async function stampWatermark(doc: PDFDocument, options: WatermarkOptions): Promise<void> {
  const lines = options.lines.map((line) => line.normalize("NFC").trim()).filter(Boolean);
  if (lines.length === 0) return;
  const font = await embedVietnameseFont(doc, "regular");
  for (const page of doc.getPages()) stampPage(page, font, lines);
}

/**
 * Loads a PDF file, stamps it and returns the new bytes, for the download of a confidential document.
 *
 * The stamp is appended as an incremental update: the file's original bytes come first, unchanged, so the digital
 * signatures of a signed document still verify for the revision they signed (validators then report a later change,
 * which is what happened).
 * Memory: pdf-lib parses the whole file, so this holds the file plus its parsed objects (about 2–3× the file size)
 * until it returns; confidential documents are text documents of a few MB, not the 200 MB scans of an annex.
 */
export async function watermarkPdfFile(path: string, lines: string[]): Promise<Uint8Array> {
  const bytes = await readFile(path);
  const doc = await PDFDocument.load(bytes, { forIncrementalUpdate: true, ignoreEncryption: true, updateMetadata: false });
  if (!doc.isEncrypted) {
    await stampWatermark(doc, { lines });
    return doc.commit();
  }
  // Encrypted with an owner password only (stored so before uploads were decrypted, issue #11; a user password was
  // always refused): opened with the empty password and saved whole, decrypted, so that file's print/copy restrictions
  // do not carry over.
  const decrypted = await PDFDocument.load(bytes, { password: "", updateMetadata: false });
  await stampWatermark(decrypted, { lines });
  return decrypted.save();
}

// A page's content is drawn in its unrotated frame, then the viewer turns the page clockwise by /Rotate. Positions are
// computed in the frame the reader sees (u right, v up, origin bottom-left of the visible crop box) and mapped back.
type View = { width: number; height: number; toPage: (u: number, v: number) => { x: number; y: number }; rotation: number };

function viewOf(page: PDFPage): View {
  const { x, y, width, height } = page.getCropBox();
  const rotation = (((Math.round(page.getRotation().angle / 90) * 90) % 360) + 360) % 360;
  switch (rotation) {
    case 90:
      return { width: height, height: width, rotation, toPage: (u, v) => ({ x: x + width - v, y: y + u }) };
    case 180:
      return { width, height, rotation, toPage: (u, v) => ({ x: x + width - u, y: y + height - v }) };
    case 270:
      return { width: height, height: width, rotation, toPage: (u, v) => ({ x: x + v, y: y + height - u }) };
    default:
      return { width, height, rotation: 0, toPage: (u, v) => ({ x: x + u, y: y + v }) };
  }
}

function stampPage(page: PDFPage, font: PDFFont, lines: string[]) {
  // pdf-lib wraps the page's existing content in q … Q before appending (autoNormalizeCTM), so a producer's
  // unbalanced `cm` cannot move or scale the stamp; a test covers it.
  const view = viewOf(page);
  const color = grayscale(0.35);

  // Diagonal, from the bottom-left towards the top-right corner as the reader sees the page, as large as fits.
  const angle = Math.atan2(view.height, view.width);
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const widestAt1 = Math.max(...lines.map((line) => font.widthOfTextAtSize(line, 1)));
  const blockAt1 = lines.length * lineGap;
  const size = Math.min(
    maxDiagonalSize,
    (0.85 * view.width) / (widestAt1 * cos + blockAt1 * sin),
    (0.85 * view.height) / (widestAt1 * sin + blockAt1 * cos),
  );
  const capHeight = font.heightAtSize(size, { descender: false });
  lines.forEach((line, index) => {
    // Line offsets in the text's own frame: centred along the diagonal, the block centred across it.
    const along = -font.widthOfTextAtSize(line, size) / 2;
    const across = ((lines.length - 1) / 2 - index) * size * lineGap - capHeight / 2;
    const u = view.width / 2 + along * cos - across * sin;
    const v = view.height / 2 + along * sin + across * cos;
    page.drawText(line, {
      ...view.toPage(u, v),
      font,
      size,
      color,
      opacity: diagonalOpacity,
      rotate: degrees((angle * 180) / Math.PI + view.rotation),
    });
  });

  // Footer: one horizontal line in the bottom margin, shrunk to fit narrow pages.
  const footer = lines.join(" – ");
  const margin = 18;
  const footerSize = Math.min(8, Math.max(5, view.width / 75), ((view.width - 2 * margin) / font.widthOfTextAtSize(footer, 1)));
  const footerWidth = font.widthOfTextAtSize(footer, footerSize);
  page.drawText(footer, {
    ...view.toPage((view.width - footerWidth) / 2, 10),
    font,
    size: footerSize,
    color,
    opacity: footerOpacity,
    rotate: degrees(view.rotation),
  });
}
