// PDFs made by the tests themselves: real files with Vietnamese text, and the broken kinds an upload must refuse.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import fontkit from "@cantoo/fontkit";
import { degrees, PDFDocument, PDFName, rgb } from "pdf-lib";

const require = createRequire(import.meta.url);
const fontPath = join(dirname(require.resolve("@expo-google-fonts/tinos/package.json")), "400Regular", "Tinos_400Regular.ttf");

/** A PDF whose page N carries the given lines (Vietnamese welcome). */
export async function makePdf(pages: string[][], options: { attachmentBytes?: number } = {}) {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const font = await doc.embedFont(readFileSync(fontPath), { subset: true });
  for (const lines of pages) {
    const page = doc.addPage([595, 842]);
    lines.forEach((line, i) => page.drawText(line.normalize("NFC"), { x: 60, y: 780 - i * 22, size: 14, font, color: rgb(0, 0, 0) }));
  }
  if (options.attachmentBytes) {
    doc.attach(randomBytes(options.attachmentBytes), "du-lieu.bin", { mimeType: "application/octet-stream" });
  }
  return doc.save({ useObjectStreams: false });
}

export async function writePdf(dir: string, name: string, pages: string[][], options?: { attachmentBytes?: number }) {
  const path = join(dir, name);
  writeFileSync(path, await makePdf(pages, options));
  return path;
}

/** The five-page budget report used across tests: "ngân sách" appears on page 3 only. */
export function budgetReportPages() {
  return [
    ["ỦY BAN NHÂN DÂN TỈNH LÂM HÀ", "Tờ trình về kế hoạch đầu tư công"],
    ["Phần I. Tình hình thực hiện năm 2026"],
    ["Phần II. Dự toán ngân sách địa phương năm 2027", "Tổng thu ngân sách: 12.500 tỷ đồng"],
    ["Phần III. Giải pháp thực hiện"],
    ["Nơi nhận: Thường trực HĐND tỉnh"],
  ];
}

export function truncate(path: string, out: string, fraction = 0.6) {
  const bytes = readFileSync(path);
  writeFileSync(out, bytes.subarray(0, Math.floor(bytes.length * fraction)));
  return out;
}

export function encrypt(path: string, out: string) {
  execFileSync("qpdf", ["--encrypt", "mat-khau", "chu-so-huu", "256", "--", path, out]);
  return out;
}

/** A Word file (a zip) given a .pdf name. */
export function fakeDocx(out: string) {
  writeFileSync(out, Buffer.concat([Buffer.from("PK\x03\x04\x14\x00\x06\x00", "binary"), randomBytes(4000)]));
  return out;
}

/**
 * A long PDF of about `pages × bytesPerPage` bytes: each page says "Trang N" and owns an incompressible stream (as a
 * scanned page would), so the file is large and its pages are spread through it.
 */
export async function makeLongPdf(pages: number, bytesPerPage: number) {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const font = await doc.embedFont(readFileSync(fontPath), { subset: true });
  for (let n = 1; n <= pages; n++) {
    const page = doc.addPage([595, 842]);
    page.drawText(`Trang ${n} — tài liệu dài`, { x: 60, y: 780, size: 18, font });
    const blob = doc.context.register(doc.context.stream(randomBytes(bytesPerPage)));
    page.node.set(PDFName.of("PieceInfo"), doc.context.obj({ PhongHop: { Data: blob } }));
  }
  return doc.save({ useObjectStreams: false });
}

/** One page of makeMixedPdf, in PDF points: its paper (MediaBox), the part shown (CropBox), its /Rotate, and whether it is a scan. */
export type MixedPage = {
  label: string;
  mediaBox: [number, number, number, number];
  cropBox?: [number, number, number, number];
  rotate?: number;
  /** One grey image over the whole shown area and nothing else (no text, no font), as a scanner makes. */
  scanned?: boolean;
};

/**
 * A PDF whose pages differ the way real council files do: sizes, turned pages (/Rotate), crop boxes away from the
 * origin, and scanned pages that are only an image. Text pages carry their label near the top-left of the shown area.
 */
export async function makeMixedPdf(pages: MixedPage[]) {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const font = await doc.embedFont(readFileSync(fontPath), { subset: true });
  for (const spec of pages) {
    const [mx0, my0, mx1, my1] = spec.mediaBox;
    const page = doc.addPage([mx1 - mx0, my1 - my0]);
    page.setMediaBox(mx0, my0, mx1 - mx0, my1 - my0);
    const [x0, y0, x1, y1] = spec.cropBox ?? spec.mediaBox;
    if (spec.cropBox) page.setCropBox(x0, y0, x1 - x0, y1 - y0);
    if (spec.rotate) page.node.set(PDFName.of("Rotate"), doc.context.obj(spec.rotate));
    if (!spec.scanned) {
      page.drawText(spec.label.normalize("NFC"), { x: x0 + 40, y: y1 - 60, size: 16, font });
      continue;
    }
    // A 50 dpi greyscale "scan": light grey paper with darker bands where lines of print would be.
    const width = Math.round(((x1 - x0) / 72) * 50);
    const height = Math.round(((y1 - y0) / 72) * 50);
    const pixels = new Uint8Array(width * height);
    for (let row = 0; row < height; row++) {
      const print = row % 24 >= 18 && row > height * 0.1 && row < height * 0.9;
      for (let col = 0; col < width; col++) pixels[row * width + col] = print && col > width * 0.1 && col < width * 0.85 ? 90 : 205 + ((row * 7 + col * 13) % 11);
    }
    const image = doc.context.flateStream(pixels, { Type: "XObject", Subtype: "Image", Width: width, Height: height, ColorSpace: "DeviceGray", BitsPerComponent: 8 });
    page.node.setXObject(PDFName.of("Scan"), doc.context.register(image));
    const content = doc.context.stream(`q ${x1 - x0} 0 0 ${y1 - y0} ${x0} ${y0} cm /Scan Do Q`);
    page.node.set(PDFName.of("Contents"), doc.context.register(content));
  }
  return doc.save({ useObjectStreams: false });
}

/**
 * A draft resolution as a secretary drafts it (Nghị định 30, Phụ lục I): the official header with the number and the
 * date left blank for the issuing step to fill in, the title, and a body. `version` tells revisions apart.
 */
export async function makeDraftResolution({ body = "Quyết nghị thông qua kế hoạch đầu tư công năm 2027.", pages = 2 }: { body?: string; pages?: number } = {}) {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const font = await doc.embedFont(readFileSync(fontPath), { subset: true });
  const centred = (page: ReturnType<typeof doc.addPage>, text: string, cx: number, y: number, size: number) => {
    const t = text.normalize("NFC");
    page.drawText(t, { x: cx - font.widthOfTextAtSize(t, size) / 2, y, size, font, color: rgb(0, 0, 0) });
  };
  for (let n = 1; n <= pages; n++) {
    const page = doc.addPage([595, 842]);
    if (n === 1) {
      centred(page, "HỘI ĐỒNG NHÂN DÂN", 150, 790, 12);
      centred(page, "TỈNH LÂM HÀ", 150, 774, 12);
      centred(page, "Số:        /NQ-HĐND", 150, 750, 13);
      centred(page, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 400, 790, 12);
      centred(page, "Độc lập - Tự do - Hạnh phúc", 400, 774, 13);
      centred(page, "Lâm Hà, ngày      tháng      năm 2026", 400, 750, 13);
      centred(page, "DỰ THẢO NGHỊ QUYẾT", 297, 700, 14);
      centred(page, "Về kế hoạch đầu tư công năm 2027", 297, 682, 14);
      page.drawText(body.normalize("NFC"), { x: 60, y: 640, size: 13, font, color: rgb(0, 0, 0) });
    } else {
      page.drawText(`Trang ${n} — Điều ${n}. Tổ chức thực hiện.`.normalize("NFC"), { x: 60, y: 780, size: 13, font, color: rgb(0, 0, 0) });
    }
  }
  return doc.save();
}

/**
 * A one-page draft laid out as an office's template (Nghị định 30): header, title, body text across the page, then
 * "Nơi nhận" on the left and the signature block on the right — "TM. HỘI ĐỒNG NHÂN DÂN" / "CHỦ TỊCH", a blank, the
 * signer's typed name. Every line is drawn so that it reads upright on the page as shown, whatever its /Rotate (the
 * paper is turned with it: portrait as shown), so the same draft can be signed at 0°, 90°, 180° and 270°.
 */
export async function makeOfficeDraft({ rotate = 0, signer = "Hoàng Đức Thịnh", numberLines = true }: { rotate?: 0 | 90 | 180 | 270; signer?: string; numberLines?: boolean } = {}) {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const regular = await doc.embedFont(readFileSync(fontPath), { subset: true });
  const bold = await doc.embedFont(readFileSync(fontPath.replace(/400Regular\/Tinos_400Regular/, "700Bold/Tinos_700Bold")), { subset: true });
  const [W, H] = [595, 842]; // the page as shown
  const sideways = rotate === 90 || rotate === 270;
  const page = doc.addPage(sideways ? [H, W] : [W, H]);
  page.setRotation(degrees(rotate));
  // A point on the page as shown (from its top-left) → the unrotated user space, and the text's turn there.
  const user = (vx: number, vy: number) => {
    switch (rotate) {
      case 0:
        return { x: vx, y: H - vy };
      case 90:
        return { x: vy, y: vx };
      case 180:
        return { x: W - vx, y: vy };
      case 270:
        return { x: H - vy, y: W - vx };
    }
  };
  const write = (text: string, vx: number, baseline: number, size: number, font = regular) => {
    const at = user(vx, baseline);
    page.drawText(text.normalize("NFC"), { ...at, size, font, color: rgb(0, 0, 0), rotate: degrees(rotate) });
  };
  const centred = (text: string, cx: number, baseline: number, size: number, font = regular) => write(text, cx - font.widthOfTextAtSize(text.normalize("NFC"), size) / 2, baseline, size, font);
  // Without its number lines, the header sits high, as some offices' templates have it (the number then has to find
  // its own place on issue).
  const top = numberLines ? 60 : 36;
  centred("HỘI ĐỒNG NHÂN DÂN", 150, top, 12, bold);
  centred("TỈNH LÂM HÀ", 150, top + 16, 12, bold);
  centred("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 400, top, 12, bold);
  centred("Độc lập - Tự do - Hạnh phúc", 400, top + 16, 13, bold);
  if (numberLines) {
    centred("Số:        /NQ-HĐND", 150, 100, 13);
    centred("Lâm Hà, ngày      tháng      năm 2026", 400, 100, 13);
  }
  centred("NGHỊ QUYẾT", 297, 150, 14, bold);
  centred("Về kế hoạch đầu tư công năm 2027", 297, 168, 14, bold);
  const body = [
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
    "Căn cứ Luật Đầu tư công ngày 29 tháng 11 năm 2024;",
    "Xét Tờ trình của Ủy ban nhân dân tỉnh; Báo cáo thẩm tra của Ban Kinh tế - Ngân sách;",
    "ý kiến thảo luận của đại biểu Hội đồng nhân dân tỉnh tại kỳ họp.",
    "QUYẾT NGHỊ:",
    "Điều 1. Thông qua kế hoạch đầu tư công năm 2027 với tổng vốn 12.500 tỷ đồng.",
    "Điều 2. Giao Ủy ban nhân dân tỉnh tổ chức thực hiện Nghị quyết này.",
    "Nghị quyết này được Hội đồng nhân dân tỉnh Lâm Hà khóa XVII, kỳ họp thứ Năm thông qua",
    "ngày 10 tháng 12 năm 2026 và có hiệu lực từ ngày thông qua./.",
  ];
  body.forEach((line, i) => write(line, 70, 210 + i * 20, 13));
  write("Nơi nhận:", 70, 420, 12, bold);
  ["Ủy ban Thường vụ Quốc hội;", "Chính phủ;", "Thường trực Tỉnh ủy;", "Ủy ban nhân dân tỉnh;", "Lưu: VT."].forEach((line, i) => write(`- ${line}`, 70, 436 + i * 14, 11));
  centred("TM. HỘI ĐỒNG NHÂN DÂN", 420, 420, 13, bold);
  centred("CHỦ TỊCH", 420, 438, 13, bold);
  centred(signer, 420, 540, 13, bold);
  return doc.save();
}
