// Where a line of text sits on a page, read with PDF.js (the same reader as the viewer and the search index). Used to
// write a document's number and date into the blanks its draft left for them (issue #6, decision 0010).
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { pdfjsInNode } from "./extract-text.server";

/** A run of text as PDF.js reports it, in PDF user space (the page's unrotated frame): left, baseline, width, size. */
export type TextRun = { text: string; x: number; y: number; width: number; size: number };
/** Runs on one baseline, left to right; `starts[i]` is where run i begins in `text` (gaps between runs are spaces). */
export type TextLine = TextRun & { runs: TextRun[]; starts: number[] };

type PdfjsModule = typeof import("pdfjs-dist");
let pdfjs: Promise<PdfjsModule> | null = null;

// PDF.js is imported at runtime by absolute URL, never bundled (DESIGN §8).
function loadPdfjs() {
  pdfjs ??= import(/* @vite-ignore */ pdfjsInNode.moduleUrl) as Promise<PdfjsModule>;
  return pdfjs;
}

/**
 * The lines of one page (1-based) of the PDF at `path`: text runs on the same baseline joined left to right. PDF.js
 * reads the file itself, by ranges, so a large file is not held in memory twice.
 */
export async function pageLines(path: string, pageNumber: number): Promise<TextLine[]> {
  const { getDocument } = await loadPdfjs();
  const task = getDocument({ url: pathToFileURL(resolve(path)).href, ...pdfjsInNode.options });
  try {
    const doc = await task.promise;
    const page = await doc.getPage(pageNumber);
    const content = await page.getTextContent();
    const runs: TextRun[] = [];
    for (const item of content.items) {
      if (!("str" in item) || !item.str.trim()) continue;
      const [, , , d, e, f] = item.transform as number[];
      runs.push({ text: item.str.normalize("NFC"), x: e, y: f, width: item.width, size: Math.abs(d) || item.height });
    }
    return joinRuns(runs);
  } finally {
    await task.destroy();
  }
}

function joinRuns(runs: TextRun[]): TextLine[] {
  const lines: TextLine[] = [];
  for (const run of [...runs].sort((a, b) => b.y - a.y || a.x - b.x)) {
    // Runs of one line share a baseline and follow each other closely (the two columns of a header do not).
    const line = lines.find((l) => Math.abs(l.y - run.y) < run.size * 0.3 && run.x - (l.x + l.width) < run.size * 3 && run.x >= l.x);
    if (!line) {
      lines.push({ ...run, runs: [run], starts: [0] });
      continue;
    }
    const gap = run.x - (line.x + line.width);
    line.text += gap > run.size * 0.15 ? " ".repeat(Math.max(1, Math.round(gap / (run.size * 0.25)))) : "";
    line.starts.push(line.text.length);
    line.runs.push(run);
    line.text += run.text;
    line.width = run.x + run.width - line.x;
    line.size = Math.max(line.size, run.size);
  }
  return lines;
}

/** A word-run as the reader sees the page (turned by /Rotate): points from the top-left of the visible box. */
export type ViewBox = { text: string; x: number; y: number; w: number; h: number };
export type PageText = { page: number; rotation: number; width: number; height: number; boxes: ViewBox[] };

/**
 * The text of the pages (1-based) of the PDF at `path` as boxes on the page as shown: PDF.js's viewport at scale 1
 * does the turning (/Rotate) and the crop, so text drawn sideways in the file and text on a turned page both come out
 * where the reader sees them. Used to find the blank a draft leaves for a signature and to keep stamps off the text.
 */
export async function pageTextBoxes(path: string, pageNumbers: number[]): Promise<PageText[]> {
  const { getDocument } = await loadPdfjs();
  const task = getDocument({ url: pathToFileURL(resolve(path)).href, ...pdfjsInNode.options });
  try {
    const doc = await task.promise;
    const pages: PageText[] = [];
    for (const pageNumber of pageNumbers) {
      if (pageNumber < 1 || pageNumber > doc.numPages) continue;
      const page = await doc.getPage(pageNumber);
      const viewport = page.getViewport({ scale: 1 });
      const content = await page.getTextContent();
      const boxes: ViewBox[] = [];
      for (const item of content.items) {
        if (!("str" in item) || !item.str.trim()) continue;
        const [a, b, c, d, e, f] = item.transform as number[];
        const along = Math.hypot(a, b) || 1;
        const size = Math.hypot(c, d) || item.height || 1;
        // The run's corners in user space: from a little below the baseline (descenders) to the top of capitals.
        const u = [a / along, b / along];
        const v = [c / size, d / size];
        const corners = [
          [-0.25, 0],
          [-0.25, item.width],
          [0.95, 0],
          [0.95, item.width],
        ].map(([up, ahead]) => viewport.convertToViewportPoint(e + u[0] * ahead + v[0] * up * size, f + u[1] * ahead + v[1] * up * size) as number[]);
        const xs = corners.map((p) => p[0]);
        const ys = corners.map((p) => p[1]);
        const x = Math.min(...xs);
        const y = Math.min(...ys);
        boxes.push({ text: item.str.normalize("NFC"), x, y, w: Math.max(...xs) - x, h: Math.max(...ys) - y });
      }
      pages.push({ page: pageNumber, rotation: page.rotate, width: viewport.width, height: viewport.height, boxes });
      page.cleanup();
    }
    return pages;
  } finally {
    await task.destroy();
  }
}

