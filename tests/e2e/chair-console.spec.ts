// "The chair cannot trip" and "the hall screen reads from the back row" (issue #10, items 7 and 8). Each test runs on
// a sitting of its own, made and published here through the UI, so nothing it ends or opens touches the demo sittings
// other specs use. The council has 53 members in office; a new sitting invites them all, with the chair (a member) and
// the secretary (thuky1, invited without a seat) named, and no guests.
import type { Browser, BrowserContext, Page } from "@playwright/test";
import { confirmInDialog, expect, expectNoViolations, logIn, test } from "./fixtures";

const n = 53;
const quorum = 36; // 3·36 ≥ 2·53

// Each person's browser in a test: closed after it (a hall of open tablets slows the next test), and — like the
// fixture's page — failing the test on an error in its console.
const contexts: { context: BrowserContext; problems: string[] }[] = [];
test.afterEach(async () => {
  const opened = contexts.splice(0);
  await Promise.all(opened.map(({ context }) => context.close()));
  expect(opened.flatMap(({ problems }) => problems), "errors in the browser console").toEqual([]);
});

async function open(browser: Browser, username: string, viewport = { width: 1280, height: 900 }) {
  const context = await browser.newContext({ viewport });
  const problems: string[] = [];
  contexts.push({ context, problems });
  const page = await context.newPage();
  page.on("pageerror", (error) => problems.push(`${username} pageerror: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() !== "error" || /Failed to load resource: the server responded with a status of 4\d\d/.test(message.text())) return;
    problems.push(`${username} console.error: ${message.text()}`);
  });
  await logIn(page, username);
  return page;
}

/** A draft sitting of the council with two agenda items, made by the secretary through the UI; answers its path. */
async function draftSitting(secretary: Page, title: string) {
  await secretary.goto("/sittings/new");
  await secretary.getByLabel("Tên phiên họp").fill(title);
  await secretary.getByLabel("Ngày họp").fill(new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10));
  await secretary.getByLabel("Địa điểm").fill("Hội trường HĐND tỉnh");
  await secretary.getByLabel("Chủ tọa").selectOption({ label: "Hoàng Đức Thịnh" });
  await secretary.getByLabel("Thư ký").selectOption({ label: "Nguyễn Thị Thu Hà" });
  await secretary.getByRole("button", { name: "Tạo", exact: true }).click();
  await expect(secretary.getByRole("heading", { name: "Chương trình phiên họp" })).toBeVisible();
  for (const item of ["Tờ trình về dự toán ngân sách năm 2027", "Biểu quyết thông qua nghị quyết"]) {
    const form = secretary.locator("section", { has: secretary.getByRole("heading", { name: "Thêm nội dung" }) });
    await form.getByLabel("Tên nội dung").fill(item);
    await form.getByRole("button", { name: "Thêm nội dung" }).click();
    await expect(secretary.getByTestId("agenda-builder").getByText(item)).toBeVisible();
  }
  return new URL(secretary.url()).pathname.replace(/\/agenda$/, "");
}

async function publish(secretary: Page, path: string) {
  await secretary.goto(path);
  await secretary.getByRole("button", { name: "Phát hành phiên họp" }).click();
  await confirmInDialog(secretary, "Xác nhận phát hành");
  await expect(secretary.getByTestId("toast")).toContainText("Đã phát hành phiên họp và gửi giấy mời tới");
}

/** A published sitting, opened by the chair on a console of the given size. */
async function sittingInProgress(browser: Browser, title: string, viewport?: { width: number; height: number }) {
  const secretary = await open(browser, "thuky1");
  const path = await draftSitting(secretary, title);
  await publish(secretary, path);
  const chair = await open(browser, "chutich", viewport);
  await chair.goto(`${path}/live`);
  await chair.getByRole("button", { name: "Khai mạc phiên họp" }).click();
  await expect(chair.getByTestId("live-sitting")).toContainText("Đang họp");
  return { chair, secretary, path };
}

async function createPoll(chair: Page, question: string) {
  await chair.getByLabel("Nội dung biểu quyết").fill(question);
  await chair.getByRole("button", { name: "Tạo biểu quyết" }).click();
  const poll = chair.getByTestId("poll").filter({ hasText: question });
  await expect(poll).toHaveAttribute("data-status", "draft");
  return poll;
}

test("publishing a sitting asks first; going back leaves it a draft", async ({ browser }) => {
  test.setTimeout(90_000);
  const secretary = await open(browser, "thuky1");
  const path = await draftSitting(secretary, `Phiên phát hành ${Date.now()}`);
  await secretary.goto(path);
  await secretary.getByRole("button", { name: "Phát hành phiên họp" }).click();
  const dialog = secretary.getByRole("dialog", { name: "Phát hành phiên họp?" });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText(`Giấy mời được gửi ngay tới ${n} người dự họp`);
  // The safe choice has the focus; Escape cancels, and nothing was sent.
  await expect(dialog.getByRole("button", { name: "Quay lại" })).toBeFocused();
  await secretary.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(secretary.getByRole("heading", { name: "Phát hành giấy mời" })).toBeVisible();
  await expect(secretary.getByTestId("toast")).toHaveCount(0);
  await expect(secretary.getByRole("button", { name: "Phát hành phiên họp" })).toBeFocused();
  await expectNoViolations(secretary);

  // Confirmed, it is published and everyone invited is told.
  await secretary.getByRole("button", { name: "Phát hành phiên họp" }).click();
  await confirmInDialog(secretary, "Xác nhận phát hành");
  await expect(secretary.getByTestId("toast")).toContainText(`Đã phát hành phiên họp và gửi giấy mời tới ${n} người`);
  await expect(secretary.getByRole("heading", { name: "Phát hành giấy mời" })).toHaveCount(0);
});

test("a double tap neither ends a sitting just opened nor passes the confirmation; ending it takes a deliberate yes", async ({ browser }) => {
  test.setTimeout(90_000);
  const secretary = await open(browser, "thuky1");
  const path = await draftSitting(secretary, `Phiên bế mạc ${Date.now()}`);
  await publish(secretary, path);
  const chair = await open(browser, "chutich");
  await chair.goto(`${path}/live`);
  const live = chair.getByTestId("live-sitting");
  await expect(live).toContainText("Chưa khai mạc");

  // A double tap on "Khai mạc": the sitting opens, and stays open.
  await chair.getByRole("button", { name: "Khai mạc phiên họp" }).dblclick();
  await expect(live).toContainText("Đang họp");
  const end = chair.getByRole("button", { name: "Bế mạc phiên họp" });
  await expect(end).toBeVisible();
  const dialog = chair.getByRole("dialog", { name: "Bế mạc phiên họp?" });
  // Had the second tap reached "Bế mạc", it could only have asked.
  if (await dialog.isVisible()) await chair.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(live).toContainText("Đang họp");

  // A double tap on "Bế mạc" only asks: the second tap lands where the confirm button is not.
  const box = (await end.boundingBox())!;
  await chair.mouse.dblclick(box.x + box.width / 2, box.y + box.height / 2);
  await expect(dialog).toBeVisible();
  const confirm = dialog.getByRole("button", { name: "Xác nhận bế mạc" });
  const confirmBox = (await confirm.boundingBox())!;
  const overlaps = confirmBox.x < box.x + box.width && confirmBox.x + confirmBox.width > box.x && confirmBox.y < box.y + box.height && confirmBox.y + confirmBox.height > box.y;
  expect(overlaps, "the confirm button must not be under the trigger").toBe(false);
  await expect(dialog.getByRole("button", { name: "Quay lại" })).toBeFocused();
  await expect(live).toContainText("Đang họp");
  await expectNoViolations(chair);
  await dialog.getByRole("button", { name: "Quay lại" }).click();
  await expect(dialog).toBeHidden();
  await expect(end).toBeFocused();
  await expect(live).toContainText("Đang họp");

  // Asked and confirmed, it ends; the delegates' tablets see it.
  await end.click();
  await confirmInDialog(chair, "Xác nhận bế mạc");
  await expect(live).toContainText("Đã bế mạc");
  await expect(chair.getByRole("button", { name: "Bế mạc phiên họp" })).toHaveCount(0);
});

test("opening a vote without quorum says why beside the poll and offers the confirmed way; the poll follows the item on the floor", async ({ browser }) => {
  test.setTimeout(90_000);
  const { chair } = await sittingInProgress(browser, `Phiên đủ số ${Date.now()}`);

  // The poll's item: the one on the floor, following it until the chair picks one.
  const item = chair.getByLabel("Thuộc nội dung");
  await expect(item).toHaveValue(/.+/);
  await expect(item.locator("option:checked")).toHaveText("1. Tờ trình về dự toán ngân sách năm 2027");
  await chair.getByRole("button", { name: "Chuyển sang nội dung này: Biểu quyết thông qua nghị quyết" }).click();
  await expect(chair.getByTestId("current-item")).toHaveText("2. Biểu quyết thông qua nghị quyết");
  await expect(item.locator("option:checked")).toHaveText("2. Biểu quyết thông qua nghị quyết");
  await item.selectOption({ label: "1. Tờ trình về dự toán ngân sách năm 2027" });
  const question = "Thông qua Nghị quyết về dự toán ngân sách địa phương năm 2027";
  const poll = await createPoll(chair, question);
  await expect(chair.getByRole("region", { name: "1. Tờ trình về dự toán ngân sách năm 2027" })).toContainText(question);

  // "Mở biểu quyết" without quorum: the reason, beside the poll, with the figures.
  await poll.getByRole("button", { name: "Mở biểu quyết", exact: true }).click();
  const why = poll.getByRole("alert");
  await expect(why).toContainText(`0/${n} đại biểu có mặt`);
  await expect(why).toContainText(`cần ít nhất ${quorum} đại biểu có mặt`);
  await expect(poll).toHaveAttribute("data-status", "draft");
  // Said there, not in the page's own alert far above.
  await expect(chair.locator(".live-sitting > [role=alert]")).toHaveCount(0);

  // The confirmed way, from there: going back changes nothing; confirming opens it, and the poll records how.
  await poll.getByTestId("poll-refusal").getByRole("button", { name: "Vẫn mở biểu quyết khi chưa đủ số đại biểu" }).click();
  const dialog = chair.getByRole("dialog", { name: "Mở biểu quyết khi chưa đủ số đại biểu?" });
  await expect(dialog).toContainText(`Mới có 0/${n} đại biểu có mặt; đủ số cần ít nhất ${quorum}.`);
  await chair.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(poll).toHaveAttribute("data-status", "draft");
  await poll.getByTestId("poll-refusal").getByRole("button", { name: "Vẫn mở biểu quyết khi chưa đủ số đại biểu" }).click();
  await confirmInDialog(chair, "Xác nhận mở biểu quyết");
  await expect(poll).toHaveAttribute("data-status", "open");
  await expect(poll.getByTestId("console-voted")).toHaveText(`Đã biểu quyết 0/${n}`);
  await expect(poll).toContainText("Mở khi chưa đủ số đại biểu (chủ tọa đã xác nhận)");

  // Cancelling it asks too.
  await poll.getByRole("button", { name: "Hủy biểu quyết" }).click();
  await confirmInDialog(chair, "Xác nhận hủy biểu quyết");
  await expect(poll).toHaveAttribute("data-status", "cancelled");
});

test("on an iPad the console stays short: long lists fold, filter by name without accents, and count members and others apart", async ({ browser }) => {
  test.setTimeout(90_000);
  const { chair } = await sittingInProgress(browser, `Phiên điểm danh ${Date.now()}`, { width: 1180, height: 820 });
  const attendance = chair.getByTestId("attendance");
  await expect(attendance.getByTestId("member-counts")).toHaveText(`Đại biểu: có mặt 0/${n} · vắng ${n}`);
  // The secretaries are invited without a seat: counted apart from the members.
  await expect(attendance.getByTestId("staff-counts")).toHaveText("Thư ký và thành phần khác: có mặt 0/1");
  const absentToggle = attendance.getByRole("button", { name: `Đại biểu vắng mặt (${n})` });
  await expect(absentToggle).toHaveAttribute("aria-expanded", "false");
  await expect(attendance.getByTestId("absent-list")).toBeHidden();

  // Not absurdly tall with the lists folded.
  const height = await chair.evaluate(() => document.documentElement.scrollHeight);
  expect(height).toBeLessThan(3000);

  // Unfolded, a filter finds a name typed without its accents; a member checked in moves to the other list.
  await absentToggle.click();
  await expect(absentToggle).toHaveAttribute("aria-expanded", "true");
  await expect(attendance.getByTestId("absent-list").locator("li")).toHaveCount(n);
  await attendance.getByLabel("Lọc theo tên").fill("vu dinh khai");
  const rows = attendance.getByTestId("absent-list").locator("li");
  await expect(rows).toHaveCount(1);
  await expect(rows).toContainText("Vũ Đình Khải");
  const checkIn = rows.getByRole("button", { name: "Điểm danh giúp: Vũ Đình Khải" });
  const target = (await checkIn.boundingBox())!;
  expect(target.height).toBeGreaterThanOrEqual(44);
  await checkIn.click();
  await expect(attendance.getByTestId("member-counts")).toHaveText(`Đại biểu: có mặt 1/${n} · vắng ${n - 1}`);
  await expect(chair.getByTestId("present-count")).toHaveText(`Có mặt 1/${n} đại biểu`);
  await expect(attendance.getByTestId("present-list")).toContainText("Vũ Đình Khải");
  await expect(rows).toHaveCount(0);
  await expect(attendance.getByText("Không có ai khớp với tên đã nhập.")).toBeVisible();
});

test("axe finds nothing on the console with a vote open and the absent list unfolded", async ({ browser }) => {
  test.setTimeout(120_000);
  const { chair } = await sittingInProgress(browser, `Phiên kiểm tra ${Date.now()}`, { width: 1180, height: 820 });
  const poll = await createPoll(chair, "Thông qua Nghị quyết về kế hoạch đầu tư công năm 2027");
  await poll.getByRole("button", { name: "Vẫn mở biểu quyết khi chưa đủ số đại biểu" }).click();
  await confirmInDialog(chair, "Xác nhận mở biểu quyết");
  await expect(poll.getByTestId("console-voted")).toHaveText(`Đã biểu quyết 0/${n}`);
  await chair.getByRole("button", { name: `Đại biểu vắng mặt (${n})` }).click();
  await expect(chair.getByTestId("absent-list").locator("li")).toHaveCount(n);
  await expectNoViolations(chair);
  // The dialog too.
  await poll.getByRole("button", { name: "Kết thúc biểu quyết" }).click();
  await expect(chair.getByRole("dialog", { name: "Kết thúc biểu quyết?" })).toBeVisible();
  await expectNoViolations(chair);
  await chair.keyboard.press("Escape");
  await expect(poll).toHaveAttribute("data-status", "open");
});

test("a delegate not checked in is asked to check in where the vote is, then votes; the hall screen reads from the back row", async ({ browser }) => {
  test.setTimeout(120_000);
  const { chair, path } = await sittingInProgress(browser, `Phiên màn hình ${Date.now()}`);
  const poll = await createPoll(chair, "Thông qua Nghị quyết về kế hoạch đầu tư công năm 2027");
  await poll.getByRole("button", { name: "Vẫn mở biểu quyết khi chưa đủ số đại biểu" }).click();
  await confirmInDialog(chair, "Xác nhận mở biểu quyết");

  // The delegate's tablet: no vote buttons that would be refused; checking in is right there. Its connection goes
  // through a proxy that can hold back the server's answer to a ballot, to see what the tablet shows meanwhile.
  const delegate = await open(browser, "daibieu3", { width: 820, height: 1180 });
  let holdBallotAnswers = true;
  const heldAnswers: (() => void)[] = [];
  await delegate.routeWebSocket(/\/socket\.io\//, (ws) => {
    const server = ws.connectToServer();
    const ballots = new Set<string>(); // acknowledgement ids of "poll:vote" (socket.io: 42<id>["poll:vote",…], answered 43<id>[…])
    ws.onMessage((message) => {
      const vote = /^42(\d+)\["poll:vote"/.exec(String(message));
      if (vote) ballots.add(vote[1]);
      server.send(message);
    });
    server.onMessage((message) => {
      const answer = /^43(\d+)\[/.exec(String(message));
      if (answer && ballots.has(answer[1]) && holdBallotAnswers) heldAnswers.push(() => ws.send(message));
      else ws.send(message);
    });
  });
  await delegate.goto(`${path}/live`);
  const panel = delegate.getByTestId("vote-panel");
  await expect(panel.getByTestId("vote-check-in")).toContainText("Bạn cần điểm danh có mặt để biểu quyết.");
  await expect(panel.getByRole("button", { name: "Tán thành", exact: true })).toHaveCount(0);
  await panel.getByRole("button", { name: "Điểm danh có mặt" }).click();
  await panel.getByRole("button", { name: "Tán thành", exact: true }).click();
  // Until the server says the ballot is stored, the tablet says it is being sent, and takes no second one.
  await expect(panel.getByTestId("ballot-sending")).toHaveText("Đang gửi phiếu…");
  await expect(panel.getByRole("button", { name: "Không tán thành" })).toBeDisabled();
  await expect(panel.getByTestId("my-ballot")).toHaveCount(0);
  await expect(poll.getByTestId("console-voted")).toHaveText(`Đã biểu quyết 1/${n}`);
  await expect.poll(() => heldAnswers.length).toBe(1);
  holdBallotAnswers = false;
  for (const release of heldAnswers) release();
  await expect(panel.getByTestId("my-ballot")).toHaveText("Bạn đã chọn: Tán thành");
  await expect(panel.getByTestId("ballot-sending")).toHaveCount(0);

  // The projector: 1920×1080.
  const hall = await open(browser, "thuky2", { width: 1920, height: 1080 });
  await hall.goto(`${path}/screen`);
  await expect(hall.getByTestId("hall-voted")).toHaveText(`Đã biểu quyết 1/${n}`);
  await expect(hall.getByTestId("hall-item")).toBeInViewport();
  await expect(hall.getByTestId("hall-present")).toHaveText(/Có mặt 1\/53 đại biểu/);

  await poll.getByRole("button", { name: "Kết thúc biểu quyết" }).click();
  await confirmInDialog(chair, "Xác nhận kết thúc biểu quyết");
  const result = hall.getByTestId("hall-result");
  await expect(result.getByTestId("poll-verdict")).toHaveText("Không được thông qua");
  await expect(result.locator('[data-choice="yes"]')).toHaveText(`Tán thành: 1/${n} (1,89%)`);

  // Type for the back row: at least 5 % of the screen's height (54 px at 1080).
  const sizes = await result.evaluate((el) =>
    [el.querySelector("[data-testid=poll-verdict]")!, ...el.querySelectorAll(".poll-counts li")].map((e) => parseFloat(getComputedStyle(e).fontSize)),
  );
  expect(sizes).toHaveLength(5);
  for (const size of sizes) expect(size).toBeGreaterThanOrEqual(54);
  // The chart fills its half of the screen.
  const canvas = result.locator("canvas");
  await expect(canvas).toBeVisible();
  const chart = (await canvas.boundingBox())!;
  expect(chart.width).toBeGreaterThanOrEqual(0.45 * 1920);
  expect(chart.x).toBeGreaterThan(1920 / 2 - 100);
  // The item on the floor and the present count stay in view with the result, and nothing runs under them.
  await expect(hall.getByTestId("hall-item")).toBeInViewport({ ratio: 1 });
  await expect(hall.getByTestId("hall-present")).toBeInViewport({ ratio: 1 });
  const band = (await hall.getByTestId("hall-band").boundingBox())!;
  const counts = (await result.locator(".poll-counts").boundingBox())!;
  expect(counts.y + counts.height).toBeLessThanOrEqual(band.y);
  expect(chart.y + chart.height).toBeLessThanOrEqual(band.y);
  await expectNoViolations(hall);
});
