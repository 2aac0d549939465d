// Speakers (issue #5, RULES.md 12): one waiting turn per person and item, the limits of the rules, the chair's order,
// and a record of who spoke on the item and for how long.
import type { Socket } from "socket.io-client";
import { afterAll, beforeAll, expect, test } from "vitest";
import type { LiveStatePayload } from "~/realtime/events";
import { removeDataDir, startServer, type TestServer } from "../setup/server";
import { closeSockets, demoSittingIds, ok, socketAs } from "../setup/sockets";

let server: TestServer;
let sittingId: string;

const speakers = async (socket: Socket) => ((await ok(socket.emitWithAck("live:state", { sittingId }))).state as LiveStatePayload).speakers;

const connectAs = (username: string) => socketAs(server.url, username);

beforeAll(async () => {
  server = await startServer();
  [sittingId] = await demoSittingIds(server.url);
});

afterAll(async () => {
  closeSockets();
  await server.stop();
  removeDataDir(server.dataDir);
});

test("turns to speak keep their order, their limits and their times", async () => {
  const chair = await connectAs("chutich");
  const [a, b, c] = [await connectAs("daibieu20"), await connectAs("daibieu21"), await connectAs("daibieu22")];
  // Before the sitting is opened nobody registers.
  expect(await a.emitWithAck("speaker:register", { sittingId, kind: "speak" })).toEqual({ ok: false, error: { code: "conflict", message: "Phiên họp chưa khai mạc." } });
  await ok(chair.emitWithAck("live:open", { sittingId }));

  const first = await ok(a.emitWithAck("speaker:register", { sittingId, kind: "speak" }));
  expect(await a.emitWithAck("speaker:register", { sittingId, kind: "debate" })).toEqual({
    ok: false,
    error: { code: "conflict", message: "Bạn đã đăng ký phát biểu ở nội dung này và đang chờ đến lượt." },
  });
  await ok(b.emitWithAck("speaker:register", { sittingId, kind: "debate" }));
  const third = await ok(c.emitWithAck("speaker:register", { sittingId, kind: "question" }));
  expect((await speakers(chair)).queue.map((s) => [s.kind, s.limitSeconds])).toEqual([
    ["speak", 420],
    ["debate", 180],
    ["question", 180],
  ]);

  // A delegate cannot give the floor or reorder; the chair can, and departs from the order.
  expect(await b.emitWithAck("speaker:floor", { sittingId, speechId: first.speechId })).toMatchObject({ ok: false, error: { code: "forbidden" } });
  await ok(chair.emitWithAck("speaker:move", { sittingId, speechId: third.speechId, direction: "up" }));
  expect((await speakers(chair)).queue.map((s) => s.kind)).toEqual(["speak", "question", "debate"]);
  await ok(chair.emitWithAck("speaker:floor", { sittingId, speechId: third.speechId }));
  expect((await speakers(a)).current).toMatchObject({ kind: "question", startedAt: expect.any(String) });
  await new Promise((r) => setTimeout(r, 1_100));
  await ok(chair.emitWithAck("speaker:end", { sittingId }));
  const after = await speakers(chair);
  expect(after.current).toBeNull();
  expect(after.done).toHaveLength(1);
  expect(after.done[0].seconds).toBeGreaterThanOrEqual(1);

  // Withdrawn turns leave the list; a second speech on the same item gets three minutes.
  await ok(b.emitWithAck("speaker:withdraw", { sittingId, speechId: (await speakers(b)).queue.find((s) => s.kind === "debate")!.id }));
  await ok(chair.emitWithAck("speaker:floor", { sittingId, speechId: first.speechId }));
  await ok(chair.emitWithAck("speaker:end", { sittingId }));
  await ok(a.emitWithAck("speaker:register", { sittingId, kind: "speak" }));
  const final = await speakers(chair);
  expect(final.queue.map((s) => [s.kind, s.limitSeconds])).toEqual([["speak", 180]]);
  expect(final.done.map((s) => s.kind)).toEqual(["question", "speak"]);

  // Ending the sitting ends the turn under way and clears the list.
  await ok(chair.emitWithAck("speaker:floor", { sittingId, speechId: final.queue[0].id }));
  await ok(chair.emitWithAck("live:end", { sittingId }));
  const ended = await speakers(chair);
  expect(ended.current).toBeNull();
  expect(ended.queue).toEqual([]);
  expect(ended.done).toHaveLength(3);
});
