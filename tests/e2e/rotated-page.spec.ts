// Issue #4: "On a page rotated 90°, an annotation drawn in the viewer lands at the same visual place in the export."
// A delegate draws on a page the viewer shows turned (an A4 page with /Rotate 90, so it looks landscape); the
// exported PDF, rendered by poppler the way any viewer shows it, must change exactly where the marks were drawn.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { APIRequestContext, Locator, Page } from "@playwright/test";
import { demoPassword } from "../../db/seed";
import { makeMixedPdf } from "../setup/pdf-fixtures";
import { renderGray, type Gray } from "../setup/render-pdf";
import { expect, logIn, test } from "./fixtures";

type Point = { x: number; y: number };

// Where the marks are drawn, as fractions of the page as displayed (the turned, landscape-looking page).
const stroke = { from: { x: 0.2, y: 0.3 }, to: { x: 0.6, y: 0.35 } };
const box = { from: { x: 0.55, y: 0.6 }, to: { x: 0.85, y: 0.8 } };

// A tall window, so the whole landscape page is on screen and every drawn point is on it.
test.use({ viewport: { width: 1280, height: 1200 } });

async function uploadTurnedDocument(request: APIRequestContext, baseURL: string) {
  const login = await request.post("/login", { form: { username: "thuky1", password: demoPassword }, headers: { origin: baseURL }, maxRedirects: 0 });
  expect(login.status()).toBe(302);
  const html = await (await request.get("/sittings")).text();
  const sittingId = html.match(/href="\/sittings\/([0-9a-f-]{36})"/)![1];
  // Page 1: A4 portrait paper turned by /Rotate 90, so it shows landscape with its text running down the right
  // edge; page 2: an ordinary A4 page.
  const bytes = await makeMixedPdf([
    { label: "Trang xoay — Phụ lục bảng số liệu ngân sách", mediaBox: [0, 0, 595, 842], rotate: 90 },
    { label: "Trang hai — không xoay", mediaBox: [0, 0, 595, 842] },
  ]);
  const response = await request.post(`/sittings/${sittingId}/upload`, {
    headers: { origin: baseURL },
    multipart: { summary: "Phụ lục trang xoay", file: { name: "phu-luc-xoay.pdf", mimeType: "application/pdf", buffer: Buffer.from(bytes) } },
  });
  const reply = await response.json();
  expect(reply.ok, reply.message).toBe(true);
  return reply.versionId as string;
}

/** A drag on the page element from one point to another (fractions of its displayed box). */
async function drag(page: Page, surface: Locator, from: Point, to: Point) {
  const b = (await surface.boundingBox())!;
  await page.mouse.move(b.x + b.width * from.x, b.y + b.height * from.y);
  await page.mouse.down();
  await page.mouse.move(b.x + b.width * to.x, b.y + b.height * to.y, { steps: 12 });
  await page.mouse.up();
}

/** An element's box as fractions of the page element's box. */
async function relativeBox(element: Locator, surface: Locator) {
  const s = (await surface.boundingBox())!;
  const e = (await element.boundingBox())!;
  return { x0: (e.x - s.x) / s.width, y0: (e.y - s.y) / s.height, x1: (e.x + e.width - s.x) / s.width, y1: (e.y + e.height - s.y) / s.height };
}

/** Pixels (centres, in rendering pixels) where two renderings of the same page differ by more than `threshold`. */
function changedPixels(a: Gray, b: Gray, threshold = 40): Point[] {
  expect([b.width, b.height], "both renderings have the same size").toEqual([a.width, a.height]);
  const out: Point[] = [];
  for (let i = 0; i < a.pixels.length; i++) {
    if (Math.abs(a.pixels[i] - b.pixels[i]) > threshold) out.push({ x: (i % a.width) + 0.5, y: Math.floor(i / a.width) + 0.5 });
  }
  return out;
}

function distanceToSegment(p: Point, a: Point, b: Point) {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const t = Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
}

function bounds(points: Point[]) {
  return {
    x0: Math.min(...points.map((p) => p.x)),
    y0: Math.min(...points.map((p) => p.y)),
    x1: Math.max(...points.map((p) => p.x)),
    y1: Math.max(...points.map((p) => p.y)),
  };
}

const round = (b: { x0: number; y0: number; x1: number; y1: number }) => Object.fromEntries(Object.entries(b).map(([k, v]) => [k, Math.round(v * 1000) / 1000]));

test("on a page turned 90°, ink and a box drawn in the viewer land at the same visual place in the exported PDF", async ({ page, playwright, baseURL }) => {
  test.setTimeout(60_000);
  const request = await playwright.request.newContext({ baseURL });
  const versionId = await uploadTurnedDocument(request, baseURL!);
  await request.dispose();

  await logIn(page, "daibieu49");
  await page.goto(`/documents/${versionId}`);
  await expect(page.getByTestId("page-count")).toHaveText("/ 2");
  const surface = page.getByTestId("annotations-page-1");
  await expect(surface).toBeVisible();
  await expect(page.locator('.page[data-page-number="1"] .textLayer')).toContainText("Trang xoay");
  await surface.scrollIntoViewIfNeeded();

  // The viewer really shows the page turned: landscape, though its paper is A4 portrait.
  const shown = (await surface.boundingBox())!;
  expect(shown.width, "the turned page is displayed landscape").toBeGreaterThan(shown.height * 1.3);
  const viewport = page.viewportSize()!;
  expect(shown.y + shown.height * box.to.y, "the drawn points are on screen").toBeLessThan(viewport.height);

  // A red freehand stroke and a blue box, drawn at known places of the displayed page.
  await page.getByRole("button", { name: "Vẽ tay" }).click();
  await page.getByRole("radio", { name: "Đỏ" }).click();
  await drag(page, surface, stroke.from, stroke.to);
  await expect(surface.locator('polyline[data-kind="ink"]')).toHaveCount(1);
  await page.getByRole("button", { name: "Khung tô" }).click();
  await page.getByRole("radio", { name: "Xanh dương" }).click();
  await drag(page, surface, box.from, box.to);
  await expect(surface.locator('rect[data-kind="rect"]')).toHaveCount(1);
  await expect(page.getByRole("status").filter({ hasText: "Đang lưu…" })).toHaveCount(0);
  await expect(page.getByRole("status").filter({ hasText: "Chưa lưu được" })).toHaveCount(0);

  // After a reload (drawn again from what was stored) the marks are where they were drawn on the screen.
  await page.reload();
  await expect(surface.locator('polyline[data-kind="ink"]')).toHaveCount(1);
  await expect(surface.locator('rect[data-kind="rect"]')).toHaveCount(1);
  const near = 0.01;
  const inkShown = await relativeBox(surface.locator('polyline[data-kind="ink"]'), surface);
  const rectShown = await relativeBox(surface.locator('rect[data-kind="rect"]'), surface);
  const expectedInk = { x0: stroke.from.x, y0: stroke.from.y, x1: stroke.to.x, y1: stroke.to.y };
  const expectedBox = { x0: box.from.x, y0: box.from.y, x1: box.to.x, y1: box.to.y };
  for (const key of ["x0", "y0", "x1", "y1"] as const) {
    expect(Math.abs(inkShown[key] - expectedInk[key]), `the stroke in the viewer after a reload: ${JSON.stringify(round(inkShown))}`).toBeLessThan(near);
    expect(Math.abs(rectShown[key] - expectedBox[key]), `the box in the viewer after a reload: ${JSON.stringify(round(rectShown))}`).toBeLessThan(near);
  }

  // The export and the plain file, with the browser's session.
  const exported = await page.request.get(`/documents/${versionId}/annotated.pdf`);
  expect(exported.status()).toBe(200);
  expect(exported.headers()["content-type"]).toContain("application/pdf");
  const plain = await page.request.get(`/files/${versionId}`);
  expect(plain.status()).toBe(200);
  const dir = mkdtempSync(join(tmpdir(), "phonghop-rotated-"));
  try {
    writeFileSync(join(dir, "plain.pdf"), await plain.body());
    writeFileSync(join(dir, "annotated.pdf"), await exported.body());
    const dpi = 72;
    const before = renderGray(join(dir, "plain.pdf"), 1, dir, dpi);
    const after = renderGray(join(dir, "annotated.pdf"), 1, dir, dpi);
    const { width: W, height: H } = before;

    // Poppler shows the page turned too, with the same proportions as the viewer, and its text down the right edge.
    expect(W, "poppler renders the turned page landscape").toBeGreaterThan(H * 1.3);
    expect(Math.abs(W / H - shown.width / shown.height)).toBeLessThan(0.02);
    const ink: Point[] = [];
    for (let i = 0; i < before.pixels.length; i++) if (before.pixels[i] < 128) ink.push({ x: (i % W) / W, y: Math.floor(i / W) / H });
    const text = bounds(ink);
    expect(text.x0, `the page's text runs down its right edge: ${JSON.stringify(round(text))}`).toBeGreaterThan(0.85);
    expect(text.y1 - text.y0).toBeGreaterThan((text.x1 - text.x0) * 3);

    // In the displayed frame of the rendering (pixels), where the marks were drawn.
    const px = (p: Point) => ({ x: p.x * W, y: p.y * H });
    const [a, b] = [px(stroke.from), px(stroke.to)];
    const [c, d] = [px(box.from), px(box.to)];
    const tolerance = 0.012 * W; // about 10 px at 72 dpi: a pixel or two of the screen, plus the stroke's width
    const changed = changedPixels(before, after);
    expect(changed.length, "the export changed the page").toBeGreaterThan(100);

    const nearStroke = (p: Point) => distanceToSegment(p, a, b) <= tolerance;
    const inBox = (p: Point) => p.x >= c.x - tolerance && p.x <= d.x + tolerance && p.y >= c.y - tolerance && p.y <= d.y + tolerance;
    const stray = changed.filter((p) => !nearStroke(p) && !inBox(p));
    const strayBounds = stray.length ? round({ x0: bounds(stray).x0 / W, y0: bounds(stray).y0 / H, x1: bounds(stray).x1 / W, y1: bounds(stray).y1 / H }) : null;
    expect(stray.length, `pixels changed away from the drawn marks (fractions of the displayed page): ${JSON.stringify(strayBounds)}`).toBe(0);

    // The stroke: its whole length is there, from one end to the other.
    const strokePixels = changed.filter(nearStroke);
    for (let i = 0; i <= 20; i++) {
      const q = { x: a.x + ((b.x - a.x) * i) / 20, y: a.y + ((b.y - a.y) * i) / 20 };
      expect(
        strokePixels.some((p) => Math.hypot(p.x - q.x, p.y - q.y) <= tolerance),
        `the exported stroke passes ${Math.round((i / 20) * 100)}% of the way along the drawn one`,
      ).toBe(true);
    }
    const s = bounds(strokePixels);
    expect(Math.abs(s.x0 - a.x), "where the stroke starts").toBeLessThanOrEqual(tolerance);
    expect(Math.abs(s.x1 - b.x), "where the stroke ends").toBeLessThanOrEqual(tolerance);

    // The box: filled from edge to edge where it was dragged.
    const boxPixels = changed.filter((p) => inBox(p) && !nearStroke(p));
    const r = bounds(boxPixels);
    for (const [got, want, edge] of [
      [r.x0, c.x, "left"],
      [r.x1, d.x, "right"],
      [r.y0, c.y, "top"],
      [r.y1, d.y, "bottom"],
    ] as const) {
      expect(Math.abs(got - want), `the exported box's ${edge} edge`).toBeLessThanOrEqual(tolerance);
    }
    const inner = { x0: Math.ceil(c.x + tolerance), y0: Math.ceil(c.y + tolerance), x1: Math.floor(d.x - tolerance), y1: Math.floor(d.y - tolerance) };
    let filled = 0;
    let total = 0;
    for (let y = inner.y0; y < inner.y1; y++) {
      for (let x = inner.x0; x < inner.x1; x++) {
        total++;
        if (Math.abs(before.pixels[y * W + x] - after.pixels[y * W + x]) > 40) filled++;
      }
    }
    expect(filled / total, "the inside of the exported box is tinted").toBeGreaterThan(0.95);

    // Page 2 (not turned, nothing drawn) is unchanged.
    expect(changedPixels(renderGray(join(dir, "plain.pdf"), 2, dir, 40), renderGray(join(dir, "annotated.pdf"), 2, dir, 40))).toEqual([]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
