import { expect, logIn, test } from "./fixtures";

test("a delegate logs in in Vietnamese, sees the dashboard, and logs out", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.locator("html")).toHaveAttribute("lang", "vi");
  await expect(page.getByRole("heading", { name: "PhòngHọp" })).toBeVisible();

  await logIn(page, "daibieu1");
  await expect(page).toHaveURL("/");
  await expect(page.getByRole("heading", { name: /^Xin chào, / })).toBeVisible();
  await expect(page.getByText("Đại biểu", { exact: true }).first()).toBeVisible();
  const upcoming = page.getByTestId("upcoming-sittings");
  await expect(upcoming.getByText("Phiên khai mạc")).toBeVisible();
  await expect(page.getByRole("link", { name: "Quản trị" })).toHaveCount(0);

  await page.getByRole("button", { name: "Đăng xuất" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await page.goto("/");
  await expect(page).toHaveURL(/\/login$/);
});

test("a wrong password shows a Vietnamese error and keeps the user on the login page", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Tên đăng nhập").fill("daibieu20");
  await page.getByLabel("Mật khẩu").fill("khong-dung");
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(page.getByRole("alert")).toHaveText("Tên đăng nhập hoặc mật khẩu không đúng.");
  await expect(page).toHaveURL(/\/login$/);
});

test("empty fields are named in Vietnamese before anything is sent", async ({ page }) => {
  await page.goto("/login");
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(page.getByText("Vui lòng nhập tên đăng nhập.")).toBeVisible();
  await expect(page.getByText("Vui lòng nhập mật khẩu.")).toBeVisible();
});

test("the English switch changes the interface, and the choice stays with the user", async ({ page }) => {
  await page.goto("/login");
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByLabel("Username")).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");

  await page.getByLabel("Username").fill("daibieu21");
  await page.getByLabel("Password").fill("PhongHop@2026");
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByTestId("current-user")).toBeVisible();
  await page.getByRole("link", { name: "Account" }).click();
  await expect(page.getByRole("heading", { name: "My account" })).toBeVisible();
  await page.getByRole("main").getByRole("button", { name: "Tiếng Việt" }).click();
  await expect(page.getByRole("heading", { name: "Tài khoản của tôi" })).toBeVisible();
  await page.getByRole("main").getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("heading", { name: "My account" })).toBeVisible();

  // Another browser of the same user: the language comes from the account, not the device.
  await page.context().clearCookies();
  await page.goto("/login");
  await expect(page.getByLabel("Tên đăng nhập")).toBeVisible();
  await page.getByLabel("Tên đăng nhập").fill("daibieu21");
  await page.getByLabel("Mật khẩu").fill("PhongHop@2026");
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(page.getByRole("heading", { name: /^Hello, / })).toBeVisible();
});
