// Issue #11 item 2: every file of the hostile corpus (tests/setup/hostile-pdfs.ts) goes through the real upload route.
// Whatever the file, the answer is never a 5xx. A refusal says why in Vietnamese and leaves no row and no file; an
// accepted file says what was done to it, its stored copy shows page 1, and "Tải về kèm ghi chú" with a mark on page 1
// is a PDF that opens and shows the mark, and a sign-off issues it with two signatures poppler finds valid.
import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { io, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { demoPassword } from "#db/seed";
import { documentsVi } from "~/i18n/locales/documents.vi";
import type { AnnotationPayload } from "~/realtime/events";
import { hostileCorpus, type HostileCase, type Outcome } from "../setup/hostile-pdfs";
import { Browserless } from "../setup/http";
import { renderGray, type Gray } from "../setup/render-pdf";
import { removeDataDir, startServer, type TestServer } from "../setup/server";
import { demoSittingIds } from "../setup/sockets";
import { pdfsig, sendAndSign } from "../setup/signatures";
import { downloadTo, storedCounts, uploadPdf, type UploadAnswer } from "../setup/uploads";

const work = mkdtempSync(join(tmpdir(), "phonghop-hostile-"));
mkdirSync(join(work, "corpus"));
mkdirSync(join(work, "out"));
// Made before the tests are collected, so that each file is a test of its own, named after it.
const corpus = await hostileCorpus(join(work, "corpus"));
const refusals = corpus.filter((c) => c.expect.startsWith("refused:"));
const acceptances = corpus.filter((c) => !refusals.includes(c));

// Uploads run four at a time: each is several qpdf runs and a PDF.js rendering on the server, on a 2-core machine.
const concurrency = 4;
// Renderings at 40 dpi: enough for a line of 12 pt text to be dozens of dark pixels.
const dpi = 40;

let server: TestServer;
let secretary: Browserless;
let chair: Browserless;
let sittingId: string;
let socket: Socket;

beforeAll(async () => {
  server = await startServer();
  secretary = new Browserless(server.url);
  await secretary.login("thuky1", demoPassword);
  chair = new Browserless(server.url);
  await chair.login("chutich", demoPassword);
  [sittingId] = await demoSittingIds(server.url);
  socket = io(server.url, { transports: ["websocket"], reconnection: false, extraHeaders: { cookie: secretary.cookieHeader } });
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", resolve);
    socket.once("connect_error", reject);
  });
});

afterAll(async () => {
  socket?.disconnect();
  await server?.stop();
  if (server) removeDataDir(server.dataDir);
  removeDataDir(work);
});

function upload(c: HostileCase) {
  return uploadPdf({ server, client: secretary, sittingId }, { bytes: readFileSync(c.file), name: `${c.name}.pdf` }, { summary: c.why.slice(0, 200), confidentiality: "internal" });
}

function outcomeOf(answer: UploadAnswer) {
  return answer.ok ? answer.intake : `refused:${answer.reason}`;
}

/** documents.refused.<reason> in Vietnamese, as the secretary reads it for this file. */
function refusalText(reason: string, fileName: string) {
  const text = (documentsVi.refused as Record<string, string | undefined>)[reason];
  if (!text) throw new Error(`no Vietnamese text documents.refused.${reason}`);
  return text.replaceAll("{{file}}", fileName);
}

/** Pixels darker than mid-grey: ink on a white page. */
function inkOf(page: Gray) {
  return page.pixels.reduce((n, v) => (v < 128 ? n + 1 : n), 0);
}

function changedPixels(a: Gray, b: Gray) {
  if (a.width !== b.width || a.height !== b.height) return Number.POSITIVE_INFINITY;
  return a.pixels.reduce((n, v, i) => (Math.abs(v - b.pixels[i]) > 12 ? n + 1 : n), 0);
}

function run(command: string, args: string[]) {
  const result = spawnSync(command, args, { encoding: "utf8" });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** At most `size` of the tasks given to it run at once; the others wait their turn. */
function limiter(size: number) {
  let free = size;
  const waiting: (() => void)[] = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (free > 0) free--;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else free++;
    }
  };
}
const inTurn = limiter(concurrency);

describe("the hostile corpus", () => {
  test("has at least 40 files, with every outcome", () => {
    expect(corpus.length).toBeGreaterThanOrEqual(40);
    expect(new Set(corpus.map((c) => c.name)).size).toBe(corpus.length);
    const outcomes: Outcome[] = ["clean", "repaired", "damaged_streams", "decrypted", "refused:not_pdf", "refused:damaged", "refused:encrypted", "refused:unrenderable"];
    expect(outcomes.filter((o) => !corpus.some((c) => c.expect === o))).toEqual([]);
  });
});

// One at a time, so that "nothing left behind" is measured around this upload alone.
describe("refused: a 400 with the reason in Vietnamese, and nothing kept", () => {
  for (const c of refusals) {
    test(`${c.name}: ${c.why}`, async () => {
      const before = storedCounts(server.dataDir);
      const { status, body } = await upload(c);
      expect(status, body.message).toBeLessThan(500);
      expect(outcomeOf(body), JSON.stringify(body)).toBe(c.expect);
      expect(status).toBe(400);
      expect(body.message).toBe(refusalText(body.reason!, `${c.name}.pdf`));
      expect(storedCounts(server.dataDir)).toEqual(before);
    });
  }
});

// The uploads and checks of accepted files run in the background, four at a time, from the start of this block; each
// test waits for its own file's and reports how it failed. (describe.concurrent cannot be used: the console.error
// guard in tests/setup spies around each test and breaks when tests overlap.)
describe("accepted: said what was done, page 1 shows, the annotated export opens with the mark, and it signs", () => {
  const checked = new Map<string, Promise<unknown>>();
  beforeAll(() => {
    for (const c of acceptances) checked.set(c.name, inTurn(() => checkAccepted(c)).catch((error: unknown) => error ?? new Error("failed")));
  });
  for (const c of acceptances) {
    test(`${c.name}: ${c.why}`, { timeout: 180_000 }, async () => {
      const failure = await checked.get(c.name);
      if (failure) throw failure;
    });
  }
});

async function checkAccepted(c: HostileCase) {
  const { status, body } = await upload(c);
  expect(status, body.message).toBeLessThan(500);
  expect(outcomeOf(body), JSON.stringify(body)).toBe(c.expect);
  expect(status).toBe(200);
  // The secretary is told in words about anything done to the file, and about nothing else.
  expect(body.notices, JSON.stringify(body)).toBeInstanceOf(Array);
  if (body.intake === "clean") expect(body.notices).toEqual([]);
  else expect(body.notices!.length).toBeGreaterThan(0);

  const versionId = body.versionId!;
  const out = join(work, "out");
  const stored = await downloadTo(server, secretary, `/files/${versionId}`, join(out, `${c.name}.stored.pdf`));
  expect(stored.status).toBe(200);
  const plain = renderGray(stored.file, 1, out, dpi);
  expect(inkOf(plain), "page 1 of the stored file is blank").toBeGreaterThan(50);

  const mark: Omit<AnnotationPayload, "updatedAt"> = {
    id: randomUUID(),
    userId: "",
    authorName: "",
    versionId,
    page: 1,
    kind: "ink",
    color: "#4aa3ff",
    geometry: { paths: [[{ x: 0.1, y: 0.5 }, { x: 0.9, y: 0.55 }]], width: 0.012 },
    text: null,
    shared: false,
  };
  expect(await socket.emitWithAck("annotation:save", mark as AnnotationPayload)).toMatchObject({ ok: true });

  const exported = await downloadTo(server, secretary, `/documents/${versionId}/annotated.pdf`, join(out, `${c.name}.annotated.pdf`));
  expect(exported.status, Buffer.from(exported.bytes.subarray(0, 300)).toString()).toBe(200);
  expect(Buffer.from(exported.bytes.subarray(0, 5)).toString("latin1")).toBe("%PDF-");
  const pages = (file: string) => run("pdfinfo", [file]).stdout.match(/^Pages:\s+(\d+)$/m)?.[1];
  expect(pages(exported.file)).toBe(pages(stored.file));
  // A file accepted with damaged streams keeps them (they are what the sender sent); every other export is one qpdf
  // finds nothing wrong with.
  if (body.intake !== "damaged_streams") {
    const check = run("qpdf", ["--check", exported.file]);
    expect(check, check.stderr).toMatchObject({ status: 0, stderr: "" });
  }
  const marked = renderGray(exported.file, 1, out, dpi);
  expect(changedPixels(plain, marked), "the mark does not show on page 1 of the export").toBeGreaterThan(50);

  // Sent to the chair and signed: numbered, signed by the chair and by the council, both valid for poppler. (A file
  // that arrived signed keeps its own signatures in front of ours; an empty signature field it had stays empty.)
  const signoff = await sendAndSign({ server, secretary, chair, versionId });
  expect(signoff, JSON.stringify(signoff)).toMatchObject({ sent: 302, signed: 200 });
  const blocks = pdfsig(signoff.issuedPath!).filter((b) => b.signed);
  expect(blocks.slice(-2).map(({ valid, total }) => ({ valid, total })), blocks.map((b) => b.text).join("\n")).toEqual([
    { valid: true, total: false },
    { valid: true, total: true },
  ]);
}
