// A closed sitting (họp kín, RULES.md 14) shows nothing to those who may not see it, for every event (issue #10): the
// hall screen's link and an invited guest follow it like everyone else, and through a whole sitting — documents,
// presenting, speakers, check-ins, named and secret votes, replies — they are told no document's details and no
// result. Every event type a sitting emits is checked, against a member who hears them all.
import Database from "better-sqlite3";
import { join } from "node:path";
import type { Socket } from "socket.io-client";
import { afterAll, beforeAll, expect, test } from "vitest";
import { demoPassword } from "#db/seed";
import type { LiveStatePayload } from "~/realtime/events";
import { Browserless } from "../setup/http";
import { makePdf } from "../setup/pdf-fixtures";
import { removeDataDir, startServer, type TestServer } from "../setup/server";
import { closeSockets, demoSittingIds, ok, openSocket, socketAs } from "../setup/sockets";

let server: TestServer;
let sittingId: string;

// Every event a sitting sends to those following it (app/realtime/sitting-broadcast.server.ts).
const sittingEvents = ["sitting:changed", "sitting:replied", "presentation:changed", "live:changed", "poll:count", "presence:count", "poll:closed"];

beforeAll(async () => {
  server = await startServer();
  [, sittingId] = await demoSittingIds(server.url);
  const file = new Database(join(server.dataDir, "app.db"));
  file.prepare("update sittings set closed = 1 where id = ?").run(sittingId);
  file.close();
});

afterAll(async () => {
  closeSockets();
  await server.stop();
  removeDataDir(server.dataDir);
});

type Heard = { event: string; payload: unknown }[];

/** Records every event a socket receives. */
function listen(socket: Socket) {
  const heard: Heard = [];
  socket.onAny((event: string, payload: unknown) => heard.push({ event, payload }));
  return heard;
}

async function upload(client: Browserless, summary: string) {
  const body = new FormData();
  body.append("summary", summary);
  body.append("reference", "15/TTr-UBND");
  body.append("confidentiality", "internal");
  body.append("file", new Blob([await makePdf([["Tờ trình nhân sự"], ["Trang hai"]])]), "totrinh.pdf");
  const response = await fetch(new URL(`/sittings/${sittingId}/upload`, server.url), { method: "POST", body, headers: { cookie: client.cookieHeader, origin: server.url } });
  expect(response.status).toBe(200);
  return ((await response.json()) as { versionId: string }).versionId;
}

test("the hall screen's link and a guest hear nothing of a closed sitting's documents or results, whatever the event", async () => {
  const chair = await socketAs(server.url, "chutich");
  const { path } = await ok(chair.emitWithAck("live:screen-link", { sittingId }));
  const screen = await openSocket(server.url, { screenToken: String(path).split("/").pop() });
  const guest = await socketAs(server.url, "khachmoi");
  const member = await socketAs(server.url, "daibieu20");
  const heard = { chair: listen(chair), screen: listen(screen), guest: listen(guest), member: listen(member) };
  for (const socket of [chair, screen, guest, member]) await ok(socket.emitWithAck("sitting:join", { sittingId }));

  // A whole sitting.
  const secretary = new Browserless(server.url);
  await secretary.login("thuky1", demoPassword);
  const versionId = await upload(secretary, "Tờ trình về việc miễn nhiệm Phó Chủ tịch UBND tỉnh");
  await ok(chair.emitWithAck("live:open", { sittingId }));
  const voters = [member, await socketAs(server.url, "daibieu21"), await socketAs(server.url, "daibieu22")];
  for (const voter of voters) await ok(voter.emitWithAck("checkin:set", { sittingId, present: true }));
  await ok(guest.emitWithAck("checkin:set", { sittingId, present: true }));
  const state = (await ok(chair.emitWithAck("live:state", { sittingId }))).state as LiveStatePayload;
  await ok(chair.emitWithAck("live:item", { sittingId, itemId: state.items[1].id }));
  await ok(chair.emitWithAck("presentation:set", { sittingId, versionId, page: 2 }));
  // Joining while a page is presented answers it only to those who may have it.
  expect(await ok(guest.emitWithAck("sitting:join", { sittingId }))).toMatchObject({ presentation: null });
  expect((await ok(member.emitWithAck("sitting:join", { sittingId }))).presentation).toMatchObject({ versionId, summary: "Tờ trình về việc miễn nhiệm Phó Chủ tịch UBND tỉnh" });
  const { speechId } = await ok(member.emitWithAck("speaker:register", { sittingId, kind: "speak" }));
  await ok(chair.emitWithAck("speaker:floor", { sittingId, speechId }));
  await ok(chair.emitWithAck("speaker:end", { sittingId }));
  for (const secret of [false, true]) {
    const { pollId } = await ok(chair.emitWithAck("poll:create", { sittingId, question: secret ? "Miễn nhiệm (bỏ phiếu kín)" : "Thông qua tờ trình", secret }));
    await ok(chair.emitWithAck("poll:open", { sittingId, pollId, withoutQuorum: true }));
    for (const [i, voter] of voters.entries()) await ok(voter.emitWithAck("poll:vote", { sittingId, pollId, choice: i === 2 ? "no" : "yes" }));
    // The member's tablet shows the count (a moment later: counts to tablets are coalesced) before the chair closes.
    await expect.poll(() => heard.member.some((e) => e.event === "poll:count" && (e.payload as { pollId: string; voted: number }).pollId === pollId && (e.payload as { voted: number }).voted === 3)).toBe(true);
    await ok(chair.emitWithAck("poll:close", { sittingId, pollId }));
  }
  const { pollId: dropped } = await ok(chair.emitWithAck("poll:create", { sittingId, question: "Biểu quyết bị hủy" }));
  await ok(chair.emitWithAck("poll:cancel", { sittingId, pollId: dropped }));
  await ok(chair.emitWithAck("presentation:stop", { sittingId }));
  const delegate = new Browserless(server.url);
  await delegate.login("daibieu23", demoPassword);
  expect((await delegate.post(`/sittings/${sittingId}?index`, { intent: "reply", reply: "absent", reason: "Đi công tác nước ngoài" })).status).toBe(302);
  const { seq: endSeq } = await ok(chair.emitWithAck("live:end", { sittingId }));

  // Wait for what everyone sees last: the sitting ended (news to tablets is coalesced, so it may come a moment later).
  const ended = (h: Heard) => h.some((e) => e.event === "live:changed" && (e.payload as { what: string; seq: number }).what === "status" && (e.payload as { seq: number }).seq === endSeq);
  await expect.poll(() => [heard.member, heard.chair, heard.screen, heard.guest].every(ended)).toBe(true);

  // Every event type was sent: the chair heard all but the present count meant for tablets (a console reloads its
  // lists instead), the member all but the replies meant for staff.
  const sittingHeard = (h: Heard) => new Set(h.map((e) => e.event).filter((e) => e !== "notification"));
  expect(sittingHeard(heard.chair)).toEqual(new Set(sittingEvents.filter((e) => e !== "presence:count")));
  expect(sittingHeard(heard.member)).toEqual(new Set(sittingEvents.filter((e) => e !== "sitting:replied")));
  // The member was told of the new document; the guest was not (a closed sitting's documents are not for guests).
  expect(heard.member.some((e) => e.event === "notification")).toBe(true);
  expect(JSON.stringify(heard.member)).toContain("Tờ trình về việc miễn nhiệm");

  // The screen and the guest: only that the sitting opened and ended (and, for the guest, "look again" without details
  // and how many are present).
  for (const who of [heard.screen, heard.guest]) {
    for (const { event, payload } of who) {
      if (event === "sitting:changed" || event === "presence:count") {
        expect(who).toBe(heard.guest);
        for (const key of Object.keys(payload as object)) expect(["sittingId", "what", "revision", "present", "n", "quorum"]).toContain(key);
        continue;
      }
      expect(event).toBe("live:changed");
      expect((payload as { what: string }).what).toBe("status");
    }
    const text = JSON.stringify(who);
    for (const secret of ["Tờ trình", "15/TTr-UBND", versionId, "result", "voted", "Thông qua", "Miễn nhiệm"]) expect(text).not.toContain(secret);
  }
  expect(heard.screen.length).toBeGreaterThanOrEqual(2);

  // Nor can the guest open the document itself.
  const guestHttp = new Browserless(server.url);
  await guestHttp.login("khachmoi", demoPassword);
  expect((await guestHttp.get(`/files/${versionId}`)).status).toBe(403);
  expect(await (await guestHttp.get(`/sittings/${sittingId}`)).text()).not.toContain("miễn nhiệm Phó Chủ tịch");

  // Their state says no more: no items, no speakers, no polls.
  for (const socket of [screen, guest]) {
    const seen = (await ok(socket.emitWithAck("live:state", { sittingId }))).state as LiveStatePayload;
    expect(seen).toMatchObject({ closed: true, currentItemId: null, items: [], attendance: [], polls: [], speakers: { queue: [], current: null, done: [], written: [] } });
  }
});

test("once the sitting is no longer closed, the screen and the guest hear its results again", async () => {
  const file = new Database(join(server.dataDir, "app.db"));
  file.prepare("update sittings set closed = 0, status = 'published' where id = ?").run(sittingId);
  file.close();
  const chair = await socketAs(server.url, "chutich");
  const { path } = await ok(chair.emitWithAck("live:screen-link", { sittingId }));
  const screen = await openSocket(server.url, { screenToken: String(path).split("/").pop() });
  const guest = await socketAs(server.url, "khachmoi");
  for (const socket of [chair, screen, guest]) await ok(socket.emitWithAck("sitting:join", { sittingId }));
  await ok(chair.emitWithAck("live:open", { sittingId }));
  const closedOn = (socket: Socket) => new Promise<{ result: { passed: boolean } }>((resolve) => socket.once("poll:closed", resolve));
  const seen = [closedOn(screen), closedOn(guest)];
  const { pollId } = await ok(chair.emitWithAck("poll:create", { sittingId, question: "Thông qua chương trình phiên họp" }));
  await ok(chair.emitWithAck("poll:open", { sittingId, pollId, withoutQuorum: true }));
  await ok(chair.emitWithAck("poll:close", { sittingId, pollId }));
  for (const event of await Promise.all(seen)) expect(event.result).toMatchObject({ passed: false });
});
