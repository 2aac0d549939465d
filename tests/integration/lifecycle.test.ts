import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { demoPassword } from "#db/seed";
import { Browserless } from "../setup/http";
import { removeDataDir, startServer } from "../setup/server";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";

const dataDir = mkdtempSync(join(tmpdir(), "phonghop-life-"));

afterAll(() => removeDataDir(dataDir));

describe("the data outlives the process", () => {
  test("a restart keeps the data; removing data/ reseeds it", async () => {
    const first = await startServer({ dataDir });
    const admin = new Browserless(first.url);
    await admin.login("admin", demoPassword);
    const created = await admin.post("/admin/users/new", {
      fullName: "Đinh Thị Mới",
      username: "dinhthimoi",
      role: "delegate",
      locale: "vi",
      password: "mat-khau-moi-2026",
    });
    expect(created.status).toBe(302);
    expect(await first.stop("SIGTERM")).toBe(0);
    expect(first.output()).toContain('"msg":"stopped"');

    const second = await startServer({ dataDir });
    const user = new Browserless(second.url);
    await user.login("dinhthimoi", "mat-khau-moi-2026");
    expect(await (await user.get("/")).text()).toContain("Đinh Thị Mới");
    await second.stop();

    removeDataDir(dataDir);
    expect(existsSync(join(dataDir, "app.db"))).toBe(false);
    const third = await startServer({ dataDir });
    expect(existsSync(join(dataDir, "app.db"))).toBe(true);
    const fresh = new Browserless(third.url);
    expect((await fresh.post("/login", { username: "dinhthimoi", password: "mat-khau-moi-2026" })).status).toBe(401);
    await fresh.login("daibieu1", demoPassword);
    expect(await (await fresh.get("/")).text()).toContain("Kỳ họp thứ");
    await third.stop();
  });
});
