import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { budgetReportPages, writePdf } from "../setup/pdf-fixtures";
import { confirmInDialog, expect, logIn, test } from "./fixtures";

const agenda = [
  ["Khai mạc phiên họp", "Chủ tịch HĐND tỉnh", "10"],
  ["Tờ trình về dự toán ngân sách năm 2027", "UBND tỉnh", "30"],
  ["Báo cáo thẩm tra của Ban Kinh tế – Ngân sách", "Ban Kinh tế – Ngân sách", "20"],
  ["Thảo luận tại hội trường", "Các đại biểu", "90"],
  ["Biểu quyết thông qua nghị quyết", "Chủ tọa", "15"],
];

test("a secretary prepares and publishes a sitting; a delegate is told live and answers; the secretary sees it live", async ({ browser }) => {
  test.setTimeout(90_000);
  const dir = mkdtempSync(join(tmpdir(), "phonghop-e2e-"));
  const files = await Promise.all([
    writePdf(dir, "Tờ trình dự toán 2027.pdf", budgetReportPages()),
    writePdf(dir, "Báo cáo thẩm tra.pdf", [["Báo cáo thẩm tra"], ["Ý kiến của Ban"]]),
    writePdf(dir, "Dự thảo nghị quyết.pdf", [["Dự thảo Nghị quyết"]]),
  ]);

  const secretaryContext = await browser.newContext();
  const secretary = await secretaryContext.newPage();
  const delegateContext = await browser.newContext();
  const delegate = await delegateContext.newPage();
  await logIn(delegate, "daibieu1");

  await logIn(secretary, "thuky1");
  await secretary.getByRole("link", { name: "Phiên họp", exact: true }).click();
  await secretary.getByRole("link", { name: "Tạo phiên họp" }).first().click();
  await expect(secretary.getByRole("heading", { name: "Tạo phiên họp" })).toBeVisible();
  const title = `Phiên chất vấn ${Date.now()}`;
  await secretary.getByLabel("Tên phiên họp").fill(title);
  const day = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  await secretary.getByLabel("Ngày họp").fill(day);
  await secretary.getByLabel("Địa điểm").fill("Hội trường HĐND tỉnh");
  await secretary.getByRole("button", { name: "Tạo", exact: true }).click();

  // Five agenda items.
  await expect(secretary.getByRole("heading", { name: "Chương trình phiên họp" })).toBeVisible();
  for (const [itemTitle, presenter, minutes] of agenda) {
    const form = secretary.locator("section", { has: secretary.getByRole("heading", { name: "Thêm nội dung" }) });
    await form.getByLabel("Tên nội dung").fill(itemTitle);
    await form.getByLabel("Người / đơn vị trình bày").fill(presenter);
    await form.getByLabel("Thời gian dự kiến (phút)").fill(minutes);
    await form.getByRole("button", { name: "Thêm nội dung" }).click();
    await expect(secretary.getByTestId("agenda-builder").getByText(itemTitle)).toBeVisible();
  }
  await expect(secretary.getByTestId("agenda-total")).toHaveText("Tổng thời gian dự kiến: 2 giờ 45 phút");

  // Three PDFs at once, each with a progress bar.
  await secretary.getByRole("link", { name: "Tài liệu", exact: true }).click();
  await secretary.getByLabel("Chọn tệp PDF").setInputFiles(files);
  const rows = secretary.getByTestId("upload-list").locator("li");
  await expect(rows).toHaveCount(3);
  await rows.nth(0).getByLabel("Thuộc nội dung").selectOption({ index: 2 });
  await secretary.getByRole("button", { name: "Tải tất cả lên" }).click();
  await expect(secretary.getByRole("progressbar").first()).toBeVisible();
  await expect(secretary.getByTestId("upload-list").locator('li[data-state="done"]')).toHaveCount(3, { timeout: 30_000 });
  await expect(secretary.getByTestId("document-list").getByTestId("document")).toHaveCount(3);

  // Publish.
  await secretary.getByRole("link", { name: "Tổng quan" }).click();
  await secretary.getByRole("button", { name: "Phát hành phiên họp" }).click();
  await confirmInDialog(secretary, "Xác nhận phát hành");
  await expect(secretary.getByTestId("toast")).toContainText("Đã phát hành phiên họp và gửi giấy mời tới");

  // The delegate, without reloading, is invited.
  const invitation = delegate.getByTestId("live-notifications").getByText(`Bạn được mời dự “${title}”.`);
  await expect(invitation).toBeVisible();

  // The secretary watches the replies.
  await secretary.getByRole("link", { name: "Thành phần và trả lời" }).click();
  await expect(secretary.getByTestId("reply-summary")).toContainText("0 vắng");

  await delegate.getByTestId("live-notifications").locator(".live-notification", { hasText: title }).getByRole("link", { name: "Xem" }).click();
  await expect(delegate.getByRole("heading", { name: title })).toBeVisible();
  const agendaList = delegate.getByTestId("agenda");
  await expect(agendaList.locator(":scope > li")).toHaveCount(5);
  await expect(agendaList).toContainText("Tờ trình về dự toán ngân sách năm 2027");
  await expect(agendaList.getByRole("link", { name: /Tờ trình dự toán 2027/ })).toBeVisible();
  await delegate.getByLabel("Tôi xin vắng mặt").check();
  await delegate.getByLabel("Lý do vắng mặt").fill("Đi công tác tại Hà Nội theo kế hoạch của Tỉnh ủy");
  await delegate.getByRole("button", { name: "Gửi xác nhận" }).click();
  await expect(delegate.getByTestId("my-reply")).toContainText("Vắng mặt — Đi công tác tại Hà Nội");

  // No reload on the secretary's side.
  await expect(secretary.getByTestId("reply-summary")).toContainText("1 vắng");
  await expect(secretary.getByTestId("replies")).toContainText("Đi công tác tại Hà Nội theo kế hoạch của Tỉnh ủy");

  await secretaryContext.close();
  await delegateContext.close();
});

test("reordering a published agenda by keyboard and by dragging tells the delegates live", async ({ browser }) => {
  const secretaryContext = await browser.newContext();
  const secretary = await secretaryContext.newPage();
  const delegateContext = await browser.newContext();
  const delegate = await delegateContext.newPage();
  await logIn(secretary, "thuky2");
  await logIn(delegate, "daibieu2");

  await delegate.getByRole("link", { name: "Phiên họp", exact: true }).click();
  await delegate.getByTestId("my-sittings").getByText("Phiên thảo luận và biểu quyết các nghị quyết").click();
  const delegateAgenda = delegate.getByTestId("agenda").locator(":scope > li");
  const firstTitle = (await delegateAgenda.nth(0).locator("strong").innerText()).trim();
  const secondTitle = (await delegateAgenda.nth(1).locator("strong").innerText()).trim();
  const sittingUrl = delegate.url();

  await secretary.goto(`${new URL(sittingUrl).pathname}/agenda`);
  const rows = secretary.getByTestId("agenda-builder").locator(":scope > li");
  // Keyboard: focus "move down" on the first item and press Enter.
  await secretary.getByRole("button", { name: `Chuyển xuống: ${firstTitle}` }).focus();
  await secretary.keyboard.press("Enter");
  await expect(rows.nth(0)).toContainText(secondTitle);
  await expect(rows.nth(1)).toContainText(firstTitle);

  await expect(delegate.getByTestId("agenda-changed")).toHaveText("Chương trình vừa được cập nhật (bản số 2).");
  await expect(delegateAgenda.nth(0)).toContainText(secondTitle);
  await expect(delegateAgenda.nth(1)).toContainText(firstTitle);

  // Drag: the third item's handle to the top.
  const thirdTitle = (await rows.nth(2).locator("strong").first().innerText()).replace(/^\d+\.\s*/, "").trim();
  const handle = rows.nth(2).locator(".drag-handle");
  await secretary.setViewportSize({ width: 1280, height: 1100 });
  await rows.nth(0).scrollIntoViewIfNeeded();
  const target = await rows.nth(0).boundingBox();
  const from = await handle.boundingBox();
  await secretary.mouse.move(from!.x + from!.width / 2, from!.y + from!.height / 2);
  await secretary.mouse.down();
  await secretary.mouse.move(from!.x + 10, target!.y + 5, { steps: 8 });
  await secretary.mouse.up();
  await expect(rows.nth(0)).toContainText(thirdTitle);
  await expect(delegate.getByTestId("agenda-changed")).toHaveText("Chương trình vừa được cập nhật (bản số 3).");
  await expect(delegateAgenda.nth(0)).toContainText(thirdTitle);
  await expect(secretary.getByTestId("agenda-revisions")).toContainText(`Chuyển “${thirdTitle}” từ vị trí 3 sang 1`);

  // The delegate also keeps them as notifications.
  await delegate.getByRole("link", { name: /thông báo chưa đọc/ }).click();
  const list = delegate.getByRole("main");
  await expect(list.getByText("Chương trình “Phiên thảo luận và biểu quyết các nghị quyết” đã thay đổi (bản số 3).")).toBeVisible();
  await expect(list.getByText("Chương trình “Phiên thảo luận và biểu quyết các nghị quyết” đã thay đổi (bản số 2).")).toBeVisible();

  await secretaryContext.close();
  await delegateContext.close();
});
