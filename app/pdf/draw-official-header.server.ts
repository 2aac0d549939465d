// The header of an official document (Nghị định 30/2020/NĐ-CP, Phụ lục I, ô 1–4), in two columns:
//
//        HỘI ĐỒNG NHÂN DÂN              CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
//          TỈNH LÂM HÀ                     Độc lập - Tự do - Hạnh phúc
//            ───────                       ───────────────────────────
//        Số: 12/CTr-HĐND             Lâm Hà, ngày 05 tháng 02 năm 2026
//
// Each line is centred in its column; the number and the place-and-date share a baseline.
import { rgb, type PDFFont, type PDFPage } from "pdf-lib";
import { motto, nationalName } from "./official-text";
import { wrapText } from "./wrap-text";

export type HeaderFonts = { regular: PDFFont; bold: PDFFont; italic: PDFFont };

export type OfficialHeaderOptions = {
  fonts: HeaderFonts;
  /** Left edge, right edge and top of the text area, in points. */
  frame: { left: number; right: number; top: number };
  /** Cơ quan chủ quản, printed above the issuer in regular capitals ("HĐND TỈNH LÂM HÀ" above a committee). */
  parentBodyName?: string;
  /** The issuing body as people write it: "Hội đồng nhân dân tỉnh Lâm Hà". */
  bodyName: string;
  numberLine: string;
  placeDateLine: string;
};

/** Share of the text width given to the issuer's column; the rest (~99 mm) just holds the national name at 13 pt. */
const leftShare = 0.4;
const black = rgb(0, 0, 0);

// Collective bodies whose name is conventionally split after the kind of body, the locality on the second line.
const bodyKinds = ["THƯỜNG TRỰC HỘI ĐỒNG NHÂN DÂN", "HỘI ĐỒNG NHÂN DÂN", "ỦY BAN NHÂN DÂN", "ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM"];

/** Draws the header; returns the y below it, where the document's title may start. */
export function drawOfficialHeader(page: PDFPage, options: OfficialHeaderOptions): number {
  const { fonts, frame } = options;
  const width = frame.right - frame.left;
  const leftWidth = width * leftShare;
  const leftCentre = frame.left + leftWidth / 2;
  const rightCentre = frame.left + leftWidth + (width - leftWidth) / 2;
  const rightWidth = width - leftWidth;

  const centred = (text: string, font: PDFFont, size: number, centre: number, y: number) => {
    const textWidth = font.widthOfTextAtSize(text, size);
    page.drawText(text, { x: centre - textWidth / 2, y, font, size, color: black });
    return textWidth;
  };
  const rule = (centre: number, length: number, y: number) =>
    page.drawLine({ start: { x: centre - length / 2, y }, end: { x: centre + length / 2, y }, thickness: 0.6, color: black });

  // Left column (12–13 pt): the parent body in regular capitals, the issuer in bold, a rule 2/5 of the name's width.
  // A name line too wide at 13 pt is set at 12 before it is wrapped.
  const lineHeight = 15.5;
  const column = leftWidth - 8;
  let leftY = frame.top - 13;
  let widest = 0;
  const nameLines = (text: string, font: PDFFont) =>
    splitBodyName(upper(text)).flatMap((part) => {
      const size = font.widthOfTextAtSize(part, 13) <= column ? 13 : 12;
      return wrapText(part, font, size, column).map((line) => ({ line, size }));
    });
  for (const { line, size } of options.parentBodyName ? nameLines(options.parentBodyName, fonts.regular) : []) {
    centred(line, fonts.regular, size, leftCentre, leftY);
    leftY -= lineHeight;
  }
  for (const { line, size } of nameLines(options.bodyName, fonts.bold)) {
    widest = Math.max(widest, centred(line, fonts.bold, size, leftCentre, leftY));
    leftY -= lineHeight;
  }
  rule(leftCentre, widest * 0.4, leftY + lineHeight - 6);

  // Right column: the national name (13 pt, or 12 in a narrow column), the motto (14 pt) with a rule its own length.
  let rightY = frame.top - 13;
  const nationalSize = fonts.bold.widthOfTextAtSize(nationalName, 13) <= rightWidth ? 13 : 12;
  centred(nationalName, fonts.bold, nationalSize, rightCentre, rightY);
  rightY -= 16;
  const mottoWidth = centred(motto, fonts.bold, 14, rightCentre, rightY);
  rule(rightCentre, mottoWidth, rightY - 5);
  rightY -= lineHeight;

  // The number and the place-and-date line, on one baseline under the taller column.
  const y = Math.min(leftY, rightY) - 12;
  centred(options.numberLine, fonts.regular, 13, leftCentre, y);
  centred(options.placeDateLine, fonts.italic, 14, rightCentre, y);
  return y - 6;
}

function upper(text: string) {
  return text.normalize("NFC").toLocaleUpperCase("vi-VN").replace(/\s+/g, " ").trim();
}

/** "HỘI ĐỒNG NHÂN DÂN TỈNH LÂM HÀ" → ["HỘI ĐỒNG NHÂN DÂN", "TỈNH LÂM HÀ"]; other names are wrapped to the column. */
function splitBodyName(name: string): string[] {
  const kind = bodyKinds.find((prefix) => name.startsWith(`${prefix} `));
  return kind ? [kind, name.slice(kind.length + 1)] : [name];
}
