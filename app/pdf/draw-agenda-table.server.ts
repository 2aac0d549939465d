// The items of a programme as a bordered table: TT | time slot | content | presenter. Slots run from the start of the
// sitting, one item after another. Long titles wrap; a row moves whole to the next page (the header row repeated
// there) unless it is taller than a page, in which case it is split between lines.
import type { PDFFont } from "pdf-lib";
import type { HeaderFonts } from "./draw-official-header.server";
import { shortTime, writtenDuration } from "./official-text";
import { black, officialPage, type PageFlow } from "./page-flow.server";
import { wrapText } from "./wrap-text";

export type AgendaTableItem = { title: string; presenter: string; plannedMinutes: number; description?: string };

type Line = { text: string; font: PDFFont; centred?: boolean };
type Row = Line[][];

const { fontSize: size, lineHeight } = officialPage;
const padding = { x: 4, y: 4 };
// Widths of TT, time and presenter; the content column takes the rest.
const fixedWidths = { number: 28, time: 92, presenter: 124 };

export function drawAgendaTable(flow: PageFlow, fonts: HeaderFonts, options: { items: AgendaTableItem[]; startsAt: Date }) {
  const widths = [fixedWidths.number, fixedWidths.time, 0, fixedWidths.presenter];
  widths[2] = flow.right - flow.left - widths.reduce((sum, width) => sum + width, 0);
  const cell = (text: string, font: PDFFont, column: number, centred = false): Line[] =>
    wrapText(text, font, size, widths[column] - 2 * padding.x).map((line) => ({ text: line, font, centred }));

  const header: Row = ["TT", "Thời gian", "Nội dung", "Người trình bày"].map((title, column) => cell(title, fonts.bold, column, true));
  let clock = options.startsAt.getTime();
  const rows: Row[] = options.items.map((item, index) => {
    const start = new Date(clock);
    clock += item.plannedMinutes * 60_000;
    return [
      cell(String(index + 1), fonts.regular, 0, true),
      [
        ...cell(`${shortTime(start)} - ${shortTime(new Date(clock))}`, fonts.regular, 1, true),
        ...cell(`(${writtenDuration(item.plannedMinutes)})`, fonts.italic, 1, true),
      ],
      [...cell(item.title, fonts.regular, 2), ...(item.description ? cell(item.description, fonts.italic, 2) : [])],
      cell(item.presenter, fonts.regular, 3),
    ];
  });

  const draw = (row: Row, from: number, to: number) => drawRow(flow, widths, row, from, to);
  flow.keep(rowHeight(lineCount(header)) + rowHeight(Math.min(lineCount(rows[0] ?? header), 3)));
  draw(header, 0, lineCount(header));
  flow.onNewPage = () => draw(header, 0, lineCount(header));
  const roomOnFreshPage = flow.top() - flow.bottom - rowHeight(lineCount(header));
  for (const row of rows) {
    const total = lineCount(row);
    if (!flow.fits(rowHeight(total)) && rowHeight(total) <= roomOnFreshPage) flow.newPage();
    for (let from = 0; from < total; ) {
      let count = Math.min(total - from, linesThatFit(flow));
      if (count < 1) {
        flow.newPage();
        count = Math.min(total - from, linesThatFit(flow));
      }
      draw(row, from, from + count);
      from += count;
    }
  }
  flow.onNewPage = undefined;
}

function lineCount(row: Row) {
  return Math.max(...row.map((cell) => cell.length));
}

function rowHeight(lines: number) {
  return lines * lineHeight + 2 * padding.y;
}

function linesThatFit(flow: PageFlow) {
  return Math.floor((flow.y - flow.bottom - 2 * padding.y) / lineHeight);
}

/** Lines [from, to) of every cell of a row, with the cells' borders. */
function drawRow(flow: PageFlow, widths: number[], row: Row, from: number, to: number) {
  const height = rowHeight(to - from);
  const top = flow.y;
  let x = flow.left;
  row.forEach((lines, column) => {
    const width = widths[column];
    flow.page.drawRectangle({ x, y: top - height, width, height, borderColor: black, borderWidth: 0.5 });
    lines.slice(from, to).forEach((line, index) => {
      const textWidth = line.font.widthOfTextAtSize(line.text, size);
      flow.page.drawText(line.text, {
        x: line.centred ? x + (width - textWidth) / 2 : x + padding.x,
        y: top - padding.y - index * lineHeight - size,
        font: line.font,
        size,
        color: black,
      });
    });
    x += width;
  });
  flow.y = top - height;
}
