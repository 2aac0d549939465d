// Phiếu kết quả biểu quyết (issue #5): a poll's stored result on one A4 page in the official layout — each count and
// its share of N (RULES.md 5, two decimals, decimal comma), those present, passed or not; for a named poll, who chose
// what. Nothing here is computed again: it prints the result stored when the poll closed.
import { PDFDocument } from "pdf-lib";
import type { BallotChoice, PollResult, PollRule } from "#db/schema";
import { formatPercent, percentOfN } from "~/models/vote-rules";
import { embedVietnameseFont } from "./fonts.server";
import { placeAndDate, writtenDate, writtenTime } from "./official-text";
import { officialPage } from "./page-flow.server";
import { startOfficialDocument } from "./start-official-document.server";

export type PollResultPdfInput = {
  bodyName: string;
  parentBodyName?: string;
  placeName: string;
  sittingTitle: string;
  itemTitle?: string;
  question: string;
  rule: PollRule;
  secret: boolean;
  openedWithoutQuorum: boolean;
  openedAt: Date;
  closedAt: Date;
  result: PollResult;
  /** Named polls: each member's choice, by name. */
  named?: { fullName: string; choice: BallotChoice | null; recordedBy?: string | null }[];
};

const choiceLabels = { yes: "Tán thành", no: "Không tán thành", abstain: "Không biểu quyết" } as const;
const notVotedLabel = "Chưa biểu quyết";

export async function buildPollResultPdf(input: PollResultPdfInput): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const fonts = { regular: await embedVietnameseFont(doc, "regular"), bold: await embedVietnameseFont(doc, "bold"), italic: await embedVietnameseFont(doc, "italic") };
  const flow = startOfficialDocument(doc, {
    title: `Phiếu kết quả biểu quyết — ${input.question}`,
    fonts,
    parentBodyName: input.parentBodyName,
    bodyName: input.bodyName,
    numberLine: "",
    placeDateLine: placeAndDate(input.placeName, input.closedAt),
  });
  const { lineHeight } = officialPage;
  const { result } = input;
  const percent = (count: number) => formatPercent(percentOfN(count, result.n), "vi");
  flow.y -= 2 * lineHeight;
  flow.paragraph("PHIẾU KẾT QUẢ BIỂU QUYẾT", fonts.bold, { align: "center", size: 14 });
  flow.rule(120);
  flow.y -= lineHeight / 2;
  flow.paragraph(`Phiên họp: ${input.sittingTitle}.`, fonts.regular);
  if (input.itemTitle) flow.paragraph(`Nội dung: ${input.itemTitle}.`, fonts.regular);
  flow.paragraph(`Biểu quyết: ${input.question}`, fonts.bold);
  flow.paragraph(
    `Hình thức: ${input.secret ? "bỏ phiếu kín" : "biểu quyết công khai"}; tỷ lệ thông qua: ${input.rule === "majority" ? "quá nửa tổng số đại biểu" : "ít nhất hai phần ba tổng số đại biểu"}.`,
    fonts.regular,
  );
  flow.paragraph(`Thời gian: từ ${writtenTime(input.openedAt)} đến ${writtenTime(input.closedAt)}, ${writtenDate(input.closedAt)}.`, fonts.regular);
  flow.y -= lineHeight / 2;
  flow.paragraph(`Tổng số đại biểu: ${result.n}. Có mặt khi biểu quyết: ${result.present}. Đã biểu quyết: ${result.voted}.`, fonts.regular);
  if (input.openedWithoutQuorum) flow.paragraph("Biểu quyết được mở khi chưa đủ số đại biểu có mặt theo quy định, theo xác nhận của chủ tọa.", fonts.italic);
  flow.y -= lineHeight / 2;
  for (const [label, count] of [
    [choiceLabels.yes, result.yes],
    [choiceLabels.no, result.no],
    [choiceLabels.abstain, result.abstain],
    [notVotedLabel, result.notVoted],
  ] as const) {
    flow.paragraph(`– ${label}: ${count}/${result.n} đại biểu (${percent(count)}).`, fonts.regular);
  }
  flow.y -= lineHeight / 2;
  flow.paragraph(`Kết quả: ${result.passed ? "ĐƯỢC THÔNG QUA" : "KHÔNG ĐƯỢC THÔNG QUA"}.`, fonts.bold, { size: 14 });
  if (input.named?.length) {
    flow.y -= lineHeight;
    flow.paragraph("Danh sách biểu quyết", fonts.bold);
    input.named.forEach((m, i) => flow.paragraph(`${i + 1}. ${m.fullName}: ${m.choice ? choiceLabels[m.choice] : notVotedLabel}${m.recordedBy ? " (thư ký ghi nhận thay)" : ""}`, fonts.regular));
  }
  return doc.save();
}
