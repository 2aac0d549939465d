// Signing benchmark (issue #6): signs a ~50 MB PDF twice (the chair, then the council) and reports time and memory,
// file to file with `signPdfFile` (what the app does with a stored document) and in memory with `signPdf`.
//
//   npx tsx scripts/bench/sign.ts [sizeMB=50]
//
// The PDF is made first and written to a temporary file; each measurement (one shape of file, one API) then runs in a
// fresh child process, so neither the making of the file nor an earlier run is counted. The child samples
// process.memoryUsage() every 5 ms on its main thread (heapUsed + external, which includes arrayBuffers) and the
// resident size from a worker thread, which keeps sampling while the main thread is busy in synchronous code (pdf-lib's
// parser, the hashing). Needs qpdf.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";

const mb = (bytes: number) => bytes / 1024 / 1024;

type Api = "file" | "memory";
type Run = { ms: number; peakJs: number; peakRss: number };

if (process.argv[2] === "--child") await measure(process.argv[3] as Api, process.argv[4]!, process.argv[5]!);
else await main(Number(process.argv[2] ?? 50));

async function main(sizeMb: number) {
  const { makeLongPdf } = await import("../../tests/setup/pdf-fixtures");
  const work = mkdtempSync(join(tmpdir(), "phonghop-bench-sign-"));
  try {
    console.log(`machine: ${cpus()[0]?.model ?? "?"} × ${cpus().length}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`);
    const pages = 300;
    const plain = join(work, "lon.pdf");
    writeFileSync(plain, await makeLongPdf(pages, Math.round((sizeMb * 1024 * 1024) / pages)));
    // Uploads are stored after `qpdf --object-streams=generate` (issue #3); measure that shape too.
    const packed = join(work, "lon-objstm.pdf");
    execFileSync("qpdf", ["--object-streams=generate", plain, packed]);
    for (const [label, file] of [
      ["classic xref", plain],
      ["object streams (as uploaded)", packed],
    ] as const) {
      for (const api of ["file", "memory"] as const) {
        console.log(
          `\n${label}: ${pages} pages, ${mb(statSync(file).size).toFixed(1)} MB — ${api === "file" ? "signPdfFile, file to file" : "signPdf, in memory"}`,
        );
        const args = ["--expose-gc", "--import", "tsx", fileURLToPath(import.meta.url), "--child", api, file, work];
        const child = spawnSync(process.execPath, args, { stdio: "inherit" });
        if (child.status !== 0) throw new Error(`the measuring process failed (${child.status})`);
      }
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** In the child: sign the file twice (file to file, or read and signed in memory), print the figures. */
async function measure(api: Api, file: string, work: string) {
  const { signPdf, signPdfFile, formatSigningTime } = await import("~/pdf/sign-pdf.server");
  const { createAuthority, issueCertificate } = await import("~/signing/certificates.server");
  const { verifyPdfSignatures } = await import("~/pdf/verify-pdf.server");
  const ca = createAuthority({ commonName: "CA thử nghiệm", organization: "HĐND tỉnh Lâm Đồng" });
  const chair = issueCertificate({ ca, commonName: "Nguyễn Văn A", organization: "HĐND tỉnh Lâm Đồng", title: "Chủ tịch", kind: "person" });
  const agency = issueCertificate({ ca, commonName: "Hội đồng nhân dân tỉnh Lâm Đồng", organization: "HĐND tỉnh Lâm Đồng", kind: "agency" });
  // Warm up fonts and code paths on a tiny file, so the first measured signature is not paying for module loading.
  const { makePdf } = await import("../../tests/setup/pdf-fixtures");
  await signPdf(await makePdf([["khởi động"]]), { ...chair, signingTime: new Date(), appearance: { page: 1, lines: [{ text: "khởi động" }] } });

  const chairLines = (time: Date) => [
    { text: "TM. HỘI ĐỒNG NHÂN DÂN", bold: true },
    { text: "CHỦ TỊCH", bold: true },
    { text: "Nguyễn Văn A", bold: true },
    { text: `Ký số lúc: ${formatSigningTime(time)}` },
  ];
  const agencyLines = (time: Date) => [{ text: "HỘI ĐỒNG NHÂN DÂN TỈNH LÂM ĐỒNG", bold: true }, { text: formatSigningTime(time) }];

  const chairOptions = () => ({ ...chair, signingTime: new Date(), appearance: { page: 1, at: { x: 0.55, y: 0.7 }, lines: chairLines(new Date()) } });
  const agencyOptions = () => ({ ...agency, signingTime: new Date(), appearance: { page: 1, lines: agencyLines(new Date()) } });

  globalThis.gc?.();
  const baseline = { js: jsMemory(), rss: process.memoryUsage.rss() };
  const size = statSync(file).size;
  let first: Run;
  let second: Run;
  let output: Uint8Array;
  if (api === "file") {
    // Reading the input is part of signPdfFile, so it is inside the measurement.
    const [firstPath, secondPath] = [join(work, `signed-${basename(file)}-1.pdf`), join(work, `signed-${basename(file)}-2.pdf`)];
    first = await sampled(() => signPdfFile(file, firstPath, chairOptions()));
    globalThis.gc?.();
    second = await sampled(() => signPdfFile(firstPath, secondPath, agencyOptions()));
    output = readFileSync(secondPath);
  } else {
    let input: Uint8Array | null = readFileSync(file);
    const signed = await sampled(() => signPdf(input!, chairOptions()));
    first = signed;
    // The caller of a real signing keeps only the newest file; let the input go before the second signature.
    input = null;
    globalThis.gc?.();
    const signedAgain = await sampled(() => signPdf(signed.result, agencyOptions()));
    second = signedAgain;
    output = signedAgain.result;
  }

  const verifyStarted = performance.now();
  const reports = verifyPdfSignatures(output, { trustedRootsPem: [ca.certPem] });
  const verifyMs = performance.now() - verifyStarted;
  console.log(`  baseline before reading: heapUsed+external ${mb(baseline.js).toFixed(0)} MB, RSS ${mb(baseline.rss).toFixed(0)} MB`);
  for (const [label, run] of [
    ["signature 1 (chair)", first],
    ["signature 2 (council)", second],
  ] as const) {
    const js = run.peakJs - baseline.js;
    const rss = run.peakRss - baseline.rss;
    console.log(
      `  ${label}: ${(run.ms / 1000).toFixed(2)} s; peak heapUsed+external ${mb(run.peakJs).toFixed(0)} MB (+${mb(js).toFixed(0)} MB = ${(js / size).toFixed(
        2,
      )}× the file); ` + `peak RSS ${mb(run.peakRss).toFixed(0)} MB (+${mb(rss).toFixed(0)} MB = ${(rss / size).toFixed(2)}×)`,
    );
  }
  console.log(
    `  output ${mb(output.length).toFixed(1)} MB; verifying both signatures: ${verifyMs.toFixed(0)} ms, intact: ${reports.map((r) => r.intact).join(", ")}`,
  );
}

/**
 * heapUsed + external. Node counts ArrayBuffers (every Buffer and Uint8Array's bytes) inside `external` already, so
 * adding `arrayBuffers` as well would count the PDF twice.
 */
function jsMemory() {
  const m = process.memoryUsage();
  return m.heapUsed + m.external;
}

/** Runs one signature while sampling memory: the main thread every 5 ms, RSS from a worker thread. */
async function sampled<T>(run: () => Promise<T>) {
  let peakJs = jsMemory();
  const sampler = setInterval(() => (peakJs = Math.max(peakJs, jsMemory())), 5);
  const rssWatcher = startRssWatcher();
  const started = performance.now();
  const result = await run();
  const ms = performance.now() - started;
  peakJs = Math.max(peakJs, jsMemory());
  clearInterval(sampler);
  return { result, ms, peakJs, peakRss: await rssWatcher.stop() };
}

/** Samples the process's resident size every 5 ms from a worker thread, unaffected by a busy main thread. */
function startRssWatcher() {
  const source = `
    const { parentPort } = require("node:worker_threads");
    let peak = 0;
    const timer = setInterval(() => { peak = Math.max(peak, process.memoryUsage.rss()); }, 5);
    parentPort.on("message", () => { clearInterval(timer); parentPort.postMessage(peak); });
  `;
  const worker = new Worker(source, { eval: true });
  return {
    stop: () =>
      new Promise<number>((resolve) => {
        worker.once("message", (peak: number) => {
          void worker.terminate();
          resolve(peak);
        });
        worker.postMessage("stop");
      }),
  };
}
