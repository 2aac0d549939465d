// Text of every page of a PDF, for the search index. Runs in a background job, page by page, with PDF.js.
//
// Why a worker thread: PDF.js needs the whole file in memory (its range loader still allocates a buffer of the file's
// size), so a 200 MB upload costs 200 MB plus PDF.js's parsed objects for as long as the extraction runs. In a
// worker_threads Worker that memory belongs to the worker's own V8 isolate and is released when it exits, and a
// pathological file that exhausts the worker's heap limit ends the worker with an error instead of the server.
// Measured on a 1,000-page 200 MB file: 3.5 s; the server's heap stays at ~7 MB throughout, the process peaks at
// ~590 MB RSS while the worker runs and is back to ~120 MB once it has exited.
// A child process would isolate even more, but costs a Node start-up (~50 ms, ~40 MB) per file for no real gain here.
//
// The worker's code is a module in a data: URL rather than a file beside this one: the Remix build bundles this module
// into build/index.js, where a sibling .mjs file would not exist. PDF.js itself is not bundled (the classic compiler
// mis-compiles it, DESIGN §8): the worker imports it from node_modules by absolute URL.
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";

export type PageTextHandler = (page: number, text: string) => void | Promise<void>;

const require = createRequire(import.meta.url);
const pdfjsDir = dirname(require.resolve("pdfjs-dist/package.json"));

/**
 * PDF.js as the server runs it (here and in find-text): imported from node_modules by absolute URL, never bundled, and
 * opened without a DOM: fonts are not loaded as FontFace (disableFontFace), no system fonts, no eval.
 * cMapUrl / standardFontDataUrl / wasmUrl are directory paths with a trailing slash (PDF.js reads them with fs in Node
 * and appends file names): the CMaps are what turn the codes of CID fonts (Vietnamese from Word with Times New Roman,
 * or scanned-and-OCRed files) back into Unicode.
 */
export const pdfjsInNode = {
  moduleUrl: pathToFileURL(join(pdfjsDir, "legacy/build/pdf.mjs")).href,
  options: {
    cMapUrl: `${join(pdfjsDir, "cmaps")}/`,
    cMapPacked: true,
    standardFontDataUrl: `${join(pdfjsDir, "standard_fonts")}/`,
    wasmUrl: `${join(pdfjsDir, "wasm")}/`,
    disableFontFace: true,
    useSystemFonts: false,
    isEvalSupported: false,
    verbosity: 0,
  },
};

type WorkerData = { path: string; pdfjsUrl: string; options: typeof pdfjsInNode.options };
type WorkerMessage =
  | { type: "page"; page: number; text: string }
  | { type: "done"; pageCount: number }
  | { type: "error"; name: string; message: string };

// Plain JavaScript run by Node as an ES module inside the worker; no TypeScript, no imports but absolute ones.
//  - PDF.js is opened with `pdfjsInNode.options`, passed in workerData.
//  - Reading order is the content stream's order, which PDF.js's own search uses: sorting by position would interleave
//    the columns of a two-column page. PDF.js emits its own space items between words and flags line ends (hasEOL).
const workerSource = `
import { parentPort, workerData } from "node:worker_threads";
import { readFile } from "node:fs/promises";
const { getDocument } = await import(workerData.pdfjsUrl);
const post = (message) => parentPort.postMessage(message);
let task;
try {
  const data = new Uint8Array(await readFile(workerData.path));
  task = getDocument({ data, ...workerData.options, stopAtErrors: false });
  const doc = await task.promise;
  for (let number = 1; number <= doc.numPages; number++) {
    const page = await doc.getPage(number);
    const content = await page.getTextContent();
    let text = "";
    for (const item of content.items) {
      if (!("str" in item)) continue;
      text += item.str;
      if (item.hasEOL) text += "\\n";
    }
    page.cleanup();
    post({ type: "page", page: number, text });
  }
  post({ type: "done", pageCount: doc.numPages });
} catch (error) {
  post({ type: "error", name: error?.name ?? "Error", message: String(error?.message ?? error) });
} finally {
  await task?.destroy();
}
`;

const workerUrl = new URL(`data:text/javascript,${encodeURIComponent(workerSource)}`);

/**
 * Calls `onPage` for each page in order with its text (NFC, lines separated by "\n", runs of spaces collapsed), and
 * resolves with the page count. Rejects when PDF.js cannot open the file (damaged, password) or `onPage` throws;
 * the worker is stopped either way.
 */
export function extractText(path: string, onPage: PageTextHandler): Promise<{ pageCount: number }> {
  const data: WorkerData = { path: resolve(path), pdfjsUrl: pdfjsInNode.moduleUrl, options: pdfjsInNode.options };
  // The heap limit bounds PDF.js's parsed objects; the file's bytes live outside the heap (an ArrayBuffer).
  const worker = new Worker(workerUrl, { workerData: data, resourceLimits: { maxOldGenerationSizeMb: 1024 } });

  return new Promise((resolvePromise, reject) => {
    // Pages arrive faster than a handler that writes to the database may finish; they are handled one at a time, in order.
    let queue = Promise.resolve();
    let settled = false;
    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      void worker.terminate();
      reject(error instanceof Error ? error : new Error(String(error)));
    };

    worker.on("message", (message: WorkerMessage) => {
      if (message.type === "page") {
        queue = queue.then(() => (settled ? undefined : onPage(message.page, cleanText(message.text)))).catch(fail);
        return;
      }
      if (message.type === "error") {
        fail(new Error(`extractText: ${message.name}: ${message.message}`));
        return;
      }
      queue = queue.then(() => {
        if (settled) return;
        settled = true;
        void worker.terminate();
        resolvePromise({ pageCount: message.pageCount });
      });
    });
    worker.on("error", fail);
    worker.on("exit", (code) => {
      // Exiting before "done" or "error" (out of memory, killed) is a failure too.
      queue = queue.then(() => fail(new Error(`extractText: the PDF worker stopped (exit code ${code})`)));
    });
  });
}

function cleanText(text: string) {
  return text
    .normalize("NFC")
    .replace(/[^\S\n]+/g, " ")
    .replace(/ ?\n ?/g, "\n")
    .trim();
}
