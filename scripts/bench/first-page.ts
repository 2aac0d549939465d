// First-page benchmark (issue #4): a 300-page, ~30 MB PDF, opened in Chromium with our viewer and with bare PDF.js
// (getDocument with its defaults, page 1 drawn on a canvas) — time until page 1 is drawn, and bytes fetched.
//
//   npm run build && npx tsx scripts/bench/first-page.ts [runs=3]
//
// Needs Debian's Chromium (/usr/bin/chromium or CHROMIUM_PATH) and qpdf.
import { rmSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { join } from "node:path";
import { chromium, type Page } from "playwright-core";
import { demoPassword } from "../../db/seed";
import { Browserless } from "../../tests/setup/http";
import { makeLongPdf } from "../../tests/setup/pdf-fixtures";
import { removeDataDir, startServer } from "../../tests/setup/server";
import { pdfjsVersion } from "../../app/pdf/pdfjs-assets.server";

const runs = Number(process.argv[2] ?? 3);
const executablePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

console.log(`machine: ${cpus()[0]?.model ?? "?"} × ${cpus().length}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, PDF.js ${pdfjsVersion}`);
const server = await startServer();
const bareDir = join("public", "pdfjs", pdfjsVersion);
const barePage = join(bareDir, "bench-bare.html");
const bareScript = join(bareDir, "bench-bare.mjs");
try {
  const secretary = new Browserless(server.url);
  await secretary.login("thuky1", demoPassword);
  const sittingId = (await (await secretary.get("/sittings")).text()).match(/href="\/sittings\/([0-9a-f-]{36})"/)![1];
  const body = new FormData();
  body.append("summary", "Hồ sơ 300 trang");
  body.append("file", new Blob([await makeLongPdf(300, 100_000)]), "ho-so-300-trang.pdf");
  const upload = (await (await fetch(`${server.url}/sittings/${sittingId}/upload`, { method: "POST", body, headers: { cookie: secretary.cookieHeader, origin: server.url } })).json()) as { versionId: string };
  const fileUrl = `/files/${upload.versionId}`;
  const size = Number((await fetch(server.url + fileUrl, { method: "HEAD", headers: { cookie: secretary.cookieHeader } })).headers.get("content-length"));
  console.log(`file: 300 pages, ${(size / 1048576).toFixed(1)} MB (as stored, after normalisation)`);

  // Bare PDF.js, served from the same folder as ours so only the code around it differs.
  writeFileSync(barePage, `<!doctype html><meta charset="utf-8"><canvas id="c"></canvas><script type="module" src="bench-bare.mjs"></script>`);
  writeFileSync(
    bareScript,
    `import * as lib from "./modern/pdf.mjs";
lib.GlobalWorkerOptions.workerSrc = "./modern/pdf.worker.mjs";
const url = new URLSearchParams(location.search).get("file");
const pdf = await lib.getDocument({ url, withCredentials: true }).promise;
const page = await pdf.getPage(1);
const viewport = page.getViewport({ scale: 1.5 });
const canvas = document.getElementById("c");
canvas.width = viewport.width; canvas.height = viewport.height;
await page.render({ canvas, viewport }).promise;
document.body.dataset.done = "1";`,
  );

  const browser = await chromium.launch({ executablePath, args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"] });
  const results: Record<string, { ms: number[]; bytes: number[]; requests: number[] }> = { "our viewer": { ms: [], bytes: [], requests: [] }, "bare PDF.js": { ms: [], bytes: [], requests: [] } };
  for (let run = 0; run < runs; run++) {
    for (const [name, open] of [
      ["our viewer", async (page: Page) => {
        await page.goto(`${server.url}/documents/${upload.versionId}`);
        await page.locator('.page[data-page-number="1"] canvas').waitFor();
        await page.locator('.page[data-page-number="1"] .textLayer span').first().waitFor();
      }],
      ["bare PDF.js", async (page: Page) => {
        await page.goto(`${server.url}/pdfjs/${pdfjsVersion}/bench-bare.html?file=${encodeURIComponent(fileUrl)}`);
        await page.locator("body[data-done]").waitFor();
      }],
    ] as const) {
      const context = await browser.newContext();
      await context.addCookies([{ name: "phonghop_session", value: secretary.cookies.get("phonghop_session")!, url: server.url }]);
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send("Network.enable");
      const fileRequests = new Set<string>();
      let bytes = 0;
      cdp.on("Network.requestWillBeSent", (e) => {
        if (e.request.url.includes(fileUrl)) fileRequests.add(e.requestId);
      });
      cdp.on("Network.dataReceived", (e) => {
        if (fileRequests.has(e.requestId)) bytes += e.dataLength;
      });
      const started = performance.now();
      await open(page);
      results[name].ms.push(performance.now() - started);
      results[name].bytes.push(bytes);
      results[name].requests.push(fileRequests.size);
      await context.close();
    }
  }
  await browser.close();
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  console.log(`median of ${runs} runs, each in a fresh browser context (no cache):`);
  for (const [name, r] of Object.entries(results)) {
    console.log(`  ${name.padEnd(12)} first page in ${median(r.ms).toFixed(0)} ms; file bytes fetched ${(median(r.bytes) / 1024).toFixed(0)} KiB (${((median(r.bytes) / size) * 100).toFixed(1)}% of the file) in ${median(r.requests)} requests`);
  }
} finally {
  rmSync(barePage, { force: true });
  rmSync(bareScript, { force: true });
  await server.stop();
  removeDataDir(server.dataDir);
}
