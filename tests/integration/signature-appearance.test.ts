// Issue #11 item 4, RULES.md 19: an office-template draft signed off through the real routes, at every /Rotate, and
// looked at from the outside as a reader would — poppler's pdftotext -bbox for the draft's words, pdftoppm for the ink,
// the widgets' /Rect for the boxes. The chair's blue signature lands in the blank between "CHỦ TỊCH" and the typed
// name; the council's red seal overlaps its left third; nothing covers a word of the draft; both read upright.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { crc32, deflateSync } from "node:zlib";
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { demoPassword } from "#db/seed";
import { signoffVi } from "~/i18n/locales/signoff.vi";
import { Browserless } from "../setup/http";
import { makeOfficeDraft } from "../setup/pdf-fixtures";
import { removeDataDir, startServer, type TestServer } from "../setup/server";
import { pdfsig, sendAndSign } from "../setup/signatures";
import { demoSittingIds } from "../setup/sockets";
import { uploadPdf } from "../setup/uploads";

type Box = { x: number; y: number; w: number; h: number };
type Word = Box & { text: string };

let server: TestServer;
let secretary: Browserless;
let chair: Browserless;
let admin: Browserless;
let sittingId: string;
let dir: string;

beforeAll(async () => {
  server = await startServer();
  [secretary, chair, admin] = [new Browserless(server.url), new Browserless(server.url), new Browserless(server.url)];
  await secretary.login("thuky1", demoPassword);
  await chair.login("chutich", demoPassword);
  await admin.login("admin", demoPassword);
  [sittingId] = await demoSittingIds(server.url);
  dir = mkdtempSync(join(tmpdir(), "phonghop-appearance-"));
});

afterAll(async () => {
  await server?.stop();
  if (server) removeDataDir(server.dataDir);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Uploads `bytes` as a draft resolution, sends it to the chair, who signs; the draft's path and the issued file's. */
async function issue(name: string, bytes: Uint8Array) {
  const draft = join(dir, `${name}-draft.pdf`);
  writeFileSync(draft, bytes);
  const uploaded = await uploadPdf({ server, client: secretary, sittingId }, { bytes, name: `${name}.pdf` }, { type: "DTNQ", summary: `Dự thảo nghị quyết ${name}`, confidentiality: "internal" });
  expect(uploaded.body, uploaded.body.message).toMatchObject({ ok: true });
  const signed = await sendAndSign({ server, secretary, chair, versionId: uploaded.body.versionId! });
  expect(signed).toMatchObject({ sent: 302, signed: 200 });
  const issued = join(dir, `${name}-issued.pdf`);
  writeFileSync(issued, readFileSync(signed.issuedPath!));
  return { draft, issued };
}

/** pdftotext -bbox: each word on page 1 in points from the top-left of the page as shown. */
function words(path: string): Word[] {
  const html = execFileSync("pdftotext", ["-bbox", "-f", "1", "-l", "1", path, "-"], { encoding: "utf8" });
  return [...html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => {
    const [x0, y0, x1, y1] = m.slice(1, 5).map(Number);
    return { x: x0, y: y0, w: x1 - x0, h: y1 - y0, text: m[5].normalize("NFC") };
  });
}

/** The signature widgets of page 1, in the order they were added (the chair's, then the council's), as shown. */
async function widgets(path: string): Promise<Box[]> {
  const doc = await PDFDocument.load(readFileSync(path), { updateMetadata: false });
  const page = doc.getPage(0);
  const rotation = ((page.getRotation().angle % 360) + 360) % 360;
  const { x: mx, y: my, width: mw, height: mh } = page.getCropBox();
  const annots = page.node.lookup(PDFName.of("Annots"), PDFArray);
  return annots
    .asArray()
    .map((ref) => doc.context.lookup(ref, PDFDict))
    .filter((annot) => annot.get(PDFName.of("FT"))?.toString() === "/Sig")
    .map((annot) => {
      const [x0, y0, x1, y1] = annot.lookup(PDFName.of("Rect"), PDFArray).asArray().map((n) => (n as PDFNumber).asNumber());
      // Each corner of the unrotated page turned as the page is shown (clockwise by /Rotate).
      const corners = [
        [x0, y0],
        [x1, y1],
      ].map(([x, y]) => {
        const [u, v] = [x - mx, y - my];
        if (rotation === 90) return [v, u];
        if (rotation === 180) return [mw - u, v];
        if (rotation === 270) return [mh - v, mw - u];
        return [u, mh - v];
      });
      const xs = corners.map((c) => c[0]);
      const ys = corners.map((c) => c[1]);
      return { x: Math.min(...xs), y: Math.min(...ys), w: Math.abs(xs[0] - xs[1]), h: Math.abs(ys[0] - ys[1]) };
    });
}

/** Page 1 rendered at 72 dpi (a pixel a point), RGB. */
function render(path: string) {
  const base = join(dir, `render-${Math.random().toString(36).slice(2)}`);
  execFileSync("pdftoppm", ["-r", "72", "-f", "1", "-l", "1", "-singlefile", path, base]);
  const ppm = readFileSync(`${base}.ppm`);
  // "P6\n<w> <h>\n255\n" then RGB bytes.
  const header = ppm.subarray(0, 40).toString("latin1").match(/^P6\s+(\d+)\s+(\d+)\s+255\s/)!;
  const [width, height] = [Number(header[1]), Number(header[2])];
  const data = ppm.subarray(header[0].length);
  const at = (x: number, y: number) => data.subarray((y * width + x) * 3, (y * width + x) * 3 + 3);
  return { width, height, at };
}
type Image = ReturnType<typeof render>;

/** The bounding box of the seal's red ink. */
function redInk(image: Image): Box {
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (let y = 0; y < image.height; y++)
    for (let x = 0; x < image.width; x++) {
      const [r, g, b] = image.at(x, y);
      if (r > 150 && g < 90 && b < 90) [x0, y0, x1, y1] = [Math.min(x0, x), Math.min(y0, y), Math.max(x1, x), Math.max(y1, y)];
    }
  return { x: x0, y: y0, w: x1 - x0 + 1, h: y1 - y0 + 1 };
}

/** Mean difference (0–255) of two renders over `box`; `turn` reads the second one turned half round within the box. */
function difference(a: Image, b: Image, box: Box, turn = false) {
  let sum = 0;
  let n = 0;
  for (let y = Math.floor(box.y); y < box.y + box.h; y++)
    for (let x = Math.floor(box.x); x < box.x + box.w; x++) {
      const [bx, by] = turn ? [Math.floor(box.x + box.w - 1 - (x - box.x)), Math.floor(box.y + box.h - 1 - (y - box.y))] : [x, y];
      const p = a.at(x, y);
      const q = b.at(bx, by);
      sum += Math.abs(p[0] - q[0]) + Math.abs(p[1] - q[1]) + Math.abs(p[2] - q[2]);
      n += 3;
    }
  return sum / n;
}

const overlap = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
const union = (a: Box, b: Box): Box => {
  const x = Math.min(a.x, b.x);
  const y = Math.min(a.y, b.y);
  return { x, y, w: Math.max(a.x + a.w, b.x + b.w) - x, h: Math.max(a.y + a.h, b.y + b.h) - y };
};

/** The draft's words the signatures must leave alone: all but the number and date lines, which issuing fills in. */
const draftWords = (path: string) => words(path).filter((w) => !/^(Số:|\/NQ-HĐND|Lâm|Hà,|ngày|tháng|năm|2026)$/.test(w.text) || w.y > 120);

describe("an office-template draft, signed off at each turn of the page", () => {
  const issued = new Map<number, { draft: string; issued: string }>();
  beforeAll(async () => {
    for (const rotate of [0, 90, 180, 270] as const) issued.set(rotate, await issue(`quay-${rotate}`, await makeOfficeDraft({ rotate })));
  }, 180_000);

  test.each([0, 90, 180, 270])("turned %i°: two valid signatures; the chair's in the blank under CHỦ TỊCH, the seal over its left third, no word covered", async (rotate) => {
    const { draft, issued: path } = issued.get(rotate)!;
    expect(pdfsig(path).map((s) => s.valid)).toEqual([true, true]);
    const page = draftWords(draft);
    const [signer, council] = await widgets(path);
    const position = page.filter((w) => (w.text === "CHỦ" || w.text === "TỊCH") && w.y > 300);
    const name = page.filter((w) => ["Hoàng", "Đức", "Thịnh"].includes(w.text));
    expect(position).toHaveLength(2);
    expect(name).toHaveLength(3);
    // Between the position line and the name, centred on the name.
    expect(signer.y).toBeGreaterThanOrEqual(Math.max(...position.map((w) => w.y + w.h)));
    expect(signer.y + signer.h).toBeLessThanOrEqual(Math.min(...name.map((w) => w.y)));
    const nameCentre = (Math.min(...name.map((w) => w.x)) + Math.max(...name.map((w) => w.x + w.w))) / 2;
    expect(Math.abs(signer.x + signer.w / 2 - nameCentre)).toBeLessThan(10);

    const signedImage = render(path);
    const draftImage = render(draft);
    // The seal is red, about 40 mm across (113 pt) when the page has room, and overlaps the signer's left third.
    const seal = redInk(signedImage);
    expect(seal.w).toBeGreaterThan(0.6 * 113);
    expect(overlap(seal, signer)).toBe(true);
    expect(seal.x + seal.w).toBeGreaterThan(signer.x + signer.w * 0.1);
    expect(seal.x + seal.w).toBeLessThan(signer.x + signer.w * 0.55);
    // Nothing is drawn over any of the draft's words: their pixels are as in the draft.
    for (const word of page) expect(difference(draftImage, signedImage, word), word.text).toBeLessThan(2);
    // The council's lines (its name, the time) are text a reader finds, outside the chair's box and clear of the draft.
    const added = words(path).filter((w) => overlap(w, council) && !page.some((d) => overlap(d, w)));
    expect(added.map((w) => w.text).join(" ")).toContain("Thời gian ký:");
    for (const word of added) {
      expect(overlap(word, signer), word.text).toBe(false);
      expect(word.w, `${word.text} reads left to right`).toBeGreaterThan(word.h);
    }
  });

  test("both signatures read upright at every turn: the same picture as at 0°, not the 0° one turned over", async () => {
    const [signer, council] = await widgets(issued.get(0)!.issued);
    const area = union(signer, council);
    const upright = render(issued.get(0)!.issued);
    for (const rotate of [90, 180, 270]) {
      const [s, c] = await widgets(issued.get(rotate)!.issued);
      // Laid out the same as shown, so the boxes match …
      for (const [a, b] of [
        [s, signer],
        [c, council],
      ]) for (const key of ["x", "y", "w", "h"] as const) expect(Math.abs(a[key] - b[key]), `${rotate}° ${key}`).toBeLessThan(1);
      // … and the ink in them too; a half-turned picture would differ plainly (the control).
      const image = render(issued.get(rotate)!.issued);
      expect(difference(upright, image, area), `${rotate}°`).toBeLessThan(3);
      expect(difference(upright, image, area, true), `${rotate}° control`).toBeGreaterThan(10);
    }
  });
});

test("without images, the fallback writes the names and the time on an opaque ground, the two boxes apart and off the text", async () => {
  const chairId = (await (await admin.get("/admin/certificates")).text()).match(/value="person:([0-9a-f-]{36})"[^>]*>Hoàng Đức Thịnh/)![1];
  const councilId = (await (await admin.get("/admin/certificates")).text()).match(/value="agency:([0-9a-f-]{36})"[^>]*>Hội đồng nhân dân tỉnh Lâm Hà</)![1];
  for (const owner of [`person:${chairId}`, `agency:${councilId}`]) expect((await admin.post("/admin/certificates", { intent: "remove-image", owner })).status).toBe(200);
  try {
    const { draft, issued: path } = await issue("khong-anh", await makeOfficeDraft({ rotate: 90 }));
    const [signer, council] = await widgets(path);
    expect(overlap(signer, council)).toBe(false);
    const page = draftWords(draft);
    for (const box of [signer, council]) expect(page.filter((w) => overlap(w, box)).map((w) => w.text)).toEqual([]);
    const inSigner = words(path).filter((w) => overlap(w, signer) && !page.some((d) => overlap(d, w)));
    expect(inSigner.map((w) => w.text).join(" ")).toContain("Hoàng Đức Thịnh");
    expect(inSigner.map((w) => w.text).join(" ")).toMatch(/Ký số: \d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00/);
    expect(inSigner.every((w) => w.w > w.h)).toBe(true);
  } finally {
    // Put the demo's images back for the other tests: the seed's files, through the same page.
    for (const [owner, file] of [
      [`person:${chairId}`, "signature-chutich.png"],
      [`agency:${councilId}`, "seal-council.png"],
    ]) {
      const body = new FormData();
      body.append("intent", "image");
      body.append("owner", owner);
      body.append("sizeMm", "40");
      body.append("file", new Blob([readFileSync(join("db/demo-images", file))], { type: "image/png" }), file);
      const answer = await fetch(new URL("/admin/certificates", server.url), { method: "POST", body, headers: { cookie: admin.cookieHeader, origin: server.url } });
      expect(answer.status).toBe(200);
    }
  }
});

test("a draft with a header high on the page and no number line: the number and date go on a band clear of it", async () => {
  const { draft, issued: path } = await issue("khong-so", await makeOfficeDraft({ numberLines: false }));
  const before = words(draft);
  const added = words(path).filter((w) => !before.some((d) => d.text === w.text && Math.abs(d.x - w.x) < 1 && Math.abs(d.y - w.y) < 1) && w.y < 200);
  expect(added.map((w) => w.text).join(" ")).toMatch(/^Số: \d{2}\/NQ-HĐND Ngày \d{2} tháng \d{1,2} năm \d{4}$/);
  // Not touching: at least 2 points from every word of the header, above or below.
  const grown = (w: Box) => ({ x: w.x - 2, y: w.y - 2, w: w.w + 4, h: w.h + 4 });
  for (const word of added) expect(before.filter((d) => overlap(grown(d), word)).map((d) => d.text), word.text).toEqual([]);
});

/** A `width`×`height` PNG of one colour: RGB (no transparency) or RGBA. */
function png(width: number, height: number, alpha: boolean) {
  const chunk = (type: string, body: Buffer) => {
    const head = Buffer.from(type, "latin1");
    const length = Buffer.alloc(4);
    length.writeUInt32BE(body.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(Buffer.concat([head, body])));
    return Buffer.concat([length, head, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, alpha ? 6 : 2, 0, 0, 0], 8);
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(width * (alpha ? 4 : 3), 0x80)]);
  const pixels = deflateSync(Buffer.concat(Array.from({ length: height }, () => row)));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk("IHDR", header), chunk("IDAT", pixels), chunk("IEND", Buffer.alloc(0))]);
}

test("an image the signature cannot use is refused in words, and the stored one stays", async () => {
  const page = await (await admin.get("/admin/certificates")).text();
  const councilId = page.match(/value="agency:([0-9a-f-]{36})"[^>]*>Hội đồng nhân dân tỉnh Lâm Hà</)![1];
  const send = async (bytes: Uint8Array, name: string, sizeMm = "40") => {
    const body = new FormData();
    body.append("intent", "image");
    body.append("owner", `agency:${councilId}`);
    body.append("sizeMm", sizeMm);
    body.append("file", new Blob([bytes as BlobPart], { type: "image/png" }), name);
    const answer = await fetch(new URL("/admin/certificates", server.url), { method: "POST", body, headers: { cookie: admin.cookieHeader, origin: server.url } });
    return { status: answer.status, text: await answer.text() };
  };
  const before = await (await admin.get(`/admin/signature-images/agency/${councilId}.png`)).arrayBuffer();
  for (const [bytes, name, message, sizeMm] of [
    [png(40, 40, false), "nen-trang.png", signoffVi.images.errors.notTransparent, "40"],
    [readFileSync(join("db/demo-images", "seal-council.png")).subarray(0, 200), "cut.png", signoffVi.images.errors.notPng, "40"],
    [Buffer.from("GIF89a"), "dau.gif", signoffVi.images.errors.notPng, "40"],
    [png(40, 40, true), "nho.png", signoffVi.images.errors.sealSize.replace("{{min}}", "30").replace("{{max}}", "50"), "12"],
  ] as const) {
    const answer = await send(bytes, name, sizeMm);
    expect(answer.status, name).toBe(400);
    expect(answer.text, name).toContain(message);
  }
  expect(Buffer.from(await (await admin.get(`/admin/signature-images/agency/${councilId}.png`)).arrayBuffer()).equals(Buffer.from(before))).toBe(true);
});
