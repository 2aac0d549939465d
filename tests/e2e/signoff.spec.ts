import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "@playwright/test";
import { makeDraftResolution } from "../setup/pdf-fixtures";
import { expect, expectNoViolations, logIn, test } from "./fixtures";

const summary = "Dự thảo Nghị quyết về kế hoạch đầu tư công năm 2027";

async function open(browser: Browser, username: string) {
  const page = await (await browser.newContext()).newPage();
  await logIn(page, username);
  return page;
}

/** Uploads a file through the upload panel (a new document of `type`, or a new version) and waits until it is stored. */
async function uploadThrough(page: Page, label: string, name: string, bytes: Uint8Array, type?: string) {
  // The panel with that file field (a documents page also has one per document, folded away).
  const panel = page.locator(".upload-panel").filter({ has: page.getByLabel(label, { exact: true }) }).first();
  await panel.getByLabel(label, { exact: true }).setInputFiles({ name, mimeType: "application/pdf", buffer: Buffer.from(bytes) });
  if (type) await panel.getByLabel("Loại văn bản").selectOption(type);
  await panel.getByRole("button", { name: "Tải lên", exact: true }).click();
  await expect(panel.getByText("Đã tải lên", { exact: true })).toBeVisible({ timeout: 20_000 });
}

test("a draft resolution goes to the vice chair, comes back, is revised, approved, signed by the chair on page 1 and verifies", async ({ page: secretary, browser }) => {
  test.setTimeout(180_000);
  const dir = mkdtempSync(join(tmpdir(), "signoff-e2e-"));

  // The secretary uploads the draft to the sitting and sends it for sign-off: the vice chair reviews, the chair signs.
  await logIn(secretary, "thuky1");
  await secretary.goto("/sittings");
  await secretary.getByRole("link", { name: "Phiên khai mạc" }).first().click();
  await secretary.getByRole("link", { name: "Tài liệu", exact: true }).click();
  await uploadThrough(secretary, "Chọn tệp PDF", `${summary}.pdf`, await makeDraftResolution({ body: "Bản thảo lần 1." }), "DTNQ");
  const row = secretary.getByTestId("document").filter({ hasText: summary });
  await expect(row).toHaveCount(1, { timeout: 20_000 });
  await row.getByRole("link", { name: `Trình ký: ${summary}` }).click();
  await secretary.getByLabel("Xem xét lần 1").selectOption({ label: "Nguyễn Thị Minh Tâm — Phó Chủ tịch HĐND tỉnh" });
  await secretary.getByLabel("Lãnh đạo ký ban hành").selectOption({ label: "Hoàng Đức Thịnh — Chủ tịch HĐND tỉnh" });
  await secretary.getByLabel("Lời nhắn").fill("Kính trình Thường trực HĐND xem xét, cho ý kiến.");
  // Five reviewer slots, as the rule allows; the deadline chosen is the day shown everywhere.
  await expect(secretary.getByLabel(/^Xem xét lần \d$/)).toHaveCount(5);
  await secretary.getByLabel("Hạn xử lý").fill("2027-01-15");
  await expectNoViolations(secretary);
  await secretary.getByRole("button", { name: "Gửi trình ký" }).click();
  await expect(secretary.getByTestId("signoff-status")).toHaveText("Đang trình ký");
  await expect(secretary.getByText(/Hạn: .*15\/01\/2027/)).toBeVisible();

  // The vice chair has it waiting on the dashboard, and returns it with a comment.
  const vice = await open(browser, "phochutich1");
  await expect(vice.getByTestId("dashboard-signoffs")).toHaveText("1 văn bản chờ xem xét, 0 văn bản chờ ký");
  await vice.getByRole("link", { name: "Trình ký" }).first().click();
  await expect(vice.getByRole("listitem").filter({ hasText: summary })).toContainText("15/01/2027");
  // The notification gives the same day.
  await vice.goto("/notifications");
  await expect(vice.getByText(`Văn bản chờ đồng chí xử lý, hạn 15/01/2027: ${summary}`)).toBeVisible();
  await vice.goBack();
  await vice.getByRole("link", { name: summary }).click();
  await expect(vice.getByTestId("page-count")).toHaveText("/ 2", { timeout: 20_000 });
  await vice.getByLabel("Ý kiến").fill("Đề nghị bổ sung căn cứ pháp lý tại phần mở đầu.");
  await vice.getByRole("button", { name: "Trả lại" }).click();
  await expect(vice.getByTestId("signoff-status")).toHaveText("Bị trả lại");

  // The secretary is told live, uploads the revision and sends it again.
  await expect(secretary.getByTestId("signoff-status")).toHaveText("Bị trả lại");
  await expect(secretary.getByTestId("signoff-history")).toContainText("Đề nghị bổ sung căn cứ pháp lý tại phần mở đầu.");
  await uploadThrough(secretary, "Tải phiên bản mới", "du-thao-lan-2.pdf", await makeDraftResolution({ body: "Bản thảo lần 2, đã bổ sung căn cứ pháp lý." }));
  await expect(secretary.getByLabel("Bản gửi lại")).toContainText("2 — du-thao-lan-2.pdf", { timeout: 20_000 });
  await secretary.getByRole("button", { name: "Gửi lại" }).click();
  await expect(secretary.getByTestId("signoff-status")).toHaveText("Đang trình ký");
  await expectNoViolations(secretary);

  // The vice chair approves the revision.
  await vice.reload();
  await vice.getByRole("button", { name: "Đồng ý" }).click();
  await expect(vice.getByTestId("signoff-steps")).toContainText("Nguyễn Thị Minh Tâm — Xem xét: Đã đồng ý");

  // The chair signs where they click on page 1.
  const chair = await open(browser, "chutich");
  await expect(chair.getByTestId("pending-signoffs")).toHaveText("1");
  await chair.goto(new URL(secretary.url()).pathname);
  await expect(chair.getByTestId("page-count")).toHaveText("/ 2", { timeout: 20_000 });
  const page1 = chair.locator('.page[data-page-number="1"]');
  await expect(page1.locator(".textLayer")).toContainText("Bản thảo lần 2");
  // A spot in the part of page 1 that is on screen inside the viewer.
  const box = (await page1.boundingBox())!;
  const stage = (await chair.locator(".viewer-container").boundingBox())!;
  const top = Math.max(box.y, stage.y);
  const bottom = Math.min(box.y + box.height, stage.y + stage.height);
  // Before a click, the plan: the draft leaves no signature block, so low on its last page, clear of the text.
  await expect(chair.getByTestId("signature-plan")).toContainText("Dự thảo không có chỗ ký: chữ ký đặt ở phần cuối trang 2");
  await chair.mouse.click(box.x + box.width * 0.55, (top + bottom) / 2);
  await expect(chair.getByTestId("signature-plan")).toContainText("Chữ ký đặt ở chỗ đồng chí chọn (trang 1)");
  await expect(page1.getByTestId("planned-signer")).toBeVisible();
  await expect(page1.getByTestId("planned-seal")).toBeVisible();
  await expectNoViolations(chair);
  // Signing asks first, then shows its progress.
  await chair.getByRole("button", { name: "Ký số và ban hành" }).click();
  const confirm = chair.getByTestId("confirm-dialog");
  await expect(confirm).toContainText("Văn bản sẽ được cấp số, ký số bằng chứng thư số của đồng chí");
  await confirm.getByRole("button", { name: "Ký số", exact: true }).click();
  await expect(chair.getByTestId("signoff-status")).toHaveText("Đã ban hành", { timeout: 30_000 });
  const reference = (await chair.getByTestId("signoff-reference").textContent())!.replace("Số, ký hiệu: ", "");
  expect(reference).toMatch(/^\d{2}\/NQ-HĐND$/);

  // The number is on the signed file, inside what the signatures cover.
  const signedUrl = await chair.getByRole("link", { name: "Tải văn bản đã ký" }).getAttribute("href");
  const signed = await (await chair.request.get(signedUrl!)).body();
  const file = join(dir, "signed.pdf");
  writeFileSync(file, signed);
  const text = execFileSync("pdftotext", ["-layout", "-f", "1", "-l", "1", file, "-"], { encoding: "utf8" });
  expect(text.replace(/\s/g, "")).toContain(`Số:${reference}`);
  // The chair's handwritten signature is an image; the council's seal comes with its name and the time in words.
  expect(text).toContain("HỘI ĐỒNG NHÂN DÂN TỈNH LÂM HÀ");
  expect(text).toMatch(/Thời gian ký: \d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00/);

  // The verification page shows every signature valid.
  await chair.getByRole("link", { name: "Kiểm tra chữ ký" }).last().click();
  // The page checks both signatures (the file, its certificates) before it answers: on a busy machine that takes
  // longer than one expectation's default.
  await expect(chair.getByTestId("verify-summary")).toHaveText("Tất cả 2 chữ ký đều hợp lệ.", { timeout: 30_000 });
  const signatures = chair.getByTestId("verify-signature");
  await expect(signatures).toHaveCount(2);
  await expect(signatures.nth(0)).toContainText("Hoàng Đức Thịnh");
  await expect(signatures.nth(0)).toContainText("Sau chữ ký này, tệp có thêm phần cập nhật");
  await expect(signatures.nth(1)).toContainText("Hội đồng nhân dân tỉnh Lâm Hà");
  await expect(signatures.nth(1)).toContainText("Chữ ký bao trùm toàn bộ tệp");
  await expectNoViolations(chair);

  // A copy with one byte changed, uploaded to the same page, is shown as tampered.
  const tampered = Buffer.from(signed);
  const at = tampered.indexOf("\n%", 5) + 2;
  tampered[at] ^= 0x01;
  await chair.getByLabel("Hoặc tải lên tệp PDF").setInputFiles({ name: "ban-bi-sua.pdf", mimeType: "application/pdf", buffer: tampered });
  await chair.getByRole("button", { name: "Kiểm tra" }).last().click();
  await expect(chair.getByTestId("verify-summary")).toHaveText("Có chữ ký không hợp lệ.");
  await expect(chair.getByTestId("verify-signature").first()).toContainText("Văn bản ĐÃ BỊ THAY ĐỔI sau khi ký — chữ ký không còn giá trị");
});

test("an admin imports a leader's PKCS#12: a wrong password is refused in words, the right one lists it, and it can be revoked", async ({ page }) => {
  const dir = mkdtempSync(join(tmpdir(), "p12-e2e-"));
  const [key, cert, p12] = ["key.pem", "cert.pem", "vinh.p12"].map((f) => join(dir, f));
  execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-utf8", "-subj", "/C=VN/O=HĐND tỉnh Lâm Hà/CN=Lê Quang Vinh", "-days", "365", "-keyout", key, "-out", cert], { stdio: "pipe" });
  execFileSync("openssl", ["pkcs12", "-export", "-inkey", key, "-in", cert, "-passout", "pass:dung-mat-khau", "-out", p12], { stdio: "pipe" });

  await logIn(page, "admin");
  await page.goto("/admin/certificates");
  // The seed's authority, leaders and bodies are listed.
  await expect(page.getByTestId("certificate-list")).toContainText("CA của hệ thống");
  const importForm = page.locator("form").filter({ has: page.getByRole("button", { name: "Nhập chứng thư" }) });
  await importForm.getByLabel("Chủ sở hữu").selectOption({ label: "Lê Quang Vinh" });
  await importForm.getByLabel("Tệp chứng thư").setInputFiles(p12);
  await importForm.getByLabel("Mật khẩu của tệp").fill("sai-mat-khau");
  await importForm.getByRole("button", { name: "Nhập chứng thư" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Mật khẩu của tệp chứng thư số không đúng." })).toBeVisible();

  await importForm.getByLabel("Chủ sở hữu").selectOption({ label: "Lê Quang Vinh" });
  await importForm.getByLabel("Tệp chứng thư").setInputFiles(p12);
  await importForm.getByLabel("Mật khẩu của tệp").fill("dung-mat-khau");
  await importForm.getByRole("button", { name: "Nhập chứng thư" }).click();
  const imported = page.getByTestId("certificate-list").locator("li").filter({ hasText: "CN=Lê Quang Vinh, O=HĐND tỉnh Lâm Hà" });
  await expect(imported).toHaveCount(1);
  await expectNoViolations(page);

  await imported.getByLabel("Lý do thu hồi").fill("Thay thiết bị ký");
  await imported.getByRole("button", { name: "Thu hồi" }).click();
  await expect(imported).toContainText("Đã thu hồi");
});
