import type { Browser, Page } from "@playwright/test";
import { confirmInDialog, expect, expectNoViolations, logIn, test } from "./fixtures";

const sittingTitle = "Phiên thảo luận và biểu quyết các nghị quyết";

async function open(browser: Browser, username: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await logIn(page, username);
  return page;
}

async function sittingUrl(page: Page) {
  await page.goto("/sittings");
  await page.getByRole("link", { name: sittingTitle }).first().click();
  await expect(page.getByRole("heading", { name: new RegExp(sittingTitle) })).toBeVisible();
  return new URL(page.url()).pathname;
}

const percent = (count: number, n: number) => `${(Math.round((count * 10_000) / n) / 100).toFixed(2).replace(".", ",")}%`;

test("check-ins and a named vote reach the chair, the delegates and the hall screen live, with the result as a share of N", async ({ browser }) => {
  test.setTimeout(120_000);
  const chair = await open(browser, "chutich");
  const path = await sittingUrl(chair);
  await chair.goto(`${path}/live`);
  await chair.getByRole("button", { name: "Khai mạc phiên họp" }).click();
  await expect(chair.getByTestId("live-sitting")).toContainText("Đang họp");

  const screen = await open(browser, "thuky2");
  await screen.goto(`${path}/screen`);
  await expect(screen.getByTestId("hall-present")).toContainText(/Có mặt 0\/\d+ đại biểu/);
  const n = Number((await screen.getByTestId("hall-present").textContent())!.match(/Có mặt 0\/(\d+)/)![1]);

  const delegates = [await open(browser, "daibieu35"), await open(browser, "daibieu36")];
  for (const [i, delegate] of delegates.entries()) {
    await delegate.goto(`${path}/live`);
    await delegate.getByRole("button", { name: "Điểm danh có mặt" }).click();
    await expect(delegate.getByText("Bạn đã điểm danh có mặt.")).toBeVisible();
    // Everyone's count moves at once.
    await expect(screen.getByTestId("hall-present")).toContainText(`Có mặt ${i + 1}/${n} đại biểu`);
    await expect(chair.getByTestId("present-count")).toHaveText(`Có mặt ${i + 1}/${n} đại biểu`);
  }

  // A delegate asks to speak; the chair sees them in the list and gives the floor; the timer runs on the hall screen.
  await delegates[0].getByRole("button", { name: "Đăng ký phát biểu" }).click();
  await expect(delegates[0].getByTestId("my-turn")).toHaveText("Bạn đã đăng ký phát biểu; vị trí 1 trong danh sách.");
  const queue = chair.getByTestId("speaker-queue");
  await expect(queue.locator("li")).toHaveCount(1);
  await expect(queue).toContainText(/phát biểu\s+đăng ký lúc \d{2}:\d{2}/);
  await queue.getByRole("button", { name: /^Mời phát biểu: / }).click();
  const timer = screen.getByTestId("hall-speaker").getByTestId("speech-timer");
  await expect(timer).toHaveAttribute("data-state", "running");
  await expect(timer).toContainText(/6:5\d/); // seven minutes for a first speech, counting down
  await expect(delegates[1].getByTestId("speech-timer")).toBeVisible();
  await chair.getByRole("button", { name: "Kết thúc lượt phát biểu" }).click();
  await expect(screen.getByTestId("hall-speaker")).toHaveCount(0);
  await expect(chair.getByTestId("speakers-done")).toContainText(/— phát biểu, 0:0\d/);

  // The chair creates a named majority vote and opens it (two present: no quorum, so the chair confirms).
  await chair.getByLabel("Nội dung biểu quyết").fill("Thông qua Nghị quyết về kế hoạch đầu tư công năm 2027");
  await chair.getByRole("button", { name: "Tạo biểu quyết" }).click();
  await chair.getByRole("button", { name: "Vẫn mở biểu quyết khi chưa đủ số đại biểu" }).click();
  await confirmInDialog(chair, "Xác nhận mở biểu quyết");
  await expect(chair.getByTestId("console-voted")).toHaveText(`Đã biểu quyết 0/${n}`);
  await expect(screen.getByTestId("hall-voted")).toHaveText(`Đã biểu quyết 0/${n}`);

  await delegates[0].getByRole("button", { name: "Tán thành", exact: true }).click();
  await expect(delegates[0].getByTestId("my-ballot")).toHaveText("Bạn đã chọn: Tán thành");
  await expect(screen.getByTestId("hall-voted")).toHaveText(`Đã biểu quyết 1/${n}`);
  await delegates[1].getByRole("button", { name: "Không tán thành" }).click();
  await expect(delegates[1].getByTestId("my-ballot")).toHaveText("Bạn đã chọn: Không tán thành");
  await expect(screen.getByTestId("hall-voted")).toHaveText(`Đã biểu quyết 2/${n}`);
  await expect(chair.getByTestId("console-voted")).toHaveText(`Đã biểu quyết 2/${n}`);
  // A second ballot is not offered.
  await expect(delegates[0].getByRole("button", { name: "Không tán thành" })).toHaveCount(0);

  await chair.getByRole("button", { name: "Kết thúc biểu quyết" }).click();
  await confirmInDialog(chair, "Xác nhận kết thúc biểu quyết");
  const result = screen.getByTestId("hall-result");
  await expect(result.getByTestId("poll-verdict")).toHaveText("Không được thông qua");
  await expect(result.locator('[data-choice="yes"]')).toHaveText(`Tán thành: 1/${n} (${percent(1, n)})`);
  await expect(result.locator('[data-choice="no"]')).toHaveText(`Không tán thành: 1/${n} (${percent(1, n)})`);
  await expect(result.locator('[data-choice="notVoted"]')).toHaveText(`Chưa biểu quyết: ${n - 2}/${n} (${percent(n - 2, n)})`);
  await expect(result.locator("canvas")).toBeVisible();
  // The item keeps its poll history in the chair's console.
  await expect(chair.getByRole("region", { name: "1. Báo cáo tổng hợp ý kiến thảo luận tại các Tổ đại biểu" })).toContainText(
    "Thông qua Nghị quyết về kế hoạch đầu tư công năm 2027",
  );
  // The delegates' tablets no longer offer the vote.
  for (const delegate of delegates) {
    await expect(delegate.getByTestId("vote-panel")).toHaveCount(0);
    await expect(delegate.getByTestId("poll-verdict")).toHaveText("Không được thông qua");
  }

  // The secretary's side: someone who left the hall is checked out, and every screen counts one fewer.
  await chair.getByTestId("present-list").getByRole("button", { name: /^Bỏ điểm danh: / }).first().click();
  await expect(screen.getByTestId("hall-present")).toContainText(`Có mặt 1/${n} đại biểu`);

  // Every screen of the hall meets WCAG 2.1 AA.
  await expectNoViolations(chair);
  await expectNoViolations(delegates[0]);
  await expectNoViolations(screen);
});

test("the chair drags a speaker up the list; one not reached sends the speech in writing; a replaced hall screen link says so", async ({ browser }) => {
  test.setTimeout(120_000);
  const chair = await open(browser, "chutich");
  const path = await sittingUrl(chair);
  await chair.goto(`${path}/live`);
  // Opened by the test before, or not yet when this one runs alone.
  await expect(chair.getByTestId("live-sitting")).toContainText(/Đang họp|Chưa khai mạc/);
  if ((await chair.getByTestId("live-sitting").textContent())!.includes("Chưa khai mạc")) await chair.getByRole("button", { name: "Khai mạc phiên họp" }).click();
  await expect(chair.getByTestId("live-sitting")).toContainText("Đang họp");
  await chair.getByRole("button", { name: "Chuyển sang nội dung này: Thảo luận tại hội trường" }).click();

  // The hall screen opened by its link.
  await chair.getByRole("button", { name: "Lấy liên kết màn hình hội trường" }).click();
  const screenPath = new URL((await chair.getByTestId("screen-link").getAttribute("href"))!, "http://x").pathname;
  const screen = await (await browser.newContext()).newPage();
  await screen.goto(screenPath);
  await expect(screen.getByTestId("hall-item")).toContainText("Thảo luận tại hội trường");

  const names: string[] = [];
  const delegates = [await open(browser, "daibieu37"), await open(browser, "daibieu38")];
  for (const [i, delegate] of delegates.entries()) {
    await delegate.goto(`${path}/live`);
    await delegate.getByRole("button", { name: i === 0 ? "Đăng ký phát biểu" : "Đăng ký tranh luận" }).click();
    await expect(delegate.getByTestId("my-turn")).toContainText(`vị trí ${i + 1}`);
    names.push((await delegate.getByTestId("current-user").textContent())!.trim());
  }

  // The chair drags the second up to the top; the delegate's place changes live.
  const rows = chair.getByTestId("speaker-queue").locator("li");
  await expect(rows).toHaveCount(2);
  await chair.getByTestId("speaker-queue").scrollIntoViewIfNeeded();
  const handle = (await rows.nth(1).locator(".drag-handle").boundingBox())!;
  const top = (await rows.nth(0).boundingBox())!;
  await chair.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
  await chair.mouse.down();
  await chair.mouse.move(handle.x + handle.width / 2, top.y + 4, { steps: 8 });
  await chair.mouse.up();
  await expect(rows.nth(0)).toContainText(names[1]);
  await expect(delegates[1].getByTestId("my-turn")).toContainText("vị trí 1");
  await expect(delegates[0].getByTestId("my-turn")).toContainText("vị trí 2");

  // The chair moves on before the first delegate's turn: they are told, and send their speech in writing.
  await chair.getByRole("button", { name: "Chuyển sang nội dung này: Chất vấn và trả lời chất vấn" }).click();
  const notReached = delegates[0].getByTestId("not-reached");
  await expect(notReached).toContainText("phát biểu — Thảo luận tại hội trường");
  await notReached.getByLabel("Ý kiến bằng văn bản").fill("Đề nghị ưu tiên vốn cho trường học vùng lũ; cần rà soát lại danh mục.");
  await notReached.getByRole("button", { name: "Gửi ý kiến" }).click();
  await expect(notReached).toHaveCount(0);
  await expect(delegates[1].getByTestId("not-reached")).toContainText("tranh luận — Thảo luận tại hội trường");

  // Back on that item, the chair reads it.
  await chair.getByRole("button", { name: "Chuyển sang nội dung này: Thảo luận tại hội trường" }).click();
  await expect(chair.getByTestId("speakers-written")).toContainText(names[0]);
  await expect(chair.getByTestId("speakers-written")).toContainText("Đề nghị ưu tiên vốn cho trường học vùng lũ; cần rà soát lại danh mục.");
  await expectNoViolations(delegates[1]);

  // A new link ends the old one: the projector on it says so plainly instead of showing stale content.
  await chair.getByRole("button", { name: "Tạo liên kết mới (liên kết cũ hết hiệu lực)" }).click();
  await expect(screen.getByTestId("hall-screen")).toHaveText("Liên kết màn hình hội trường này không còn hiệu lực. Hãy xin thư ký liên kết mới.");
  await expect(screen.getByTestId("hall-item")).toHaveCount(0);
});
