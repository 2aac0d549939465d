// Writes readers' annotations into a PDF as real annotation objects (ISO 32000 §12.5): Highlight for highlights and
// boxes, Ink for freehand strokes, Text for sticky notes and FreeText for text on the page, each with an appearance
// stream so any viewer draws it. Vietnamese text is UTF-16 in /Contents and drawn with embedded Tinos.
import { readFile } from "node:fs/promises";
import { PDFArray, PDFDocument, PDFHexString, PDFName, PDFString, type PDFFont, type PDFPage } from "pdf-lib";
import { normalizeRotation, rectFromView, rectToView, toPdfPoint, type Geometry } from "~/annotations/geometry";
import { embedVietnameseFont } from "./fonts.server";
import { uprightMatrix, visibleBox } from "./page-frame.server";
import { wrapText } from "./wrap-text";

export type ExportedAnnotation = {
  page: number;
  kind: string;
  color: string;
  geometry: Geometry;
  text: string | null;
  authorName: string;
  updatedAt: Date;
};

export async function exportAnnotations(doc: PDFDocument, annotations: ExportedAnnotation[]): Promise<void> {
  const pages = doc.getPages();
  for (const annotation of annotations) {
    const page = pages[annotation.page - 1];
    if (!page) continue;
    if (annotation.kind === "ink" && annotation.geometry.paths?.length) addInk(doc, page, annotation);
    else if (annotation.kind === "note" && annotation.geometry.at) addNote(doc, page, annotation);
    else if ((annotation.kind === "highlight" || annotation.kind === "rect") && annotation.geometry.rects?.length) addHighlight(doc, page, annotation);
    else if (annotation.kind === "freetext" && annotation.geometry.rects?.length && annotation.text) addFreeText(doc, page, annotation, await embedVietnameseFont(doc));
  }
}

function rgb(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.replace("#", ""), 16);
  return [((n >> 16) & 255) / 255, ((n >> 8) & 255) / 255, (n & 255) / 255];
}

function common(annotation: ExportedAnnotation, rect: number[]) {
  return {
    Type: "Annot",
    Rect: rect,
    C: rgb(annotation.color),
    T: PDFHexString.fromText(annotation.authorName.normalize("NFC")),
    M: PDFString.fromDate(annotation.updatedAt),
    F: 4, // print
  };
}

function addInk(doc: PDFDocument, page: PDFPage, annotation: ExportedAnnotation) {
  const box = visibleBox(page);
  const strokes = annotation.geometry.paths!.map((path) => path.map((p) => toPdfPoint(p, box)));
  const width = Math.max(1, (annotation.geometry.width ?? 0.003) * (box[2] - box[0]));
  const xs = strokes.flat().map((p) => p.x);
  const ys = strokes.flat().map((p) => p.y);
  const rect = [Math.min(...xs) - width, Math.min(...ys) - width, Math.max(...xs) + width, Math.max(...ys) + width];
  const [r, g, b] = rgb(annotation.color);
  const ops = [`${r} ${g} ${b} RG`, `${width.toFixed(2)} w`, "1 J", "1 j"];
  for (const stroke of strokes) {
    ops.push(stroke.map((p, i) => `${p.x.toFixed(2)} ${p.y.toFixed(2)} ${i === 0 ? "m" : "l"}`).join(" "), "S");
  }
  const appearance = doc.context.stream(ops.join("\n"), { Type: "XObject", Subtype: "Form", BBox: rect });
  const dict = doc.context.obj({
    ...common(annotation, rect),
    Subtype: "Ink",
    InkList: strokes.map((stroke) => stroke.flatMap((p) => [p.x, p.y])),
    BS: { W: width, S: "S" },
    AP: { N: doc.context.register(appearance) },
  });
  attach(page, doc.context.register(dict));
}

function addNote(doc: PDFDocument, page: PDFPage, annotation: ExportedAnnotation) {
  const box = visibleBox(page);
  const at = toPdfPoint(annotation.geometry.at!, box);
  const size = 20;
  const rect = [at.x - size / 2, at.y - size / 2, at.x + size / 2, at.y + size / 2];
  const [r, g, b] = rgb(annotation.color);
  // A folded note: a filled square with a darker outline and three lines, in the annotation's colour.
  const [x0, y0, x1, y1] = rect;
  const ops = [
    `${r} ${g} ${b} rg 0.2 0.2 0.2 RG 1 w`,
    `${x0 + 1} ${y0 + 1} ${x1 - x0 - 2} ${y1 - y0 - 2} re B`,
    `${x0 + 5} ${y1 - 7} m ${x1 - 5} ${y1 - 7} l S`,
    `${x0 + 5} ${y1 - 11} m ${x1 - 5} ${y1 - 11} l S`,
    `${x0 + 5} ${y1 - 15} m ${x1 - 8} ${y1 - 15} l S`,
  ];
  const appearance = doc.context.stream(ops.join("\n"), { Type: "XObject", Subtype: "Form", BBox: rect });
  const dict = doc.context.obj({
    ...common(annotation, rect),
    Subtype: "Text",
    Name: "Comment",
    Open: false,
    Contents: PDFHexString.fromText((annotation.text ?? "").normalize("NFC")),
    AP: { N: doc.context.register(appearance) },
  });
  attach(page, doc.context.register(dict));
}

/** A text highlight (or a box over a scanned page): one quadrilateral per rectangle, drawn multiplied. */
function addHighlight(doc: PDFDocument, page: PDFPage, annotation: ExportedAnnotation) {
  const box = visibleBox(page);
  const quads = annotation.geometry.rects!.map((r) => {
    const a = toPdfPoint({ x: r.x, y: r.y }, box); // top-left
    const b = toPdfPoint({ x: r.x + r.w, y: r.y + r.h }, box); // bottom-right
    return { x0: a.x, x1: b.x, top: a.y, bottom: b.y };
  });
  const rect = [Math.min(...quads.map((q) => q.x0)), Math.min(...quads.map((q) => q.bottom)), Math.max(...quads.map((q) => q.x1)), Math.max(...quads.map((q) => q.top))];
  const [r, g, b] = rgb(annotation.color);
  const ops = ["/GS0 gs", `${r} ${g} ${b} rg`, ...quads.map((q) => `${q.x0.toFixed(2)} ${q.bottom.toFixed(2)} ${(q.x1 - q.x0).toFixed(2)} ${(q.top - q.bottom).toFixed(2)} re f`)];
  const appearance = doc.context.stream(ops.join("\n"), {
    Type: "XObject",
    Subtype: "Form",
    BBox: rect,
    Resources: { ExtGState: { GS0: { Type: "ExtGState", BM: "Multiply", ca: 0.6 } } },
  });
  const dict = doc.context.obj({
    ...common(annotation, rect),
    Subtype: "Highlight",
    // Per quad: upper-left, upper-right, lower-left, lower-right (the order viewers expect).
    QuadPoints: quads.flatMap((q) => [q.x0, q.top, q.x1, q.top, q.x0, q.bottom, q.x1, q.bottom]),
    AP: { N: doc.context.register(appearance) },
  });
  attach(page, doc.context.register(dict));
}

/**
 * Text written on the page in a framed box, upright as the reader saw it even on a turned page. The box grows
 * downwards (as the reader sees it) when the text needs more room than was drawn.
 */
function addFreeText(doc: PDFDocument, page: PDFPage, annotation: ExportedAnnotation, font: PDFFont) {
  const box = visibleBox(page);
  const rotation = normalizeRotation(page.getRotation().angle);
  const turned = rotation === 90 || rotation === 270;
  const [pageWidth, pageHeight] = [box[2] - box[0], box[3] - box[1]];
  // The page as displayed, in points.
  const [viewWidth, viewHeight] = turned ? [pageHeight, pageWidth] : [pageWidth, pageHeight];
  const size = (annotation.geometry.size ?? 0.02) * pageWidth;
  const padding = size * 0.35;
  const leading = size * 1.25;
  const view = rectToView(annotation.geometry.rects![0], rotation);
  const width = view.w * viewWidth;
  const text = annotation.text!.normalize("NFC");
  const lines = wrapText(text, font, size, Math.max(size, width - 2 * padding));
  const height = Math.max(view.h * viewHeight, lines.length * leading + 2 * padding);
  const stored = rectFromView({ ...view, h: Math.min(height / viewHeight, 1 - view.y) }, rotation);
  const a = toPdfPoint({ x: stored.x, y: stored.y }, box);
  const b = toPdfPoint({ x: stored.x + stored.w, y: stored.y + stored.h }, box);
  const rect = [a.x, b.y, b.x, a.y];
  const [r, g, bl] = rgb(annotation.color);
  const ops = ["1 1 1 rg", `${r} ${g} ${bl} RG 1.5 w`, `0.75 0.75 ${(width - 1.5).toFixed(2)} ${(height - 1.5).toFixed(2)} re B`, "BT", `/F1 ${size.toFixed(2)} Tf 0.106 0.137 0.188 rg`];
  lines.forEach((line, i) => {
    ops.push(`1 0 0 1 ${padding.toFixed(2)} ${(height - padding - size * 0.9 - i * leading).toFixed(2)} Tm`, `${font.encodeText(line).toString()} Tj`);
  });
  ops.push("ET");
  const appearance = doc.context.stream(ops.join("\n"), {
    Type: "XObject",
    Subtype: "Form",
    BBox: [0, 0, width, height],
    Matrix: uprightMatrix[rotation],
    Resources: { Font: { F1: font.ref } },
  });
  const dict = doc.context.obj({
    ...common(annotation, rect),
    Subtype: "FreeText",
    Contents: PDFHexString.fromText(text),
    DA: PDFString.of(`/Helv ${size.toFixed(1)} Tf 0 g`),
    AP: { N: doc.context.register(appearance) },
  });
  attach(page, doc.context.register(dict));
}

function attach(page: PDFPage, ref: ReturnType<PDFDocument["context"]["register"]>) {
  const existing = page.node.lookup(PDFName.of("Annots"));
  if (existing instanceof PDFArray) existing.push(ref);
  else page.node.set(PDFName.of("Annots"), page.doc.context.obj([ref]));
}

/**
 * A stored file with annotations (and, for confidential documents, the reader's watermark) added as an incremental
 * update: the original bytes stay first and unchanged, so a signed document's signatures still verify for what
 * they signed.
 */
export async function buildAnnotatedPdf(path: string, annotations: ExportedAnnotation[], stamp?: (doc: PDFDocument) => Promise<void>) {
  const bytes = await readFile(path);
  const doc = await PDFDocument.load(bytes, { forIncrementalUpdate: true, ignoreEncryption: true, updateMetadata: false });
  if (doc.isEncrypted) {
    // Owner-password files (accepted on upload) open with the empty password; saved whole and decrypted.
    const decrypted = await PDFDocument.load(bytes, { password: "", updateMetadata: false });
    await stamp?.(decrypted);
    await exportAnnotations(decrypted, annotations);
    return decrypted.save();
  }
  await stamp?.(doc);
  await exportAnnotations(doc, annotations);
  return doc.commit();
}
