// What the reader sees of a page, for anything drawn on it for them (exported annotations, signature appearances).
import { degrees, rgb, type PDFFont, type PDFPage } from "pdf-lib";
import { normalizeRotation, type Rotation } from "~/annotations/geometry";

export type Box = [x0: number, y0: number, x1: number, y1: number];

/**
 * The area the reader saw: the crop box clipped to the media box (ISO 32000 §14.11.2), as PDF.js and poppler show it;
 * a crop box that misses the paper altogether falls back to the media box.
 */
export function visibleBox(page: PDFPage): Box {
  const crop = page.getCropBox();
  const media = page.getMediaBox();
  const x0 = Math.max(crop.x, media.x);
  const y0 = Math.max(crop.y, media.y);
  const x1 = Math.min(crop.x + crop.width, media.x + media.width);
  const y1 = Math.min(crop.y + crop.height, media.y + media.height);
  if (x1 <= x0 || y1 <= y0) return [media.x, media.y, media.x + media.width, media.y + media.height];
  return [x0, y0, x1, y1];
}

/**
 * The /Matrix of a form XObject drawn upright as the reader sees a page turned by /Rotate: it maps the appearance's
 * space into the page's unrotated space (the annotation's /Rect is in the latter).
 */
export const uprightMatrix: Record<Rotation, number[]> = { 0: [1, 0, 0, 1, 0, 0], 90: [0, 1, -1, 0, 0, 0], 180: [-1, 0, 0, -1, 0, 0], 270: [0, -1, 1, 0, 0, 0] };

/**
 * Writes `text` on `page` so that it reads upright where the reader sees it: `x` and `baseline` are points from the
 * top-left of the page as shown (turned by /Rotate, cropped to the visible box).
 */
export function drawUprightText(page: PDFPage, text: string, at: { x: number; baseline: number }, style: { size: number; font: PDFFont }) {
  const [x0, y0, x1, y1] = visibleBox(page);
  const rotation = normalizeRotation(page.getRotation().angle);
  const { x, baseline: y } = at;
  const user = { 0: { x: x0 + x, y: y1 - y }, 90: { x: x0 + y, y: y0 + x }, 180: { x: x1 - x, y: y0 + y }, 270: { x: x1 - y, y: y1 - x } }[rotation];
  page.drawText(text, { ...user, size: style.size, font: style.font, color: rgb(0, 0, 0), rotate: degrees(rotation) });
}
