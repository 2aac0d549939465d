import { freePort, removeDataDir, startServer } from "../setup/server";
import { expect, logIn, test } from "./fixtures";

// While the server is down the browser reports refused connections; those are the point here.
test.use({ allowedConsoleErrors: /ERR_CONNECTION_REFUSED|Failed to fetch/ });

// This test runs its own server, so it can stop and restart it under an open page.
test("when the server goes away the page says so, and recovers by itself when it is back", async ({ page }) => {
  const port = await freePort();
  let server = await startServer({ port });
  try {
    await page.goto(`${server.url}/login`);
    await logIn(page, "daibieu40");
    await expect(page.getByText("Mất kết nối — đang kết nối lại…")).toHaveCount(0);

    await server.stop();
    await expect(page.getByText("Mất kết nối — đang kết nối lại…")).toBeVisible();
    await expect(page.getByTestId("connection-status")).toHaveAttribute("data-status", "reconnecting");

    server = await startServer({ port, dataDir: server.dataDir });
    await expect(page.getByTestId("connection-status")).toHaveAttribute("data-status", "connected", { timeout: 15_000 });
    await expect(page.getByText("Mất kết nối — đang kết nối lại…")).toHaveCount(0);
  } finally {
    await server.stop();
    removeDataDir(server.dataDir);
  }
});
