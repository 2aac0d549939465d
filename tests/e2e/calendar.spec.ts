import { expect, expectNoViolations, logIn, test } from "./fixtures";

const dayMs = 24 * 3600_000;

// Calendar days in Vietnam ("2026-12-08"), whatever the zone of the machine running the test.
const vnDay = (instant: number) => new Date(instant + 7 * 3600_000).toISOString().slice(0, 10);
const addDays = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * dayMs).toISOString().slice(0, 10);
const mondayOf = (day: string) => addDays(day, -((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7));

// The demo seed puts the session's opening sitting at 08:00 fourteen days after the day it ran, and the next sitting
// on the day after; the test server seeds a fresh database when it starts.
const today = vnDay(Date.now());
const openingDay = addDays(today, 14);


test("a delegate finds the session's sittings in the week and the month", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await logIn(page, "daibieu1");
  await page.getByRole("navigation", { name: "Điều hướng chính" }).getByRole("link", { name: "Lịch họp" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Lịch họp" })).toBeVisible();

  // This week, Monday first, with today marked.
  const week = page.getByTestId("calendar-week");
  await expect(week.getByRole("heading", { level: 3 }).first()).toContainText("Thứ Hai");
  await expect(week.getByRole("heading", { level: 3 }).last()).toContainText("Chủ nhật");
  await expect(page.locator('[aria-current="date"]')).toHaveAttribute("data-date", today);

  // Two weeks on, with the navigation links.
  await page.getByRole("link", { name: /^Tuần sau/ }).click();
  await expect(page).toHaveURL(new RegExp(`date=${addDays(mondayOf(today), 7)}`));
  await page.getByRole("link", { name: /^Tuần sau/ }).click();
  await expect(page).toHaveURL(new RegExp(`date=${addDays(mondayOf(today), 14)}`));
  await expect(page.locator('[aria-current="date"]')).toHaveCount(0);

  const day = week.locator(`[data-date="${openingDay}"]`);
  const opening = day.getByTestId("calendar-sitting").filter({ hasText: "Phiên khai mạc" });
  await expect(opening).toContainText("08:00–11:30");
  await expect(opening).toContainText("Kỳ họp thứ Năm (kỳ họp thường lệ cuối năm 2026)");
  await expect(opening).toContainText("Hội trường HĐND tỉnh");
  await expect(opening).toContainText("Chưa trả lời");
  await expect(opening.getByRole("link", { name: "Phiên khai mạc" })).toHaveAttribute("href", /^\/sittings\/[\w-]+$/);

  // The month of the opening sitting shows both sittings, in a table with the weekdays as column headers.
  await page.goto(`/calendar?date=${openingDay}`);
  await page.getByRole("link", { name: "Tháng", exact: true }).click();
  await expect(page).toHaveURL(/view=month/);
  const month = page.getByRole("table");
  await expect(month.getByRole("columnheader")).toHaveCount(7);
  await expect(month.getByRole("columnheader").first()).toContainText("Thứ Hai");
  await expect(month.getByRole("link", { name: /Phiên khai mạc/ })).toContainText("08:00");
  await expect(month.getByRole("link", { name: /Phiên thảo luận và biểu quyết các nghị quyết/ })).toBeVisible();
  await expect(page.getByTestId("calendar-count")).toContainText("2");
});

test("the private feed: copied, read without a session, revoked by a new link", async ({ page, context, request }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await logIn(page, "daibieu1");
  await page.goto("/calendar");
  await expect(page.getByRole("heading", { name: "Đồng bộ lịch" })).toBeVisible();
  await page.getByRole("button", { name: "Tạo đường dẫn đồng bộ" }).click();
  await expect(page.getByTestId("toast")).toHaveText("Đã tạo đường dẫn đồng bộ lịch.");

  const field = page.getByLabel("Đường dẫn lịch riêng của bạn");
  const url = await field.inputValue();
  expect(url).toMatch(/^http:\/\/localhost:\d+\/calendar\/[A-Za-z0-9_-]{32}\.ics$/);
  await page.getByRole("button", { name: "Sao chép" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Đã sao chép đường dẫn." })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);

  // A calendar app has no session: `request` carries none of the page's cookies.
  const feed = await request.get(url);
  expect(feed.status()).toBe(200);
  expect(feed.headers()["content-type"]).toBe("text/calendar; charset=utf-8");
  expect(feed.headers()["cache-control"]).toContain("no-store");
  const text = (await feed.text()).replace(/\r\n[ \t]/g, "");
  expect(text.match(/BEGIN:VEVENT/g)).toHaveLength(2);
  expect(text).toContain("X-WR-CALNAME:Lịch họp — PhòngHọp");
  expect(text).toContain("SUMMARY:Phiên khai mạc — Kỳ họp thứ Năm (kỳ họp thường lệ cuối năm 2026)");
  expect(text).toContain(`DTSTART:${openingDay.replaceAll("-", "")}T010000Z`);

  // A new link revokes the old one; the page asks first.
  await page.getByText("Tạo đường dẫn mới…").click();
  await expect(page.getByText("Đường dẫn hiện tại sẽ ngừng hoạt động ngay.", { exact: false })).toBeVisible();
  await page.getByRole("button", { name: "Tạo đường dẫn mới, hủy đường dẫn cũ" }).click();
  await expect(page.getByTestId("toast")).toHaveText("Đã tạo đường dẫn mới. Đường dẫn cũ không còn dùng được.");
  await expect(field).not.toHaveValue(url);
  const newUrl = await field.inputValue();
  expect((await request.get(url)).status()).toBe(404);
  expect((await request.get(newUrl)).status()).toBe(200);
  expect((await request.get("/calendar/not-a-token.ics")).status()).toBe(404);
});

test("the calendar meets WCAG 2.1 AA on a tablet, with touch targets of 44 px", async ({ page }) => {
  await page.setViewportSize({ width: 768, height: 1024 });
  await logIn(page, "daibieu2");
  for (const path of [`/calendar?date=${openingDay}`, `/calendar?view=month&date=${openingDay}`, "/calendar?view=month"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1, name: "Lịch họp" })).toBeVisible();
    await expectNoViolations(page);
    // Sitting titles in the week are stretched over their whole card, so the card is the target there.
    const targets = page.locator("main a:not(.cal-stretched), main button, main summary, main input:not([type=hidden]), main .cal-sitting");
    const count = await targets.count();
    expect(count).toBeGreaterThan(5);
    for (let i = 0; i < count; i++) {
      const target = targets.nth(i);
      if (!(await target.isVisible())) continue;
      const box = await target.boundingBox();
      expect(box?.height, `${path}: ${await target.evaluate((el) => el.outerHTML.slice(0, 80))}`).toBeGreaterThanOrEqual(44);
    }
  }
  // A month with today in it marks the day — today as it is now: a run can cross midnight in Vietnam (17:00 UTC)
  // after this file computed `today`.
  await expect(page.locator('td[aria-current="date"]')).toHaveAttribute("data-date", vnDay(Date.now()));
});
