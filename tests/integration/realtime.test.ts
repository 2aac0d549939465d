import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { io, type Socket } from "socket.io-client";
import { demoPassword } from "#db/seed";
import { Browserless } from "../setup/http";
import { removeDataDir, startServer, type TestServer } from "../setup/server";

let server: TestServer;
const sockets: Socket[] = [];

beforeAll(async () => {
  server = await startServer();
});

afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  await server.stop();
  removeDataDir(server.dataDir);
});

function connect(cookie?: string, origin?: string) {
  const socket = io(server.url, {
    transports: ["websocket"],
    reconnection: false,
    extraHeaders: { ...(cookie ? { cookie } : {}), ...(origin ? { origin } : {}) },
  });
  sockets.push(socket);
  return socket;
}

function outcome(socket: Socket) {
  return new Promise<{ connected: true } | { connected: false; message: string }>((resolve) => {
    socket.once("connect", () => resolve({ connected: true }));
    socket.once("connect_error", (error) => resolve({ connected: false, message: error.message }));
  });
}

async function userIdOf(admin: Browserless, username: string) {
  const html = await (await admin.get(`/admin/users?q=${username}`)).text();
  const match = html.match(/href="\/admin\/users\/([0-9a-f-]{36})"/);
  if (!match) throw new Error(`no user ${username}`);
  return match[1];
}

describe("socket handshake", () => {
  test("without a session the connection is refused", async () => {
    expect(await outcome(connect())).toEqual({ connected: false, message: "unauthenticated" });
  });

  test("with a forged session cookie the connection is refused", async () => {
    expect(await outcome(connect("phonghop_session=not-a-real-session"))).toEqual({ connected: false, message: "unauthenticated" });
  });

  test("with a session the connection is accepted and answers commands", async () => {
    const client = new Browserless(server.url);
    await client.login("daibieu10", demoPassword);
    const socket = connect(client.cookieHeader);
    expect(await outcome(socket)).toEqual({ connected: true });
    const reply = await socket.timeout(5000).emitWithAck("ping");
    expect(reply.ok).toBe(true);
    expect(Math.abs(Date.parse(reply.serverTime) - Date.now())).toBeLessThan(60_000);
  });

  test("a socket opened from another site's page is refused, even with the cookie", async () => {
    const client = new Browserless(server.url);
    await client.login("daibieu11", demoPassword);
    const result = await outcome(connect(client.cookieHeader, "http://evil.example"));
    expect(result.connected).toBe(false);
  });
});

describe("revoking access", () => {
  test("disabling a logged-in user drops their socket and logs them out on their next request", async () => {
    const delegate = new Browserless(server.url);
    await delegate.login("daibieu12", demoPassword);
    const socket = connect(delegate.cookieHeader);
    expect(await outcome(socket)).toEqual({ connected: true });
    const ended = new Promise((resolve) => socket.on("session:ended", resolve));
    const dropped = new Promise((resolve) => socket.on("disconnect", resolve));

    const admin = new Browserless(server.url);
    await admin.login("admin", demoPassword);
    const userId = await userIdOf(admin, "daibieu12");
    const disable = await admin.post(`/admin/users/${userId}`, { intent: "set-disabled", disabled: "true" });
    expect(disable.status).toBe(302);

    expect(await ended).toEqual({ reason: "disabled" });
    expect(await dropped).toBe("io server disconnect");
    const next = await delegate.get("/");
    expect(next.status).toBe(302);
    expect(next.headers.get("location")).toBe("/login");
    expect(await outcome(connect(delegate.cookieHeader))).toEqual({ connected: false, message: "unauthenticated" });
    const again = await delegate.post("/login", { username: "daibieu12", password: demoPassword });
    expect(again.status).toBe(401);

    const audit = await (await admin.get("/admin/audit?action=user.disable")).text();
    expect(audit).toContain("Khóa tài khoản");
  });

  test("log out everywhere ends every session of the user, on every device", async () => {
    const tablet = new Browserless(server.url);
    const laptop = new Browserless(server.url);
    await tablet.login("daibieu13", demoPassword);
    await laptop.login("daibieu13", demoPassword);
    const socket = connect(tablet.cookieHeader);
    expect(await outcome(socket)).toEqual({ connected: true });
    const dropped = new Promise((resolve) => socket.on("disconnect", resolve));
    const response = await laptop.post("/account", { intent: "logout-everywhere" });
    expect(response.headers.get("location")).toBe("/login");
    await dropped;
    expect((await tablet.get("/")).headers.get("location")).toBe("/login");
  });
});

describe("hostile handshakes", () => {
  test("an Origin of null or garbage is refused, and the server keeps serving", async () => {
    for (const origin of ["null", "::not a url::"]) {
      const response = await fetch(new URL("/socket.io/?EIO=4&transport=polling", server.url), { headers: { origin } });
      expect(response.status, origin).toBeGreaterThanOrEqual(400);
    }
    expect((await fetch(new URL("/healthz", server.url))).status).toBe(200);
  });
});
