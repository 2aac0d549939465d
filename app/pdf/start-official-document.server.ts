// The opening every generated official document shares: its metadata (title, Vietnamese, made by PhòngHọp), the first
// A4 page and the two-column header (Nghị định 30/2020/NĐ-CP, Phụ lục I, ô 1–4). The builder goes on from the flow.
import type { PDFDocument } from "pdf-lib";
import { drawOfficialHeader, type OfficialHeaderOptions } from "./draw-official-header.server";
import { PageFlow } from "./page-flow.server";

export type OfficialDocumentOptions = Omit<OfficialHeaderOptions, "frame"> & {
  /** The document's title, shown in a reader's title bar. */
  title: string;
};

/** Starts the document; returns the page flow, its next line just below the header. */
export function startOfficialDocument(doc: PDFDocument, { title, ...header }: OfficialDocumentOptions): PageFlow {
  doc.setTitle(title.normalize("NFC"), { showInWindowTitleBar: true });
  doc.setLanguage("vi-VN");
  doc.setCreator("PhòngHọp");
  const flow = new PageFlow(doc);
  flow.y = drawOfficialHeader(flow.page, { ...header, frame: { left: flow.left, right: flow.right, top: flow.y } });
  return flow;
}
