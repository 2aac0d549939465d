// Whether PDF.js — the viewer every reader of PhòngHọp uses — can draw page 1 of a file: the last word on an upload
// that qpdf had to repair, decrypt or found damaged (issue #11). Run in a worker thread with a heap limit and a time
// limit, as text extraction is (extract-text.server.ts says why a worker): a hostile file can exhaust the worker, never
// the server.
//
// PDF.js does not throw on a page whose content stream is garbage: it draws an empty page. So "renders" means: the
// document opens, page 1 loads and its operator list is built — and, when qpdf reported errors in page 1's content,
// that list draws something. A page that is blank by design has no qpdf error and passes.
import { resolve } from "node:path";
import { Worker } from "node:worker_threads";
import { pdfjsInNode } from "./extract-text.server";

export type FirstPage = { ok: true; pageCount: number; operators: number } | { ok: false; reason: "unrenderable" | "too_complex"; detail: string };

const workerSource = `
import { parentPort, workerData } from "node:worker_threads";
import { readFile } from "node:fs/promises";
const { getDocument } = await import(workerData.pdfjsUrl);
let task;
try {
  task = getDocument({ data: new Uint8Array(await readFile(workerData.path)), ...workerData.options, password: "" });
  const doc = await task.promise;
  const page = await doc.getPage(1);
  const list = await page.getOperatorList();
  parentPort.postMessage({ ok: true, pageCount: doc.numPages, operators: list.fnArray.length });
} catch (error) {
  parentPort.postMessage({ ok: false, detail: String(error?.name ?? "Error") + ": " + String(error?.message ?? error) });
} finally {
  await task?.destroy();
}
`;
const workerUrl = new URL(`data:text/javascript,${encodeURIComponent(workerSource)}`);

/** Opens the file with PDF.js and builds page 1; `pageOneDamaged`: qpdf reported errors in page 1's content. */
export function checkFirstPage(path: string, { pageOneDamaged = false, timeoutMs = 60_000 }: { pageOneDamaged?: boolean; timeoutMs?: number } = {}): Promise<FirstPage> {
  const worker = new Worker(workerUrl, {
    workerData: { path: resolve(path), pdfjsUrl: pdfjsInNode.moduleUrl, options: pdfjsInNode.options },
    resourceLimits: { maxOldGenerationSizeMb: 512 },
  });
  return new Promise((settle) => {
    let done = false;
    const finish = (answer: FirstPage) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      void worker.terminate();
      settle(answer);
    };
    const timer = setTimeout(() => finish({ ok: false, reason: "too_complex", detail: `page 1 not ready after ${timeoutMs} ms` }), timeoutMs);
    worker.on("message", (message: { ok: true; pageCount: number; operators: number } | { ok: false; detail: string }) => {
      if (!message.ok) return finish({ ok: false, reason: "unrenderable", detail: message.detail });
      if (pageOneDamaged && message.operators === 0) return finish({ ok: false, reason: "unrenderable", detail: "page 1 draws nothing" });
      finish(message);
    });
    // Out of memory, or any other end before an answer: the file is more than the viewer can show.
    worker.on("error", (error) => finish({ ok: false, reason: "too_complex", detail: error.message }));
    worker.on("exit", (code) => finish({ ok: false, reason: "too_complex", detail: `worker stopped (exit code ${code})` }));
  });
}
