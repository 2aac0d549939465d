// Top-to-bottom layout of a generated document on A4 pages with the margins of Nghị định 30/2020/NĐ-CP (top and
// bottom 20–25 mm, left 30–35 mm, right 15–20 mm): where the next line goes, and a new page when it does not fit.
import { rgb, type PDFDocument, type PDFFont, type PDFPage } from "pdf-lib";
import { wrapText } from "./wrap-text";

const mm = 72 / 25.4;

export const officialPage = {
  size: [210 * mm, 297 * mm] as [number, number],
  margin: { top: 20 * mm, bottom: 20 * mm, left: 30 * mm, right: 15 * mm },
  /** Body text: 13–14 pt; lines about 1.2 apart (the decree allows single to 1.5 spacing). */
  fontSize: 13,
  lineHeight: 16,
};

export const black = rgb(0, 0, 0);

export class PageFlow {
  page: PDFPage;
  /** The top of the next line, in points from the bottom of the page. */
  y: number;
  /** Runs on every page added after the first, e.g. to repeat a table's header row. */
  onNewPage?: () => void;
  readonly left = officialPage.margin.left;
  readonly right = officialPage.size[0] - officialPage.margin.right;
  readonly bottom = officialPage.margin.bottom;

  constructor(private readonly doc: PDFDocument) {
    this.page = doc.addPage(officialPage.size);
    this.y = this.top();
  }

  top() {
    return officialPage.size[1] - officialPage.margin.top;
  }

  newPage() {
    this.page = this.doc.addPage(officialPage.size);
    this.y = this.top();
    this.onNewPage?.();
  }

  fits(height: number) {
    return this.y - height >= this.bottom;
  }

  /** Starts a new page unless `height` fits on this one: for blocks that must not be split. */
  keep(height: number) {
    if (!this.fits(height)) this.newPage();
  }

  /** Draws wrapped text across the text width; returns the widest line's width. */
  paragraph(text: string, font: PDFFont, options: { align?: "left" | "center"; size?: number } = {}) {
    const size = options.size ?? officialPage.fontSize;
    const step = paragraphStep(size);
    let widest = 0;
    for (const line of wrapText(text, font, size, this.right - this.left)) {
      this.keep(step);
      const width = font.widthOfTextAtSize(line, size);
      widest = Math.max(widest, width);
      const x = options.align === "center" ? (this.left + this.right - width) / 2 : this.left;
      this.page.drawText(line, { x, y: this.y - size, font, size, color: black });
      this.y -= step;
    }
    return widest;
  }

  /** A short centred rule under the previous line, clear of its descenders. */
  rule(length: number) {
    const centre = (this.left + this.right) / 2;
    const y = this.y - 3;
    this.page.drawLine({ start: { x: centre - length / 2, y }, end: { x: centre + length / 2, y }, thickness: 0.6, color: black });
    this.y -= 8;
  }
}

/** The height one line of a paragraph takes at `size`. */
export function paragraphStep(size: number = officialPage.fontSize) {
  return size * 1.23;
}
