// The published programme (chương trình) of a sitting, laid out as an official document under Nghị định 30/2020/NĐ-CP
// (Phụ lục I): A4 with the decree's margins, Times-compatible Tinos, the two-column header, the type name and its
// summary centred, the items as a table, the total time, the signature block, page numbers from page 2.
import { PDFDocument } from "pdf-lib";
import { drawAgendaTable, type AgendaTableItem } from "./draw-agenda-table.server";
import { drawSignatureBlock, signatureBlockHeight, type SignatureBlockOptions } from "./draw-signature-block.server";
import { embedVietnameseFont } from "./fonts.server";
import { numberPages } from "./number-pages.server";
import {
  documentNumber,
  documentTypes,
  placeAndDate,
  sameVietnamDay,
  weekdayName,
  writtenDate,
  writtenDuration,
  writtenTime,
} from "./official-text";
import { officialPage, paragraphStep } from "./page-flow.server";
import { startOfficialDocument } from "./start-official-document.server";

export type AgendaPdfInput = {
  /** Cơ quan chủ quản, only when the issuer is part of another body: "HĐND tỉnh Lâm Hà" above "Ban Pháp chế". */
  parentBodyName?: string;
  /** The issuer as written in text: "Hội đồng nhân dân tỉnh Lâm Hà" (printed in capitals, split after its kind). */
  bodyName: string;
  /** The issuer's abbreviation in the number: "HĐND" in "12/CTr-HĐND". */
  issuerCode: string;
  /** The place of the place-and-date line, without its rank: "Lâm Hà". */
  placeName: string;
  /** The number assigned on issue ("12"); empty for a draft, which leaves its place blank. */
  number: string;
  /** The date the programme is issued. */
  date: Date;
  /** "Phiên khai mạc". */
  sittingTitle: string;
  /** "Kỳ họp thứ Năm, Hội đồng nhân dân tỉnh Lâm Hà khóa XVII"; absent for a sitting outside a session. */
  sessionTitle?: string;
  startsAt: Date;
  endsAt?: Date;
  /** Where the sitting is held: "Hội trường Hội đồng nhân dân tỉnh". */
  venue: string;
  items: AgendaTableItem[];
} & SignatureBlockOptions;

export async function buildAgendaPdf(input: AgendaPdfInput): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const fonts = {
    regular: await embedVietnameseFont(doc, "regular"),
    bold: await embedVietnameseFont(doc, "bold"),
    italic: await embedVietnameseFont(doc, "italic"),
    boldItalic: await embedVietnameseFont(doc, "boldItalic"),
  };
  const type = documentTypes.agenda;
  const flow = startOfficialDocument(doc, {
    title: `${type.title} ${input.sittingTitle}`,
    fonts,
    parentBodyName: input.parentBodyName,
    bodyName: input.bodyName,
    numberLine: documentNumber(input.number, type.code, input.issuerCode),
    placeDateLine: placeAndDate(input.placeName, input.date),
  });

  const { lineHeight } = officialPage;
  flow.y -= 2 * lineHeight;
  flow.paragraph(type.title, fonts.bold, { align: "center", size: 14 });
  const summary = [input.sittingTitle, input.sessionTitle].filter(Boolean).join("\n");
  flow.rule(Math.min(flow.paragraph(summary, fonts.bold, { align: "center", size: 14 }) * 0.4, 140));
  flow.y -= lineHeight / 2;

  flow.paragraph(`Thời gian: ${timeSpan(input.startsAt, input.endsAt)}.`, fonts.regular);
  flow.paragraph(`Địa điểm: ${input.venue}.`, fonts.regular);
  flow.y -= lineHeight / 2;

  drawAgendaTable(flow, fonts, { items: input.items, startsAt: input.startsAt });

  // The total stays with the signature block, so that block never stands alone on the last page.
  const total = input.items.reduce((sum, item) => sum + item.plannedMinutes, 0);
  flow.keep(lineHeight / 2 + paragraphStep() + signatureBlockHeight(flow, fonts, input));
  flow.y -= lineHeight / 2;
  flow.paragraph(`Tổng thời gian dự kiến: ${writtenDuration(total)}.`, fonts.italic);
  drawSignatureBlock(flow, fonts, input);

  numberPages(doc, { font: fonts.regular, topMargin: officialPage.margin.top });
  return doc.save();
}

/** "từ 08 giờ 00 đến 11 giờ 30, thứ Năm, ngày 05 tháng 02 năm 2026"; both dates when the sitting spans days. */
function timeSpan(startsAt: Date, endsAt?: Date) {
  const day = (date: Date) => `${weekdayName(date)}, ${writtenDate(date)}`;
  if (!endsAt) return `${writtenTime(startsAt)}, ${day(startsAt)}`;
  if (sameVietnamDay(startsAt, endsAt)) return `từ ${writtenTime(startsAt)} đến ${writtenTime(endsAt)}, ${day(startsAt)}`;
  return `từ ${writtenTime(startsAt)}, ${day(startsAt)} đến ${writtenTime(endsAt)}, ${day(endsAt)}`;
}
