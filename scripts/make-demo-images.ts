// Draws the demo council's seal (round, red, the body's name around the ring, a star in the middle) and the demo
// leaders' handwritten-looking signatures (a blue stroke), as PNGs with a transparent background, into db/demo-images/
// where the seed reads them. Run once when the demo's names change; the PNGs are committed (nothing is drawn at start).
//
//   npx tsx scripts/make-demo-images.ts     (needs poppler's pdftocairo, which turns the drawing into a PNG)
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fontkit from "@cantoo/fontkit";
import { degrees, PDFDocument, rgb } from "pdf-lib";
import { demoCouncil } from "../db/seed-data";
import { loadFontBytes } from "../app/pdf/fonts.server";

const out = join(import.meta.dirname, "../db/demo-images");
const work = mkdtempSync(join(tmpdir(), "phonghop-demo-images-"));
const red = rgb(0.82, 0.08, 0.1);
const blue = rgb(0.1, 0.2, 0.7);

/** A PDF page of `size` points drawn by `draw`, rendered at `dpi` with a transparent background into `name`. */
async function render(name: string, size: { w: number; h: number }, dpi: number, draw: (doc: PDFDocument, page: ReturnType<PDFDocument["addPage"]>) => Promise<void>) {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const page = doc.addPage([size.w, size.h]);
  await draw(doc, page);
  const pdf = join(work, `${name}.pdf`);
  writeFileSync(pdf, await doc.save());
  execFileSync("pdftocairo", ["-png", "-transp", "-singlefile", "-r", String(dpi), pdf, join(work, name)]);
  renameSync(join(work, `${name}.png`), join(out, `${name}.png`));
}

/** The seal: 40 mm across, two rings, the name around the top, the province at the bottom, a star in the middle. */
async function seal() {
  const mm = 72 / 25.4;
  const d = 40 * mm;
  await render("seal-council", { w: d, h: d }, 300, async (doc, page) => {
    const bold = await doc.embedFont(await loadFontBytes("bold"), { subset: true });
    const c = d / 2;
    page.drawCircle({ x: c, y: c, size: c - 1.2, borderColor: red, borderWidth: 2.2 });
    page.drawCircle({ x: c, y: c, size: c - 19, borderColor: red, borderWidth: 1 });
    // Along the ring: on top the letters' tops point outwards (read clockwise), at the bottom inwards (read
    // anticlockwise), so both read left to right.
    const around = (text: string, radius: number, from: number, to: number, size: number) => {
      const chars = [...text.normalize("NFC")];
      const outward = from > to;
      chars.forEach((ch, i) => {
        const angle = from + ((to - from) * (i + 0.5)) / chars.length;
        const rad = (angle * Math.PI) / 180;
        const w = bold.widthOfTextAtSize(ch, size);
        const tangent = outward ? angle - 90 : angle + 90;
        const t = (tangent * Math.PI) / 180;
        const x = c + radius * Math.cos(rad) - (w / 2) * Math.cos(t);
        const y = c + radius * Math.sin(rad) - (w / 2) * Math.sin(t);
        page.drawText(ch, { x, y, size, font: bold, color: red, rotate: degrees(tangent) });
      });
    };
    around("HỘI ĐỒNG NHÂN DÂN", c - 15.5, 165, 15, 9.5);
    around("TỈNH LÂM HÀ", c - 8.5, 218, 322, 9.5);
    for (const angle of [198, 342]) page.drawCircle({ x: c + (c - 12) * Math.cos((angle * Math.PI) / 180), y: c + (c - 12) * Math.sin((angle * Math.PI) / 180), size: 1.8, color: red });
    // A five-pointed star.
    const star = Array.from({ length: 10 }, (_, i) => {
      const r = i % 2 === 0 ? 24 : 9.5;
      const a = (Math.PI / 2) + (i * Math.PI) / 5;
      return `${(r * Math.cos(a)).toFixed(2)},${(-r * Math.sin(a)).toFixed(2)}`;
    });
    page.drawSvgPath(`M ${star.join(" L ")} Z`, { x: c, y: c, color: red });
  });
}

/** A signature: a quick blue stroke with a loop and an underline, different for each leader. */
async function signature(name: string, shape: string) {
  await render(name, { w: 150, h: 60 }, 200, async (_doc, page) => {
    page.drawSvgPath(shape, { x: 0, y: 60, borderColor: blue, borderWidth: 1.8 });
  });
}

mkdirSync(out, { recursive: true });
try {
  await seal();
  await signature("signature-chutich", "M 12 40 C 20 10, 34 8, 30 30 C 27 48, 16 46, 24 30 C 34 12, 48 18, 52 34 C 55 44, 62 24, 70 22 C 78 20, 74 40, 84 36 C 96 30, 100 16, 112 24 C 120 30, 128 28, 138 18 M 20 50 C 60 44, 100 46, 140 40");
  await signature("signature-phochutich1", "M 14 30 C 24 6, 40 14, 36 32 C 32 50, 50 46, 58 28 C 64 16, 72 36, 80 32 C 90 26, 92 14, 104 22 C 114 30, 120 36, 136 26 M 30 48 C 70 42, 110 44, 138 36");
  await signature("signature-phochutich2", "M 10 36 C 18 14, 30 10, 38 24 C 44 36, 52 40, 60 26 C 66 14, 74 16, 80 30 C 86 42, 98 40, 106 26 C 112 16, 124 18, 140 30 M 16 46 C 56 40, 98 42, 140 44");
  console.log(`written to ${out} for ${demoCouncil.name}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
