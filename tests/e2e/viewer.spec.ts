import { demoPassword } from "../../db/seed";
import { budgetReportPages, makeLongPdf, makePdf } from "../setup/pdf-fixtures";
import { expect, expectNoViolations, logIn, test } from "./fixtures";

async function uploadAs(request: import("@playwright/test").APIRequestContext, baseURL: string, bytes: Uint8Array, fields: Record<string, string>) {
  const login = await request.post("/login", { form: { username: "thuky2", password: demoPassword }, headers: { origin: baseURL }, maxRedirects: 0 });
  expect(login.status()).toBe(302);
  const html = await (await request.get("/sittings")).text();
  const sittingId = html.match(/href="\/sittings\/([0-9a-f-]{36})"/)![1];
  const response = await request.post(`/sittings/${sittingId}/upload`, {
    headers: { origin: baseURL },
    multipart: { ...fields, file: { name: "tai-lieu.pdf", mimeType: "application/pdf", buffer: Buffer.from(bytes) } },
  });
  const reply = await response.json();
  expect(reply.ok, reply.message).toBe(true);
  return reply.versionId as string;
}

test("page 1 of a 300-page PDF shows long before the whole file is fetched", async ({ page, playwright, baseURL }) => {
  test.setTimeout(120_000);
  const bytes = await makeLongPdf(300, 100_000);
  const request = await playwright.request.newContext({ baseURL });
  const versionId = await uploadAs(request, baseURL!, bytes, { summary: "Hồ sơ 300 trang" });
  const size = Number((await request.head(`/files/${versionId}`)).headers()["content-length"]);
  expect(size).toBeGreaterThan(29_000_000);

  // Bytes really received for the file, counted by the browser itself (PDF.js opens with a plain GET that it
  // cancels once it sees the server takes ranges, so response headers alone would overstate it).
  let fetched = 0;
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  const fileRequests = new Set<string>();
  cdp.on("Network.requestWillBeSent", (e) => {
    if (e.request.url.includes(`/files/${versionId}`)) fileRequests.add(e.requestId);
  });
  cdp.on("Network.dataReceived", (e) => {
    if (fileRequests.has(e.requestId)) fetched += e.dataLength;
  });
  await logIn(page, "daibieu44");
  await page.goto(`/documents/${versionId}`);
  // What this test measures is bytes, not time: on a busy machine PDF.js may take a while to start.
  await expect(page.getByTestId("page-count")).toHaveText("/ 300", { timeout: 30_000 });
  await expect(page.locator('.page[data-page-number="1"] canvas')).toBeVisible();
  await expect(page.locator('.page[data-page-number="1"] .textLayer')).toContainText("Trang 1 — tài liệu dài");
  expect(fetched).toBeGreaterThan(0);
  expect(fetched, `fetched ${fetched} of ${size} bytes`).toBeLessThan(size / 10);

  // Go to a page far away: it is fetched and drawn on its own.
  await page.getByLabel("Trang", { exact: true }).fill("250");
  await page.getByLabel("Trang", { exact: true }).press("Enter");
  await expect(page.locator('.page[data-page-number="250"] .textLayer')).toContainText("Trang 250 — tài liệu dài");
  expect(fetched).toBeLessThan(size / 4);
  await request.dispose();
});

test("searching inside a document highlights the hits, and zoom and thumbnails work from the toolbar", async ({ page, playwright, baseURL }) => {
  const request = await playwright.request.newContext({ baseURL });
  const versionId = await uploadAs(request, baseURL!, await makePdf(budgetReportPages()), { summary: "Tờ trình dự toán" });
  await logIn(page, "daibieu45");
  await page.goto(`/documents/${versionId}`);
  await expect(page.getByTestId("page-count")).toHaveText("/ 5");
  await page.getByRole("searchbox", { name: "Tìm trong tài liệu" }).fill("ngan sach");
  await page.getByRole("button", { name: "Tìm", exact: true }).click();
  await expect(page.getByTestId("match-count")).toHaveText("1/2 kết quả");
  await expect(page.locator('.page[data-page-number="3"] .highlight').first()).toBeVisible();
  await expect(page.getByLabel("Trang", { exact: true })).toHaveValue("3");

  const before = await page.getByTestId("zoom").innerText();
  await page.getByRole("button", { name: "Phóng to" }).click();
  await expect(page.getByTestId("zoom")).not.toHaveText(before);

  await page.getByRole("button", { name: "Trang thu nhỏ" }).click();
  await page.getByRole("button", { name: "Đến trang 5" }).click();
  await expect(page.getByLabel("Trang", { exact: true })).toHaveValue("5");
  await request.dispose();
});

test("a confidential document shows its reader's name over the pages; the viewer meets WCAG 2.1 AA", async ({ page, playwright, baseURL }) => {
  const request = await playwright.request.newContext({ baseURL });
  const versionId = await uploadAs(request, baseURL!, await makePdf([["Phương án nhân sự"], ["Trang hai"]]), { summary: "Phương án nhân sự", confidentiality: "confidential" });
  await logIn(page, "daibieu46");
  const name = (await page.getByTestId("current-user").innerText()).trim();
  await page.goto(`/documents/${versionId}`);
  await expect(page.getByTestId("page-count")).toHaveText("/ 2");
  await expect(page.locator('.page[data-page-number="1"] .viewer-watermark')).toHaveText(name);
  await expect(page.getByText(`Tài liệu mật — chỉ dành cho ${name}`)).toBeVisible();
  await expectNoViolations(page, ".viewer-toolbar");
  await request.dispose();
});
