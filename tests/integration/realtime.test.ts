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

describe("every command answers (docs/realtime.md)", () => {
  async function delegateSocket(username: string) {
    const client = new Browserless(server.url);
    await client.login(username, demoPassword);
    const socket = connect(client.cookieHeader);
    expect(await outcome(socket)).toEqual({ connected: true });
    return socket;
  }

  test("a command sent with an acknowledgement but no payload is answered \"invalid\"", async () => {
    const socket = await delegateSocket("daibieu14");
    for (const command of ["poll:vote", "sitting:join", "live:state", "checkin:set", "annotation:save", "presentation:set"]) {
      expect(await socket.timeout(5000).emitWithAck(command), command).toEqual({ ok: false, error: { code: "invalid", message: "Yêu cầu không hợp lệ." } });
    }
    // null and a bare value as the payload, likewise.
    expect(await socket.timeout(5000).emitWithAck("poll:vote", null)).toMatchObject({ ok: false, error: { code: "invalid" } });
    expect(await socket.timeout(5000).emitWithAck("live:state", 42)).toMatchObject({ ok: false, error: { code: "invalid" } });
  });

  test("an unknown command is answered \"unknown_command\"; without an acknowledgement it is ignored and the connection stays", async () => {
    const socket = await delegateSocket("daibieu15");
    expect(await socket.timeout(5000).emitWithAck("poll:steal", { pollId: "x" })).toEqual({
      ok: false,
      error: { code: "unknown_command", message: "Máy chủ không có lệnh “poll:steal”." },
    });
    expect(await socket.timeout(5000).emitWithAck("khong-co")).toMatchObject({ ok: false, error: { code: "unknown_command" } });
    socket.emit("poll:steal", { pollId: "x" });
    expect((await socket.timeout(5000).emitWithAck("ping")).ok).toBe(true);
  });

  test("the sittings a user may join are listed, and each can be joined", async () => {
    const socket = await delegateSocket("daibieu16");
    const { sittings } = await socket.timeout(5000).emitWithAck("sitting:list");
    expect(sittings.length).toBeGreaterThan(0);
    for (const sitting of sittings) {
      expect(sitting).toMatchObject({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), title: expect.any(String), startsAt: expect.any(String), status: "published" });
      expect((await socket.timeout(5000).emitWithAck("sitting:join", { sittingId: sitting.id })).ok).toBe(true);
    }
  });

  test("a message over the size limit (1 MB) closes that connection only; the client reconnects and the server carries on", async () => {
    const client = new Browserless(server.url);
    await client.login("daibieu17", demoPassword);
    const socket = io(server.url, { transports: ["websocket"], reconnection: true, reconnectionDelay: 100, extraHeaders: { cookie: client.cookieHeader } });
    sockets.push(socket);
    expect(await outcome(socket)).toEqual({ connected: true });
    const dropped = new Promise<string>((resolve) => socket.once("disconnect", resolve));
    const back = new Promise<void>((resolve) => socket.io.once("reconnect", () => resolve()));
    socket.emit("annotation:save", { text: "x".repeat(1_100_000) }, () => {});
    expect(await dropped).toBe("transport close");
    await back;
    expect((await socket.timeout(5000).emitWithAck("ping")).ok).toBe(true);
    // Just under the limit is read, and answered.
    expect(await socket.timeout(5000).emitWithAck("annotation:save", { text: "x".repeat(900_000) })).toMatchObject({ ok: false, error: { code: "invalid" } });
  });
});
