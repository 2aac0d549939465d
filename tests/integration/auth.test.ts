import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { demoPassword } from "#db/seed";
import { Browserless } from "../setup/http";
import { removeDataDir, startServer, type TestServer } from "../setup/server";

let server: TestServer;

beforeAll(async () => {
  server = await startServer();
});

afterAll(async () => {
  await server.stop();
  removeDataDir(server.dataDir);
});

describe("login and logout", () => {
  test("a fresh database is seeded: every demo role logs in and lands on the dashboard", async () => {
    for (const [username, role] of [
      ["admin", "Quản trị hệ thống"],
      ["thuky1", "Thư ký"],
      ["chutich", "Lãnh đạo (Chủ tọa)"],
      ["daibieu1", "Đại biểu"],
      ["khachmoi", "Khách mời"],
    ]) {
      const client = new Browserless(server.url);
      const login = await client.login(username, demoPassword);
      expect(login.headers.get("location")).toBe("/");
      const cookie = login.headers.getSetCookie().find((c) => c.startsWith("phonghop_session="));
      expect(cookie).toMatch(/HttpOnly/i);
      expect(cookie).toMatch(/SameSite=Lax/i);
      const home = await client.get("/");
      expect(home.status).toBe(200);
      const html = await home.text();
      expect(html).toContain(role);
      expect(html).toContain("Xin chào");
    }
  });

  test("a wrong password is refused in Vietnamese and sets no session", async () => {
    const client = new Browserless(server.url);
    const response = await client.post("/login", { username: "daibieu2", password: "sai-mat-khau" });
    expect(response.status).toBe(401);
    expect(await response.text()).toContain("Tên đăng nhập hoặc mật khẩu không đúng.");
    expect(client.cookies.has("phonghop_session")).toBe(false);
  });

  test("after logout the old session cookie no longer opens anything", async () => {
    const client = new Browserless(server.url);
    await client.login("daibieu3", demoPassword);
    const stolen = client.cookieHeader;
    const logout = await client.post("/logout", {});
    expect(logout.headers.get("location")).toBe("/login");
    expect(client.cookies.has("phonghop_session")).toBe(false);
    const replay = await fetch(new URL("/", server.url), { headers: { cookie: stolen }, redirect: "manual" });
    expect(replay.status).toBe(302);
    expect(replay.headers.get("location")).toBe("/login");
  });

  test("ten wrong passwords lock the account with a clear message", async () => {
    const client = new Browserless(server.url);
    let last: Response | undefined;
    for (let i = 0; i < 10; i++) last = await client.post("/login", { username: "daibieu4", password: `sai-${i}` });
    expect(last!.status).toBe(429);
    expect(await last!.text()).toContain("Bạn đã nhập sai mật khẩu quá nhiều lần. Vui lòng thử lại sau 15 phút.");
    const right = await client.post("/login", { username: "daibieu4", password: demoPassword });
    expect(right.status).toBe(429);
  });

  test("a login form posted from another site is refused", async () => {
    const client = new Browserless(server.url);
    const response = await client.post("/login", { username: "daibieu5", password: demoPassword }, { origin: "http://evil.example" });
    expect(response.status).toBe(403);
    expect(await response.text()).toContain("Yêu cầu bị từ chối vì không gửi từ trang PhòngHọp.");
    expect(client.cookies.has("phonghop_session")).toBe(false);
  });

  test("an off-site redirect after login is ignored", async () => {
    const client = new Browserless(server.url);
    const response = await client.post("/login", { username: "daibieu6", password: demoPassword, redirectTo: "//evil.example/" });
    expect(response.headers.get("location")).toBe("/");
  });
});

describe("permissions", () => {
  test("a delegate gets 403 on every admin page and admin action, and nothing is written", async () => {
    const delegate = new Browserless(server.url);
    await delegate.login("daibieu7", demoPassword);
    for (const path of ["/admin", "/admin/users", "/admin/users/new", "/admin/bodies", "/admin/audit"]) {
      const response = await delegate.get(path);
      expect(response.status, path).toBe(403);
      expect(await response.text()).toContain("Bạn không có quyền truy cập trang này");
    }
    const create = await delegate.post("/admin/users/new", {
      fullName: "Kẻ Gian",
      username: "kegian",
      role: "admin",
      locale: "vi",
      password: "mat-khau-rat-dai",
    });
    expect(create.status).toBe(403);
    const admin = new Browserless(server.url);
    await admin.login("admin", demoPassword);
    expect(await (await admin.get("/admin/users?q=kegian")).text()).not.toContain("Kẻ Gian");
  });

  test("an anonymous visitor is sent to the login page and comes back afterwards", async () => {
    const client = new Browserless(server.url);
    const response = await client.get("/admin/users");
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/login?redirectTo=%2Fadmin%2Fusers");
  });
});

describe("operations", () => {
  test("/healthz checks the database", async () => {
    const response = await fetch(new URL("/healthz", server.url));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok", database: "ok" });
  });

  test("pages carry a CSP with a nonce and the usual security headers", async () => {
    const response = await fetch(new URL("/login", server.url));
    const csp = response.headers.get("content-security-policy") ?? "";
    expect(csp).toMatch(/script-src 'self' 'wasm-unsafe-eval' 'nonce-[A-Za-z0-9+/=]+'/);
    expect(csp).not.toContain("unsafe-inline");
    expect(csp).not.toMatch(/'unsafe-eval'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    const nonce = csp.match(/'nonce-([^']+)'/)![1];
    expect(await response.text()).toContain(`nonce="${nonce}"`);
  });
});
