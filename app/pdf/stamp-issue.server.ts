// Ban hành (issue #6, decision 0010): the document's number and date are written into the blanks its draft left for
// them ("Số:      /NQ-HĐND", "Lâm Hà, ngày    tháng    năm 2026") just before the first signature, so that every
// signature covers them. The draft's bytes stay as they were: the stamp is an incremental update on top.
import { PDFDocument, rgb } from "pdf-lib";
import { embedVietnameseFont } from "./fonts.server";
import { pageLines, type TextLine } from "./find-text.server";
import { numberLabel, writtenDate } from "./official-text";

export type IssueStamp = { reference: string; date: Date };

/**
 * Returns the stamped file and whether the blanks were found. A draft without them gets both lines at the top of its
 * first page instead, where a reader still finds them before any signature.
 */
export async function stampIssue(bytes: Uint8Array, { reference, date }: IssueStamp): Promise<{ bytes: Uint8Array; located: boolean }> {
  const lines = await pageLines(bytes, 1);
  const numberLine = lines.find((l) => /^Số\s*:/.test(l.text.trim()));
  const dateLine = lines.find((l) => /ngày\b.*tháng\b.*năm\b/.test(l.text));
  const doc = await PDFDocument.load(bytes, { forIncrementalUpdate: true });
  const page = doc.getPage(0);
  const regular = await embedVietnameseFont(doc, "regular");
  const italic = await embedVietnameseFont(doc, "italic");
  const numberText = `${numberLabel} ${reference}`.normalize("NFC");
  const dateText = (place: string) => (place ? `${place}, ${writtenDate(date)}` : writtenDate(date).replace(/^n/, "N")).normalize("NFC");

  const rewrite = (line: TextLine, text: string, font: typeof regular) => {
    // White out the blank line, then write the filled one centred where it was (the header's columns are centred).
    page.drawRectangle({ x: line.x - 1, y: line.y - line.size * 0.3, width: line.width + 2, height: line.size * 1.25, color: rgb(1, 1, 1) });
    const width = font.widthOfTextAtSize(text, line.size);
    page.drawText(text, { x: line.x + line.width / 2 - width / 2, y: line.y, size: line.size, font, color: rgb(0, 0, 0) });
  };

  if (numberLine && dateLine) {
    rewrite(numberLine, numberText, regular);
    rewrite(dateLine, dateText(placeOf(dateLine.text)), italic);
  } else {
    const { x, y, width, height } = page.getCropBox();
    const size = 12;
    const top = y + height - 28;
    page.drawText(numberText, { x: x + 56, y: top, size, font: regular, color: rgb(0, 0, 0) });
    const date = dateText("");
    page.drawText(date, { x: x + width - 56 - italic.widthOfTextAtSize(date, size), y: top, size, font: italic, color: rgb(0, 0, 0) });
  }
  return { bytes: await doc.save(), located: Boolean(numberLine && dateLine) };
}

/** "Lâm Hà" from "Lâm Hà, ngày    tháng    năm 2026". */
function placeOf(text: string) {
  return text
    .slice(0, text.search(/ngày\b/))
    .replace(/[,\s]+$/, "")
    .trim();
}
