// Ban hành (issue #6, decision 0010): the document's number and date are written into the blanks its draft left for
// them ("Số:      /NQ-HĐND", "Lâm Hà, ngày    tháng    năm 2026") just before the first signature, so that every
// signature covers them. The draft's bytes stay as they were: the stamp is an incremental update on top.
//
// The number goes into the gap before the "/" and the day and month into the gaps after "ngày" and "tháng", so the
// page reads "Số: 05/NQ-HĐND" both on screen and to a text extractor, with the draft's own words left in place. Where
// the draft differs (no gap, another year, a normative number the draft did not foresee) the line is covered with
// white and written again whole; a draft without either line gets them at the top of its first page.
import { readFile, writeFile } from "node:fs/promises";
import { PDFDocument, rgb, type PDFFont, type PDFPage } from "pdf-lib";
import { embedVietnameseFont } from "./fonts.server";
import { pageLines, pageTextBoxes, type TextLine, type ViewBox } from "./find-text.server";
import { numberLine, vietnamYear, writtenDate } from "./official-text";
import { drawUprightText } from "./page-frame.server";

export type IssueStamp = { reference: string; date: Date };
export type StampPlace = "blanks" | "rewritten" | "top";

/** Stamps the PDF at `inputPath` into `outputPath` (the input followed by the stamp's revision); says where it went. */
export async function stampIssue(inputPath: string, outputPath: string, { reference, date }: IssueStamp): Promise<{ placed: StampPlace }> {
  const lines = await pageLines(inputPath, 1);
  const bytes = await readFile(inputPath);
  const numberRow = lines.find((l) => /^\s*Số\s*:/.test(l.text));
  const dateRow = lines.find((l) => /ngày\b.*tháng\b.*năm\b/.test(l.text));
  const doc = await PDFDocument.load(bytes, { forIncrementalUpdate: true, updateMetadata: false });
  const page = doc.getPage(0);
  const regular = await embedVietnameseFont(doc, "regular");
  const italic = await embedVietnameseFont(doc, "italic");
  const [day, month] = dayAndMonth(date);
  const year = String(vietnamYear(date));

  let placed: StampPlace;
  if (numberRow && dateRow) {
    const filledNumber = fillNumber(page, regular, numberRow, reference);
    const filledDate = fillDate(page, regular, dateRow, day, month, year);
    if (!filledNumber) rewriteLine(page, regular, numberRow, numberLine(reference));
    if (!filledDate) rewriteLine(page, italic, dateRow, `${placeOf(dateRow.text)}, ${writtenDate(date)}`.replace(/^, /, ""));
    placed = filledNumber && filledDate ? "blanks" : "rewritten";
  } else {
    // No blanks: the two lines go near the top of page 1 as the reader sees it, on the first band clear of its text
    // (a header such as "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" is never touched).
    const size = 12;
    const numberText = numberLine(reference).normalize("NFC");
    const dateText = writtenDate(date).replace(/^n/, "N").normalize("NFC");
    const [shown] = await pageTextBoxes(inputPath, [1]);
    const width = shown?.width ?? 595;
    const numberBox = { x: 56, w: regular.widthOfTextAtSize(numberText, size) };
    const dateBox = { x: width - 56 - italic.widthOfTextAtSize(dateText, size), w: italic.widthOfTextAtSize(dateText, size) };
    const baseline = clearBand(shown?.boxes ?? [], [numberBox, dateBox], size, (shown?.height ?? 842) / 3) ?? 28;
    drawUprightText(page, numberText, { x: numberBox.x, baseline }, { size, font: regular });
    drawUprightText(page, dateText, { x: dateBox.x, baseline }, { size, font: italic });
    placed = "top";
  }
  await writeFile(outputPath, await doc.save());
  return { placed };
}

/**
 * The first baseline from the top (at most `limit` down) where boxes of `size`-point text at the given spans keep 4 points
 * clear of every word on the page; null when there is none.
 */
function clearBand(words: ViewBox[], spans: { x: number; w: number }[], size: number, limit: number) {
  const clearance = 4;
  for (let baseline = 28; baseline <= limit; baseline += 2) {
    const top = baseline - size * 0.95 - clearance;
    const bottom = baseline + size * 0.3 + clearance;
    const hits = words.some((w) => w.y < bottom && w.y + w.h > top && spans.some((s) => w.x < s.x + s.w + clearance && w.x + w.w > s.x - clearance));
    if (!hits) return baseline;
  }
  return null;
}

/** "05" and "02" (or "3"): the day and the month as the written date has them (RULES.md 17). */
function dayAndMonth(date: Date) {
  const match = writtenDate(date).match(/^ngày (\d+) tháng (\d+) năm \d+$/)!;
  return [match[1], match[2]];
}

/**
 * Where character `index` of the line sits on the page. Inside a run, widths come from Tinos (metric-compatible with
 * Times New Roman, the font of official documents), scaled to the run's real width, so another font is off by little.
 */
function xAt(line: TextLine, font: PDFFont, index: number) {
  for (let i = line.runs.length - 1; i >= 0; i--) {
    const run = line.runs[i];
    const start = line.starts[i];
    if (index < start) continue;
    const within = Math.min(index - start, run.text.length);
    const full = font.widthOfTextAtSize(run.text, run.size) || 1;
    return run.x + (font.widthOfTextAtSize(run.text.slice(0, within), run.size) / full) * run.width;
  }
  return line.x;
}

/** Writes `text` into the gap between characters `from` and `to`, if it fits; `align` is where in the gap. */
function fillGap(page: PDFPage, font: PDFFont, line: TextLine, from: number, to: number, text: string, align: "end" | "centre") {
  const left = xAt(line, font, from);
  const right = xAt(line, font, to);
  const width = font.widthOfTextAtSize(text, line.size);
  if (right - left < width + line.size * 0.15) return false;
  const x = align === "end" ? right - width - line.size * 0.05 : (left + right) / 2 - width / 2;
  page.drawText(text, { x, y: line.y, size: line.size, font, color: rgb(0, 0, 0) });
  return true;
}

/** "Số:      /NQ-HĐND" + "05/NQ-HĐND": the serial goes before the slash when the rest of the line is the same. */
function fillNumber(page: PDFPage, font: PDFFont, line: TextLine, reference: string) {
  const match = line.text.match(/^(\s*Số\s*:)(\s*)\/(.*)$/);
  const slash = reference.indexOf("/");
  if (!match || match[3].replace(/\s/g, "") !== reference.slice(slash + 1)) return false;
  const from = match[1].length;
  return fillGap(page, font, line, from, from + match[2].length, reference.slice(0, slash), "end");
}

/** "Lâm Hà, ngày      tháng      năm 2026": the day and the month into their gaps, when the year is the same. */
function fillDate(page: PDFPage, font: PDFFont, line: TextLine, day: string, month: string, year: string) {
  const match = line.text.match(/^(.*ngày)(\s+)tháng(\s+)năm\s+(\d{4})\s*$/);
  if (!match || match[4] !== year) return false;
  const dayFrom = match[1].length;
  const monthFrom = dayFrom + match[2].length + "tháng".length;
  // Both gaps must take their figures, or neither is written (the line is then written again whole).
  const fits = (from: number, gap: string, text: string) => xAt(line, font, from + gap.length) - xAt(line, font, from) >= font.widthOfTextAtSize(text, line.size) + line.size * 0.15;
  if (!fits(dayFrom, match[2], day) || !fits(monthFrom, match[3], month)) return false;
  fillGap(page, font, line, dayFrom, dayFrom + match[2].length, day, "centre");
  fillGap(page, font, line, monthFrom, monthFrom + match[3].length, month, "centre");
  return true;
}

/** Covers the draft's line with white and writes the filled one centred where it was (the header's columns are centred). */
function rewriteLine(page: PDFPage, font: PDFFont, line: TextLine, text: string) {
  const normalized = text.normalize("NFC");
  page.drawRectangle({ x: line.x - 1, y: line.y - line.size * 0.3, width: line.width + 2, height: line.size * 1.25, color: rgb(1, 1, 1) });
  const width = font.widthOfTextAtSize(normalized, line.size);
  page.drawText(normalized, { x: line.x + line.width / 2 - width / 2, y: line.y, size: line.size, font, color: rgb(0, 0, 0) });
}

/** "Lâm Hà" from "Lâm Hà, ngày    tháng    năm 2026". */
function placeOf(text: string) {
  return text
    .slice(0, text.search(/ngày\b/))
    .replace(/[,\s]+$/, "")
    .trim();
}
