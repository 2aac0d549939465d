import type { APIRequestContext, Page } from "@playwright/test";
import { demoPassword } from "../../db/seed";
import { makeLongPdf, makePdf } from "../setup/pdf-fixtures";
import { expect, logIn, test } from "./fixtures";

async function uploadDocument(request: APIRequestContext, baseURL: string, bytes: Uint8Array, summary: string) {
  await request.post("/login", { form: { username: "thuky1", password: demoPassword }, headers: { origin: baseURL }, maxRedirects: 0 });
  const html = await (await request.get("/sittings")).text();
  const sittingId = html.match(/href="\/sittings\/([0-9a-f-]{36})"/)![1];
  const response = await request.post(`/sittings/${sittingId}/upload`, {
    headers: { origin: baseURL },
    multipart: { summary, file: { name: "ghi-chu.pdf", mimeType: "application/pdf", buffer: Buffer.from(bytes) } },
  });
  const reply = await response.json();
  expect(reply.ok, reply.message).toBe(true);
  return reply.versionId as string;
}

/** Goes to a page through the toolbar and waits until its annotation layer is there. */
async function showPage(page: Page, n: number) {
  await page.getByLabel("Trang", { exact: true }).fill(String(n));
  await page.getByLabel("Trang", { exact: true }).press("Enter");
  const surface = page.getByTestId(`annotations-page-${n}`);
  await expect(surface).toBeVisible();
  return surface;
}

/** The part of a page's annotation layer that is on screen inside the viewer. */
async function visibleArea(page: Page, pageNumber: number) {
  const surface = page.getByTestId(`annotations-page-${pageNumber}`);
  const box = (await surface.boundingBox())!;
  const stage = (await page.locator(".viewer-container").boundingBox())!;
  const top = Math.max(box.y, stage.y);
  const bottom = Math.min(box.y + box.height, stage.y + stage.height);
  return { x: box.x, y: top, width: box.width, height: bottom - top };
}

async function draw(page: Page, pageNumber: number) {
  const area = await visibleArea(page, pageNumber);
  await page.mouse.move(area.x + area.width * 0.2, area.y + area.height * 0.3);
  await page.mouse.down();
  await page.mouse.move(area.x + area.width * 0.5, area.y + area.height * 0.35, { steps: 6 });
  await page.mouse.move(area.x + area.width * 0.7, area.y + area.height * 0.3, { steps: 6 });
  await page.mouse.up();
}

const saved = (page: Page) => expect(page.getByRole("status").filter({ hasText: "Đang lưu…" })).toHaveCount(0);

test("on a 300-page file a delegate highlights, draws and writes notes that stay, reach their other device live, and stay private until shared", async ({
  browser,
  playwright,
  baseURL,
}) => {
  // Three browsers on a 300-page file, beside the other worker's test on two cores: it took 1.4 min in CI.
  test.setTimeout(180_000);
  const request = await playwright.request.newContext({ baseURL });
  const bytes = await makeLongPdf(300, 30_000);
  const versionId = await uploadDocument(request, baseURL!, bytes, "Tài liệu để ghi chú");
  const size = Number((await request.head(`/files/${versionId}`)).headers()["content-length"]);

  const tabletContext = await browser.newContext();
  const tablet = await tabletContext.newPage();
  const laptopContext = await browser.newContext();
  const laptop = await laptopContext.newPage();
  const otherContext = await browser.newContext();
  const other = await otherContext.newPage();

  // Bytes of the file the tablet really receives, counted by the browser.
  let fetched = 0;
  const cdp = await tabletContext.newCDPSession(tablet);
  await cdp.send("Network.enable");
  const fileRequests = new Set<string>();
  cdp.on("Network.requestWillBeSent", (e) => {
    if (e.request.url.includes(`/files/${versionId}`)) fileRequests.add(e.requestId);
  });
  cdp.on("Network.dataReceived", (e) => {
    if (fileRequests.has(e.requestId)) fetched += e.dataLength;
  });

  await logIn(tablet, "daibieu47");
  await logIn(laptop, "daibieu47");
  await logIn(other, "daibieu48");
  for (const p of [tablet, laptop, other]) {
    await p.goto(`/documents/${versionId}`);
    // The server is still extracting this new file's text, and the other worker's test shares the two cores.
    await expect(p.getByTestId("page-count")).toHaveText("/ 300", { timeout: 20_000 });
  }
  await expect(tablet.locator('.page[data-page-number="1"] .textLayer')).toContainText("Trang 1 — tài liệu dài");
  expect(fetched, `fetched ${fetched} of ${size} bytes`).toBeLessThan(size / 10);

  // A highlight from a text selection on page 2.
  await showPage(tablet, 2);
  await tablet.getByRole("button", { name: "Tô sáng" }).click();
  const line = tablet.locator('.page[data-page-number="2"] .textLayer span').filter({ hasText: "Trang 2" }).first();
  await line.click({ clickCount: 3 });
  await expect(tablet.locator('[data-testid="annotations-page-2"] rect[data-kind="highlight"]')).not.toHaveCount(0);

  // Ink on page 3, in red; the same user's laptop shows it without reloading.
  await showPage(laptop, 3);
  await showPage(tablet, 3);
  await tablet.getByRole("button", { name: "Vẽ tay" }).click();
  await tablet.getByRole("toolbar").getByRole("radio", { name: "Đỏ" }).click();
  await draw(tablet, 3);
  await expect(tablet.locator('[data-testid="annotations-page-3"] polyline[data-kind="ink"]')).toHaveCount(1);
  await expect(laptop.locator('[data-testid="annotations-page-3"] polyline[data-kind="ink"]')).toHaveCount(1);

  // A Vietnamese note on page 4.
  const page4 = await showPage(tablet, 4);
  await tablet.getByRole("button", { name: "Ghi chú", exact: true }).click();
  await page4.click({ position: { x: 120, y: 150 } });
  await tablet.getByLabel("Nội dung ghi chú").fill("Đề nghị làm rõ nguồn vốn đầu tư công năm 2027");
  await tablet.getByRole("button", { name: "Lưu", exact: true }).click();
  const pin = tablet.locator('[data-testid="annotations-page-4"] ~ [data-kind="note"]');
  await expect(pin).toHaveCount(1);
  await saved(tablet);

  // Undo removes the note, redo brings it back.
  await tablet.getByRole("button", { name: "Hoàn tác" }).click();
  await expect(pin).toHaveCount(0);
  await tablet.getByRole("button", { name: "Làm lại" }).click();
  await expect(pin).toHaveCount(1);
  await saved(tablet);
  await tablet.getByRole("button", { name: "Chọn", exact: true }).click();

  // After a reload all three are still there.
  await tablet.reload();
  await expect(tablet.getByTestId("page-count")).toHaveText("/ 300", { timeout: 20_000 });
  await showPage(tablet, 2);
  await expect(tablet.locator('[data-testid="annotations-page-2"] rect[data-kind="highlight"]')).not.toHaveCount(0);
  await showPage(tablet, 3);
  await expect(tablet.locator('[data-testid="annotations-page-3"] polyline[data-kind="ink"]')).toHaveCount(1);
  await showPage(tablet, 4);
  await expect(tablet.locator('[data-kind="note"]')).toHaveAttribute("aria-label", "Ghi chú: Đề nghị làm rõ nguồn vốn đầu tư công năm 2027");

  // Another delegate sees none of it…
  for (const n of [2, 3, 4]) await showPage(other, n);
  await expect(other.locator("[data-annotation]")).toHaveCount(0);

  // …until the note is shared; then it appears for them, with its author.
  await tablet.locator('[data-kind="note"]').click();
  await tablet.getByLabel("Chia sẻ với người dự họp").check();
  await expect(other.locator('[data-kind="note"]')).toHaveCount(1);
  await expect(other.locator('[data-kind="note"]')).toHaveAttribute("aria-label", /^Ghi chú: Đề nghị làm rõ nguồn vốn đầu tư công năm 2027 \(của .+\)$/);
  await expect(other.locator('polyline[data-kind="ink"], rect[data-kind="highlight"]')).toHaveCount(0);

  // "Ghi chú của tôi" lists all three, each opening its page.
  await tablet.getByRole("link", { name: "Ghi chú của tôi", exact: true }).click();
  const mine = tablet.getByRole("region", { name: "Tài liệu để ghi chú" }).getByTestId("my-notes");
  await expect(mine.locator("li")).toHaveCount(3);
  await expect(mine).toContainText("Đề nghị làm rõ nguồn vốn đầu tư công năm 2027");
  await mine.getByRole("link", { name: "Trang 4" }).click();
  await expect(tablet.getByLabel("Trang", { exact: true })).toHaveValue("4");

  await tabletContext.close();
  await laptopContext.close();
  await otherContext.close();
  await request.dispose();
});

test("text written on the page, and marks selected to move, recolour and edit, keep their changes", async ({ page, playwright, baseURL }) => {
  test.setTimeout(90_000);
  const request = await playwright.request.newContext({ baseURL });
  const versionId = await uploadDocument(request, baseURL!, await makePdf([["Trang một"], ["Trang hai"]]), "Tài liệu sửa ghi chú");
  await logIn(page, "daibieu37");
  await page.goto(`/documents/${versionId}`);
  const surface = page.getByTestId("annotations-page-1");
  await expect(surface).toBeVisible();
  const area = await visibleArea(page, 1);

  // Free text: a tap with the text tool, then the words.
  await page.getByRole("button", { name: "Chữ", exact: true }).click();
  await page.mouse.click(area.x + area.width * 0.1, area.y + area.height * 0.2);
  await page.getByLabel("Nội dung chữ trên trang").fill("Kiểm tra số liệu quý IV");
  await page.getByRole("button", { name: "Lưu", exact: true }).click();
  const text = page.locator('[data-kind="freetext"]');
  await expect(text).toHaveText("Kiểm tra số liệu quý IV");
  await saved(page);

  // Ink to move later.
  await page.getByRole("button", { name: "Vẽ tay" }).click();
  await draw(page, 1);
  const ink = page.locator('polyline[data-kind="ink"]');
  await expect(ink).toHaveCount(1);
  await saved(page);

  // Select: drag the text box and the stroke somewhere else.
  await page.getByRole("button", { name: "Chọn", exact: true }).click();
  const before = (await text.boundingBox())!;
  await page.mouse.move(before.x + 20, before.y + before.height / 2);
  await page.mouse.down();
  await page.mouse.move(before.x + 20 + area.width * 0.2, before.y + before.height / 2 + area.height * 0.4, { steps: 8 });
  await page.mouse.up();
  await saved(page);
  // The stroke is grabbed at its lowest point (drawn at half the page's width).
  const inkBefore = (await ink.boundingBox())!;
  const grip = { x: area.x + area.width * 0.5, y: inkBefore.y + inkBefore.height };
  await page.mouse.move(grip.x, grip.y);
  await page.mouse.down();
  await page.mouse.move(grip.x, grip.y + area.height * 0.25, { steps: 8 });
  await page.mouse.up();
  await saved(page);

  // Moved, and still there after a reload.
  await page.reload();
  await expect(text).toHaveText("Kiểm tra số liệu quý IV");
  const after = (await text.boundingBox())!;
  expect(after.x - before.x).toBeCloseTo(area.width * 0.2, -1);
  expect(after.y - before.y).toBeCloseTo(area.height * 0.4, -1);
  const inkAfter = (await ink.boundingBox())!;
  expect(inkAfter.y - inkBefore.y).toBeCloseTo(area.height * 0.25, -1);
  expect(inkAfter.x - inkBefore.x).toBeCloseTo(0, -1);

  // Open the text: recolour it and change its words.
  await page.getByRole("button", { name: "Chọn", exact: true }).click();
  await text.click();
  const card = page.getByRole("dialog", { name: "Chữ trên trang" });
  await card.getByRole("radio", { name: "Tím" }).click();
  await expect(text).toHaveCSS("border-top-color", "rgb(179, 107, 255)");
  await card.getByRole("button", { name: "Sửa nội dung" }).click();
  await page.getByLabel("Nội dung chữ trên trang").fill("Kiểm tra số liệu giải ngân quý IV/2026");
  await page.getByRole("button", { name: "Lưu", exact: true }).click();
  await expect(text).toHaveText("Kiểm tra số liệu giải ngân quý IV/2026");
  await saved(page);

  // Undo takes back the last change only.
  await page.getByRole("button", { name: "Hoàn tác" }).click();
  await expect(text).toHaveText("Kiểm tra số liệu quý IV");
  await expect(text).toHaveCSS("border-top-color", "rgb(179, 107, 255)");
  await saved(page);
  await page.reload();
  await expect(text).toHaveText("Kiểm tra số liệu quý IV");
  await request.dispose();
});
