import { expect, expectNoViolations, logIn, test } from "./fixtures";

test("the login page meets WCAG 2.1 AA", async ({ page }) => {
  await page.goto("/login");
  await expectNoViolations(page);
});

test("the pages a delegate sees meet WCAG 2.1 AA and work from the keyboard", async ({ page }) => {
  await page.setViewportSize({ width: 768, height: 1024 });
  await logIn(page, "daibieu41");
  await expectNoViolations(page);
  await page.goto("/account");
  await expectNoViolations(page);
  await page.goto("/admin/users");
  await expect(page.getByRole("heading", { name: "Bạn không có quyền truy cập trang này" })).toBeVisible();
  await expectNoViolations(page);

  // The first Tab reaches the skip link, which leads to the main content.
  await page.goto("/");
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Bỏ qua, đến nội dung chính" })).toBeFocused();
});

test("the admin pages meet WCAG 2.1 AA", async ({ page }) => {
  // Seven pages, each scanned by axe while the other worker's test shares the two cores.
  test.setTimeout(150_000);
  await logIn(page, "admin");
  for (const path of ["/admin", "/admin/users", "/admin/users/new", "/admin/bodies", "/admin/audit", "/admin/certificates"]) {
    await page.goto(path);
    await expectNoViolations(page);
  }
  await page.goto("/admin/bodies");
  await page.getByRole("link", { name: "Ban Pháp chế" }).click();
  await expect(page.getByRole("heading", { name: "Ban Pháp chế" })).toBeVisible();
  await expectNoViolations(page);
});

test("buttons and links in the signed-in header are at least 44 px tall for touch", async ({ page }) => {
  await page.setViewportSize({ width: 768, height: 1024 });
  await logIn(page, "daibieu42");
  const targets = page.locator("header a, header button");
  const count = await targets.count();
  expect(count).toBeGreaterThan(2);
  for (let i = 0; i < count; i++) {
    const box = await targets.nth(i).boundingBox();
    expect(box?.height, await targets.nth(i).innerText()).toBeGreaterThanOrEqual(44);
  }
});

test("the delegate's session documents meet WCAG 2.1 AA on a 768 px tablet, with 44 px touch targets", async ({ page }) => {
  await page.setViewportSize({ width: 768, height: 1024 });
  await logIn(page, "daibieu43");
  await page.getByRole("link", { name: "Phiên họp", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Tài liệu kỳ họp" })).toBeVisible();
  await expectNoViolations(page);
  await page.getByTestId("my-sittings").getByText("Phiên khai mạc").click();
  await expect(page.getByRole("heading", { name: "Xác nhận tham dự" })).toBeVisible();
  await expectNoViolations(page);
  const targets = page.locator("main a, main button, main input[type=radio]");
  for (let i = 0; i < (await targets.count()); i++) {
    const target = targets.nth(i);
    if (!(await target.isVisible())) continue;
    const box = await target.boundingBox();
    const label = (await target.getAttribute("aria-label")) ?? (await target.innerText()) ?? "";
    // Radio buttons sit in a 44 px tall label, which is what a finger hits.
    const hit = (await target.getAttribute("type")) === "radio" ? await target.locator("xpath=..").boundingBox() : box;
    expect(hit!.height, label).toBeGreaterThanOrEqual(44);
  }
  // No horizontal scrolling on the tablet.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(768);
});

test("the secretary's sitting pages meet WCAG 2.1 AA", async ({ page }) => {
  // Eight pages, the documents tab holding what other tests uploaded, scanned while another test runs.
  test.setTimeout(150_000);
  await logIn(page, "thuky2");
  await page.getByRole("link", { name: "Phiên họp", exact: true }).click();
  await expectNoViolations(page);
  await page.getByTestId("my-sittings").getByText("Phiên khai mạc").click();
  for (const tab of ["Chương trình", "Tài liệu", "Thành phần và trả lời", "Sửa thông tin"]) {
    const link = page.getByRole("navigation", { name: "Kỳ họp và phiên họp" }).getByRole("link", { name: tab });
    await link.click();
    await expect(link).toHaveAttribute("aria-current", "page");
    await expectNoViolations(page);
  }
  await page.goto("/sittings/new");
  await expectNoViolations(page);
  await page.goto("/search?q=ngan+sach");
  await expectNoViolations(page);
});
