// The hall screen's link (issue #5): no login, read-only, only what is public; nothing of a closed sitting.
import Database from "better-sqlite3";
import { join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import type { LiveStatePayload } from "~/realtime/events";
import { removeDataDir, startServer, type TestServer } from "../setup/server";
import { closeSockets, demoSittingIds, openSocket, socketAs } from "../setup/sockets";

let server: TestServer;
let sittingIds: string[];

const connect = (options: { screenToken?: string }) => openSocket(server.url, options);
const as = (username: string) => socketAs(server.url, username);

beforeAll(async () => {
  server = await startServer();
  sittingIds = await demoSittingIds(server.url);
});

afterAll(async () => {
  closeSockets();
  await server.stop();
  removeDataDir(server.dataDir);
});

test("the screen link shows the sitting's public state without a login, and nothing else", async () => {
  const [sittingId] = sittingIds;
  const chair = await as("chutich");
  await chair.emitWithAck("live:open", { sittingId });
  const delegate = await as("daibieu27");
  await delegate.emitWithAck("checkin:set", { sittingId, present: true });
  expect(await delegate.emitWithAck("live:screen-link", { sittingId })).toMatchObject({ ok: false, error: { code: "forbidden" } });
  const { path } = await chair.emitWithAck("live:screen-link", { sittingId });
  expect(path).toMatch(/^\/screen\/[\w-]{32}$/);
  expect((await chair.emitWithAck("live:screen-link", { sittingId })).path).toBe(path);

  const page = await fetch(new URL(path, server.url), { redirect: "manual" });
  expect(page.status).toBe(200);
  expect((await fetch(new URL("/screen/khong-hop-le", server.url), { redirect: "manual" })).status).toBe(404);

  const screen = await connect({ screenToken: path.split("/").pop() });
  await screen.emitWithAck("sitting:join", { sittingId });
  const { state } = (await screen.emitWithAck("live:state", { sittingId })) as { state: LiveStatePayload };
  expect(state).toMatchObject({ sittingId, status: "in_progress", present: 1, attendance: [], canConduct: false });
  expect(state.items.length).toBeGreaterThan(0);
  // Live counts reach it.
  const changed = new Promise((resolve) => screen.once("live:changed", resolve));
  await (await as("daibieu28")).emitWithAck("checkin:set", { sittingId, present: true });
  expect(await changed).toMatchObject({ sittingId, what: "attendance" });
  // Read-only: everything else is refused with an answer; another sitting is out of reach.
  expect(await screen.emitWithAck("checkin:set", { sittingId, present: true })).toEqual({ ok: false, error: { code: "forbidden", message: "Màn hình hội trường chỉ để xem." } });
  expect(await screen.emitWithAck("live:state", { sittingId: sittingIds[1] })).toMatchObject({ ok: false, error: { code: "invalid" } });
  // A wrong token gets no socket.
  await expect(connect({ screenToken: "sai" })).rejects.toThrow("unauthenticated");

  // A new link ends the old one: its screen is let go and cannot come back with it.
  const dropped = new Promise((resolve) => screen.once("disconnect", resolve));
  const renewed = await chair.emitWithAck("live:screen-link", { sittingId, renew: true });
  expect(renewed.path).not.toBe(path);
  expect(await dropped).toBe("io server disconnect");
  await expect(connect({ screenToken: path.split("/").pop() })).rejects.toThrow("unauthenticated");
  expect((await fetch(new URL(path, server.url), { redirect: "manual" })).status).toBe(404);
  await connect({ screenToken: renewed.path.split("/").pop() });
});

test("a closed sitting's screen shows nothing public", async () => {
  const sittingId = sittingIds[1];
  const file = new Database(join(server.dataDir, "app.db"));
  file.prepare("update sittings set closed = 1 where id = ?").run(sittingId);
  file.close();
  const chair = await as("chutich");
  await chair.emitWithAck("live:open", { sittingId });
  const { path } = await chair.emitWithAck("live:screen-link", { sittingId });
  const screen = await connect({ screenToken: path.split("/").pop() });
  const { state } = (await screen.emitWithAck("live:state", { sittingId })) as { state: LiveStatePayload };
  expect(state).toMatchObject({ closed: true, items: [], polls: [], attendance: [], speakers: { queue: [], current: null, done: [] } });
});
