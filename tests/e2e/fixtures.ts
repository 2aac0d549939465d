import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type Page } from "@playwright/test";
import { demoPassword } from "../../db/seed";

export { expect, demoPassword };

// Every page fails its test on an uncaught error or a console error. A refused request (4xx) is the app
// answering as designed (wrong password, 403 page) and is left to the test's own assertions.
// `allowedConsoleErrors`: one pattern of console errors a test expects (Playwright reads an array here as
// [value, options], so it is a single RegExp).
export const test = base.extend<{ page: Page; allowedConsoleErrors: RegExp | null }>({
  allowedConsoleErrors: [null, { option: true }],
  page: async ({ page, allowedConsoleErrors }, use) => {
    const problems: string[] = [];
    page.on("pageerror", (error) => problems.push(`pageerror: ${error.message}`));
    page.on("console", (message) => {
      if (message.type() !== "error") return;
      if (/Failed to load resource: the server responded with a status of 4\d\d/.test(message.text())) return;
      if (allowedConsoleErrors?.test(message.text())) return;
      problems.push(`console.error: ${message.text()}`);
    });
    await use(page);
    expect(problems, "errors in the browser console").toEqual([]);
  },
});

export async function logIn(page: Page, username: string, password = demoPassword) {
  if (!page.url().endsWith("/login")) await page.goto("/login");
  await page.getByLabel("Tên đăng nhập").fill(username);
  await page.getByLabel("Mật khẩu").fill(password);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  // The dashboard after signing in loads several modules and its data: on a busy machine (two workers, each with a
  // hall of browsers) that takes longer than a single expectation's default.
  await expect(page.getByTestId("current-user")).toBeVisible({ timeout: 15_000 });
  // The live connection is part of being signed in.
  await expect(page.getByTestId("connection-status")).toHaveAttribute("data-status", "connected");
}

/** Fails with each WCAG 2.1 A/AA violation axe finds on the page (or in `include`), named with where it is. */
export async function expectNoViolations(page: Page, include?: string) {
  const builder = new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]);
  const results = await (include ? builder.include(include) : builder).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`)).toEqual([]);
}

/**
 * Confirms in the open confirmation dialog (app/components/confirm-button.tsx) with its button `name`. The button takes
 * no activation for a moment after the dialog opens (a double tap cannot pass it); the click waits until it is enabled.
 */
export async function confirmInDialog(page: Page, name: string) {
  const dialog = page.getByRole("dialog");
  await expect(dialog).toBeVisible();
  const button = dialog.getByRole("button", { name });
  await expect(button).toBeEnabled();
  await button.click();
  await expect(dialog).toBeHidden();
}
