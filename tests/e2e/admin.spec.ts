import { expect, logIn, test } from "./fixtures";

test("an admin creates a user, who then logs in with the new password", async ({ page, browser }) => {
  await logIn(page, "admin");
  await page.getByRole("link", { name: "Quản trị" }).click();
  await page.getByRole("link", { name: "Người dùng" }).first().click();
  await page.getByRole("link", { name: "Thêm người dùng" }).click();
  await expect(page.getByRole("heading", { name: "Thêm người dùng" })).toBeVisible();

  // Invalid input first: each field says what is wrong, in Vietnamese, and nothing is created.
  await page.getByLabel("Tên đăng nhập", { exact: true }).fill("Tên Có Dấu");
  await page.getByLabel("Mật khẩu ban đầu").fill("ngan");
  await page.getByRole("button", { name: "Tạo người dùng" }).click();
  await expect(page.getByText("Vui lòng nhập họ và tên.")).toBeVisible();
  await expect(page.getByText("Mật khẩu phải có từ 10 đến 128 ký tự.")).toBeVisible();
  await expect(page.locator("#new-user-username-error")).toContainText("chữ thường không dấu");

  await page.getByLabel("Họ và tên").fill("Võ Thị Thu Trang");
  await page.getByLabel("Tên đăng nhập", { exact: true }).fill("vothutrang");
  await page.getByLabel("Chức vụ, đơn vị").fill("Phó Giám đốc Sở Tư pháp");
  await page.getByLabel("Vai trò").selectOption({ label: "Khách mời" });
  await page.getByLabel("Mật khẩu ban đầu").fill("Trang@Lamha2026");
  await page.getByRole("button", { name: "Tạo người dùng" }).click();
  await expect(page.getByTestId("toast")).toHaveText("Đã tạo người dùng Võ Thị Thu Trang.");
  await expect(page.getByRole("heading", { name: "Võ Thị Thu Trang" })).toBeVisible();

  // The same user name again is refused with its own message.
  await page.goto("/admin/users/new");
  await page.getByLabel("Họ và tên").fill("Người Trùng Tên");
  await page.getByLabel("Tên đăng nhập", { exact: true }).fill("vothutrang");
  await page.getByLabel("Mật khẩu ban đầu").fill("mat-khau-du-dai");
  await page.getByRole("button", { name: "Tạo người dùng" }).click();
  await expect(page.getByRole("alert")).toHaveText("Tên đăng nhập “vothutrang” đã có người dùng.");

  const other = await browser.newContext();
  const newcomer = await other.newPage();
  await logIn(newcomer, "vothutrang", "Trang@Lamha2026");
  await expect(newcomer.getByRole("heading", { name: "Xin chào, Võ Thị Thu Trang" })).toBeVisible();
  await expect(newcomer.getByText("Khách mời", { exact: true })).toBeVisible();
  await other.close();

  await page.goto("/admin/audit?action=user.create");
  await expect(page.getByTestId("audit-log")).toContainText("Tạo người dùng");
});

test("a delegate gets the Vietnamese 403 page on an admin URL", async ({ page }) => {
  await logIn(page, "daibieu30");
  const response = await page.goto("/admin/users");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "Bạn không có quyền truy cập trang này" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Về trang chủ" })).toBeVisible();
});

test("disabling a signed-in user sends their open page to the login screen at once", async ({ page, browser }) => {
  const delegateContext = await browser.newContext();
  const delegate = await delegateContext.newPage();
  await logIn(delegate, "daibieu31");

  await logIn(page, "admin");
  await page.goto("/admin/users?q=daibieu31");
  await page.locator("table a").first().click();
  await page.getByRole("button", { name: "Khóa tài khoản" }).click();
  await expect(page.getByTestId("toast")).toContainText("Đã khóa tài khoản");

  // No reload: the server drops the delegate's socket and the page leaves for the login screen.
  await expect(delegate).toHaveURL(/\/login$/);
  await delegateContext.close();
});
