// A full hall (issue #10): every tablet is joined to the sitting, so what fans out to the room must not grow with
// tablets × ballots (or tablets × check-ins). 300 tablets check in — each is told the present count a few times a
// second and reloads nothing — then cast 300 ballots within a second: each tablet gets a handful of count messages,
// the hall screen its count at once, and the last count every tablet shows is the stored total.
import type { Socket } from "socket.io-client";
import { afterAll, beforeAll, expect, test } from "vitest";
import { demoPassword } from "#db/seed";
import { addMembers } from "../setup/crowd";
import { Browserless } from "../setup/http";
import { removeDataDir, startServer, type TestServer } from "../setup/server";
import { closeSockets, demoSittingIds, ok, openSocket, socketAs } from "../setup/sockets";

const tablets = 300;
let server: TestServer;
let sittingId: string;
let cookies: string[];

beforeAll(async () => {
  server = await startServer();
  [sittingId] = await demoSittingIds(server.url);
  await new Browserless(server.url).login("daibieu1", demoPassword);
  await server.stop();
  cookies = addMembers(server.dataDir, tablets, [sittingId]);
  server = await startServer({ dataDir: server.dataDir });
}, 120_000);

afterAll(async () => {
  closeSockets();
  await server.stop();
  removeDataDir(server.dataDir);
});

test("300 tablets in the room and 300 ballots in a second: a bounded number of count messages each, and the final count everywhere", async () => {
  const chair = await socketAs(server.url, "chutich");
  await ok(chair.emitWithAck("live:open", { sittingId }));
  const { path } = await ok(chair.emitWithAck("live:screen-link", { sittingId }));
  const screen = await openSocket(server.url, { screenToken: String(path).split("/").pop() });
  await ok(screen.emitWithAck("sitting:join", { sittingId }));

  // Everyone checks in: tablets are told the new count, a few times a second, and reload nothing.
  const room: Socket[] = [];
  const reloadsAsked: number[] = [];
  const presence: number[][] = [];
  const checkinStarted = performance.now();
  for (let i = 0; i < tablets; i += 50) {
    room.push(
      ...(await Promise.all(
        cookies.slice(i, i + 50).map(async (cookie, j) => {
          const socket = await openSocket(server.url, { cookie });
          reloadsAsked[i + j] = 0;
          presence[i + j] = [];
          socket.on("live:changed", () => (reloadsAsked[i + j] += 1));
          socket.on("presence:count", (e: { present: number }) => presence[i + j].push(e.present));
          await ok(socket.emitWithAck("sitting:join", { sittingId }));
          await ok(socket.emitWithAck("checkin:set", { sittingId, present: true }));
          return socket;
        }),
      )),
    );
  }
  await expect.poll(() => presence.every((p) => Math.max(0, ...p) === tablets), { timeout: 10_000 }).toBe(true);
  const checkinMs = performance.now() - checkinStarted;
  expect(Math.max(...reloadsAsked)).toBe(0);
  expect(Math.max(...presence.map((p) => p.length))).toBeLessThanOrEqual(Math.ceil(checkinMs / 250) + 2);
  const { pollId } = await ok(chair.emitWithAck("poll:create", { sittingId, question: "Thông qua Nghị quyết về dự toán ngân sách năm 2027" }));
  await ok(chair.emitWithAck("poll:open", { sittingId, pollId, withoutQuorum: true }));
  // What the tablets reload (a view kept for the whole audience) has the poll open, and everyone present.
  for (const socket of [room[0], room[tablets - 1]]) {
    const { state } = await ok(socket.emitWithAck("live:state", { sittingId }));
    expect(state).toMatchObject({ present: tablets });
    expect((state as { polls: { id: string; status: string }[] }).polls.find((p) => p.id === pollId)?.status).toBe("open");
  }

  const counts = room.map(() => [] as number[]);
  room.forEach((socket, i) => socket.on("poll:count", (e: { pollId: string; voted: number }) => e.pollId === pollId && counts[i].push(e.voted)));
  const onScreen: number[] = [];
  screen.on("poll:count", (e: { pollId: string; voted: number }) => e.pollId === pollId && onScreen.push(e.voted));

  const acks = await Promise.all(
    room.map(
      (socket, i) =>
        new Promise<{ ok: boolean }>((resolve) => setTimeout(() => resolve(socket.emitWithAck("poll:vote", { sittingId, pollId, choice: i % 3 === 0 ? "no" : "yes" })), Math.random() * 1000)),
    ),
  );
  expect(acks.filter((a) => a.ok)).toHaveLength(tablets);

  // Every tablet comes to show the final count; none was sent more than a handful of messages to get there.
  await expect.poll(() => counts.every((c) => Math.max(0, ...c) === tablets), { timeout: 10_000 }).toBe(true);
  const perTablet = counts.map((c) => c.length);
  expect(Math.max(...perTablet)).toBeLessThanOrEqual(20);
  // The hall screen's count only went up, to the stored total (ballots the server read together make one count).
  await expect.poll(() => onScreen.at(-1), { timeout: 10_000 }).toBe(tablets);
  expect(onScreen).toEqual([...onScreen].sort((a, b) => a - b));

  const { result } = await ok(chair.emitWithAck("poll:close", { sittingId, pollId }));
  expect(result.voted).toBe(tablets);
  expect(result.no + result.yes).toBe(tablets);

  // A second poll closed the moment the last ballot is in, while counts are still on their way to the tablets: each
  // tablet ends with the result, and no count comes after it.
  const second = (await ok(chair.emitWithAck("poll:create", { sittingId, question: "Thông qua Nghị quyết về kế hoạch đầu tư công" }))).pollId as string;
  await ok(chair.emitWithAck("poll:open", { sittingId, pollId: second, withoutQuorum: true }));
  const heard = room.map(() => [] as string[]);
  room.forEach((socket, i) => {
    socket.on("poll:count", (e: { pollId: string }) => e.pollId === second && heard[i].push("count"));
    socket.on("poll:closed", (e: { pollId: string; result: { voted: number } }) => e.pollId === second && heard[i].push(`closed ${e.result.voted}`));
  });
  const secondAcks = await Promise.all(room.map((socket) => socket.emitWithAck("poll:vote", { sittingId, pollId: second, choice: "yes" })));
  expect(secondAcks.filter((a: { ok: boolean }) => a.ok)).toHaveLength(tablets);
  await ok(chair.emitWithAck("poll:close", { sittingId, pollId: second }));
  await expect.poll(() => heard.every((h) => h.includes(`closed ${tablets}`)), { timeout: 10_000 }).toBe(true);
  expect(heard.filter((h) => h.at(-1) !== `closed ${tablets}`)).toEqual([]);
}, 120_000);
