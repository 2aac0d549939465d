// Upload memory benchmark (issue #3): uploads a large PDF to a real server process and samples that process's
// resident memory (VmRSS from /proc) while the upload streams, is checked and normalised. Prints the growth.
//
//   npx tsx scripts/bench/upload-memory.ts [sizeMB=200]
//
// Needs a build (npm run build) and qpdf. Linux only (reads /proc).
import { openAsBlob } from "node:fs";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { demoPassword } from "../../db/seed";
import { Browserless } from "../../tests/setup/http";
import { makePdf } from "../../tests/setup/pdf-fixtures";
import { removeDataDir, startServer } from "../../tests/setup/server";

const sizeMb = Number(process.argv[2] ?? 200);
const work = mkdtempSync(join(tmpdir(), "phonghop-bench-"));

function rssMb(pid: number) {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024;
}

console.log(`machine: ${cpus()[0]?.model ?? "?"} × ${cpus().length}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`);
console.log(`making a ${sizeMb} MB PDF…`);
const file = join(work, "lon.pdf");
writeFileSync(file, await makePdf([["Hồ sơ dự án — tệp lớn"], ["Trang hai"]], { attachmentBytes: sizeMb * 1024 * 1024 }));

const server = await startServer({ env: { MAX_UPLOAD_MB: String(sizeMb + 50) } });
const pid = server.process.pid!;
try {
  const client = new Browserless(server.url);
  await client.login("thuky1", demoPassword);
  const sittingId = (await (await client.get("/sittings")).text()).match(/href="\/sittings\/([0-9a-f-]{36})"/)![1];
  // Let the server settle after start and login.
  await new Promise((r) => setTimeout(r, 1500));
  const baseline = rssMb(pid);
  let peak = baseline;
  const sampler = setInterval(() => {
    peak = Math.max(peak, rssMb(pid));
  }, 20);

  const body = new FormData();
  body.append("summary", "Tệp lớn");
  body.append("file", await openAsBlob(file, { type: "application/pdf" }), "lon.pdf");
  const started = performance.now();
  const response = await fetch(new URL(`/sittings/${sittingId}/upload`, server.url), {
    method: "POST",
    body,
    headers: { cookie: client.cookieHeader, origin: server.url },
  });
  const reply = (await response.json()) as { ok: boolean; message?: string };
  const seconds = (performance.now() - started) / 1000;
  const uploadPeak = peak;
  clearInterval(sampler);
  if (!reply.ok) throw new Error(`upload refused: ${reply.message}`);

  // Text extraction runs afterwards in a worker thread of the same process; sample it separately.
  let extractionPeak = rssMb(pid);
  const until = Date.now() + 20_000;
  while (Date.now() < until) {
    extractionPeak = Math.max(extractionPeak, rssMb(pid));
    await new Promise((r) => setTimeout(r, 20));
  }

  console.log(`file: ${sizeMb} MB; upload, check and normalise: ${seconds.toFixed(1)} s (${(sizeMb / seconds).toFixed(0)} MB/s)`);
  console.log(`server RSS before: ${baseline.toFixed(0)} MB; peak during upload: ${uploadPeak.toFixed(0)} MB; growth: ${(uploadPeak - baseline).toFixed(0)} MB`);
  console.log(`server RSS peak during the following text extraction (worker thread): ${extractionPeak.toFixed(0)} MB`);
} finally {
  await server.stop();
  removeDataDir(server.dataDir);
  removeDataDir(work);
}
