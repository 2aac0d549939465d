// Speakers (issue #5, RULES.md 12): one waiting turn per person and item, the limits of the rules, the chair's order,
// and a record of who spoke on the item and for how long.
import type { Socket } from "socket.io-client";
import { afterAll, beforeAll, expect, test } from "vitest";
import type { LiveStatePayload } from "~/realtime/events";
import { removeDataDir, startServer, type TestServer } from "../setup/server";
import { closeSockets, demoSittingIds, ok, socketAs } from "../setup/sockets";

let server: TestServer;
let sittingId: string;
let otherSittingId: string;

const speakers = async (socket: Socket) => ((await ok(socket.emitWithAck("live:state", { sittingId }))).state as LiveStatePayload).speakers;

const connectAs = (username: string) => socketAs(server.url, username);

beforeAll(async () => {
  server = await startServer();
  [sittingId, otherSittingId] = await demoSittingIds(server.url);
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
  expect(await b.emitWithAck("speaker:move", { sittingId, speechId: third.speechId, to: 0 })).toMatchObject({ ok: false, error: { code: "forbidden" } });
  await ok(chair.emitWithAck("speaker:move", { sittingId, speechId: third.speechId, to: 1 }));
  expect((await speakers(chair)).queue.map((s) => s.kind)).toEqual(["speak", "question", "debate"]);
  // Dragged to the top, then back to the end (a place past the end means the end).
  await ok(chair.emitWithAck("speaker:move", { sittingId, speechId: third.speechId, to: 0 }));
  expect((await speakers(chair)).queue.map((s) => s.kind)).toEqual(["question", "speak", "debate"]);
  await ok(chair.emitWithAck("speaker:move", { sittingId, speechId: first.speechId, to: 9 }));
  expect((await speakers(chair)).queue.map((s) => s.kind)).toEqual(["question", "debate", "speak"]);
  await ok(chair.emitWithAck("speaker:move", { sittingId, speechId: first.speechId, to: 0 }));
  await ok(chair.emitWithAck("speaker:move", { sittingId, speechId: third.speechId, to: 1 }));
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

  // Ending the sitting ends the turn under way and clears the list: nobody is left waiting.
  await ok(chair.emitWithAck("speaker:floor", { sittingId, speechId: final.queue[0].id }));
  await ok(chair.emitWithAck("live:end", { sittingId }));
  const ended = await speakers(chair);
  expect(ended.current).toBeNull();
  expect(ended.queue).toEqual([]);
  expect(ended.done).toHaveLength(3);
});

test("speakers not reached send their speech in writing; it stays with the item for the chair", async () => {
  const sittingId = otherSittingId;
  const chair = await connectAs("chutich");
  const [a, b, c] = [await connectAs("daibieu30"), await connectAs("daibieu31"), await connectAs("daibieu32")];
  await ok(chair.emitWithAck("live:open", { sittingId }));
  const state = async (socket: Socket) => (await ok(socket.emitWithAck("live:state", { sittingId }))).state as LiveStatePayload;
  const [firstItem, secondItem] = (await state(chair)).items;

  const waiting = await ok(a.emitWithAck("speaker:register", { sittingId, kind: "speak" }));
  const left = await ok(b.emitWithAck("speaker:register", { sittingId, kind: "debate" }));
  const question = await ok(c.emitWithAck("speaker:register", { sittingId, kind: "question" }));

  // While waiting: an empty text is refused by name; someone else's turn is not theirs to send.
  expect(await a.emitWithAck("speaker:write", { sittingId, speechId: waiting.speechId, text: "   " })).toEqual({
    ok: false,
    error: { code: "invalid", message: "Hãy nhập nội dung ý kiến (tối đa 10.000 ký tự)." },
  });
  expect(await c.emitWithAck("speaker:write", { sittingId, speechId: waiting.speechId, text: "Ý kiến" })).toMatchObject({ ok: false, error: { code: "forbidden" } });
  await ok(a.emitWithAck("speaker:write", { sittingId, speechId: waiting.speechId, text: "Đề nghị bổ sung kinh phí cho xã Tân Lập." }));
  let speakers = (await state(chair)).speakers;
  expect(speakers.queue.map((s) => s.kind)).toEqual(["debate", "question"]);
  expect(speakers.written).toMatchObject([{ userId: (await state(a)).me, kind: "speak", writtenText: "Đề nghị bổ sung kinh phí cho xã Tân Lập." }]);
  // Sent once: it is no longer waiting.
  expect(await a.emitWithAck("speaker:write", { sittingId, speechId: waiting.speechId, text: "Lần nữa" })).toMatchObject({ ok: false, error: { code: "conflict" } });

  // The chair moves on: those still waiting were not reached, and each is told so.
  await ok(chair.emitWithAck("live:item", { sittingId, itemId: secondItem.id }));
  expect((await state(chair)).speakers.queue).toEqual([]);
  expect((await state(b)).notReached).toEqual([{ id: left.speechId, kind: "debate", itemId: firstItem.id, itemTitle: firstItem.title }]);
  expect((await state(a)).notReached).toEqual([]);
  await ok(b.emitWithAck("speaker:write", { sittingId, speechId: left.speechId, text: "Tôi không đồng ý với phương án 2." }));
  expect((await state(b)).notReached).toEqual([]);

  // Back on the first item, the chair finds both written speeches.
  await ok(chair.emitWithAck("live:item", { sittingId, itemId: firstItem.id }));
  speakers = (await state(chair)).speakers;
  expect(speakers.written.map((s) => s.writtenText)).toEqual(["Đề nghị bổ sung kinh phí cho xã Tân Lập.", "Tôi không đồng ý với phương án 2."]);
  expect(speakers.queue).toEqual([]);

  // Ending the sitting leaves a turn still waiting as not reached; it may still be written afterwards.
  const late = await ok(c.emitWithAck("speaker:register", { sittingId, kind: "speak" }));
  await ok(chair.emitWithAck("live:end", { sittingId }));
  expect((await state(c)).notReached.map((s) => s.id)).toEqual([question.speechId, late.speechId]);
  await ok(c.emitWithAck("speaker:write", { sittingId, speechId: late.speechId, text: "Ý kiến sau phiên họp." }));
  expect((await state(chair)).speakers.written).toHaveLength(3);
});
