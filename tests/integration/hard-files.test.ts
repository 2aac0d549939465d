// Issue #4 item 8, "hard files": turned pages, mixed sizes, crop boxes away from the origin, scanned image-only pages
// and a 500-page file all take annotations where the reader drew them, and every export is a PDF that qpdf accepts and
// poppler renders. Everything goes through the running server: upload, socket.io commands, the annotated download.
import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PDFArray, PDFDict, PDFDocument, PDFName } from "pdf-lib";
import { io, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { demoPassword } from "#db/seed";
import type { AnnotationPayload } from "~/realtime/events";
import { Browserless } from "../setup/http";
import { makeLongPdf, makeMixedPdf, type MixedPage } from "../setup/pdf-fixtures";
import { renderGray, type Gray } from "../setup/render-pdf";
import { removeDataDir, startServer, type TestServer } from "../setup/server";
import { downloadTo, uploadPdf } from "../setup/uploads";

type Box = [number, number, number, number];
type Point = { x: number; y: number };

let server: TestServer;
let secretary: Browserless;
let sittingId: string;
let dir: string;
const sockets: Socket[] = [];

// Rendering resolution: small pages keep pdftoppm fast, and 40 dpi still puts a 0.1-wide mark 30+ pixels across.
const dpi = 40;
// A pixel "changed" when its grey level moved by more than this between the plain and the annotated rendering.
const changed = 12;

beforeAll(async () => {
  server = await startServer();
  secretary = new Browserless(server.url);
  await secretary.login("thuky1", demoPassword);
  sittingId = (await (await secretary.get("/sittings")).text()).match(/href="\/sittings\/([0-9a-f-]{36})"/)![1];
  dir = mkdtempSync(join(tmpdir(), "phonghop-hard-"));
});

afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await server?.stop();
  if (server) removeDataDir(server.dataDir);
  if (dir) removeDataDir(dir);
});

async function upload(bytes: Uint8Array, fileName: string) {
  const { body } = await uploadPdf({ server, client: secretary, sittingId }, { bytes, name: fileName }, { summary: fileName, confidentiality: "internal" });
  expect(body, body.message).toMatchObject({ ok: true });
  return body.versionId!;
}

async function reader(username: string) {
  const client = new Browserless(server.url);
  await client.login(username, demoPassword);
  const socket = io(server.url, { transports: ["websocket"], reconnection: false, extraHeaders: { cookie: client.cookieHeader } });
  sockets.push(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", resolve);
    socket.once("connect_error", reject);
  });
  const save = async (mark: Omit<AnnotationPayload, "id" | "userId" | "authorName" | "text" | "shared">) => {
    const reply = await socket.emitWithAck("annotation:save", { id: randomUUID(), userId: "", authorName: "", text: null, shared: false, ...mark });
    expect(reply).toMatchObject({ ok: true });
  };
  // The plain stored file and "Tải về kèm ghi chú", written to disk for qpdf, pdfinfo and pdftoppm.
  const download = async (path: string, name: string) => {
    const { status, file, bytes } = await downloadTo(server, client, path, join(dir, name));
    expect(status).toBe(200);
    return { file, bytes };
  };
  return { save, download };
}

function run(command: string, args: string[]) {
  const result = spawnSync(command, args, { encoding: "utf8" });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** qpdf finds no error and no warning, and poppler reads it without complaint. */
function expectValidPdf(file: string) {
  const check = run("qpdf", ["--check", file]);
  expect(check, check.stderr).toMatchObject({ status: 0, stderr: "" });
  const info = run("pdfinfo", [file]);
  expect(info, info.stderr).toMatchObject({ status: 0, stderr: "" });
  return info.stdout;
}

/** Each page's MediaBox, CropBox and /Rotate, as poppler reads them. */
function pageGeometry(file: string, pages: number) {
  const info = run("pdfinfo", ["-box", "-f", "1", "-l", String(pages), file]);
  expect(info.status).toBe(0);
  const boxes = (name: string) =>
    [...info.stdout.matchAll(new RegExp(`^Page\\s+\\d+ ${name}:\\s+(.+)$`, "gm"))].map((m) => m[1].trim().split(/\s+/).map(Number));
  const rotations = [...info.stdout.matchAll(/^Page\s+\d+ rot:\s+(\d+)$/gm)].map((m) => Number(m[1]));
  return rotations.map((rotate, i) => ({ mediaBox: boxes("MediaBox")[i], cropBox: boxes("CropBox")[i], rotate }));
}

/** The annotation subtypes on every page, read back with pdf-lib. */
async function subtypesByPage(bytes: Uint8Array) {
  const doc = await PDFDocument.load(bytes);
  return doc.getPages().map((page) => {
    const annots = page.node.lookup(PDFName.of("Annots"));
    if (!(annots instanceof PDFArray)) return [];
    return annots.asArray().map((ref) => String(doc.context.lookup(ref, PDFDict).lookup(PDFName.of("Subtype"))));
  });
}

const render = (file: string, page: number) => renderGray(file, page, dir, dpi);

/**
 * Where a stored point (a fraction of the UNROTATED shown area, from its top-left) appears on the displayed page
 * (turned clockwise by /Rotate), as a fraction of the displayed width and height. Written out here rather than
 * imported, so the test does not trust the code it checks.
 */
function shown(p: Point, rotate: number): Point {
  switch (((rotate % 360) + 360) % 360) {
    case 90:
      return { x: 1 - p.y, y: p.x };
    case 180:
      return { x: 1 - p.x, y: 1 - p.y };
    case 270:
      return { x: p.y, y: 1 - p.x };
    default:
      return p;
  }
}

/** The part of the page a viewer shows: the crop box, clipped to the paper (ISO 32000 §14.11.2). */
function visibleBox(page: MixedPage): Box {
  const [mx0, my0, mx1, my1] = page.mediaBox;
  const [cx0, cy0, cx1, cy1] = page.cropBox ?? page.mediaBox;
  return [Math.max(mx0, cx0), Math.max(my0, cy0), Math.min(mx1, cx1), Math.min(my1, cy1)];
}

type Marks = { stroke: [Point, Point]; strokeWidth: number; rect: { x: number; y: number; w: number; h: number } };

/**
 * Compares the plain and the annotated rendering of one page and says whether the marks show where the reader drew
 * them: the stroke's whole length changed, the box's inside changed, and nothing changed anywhere else.
 */
function whereMarksShow(plain: Gray, marked: Gray, page: MixedPage, marks: Marks) {
  expect({ width: marked.width, height: marked.height }).toEqual({ width: plain.width, height: plain.height });
  const { width, height } = plain;
  const diff = (x: number, y: number) =>
    x >= 0 && y >= 0 && x < width && y < height && Math.abs(plain.pixels[y * width + x] - marked.pixels[y * width + x]) > changed;
  const px = (p: Point) => {
    const v = shown(p, page.rotate ?? 0);
    return { x: v.x * width, y: v.y * height };
  };

  // The stroke: every point along it, in the displayed frame, has a changed pixel within 1 px.
  const [a, b] = marks.stroke.map(px);
  let strokeHits = 0;
  for (let i = 0; i <= 20; i++) {
    const x = Math.round(a.x + ((b.x - a.x) * i) / 20);
    const y = Math.round(a.y + ((b.y - a.y) * i) / 20);
    if ([-1, 0, 1].some((dx) => [-1, 0, 1].some((dy) => diff(x + dx, y + dy)))) strokeHits++;
  }
  const [x0, , x1] = visibleBox(page);
  const halfStroke = (marks.strokeWidth * (x1 - x0) * dpi) / 72 / 2 + 2;
  const strokeArea = { left: Math.min(a.x, b.x) - halfStroke, top: Math.min(a.y, b.y) - halfStroke, right: Math.max(a.x, b.x) + halfStroke, bottom: Math.max(a.y, b.y) + halfStroke };

  // The box: its inside (2 px in from the edges) changed almost everywhere.
  const c1 = px({ x: marks.rect.x, y: marks.rect.y });
  const c2 = px({ x: marks.rect.x + marks.rect.w, y: marks.rect.y + marks.rect.h });
  const box = { left: Math.min(c1.x, c2.x), top: Math.min(c1.y, c2.y), right: Math.max(c1.x, c2.x), bottom: Math.max(c1.y, c2.y) };
  let inside = 0;
  let insideChanged = 0;
  for (let y = Math.ceil(box.top + 2); y <= box.bottom - 2; y++) {
    for (let x = Math.ceil(box.left + 2); x <= box.right - 2; x++) {
      inside++;
      if (diff(x, y)) insideChanged++;
    }
  }

  // Everywhere else (far from both marks): nothing changed.
  const near = (area: typeof box, x: number, y: number, margin: number) => x >= area.left - margin && x <= area.right + margin && y >= area.top - margin && y <= area.bottom + margin;
  let stray = 0;
  let strayArea: number[] | null = null;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (!diff(x, y) || near(strokeArea, x, y, 1) || near(box, x, y, 2)) continue;
      stray++;
      strayArea = strayArea ? [Math.min(strayArea[0], x), Math.min(strayArea[1], y), Math.max(strayArea[2], x), Math.max(strayArea[3], y)] : [x, y, x, y];
    }
  }
  return {
    page: page.label,
    strokeShownAlongItsLength: strokeHits === 21 ? true : `${strokeHits}/21 points`,
    boxShownFilled: inside > 50 && insideChanged / inside > 0.9 ? true : `${insideChanged}/${inside} pixels`,
    changedElsewhere: stray === 0 ? "nothing" : `${stray} pixels in x ${strayArea![0]}–${strayArea![2]}, y ${strayArea![1]}–${strayArea![3]}`,
  };
}

const asExpected = (label: string) => ({ page: label, strokeShownAlongItsLength: true, boxShownFilled: true, changedElsewhere: "nothing" });

// Lopsided on purpose: a mark drawn mirrored, turned the wrong way or measured from the wrong corner lands elsewhere.
const marks: Marks = {
  stroke: [
    { x: 0.1, y: 0.12 },
    { x: 0.38, y: 0.3 },
  ],
  strokeWidth: 0.006,
  rect: { x: 0.55, y: 0.6, w: 0.3, h: 0.14 },
};

async function drawMarks(save: Awaited<ReturnType<typeof reader>>["save"], versionId: string, page: number, scanned = false) {
  await save({ versionId, page, kind: "ink", color: "#4aa3ff", geometry: { paths: [marks.stroke], width: marks.strokeWidth } });
  // On a scan there is no text to highlight: the reader draws a box instead (exported as a Highlight too).
  await save({ versionId, page, kind: scanned ? "rect" : "highlight", color: "#b36bff", geometry: { rects: [marks.rect] } });
}

describe("hard files", () => {
  const pages: MixedPage[] = [
    { label: "A4 portrait", mediaBox: [0, 0, 595, 842] },
    { label: "A4 turned by /Rotate 90", mediaBox: [0, 0, 595, 842], rotate: 90 },
    { label: "A3 landscape", mediaBox: [0, 0, 1191, 842] },
    { label: "crop box away from the origin", mediaBox: [0, 0, 700, 900], cropBox: [50, 50, 650, 850] },
    { label: "scanned page, one grey image and no text", mediaBox: [0, 0, 612, 792], scanned: true },
    { label: "cropped and turned by /Rotate 270", mediaBox: [0, 0, 600, 800], cropBox: [100, 40, 560, 760], rotate: 270 },
  ];

  test("on turned, odd-sized, cropped and scanned pages, every mark prints exactly where it was drawn and the export is a valid PDF", async () => {
    const versionId = await upload(await makeMixedPdf(pages), "kho.pdf");
    const { save, download } = await reader("daibieu21");
    for (const [i, page] of pages.entries()) await drawMarks(save, versionId, i + 1, page.scanned);

    const plain = await download(`/files/${versionId}`, "mixed-plain.pdf");
    const marked = await download(`/documents/${versionId}/annotated.pdf`, "mixed-marked.pdf");
    expect(expectValidPdf(marked.file)).toMatch(/^Pages:\s+6$/m);

    // The export keeps every page's paper, crop box and turn as uploaded.
    const geometry = pageGeometry(marked.file, pages.length);
    expect(geometry).toEqual(pageGeometry(plain.file, pages.length));
    expect(geometry).toEqual(pages.map((p) => ({ mediaBox: p.mediaBox, cropBox: p.cropBox ?? p.mediaBox, rotate: p.rotate ?? 0 })));

    expect(await subtypesByPage(marked.bytes)).toEqual(pages.map(() => ["/Ink", "/Highlight"]));

    const seen = pages.map((page, i) => whereMarksShow(render(plain.file, i + 1), render(marked.file, i + 1), page, marks));
    expect(seen).toEqual(pages.map((p) => asExpected(p.label)));
  });

  test("on a page whose crop box overhangs the paper, a mark prints where the reader saw it", async () => {
    // Some producers write a crop box larger than the page; viewers (PDF.js, poppler) show only the paper, the crop
    // box clipped to the media box, so that is the area the reader's fractions measure.
    const page: MixedPage = { label: "crop box larger than the paper", mediaBox: [0, 0, 600, 800], cropBox: [-60, -80, 660, 880] };
    const versionId = await upload(await makeMixedPdf([page]), "tran-le.pdf");
    const { save, download } = await reader("daibieu22");
    await drawMarks(save, versionId, 1);

    const plain = await download(`/files/${versionId}`, "overhang-plain.pdf");
    const marked = await download(`/documents/${versionId}/annotated.pdf`, "overhang-marked.pdf");
    expectValidPdf(marked.file);
    expect(whereMarksShow(render(plain.file, 1), render(marked.file, 1), page, marks)).toEqual(asExpected(page.label));
  });

  test("a 500-page file takes marks on its first, middle and last pages, and its export opens and renders to the end", async () => {
    const versionId = await upload(await makeLongPdf(500, 64), "dai.pdf");
    const { save, download } = await reader("daibieu23");
    for (const page of [1, 250, 500]) await drawMarks(save, versionId, page);

    const plain = await download(`/files/${versionId}`, "long-plain.pdf");
    const marked = await download(`/documents/${versionId}/annotated.pdf`, "long-marked.pdf");
    expect(expectValidPdf(marked.file)).toMatch(/^Pages:\s+500$/m);

    const annotated = (await subtypesByPage(marked.bytes)).flatMap((subtypes, i) => (subtypes.length ? [{ page: i + 1, subtypes }] : []));
    expect(annotated).toEqual([1, 250, 500].map((page) => ({ page, subtypes: ["/Ink", "/Highlight"] })));

    const a4: MixedPage = { label: "page 500", mediaBox: [0, 0, 595, 842] };
    expect(whereMarksShow(render(plain.file, 500), render(marked.file, 500), a4, marks)).toEqual(asExpected("page 500"));
  });
});
