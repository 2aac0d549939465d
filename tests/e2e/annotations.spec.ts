import type { APIRequestContext, Page } from "@playwright/test";
import { demoPassword } from "../../db/seed";
import { makePdf } from "../setup/pdf-fixtures";
import { expect, logIn, test } from "./fixtures";

async function uploadDocument(request: APIRequestContext, baseURL: string) {
  await request.post("/login", { form: { username: "thuky1", password: demoPassword }, headers: { origin: baseURL }, maxRedirects: 0 });
  const html = await (await request.get("/sittings")).text();
  const sittingId = html.match(/href="\/sittings\/([0-9a-f-]{36})"/)![1];
  const bytes = await makePdf([["Trang một"], ["Trang hai"], ["Trang ba"], ["Trang bốn"]]);
  const response = await request.post(`/sittings/${sittingId}/upload`, {
    headers: { origin: baseURL },
    multipart: { summary: "Tài liệu để ghi chú", file: { name: "ghi-chu.pdf", mimeType: "application/pdf", buffer: Buffer.from(bytes) } },
  });
  return (await response.json()).versionId as string;
}

async function draw(page: Page, pageNumber: number) {
  const surface = page.getByTestId(`annotations-page-${pageNumber}`);
  await surface.scrollIntoViewIfNeeded();
  const box = (await surface.boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.2, box.y + box.height * 0.3);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.35, { steps: 6 });
  await page.mouse.move(box.x + box.width * 0.7, box.y + box.height * 0.3, { steps: 6 });
  await page.mouse.up();
}

test("a delegate draws and writes notes that stay, follow them to their other device, and stay private until shared", async ({ browser, playwright, baseURL }) => {
  test.setTimeout(90_000);
  const request = await playwright.request.newContext({ baseURL });
  const versionId = await uploadDocument(request, baseURL!);

  const tabletContext = await browser.newContext();
  const tablet = await tabletContext.newPage();
  const laptopContext = await browser.newContext();
  const laptop = await laptopContext.newPage();
  const otherContext = await browser.newContext();
  const other = await otherContext.newPage();
  await logIn(tablet, "daibieu47");
  await logIn(laptop, "daibieu47");
  await logIn(other, "daibieu48");
  for (const p of [tablet, laptop, other]) {
    await p.goto(`/documents/${versionId}`);
    await expect(p.getByTestId("page-count")).toHaveText("/ 4");
    await expect(p.getByTestId("annotations-page-1")).toBeVisible();
  }

  // Ink on page 1.
  await tablet.getByRole("button", { name: "Vẽ tay" }).click();
  await tablet.getByRole("radio", { name: "Đỏ" }).click();
  await draw(tablet, 1);
  await expect(tablet.locator('[data-testid="annotations-page-1"] polyline[data-kind="ink"]')).toHaveCount(1);
  // The same user's other device gets it without reloading.
  await expect(laptop.locator('[data-testid="annotations-page-1"] polyline[data-kind="ink"]')).toHaveCount(1);

  // A Vietnamese note on page 2.
  await tablet.getByRole("button", { name: "Ghi chú" }).click();
  const page2 = tablet.getByTestId("annotations-page-2");
  await page2.scrollIntoViewIfNeeded();
  await page2.click({ position: { x: 120, y: 150 } });
  await tablet.getByLabel("Nội dung ghi chú").fill("Đề nghị làm rõ nguồn vốn đầu tư công năm 2027");
  await tablet.getByRole("button", { name: "Lưu", exact: true }).click();
  const pin = tablet.locator('[data-kind="note"]');
  await expect(pin).toHaveCount(1);
  await expect(tablet.getByRole("status").filter({ hasText: "Đang lưu…" })).toHaveCount(0);

  // Undo removes the note, redo brings it back.
  await tablet.getByRole("button", { name: "Hoàn tác" }).click();
  await expect(pin).toHaveCount(0);
  await tablet.getByRole("button", { name: "Làm lại" }).click();
  await expect(pin).toHaveCount(1);

  // A highlight from a text selection on page 3.
  await tablet.getByRole("button", { name: "Tô sáng" }).click();
  const line = tablet.locator('.page[data-page-number="3"] .textLayer span').filter({ hasText: "Trang ba" }).first();
  await line.scrollIntoViewIfNeeded();
  await line.click({ clickCount: 3 });
  await expect(tablet.locator('[data-testid="annotations-page-3"] rect[data-kind="highlight"]')).not.toHaveCount(0);
  await tablet.getByRole("button", { name: "Xem" }).click();

  // After a reload all three are still there.
  await tablet.reload();
  await expect(tablet.getByTestId("page-count")).toHaveText("/ 4");
  await expect(tablet.locator('[data-testid="annotations-page-1"] polyline[data-kind="ink"]')).toHaveCount(1);
  await tablet.getByTestId("annotations-page-2").scrollIntoViewIfNeeded();
  await expect(tablet.locator('[data-kind="note"]')).toHaveAttribute("aria-label", "Ghi chú: Đề nghị làm rõ nguồn vốn đầu tư công năm 2027");
  await tablet.getByTestId("annotations-page-3").scrollIntoViewIfNeeded();
  await expect(tablet.locator('[data-testid="annotations-page-3"] rect[data-kind="highlight"]')).not.toHaveCount(0);

  // Another delegate sees none of it…
  await expect(other.locator("[data-annotation]")).toHaveCount(0);

  // …until the note is shared; then it appears for them, with its author.
  await tablet.locator('[data-kind="note"]').click();
  await tablet.getByLabel("Chia sẻ với người dự họp").check();
  await other.getByTestId("annotations-page-2").scrollIntoViewIfNeeded();
  await expect(other.locator('[data-kind="note"]')).toHaveCount(1);
  await expect(other.locator('[data-kind="note"]')).toHaveAttribute("aria-label", /^Ghi chú: Đề nghị làm rõ nguồn vốn đầu tư công năm 2027 \(của .+\)$/);
  await expect(other.locator('polyline[data-kind="ink"]')).toHaveCount(0);

  // "Ghi chú của tôi" lists both, each opening its page.
  await tablet.getByRole("link", { name: "Ghi chú của tôi", exact: true }).click();
  const mine = tablet.getByRole("region", { name: "Tài liệu để ghi chú" }).getByTestId("my-notes");
  await expect(mine.locator("li")).toHaveCount(3);
  await expect(mine).toContainText("Đề nghị làm rõ nguồn vốn đầu tư công năm 2027");
  await mine.getByRole("link", { name: "Trang 2" }).click();
  await expect(tablet.getByLabel("Trang", { exact: true })).toHaveValue("2");

  await tabletContext.close();
  await laptopContext.close();
  await otherContext.close();
  await request.dispose();
});
