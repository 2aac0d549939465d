import { rgb, type PDFDocument, type PDFFont } from "pdf-lib";

/**
 * Page numbers as Nghị định 30/2020 places them: Arabic numerals, 13–14 pt upright, centred in the top margin, none
 * on the first page.
 */
export function numberPages(doc: PDFDocument, options: { font: PDFFont; topMargin: number; size?: number }): void {
  const size = options.size ?? 13;
  doc.getPages().forEach((page, index) => {
    if (index === 0) return;
    const label = String(index + 1);
    const { width, height } = page.getSize();
    const x = (width - options.font.widthOfTextAtSize(label, size)) / 2;
    page.drawText(label, { x, y: height - options.topMargin / 2 - size / 3, font: options.font, size, color: rgb(0, 0, 0) });
  });
}
