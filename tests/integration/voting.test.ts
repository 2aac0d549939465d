// Voting integrity (issues #5 and #10, RULES.md 1–7): one ballot per member per poll by the database's key,
// acknowledged only once committed; ballots after closing, from those not entitled (not on the poll's list, no longer
// taking part, not checked in), or for another sitting's poll refused with a clear message; an acknowledged ballot
// survives the server being killed. What a secret poll leaves on disk is tested in secret-ballots-on-disk.test.ts.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import Database from "better-sqlite3";
import { join } from "node:path";
import type { Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { demoPassword } from "#db/seed";
import type { LiveStatePayload } from "~/realtime/events";
import { Browserless } from "../setup/http";
import { removeDataDir, startServer, type TestServer } from "../setup/server";
import { closeSockets, demoSittingIds, ok, socketAs } from "../setup/sockets";

let server: TestServer;
let dataDir: string;
let sittingId: string;
let otherSittingId: string;

async function state(socket: Socket, sitting = sittingId) {
  return (await ok(socket.emitWithAck("live:state", { sittingId: sitting }))).state as LiveStatePayload;
}

/** A new poll, opened (without quorum: the tests check in only a few members). */
async function openedPoll(chair: Socket, options: Record<string, unknown> = {}) {
  const { pollId } = await ok(chair.emitWithAck("poll:create", { sittingId, question: "Thông qua Nghị quyết về dự toán ngân sách năm 2027", ...options }));
  await ok(chair.emitWithAck("poll:open", { sittingId, pollId, withoutQuorum: true }));
  return pollId as string;
}

const connectAs = (username: string) => socketAs(server.url, username);

/** A member's socket, checked in to the sitting (RULES.md 6: only those present vote). */
async function present(username: string) {
  const socket = await connectAs(username);
  await ok(socket.emitWithAck("checkin:set", { sittingId, present: true }));
  return socket;
}

function userId(username: string) {
  const file = new Database(join(dataDir, "app.db"), { readonly: true });
  try {
    return (file.prepare("select id from users where username = ?").get(username) as { id: string }).id;
  } finally {
    file.close();
  }
}

beforeAll(async () => {
  server = await startServer();
  dataDir = server.dataDir;
  [sittingId, otherSittingId] = await demoSittingIds(server.url);
  const chair = await connectAs("chutich");
  await ok(chair.emitWithAck("live:open", { sittingId }));
  await ok(chair.emitWithAck("live:open", { sittingId: otherSittingId }));
});

afterAll(async () => {
  closeSockets();
  await server.stop();
  removeDataDir(dataDir);
});

describe("opening a poll", () => {
  test("without quorum it needs the chair's confirmation, and N is the members in office", async () => {
    const chair = await connectAs("chutich");
    const { pollId } = await ok(chair.emitWithAck("poll:create", { sittingId, question: "Thông qua chương trình kỳ họp" }));
    const refused = await chair.emitWithAck("poll:open", { sittingId, pollId });
    expect(refused).toMatchObject({ ok: false, error: { code: "conflict", message: expect.stringMatching(/^Chưa đủ số đại biểu có mặt theo quy định \(\d+\/\d+\)/) } });
    await ok(chair.emitWithAck("poll:open", { sittingId, pollId, withoutQuorum: true }));
    const poll = (await state(chair)).polls.find((p) => p.id === pollId)!;
    expect(poll).toMatchObject({ status: "open", openedWithoutQuorum: true });
    expect(poll.n).toBe((await state(chair)).n);
    await ok(chair.emitWithAck("poll:cancel", { sittingId, pollId }));
  });

  test("a poll with a bad question or time limit is refused, naming what is wrong", async () => {
    const chair = await connectAs("chutich");
    expect(await chair.emitWithAck("poll:create", { sittingId, question: "Có", durationSeconds: 60 })).toEqual({
      ok: false,
      error: { code: "invalid", message: "Nội dung biểu quyết cần từ 3 đến 500 ký tự." },
    });
    expect(await chair.emitWithAck("poll:create", { sittingId, question: "Thông qua nghị quyết", durationSeconds: 5 })).toEqual({
      ok: false,
      error: { code: "invalid", message: "Thời gian biểu quyết từ 10 giây đến 60 phút." },
    });
  });

  test("a delegate cannot create or open a poll", async () => {
    const delegate = await connectAs("daibieu1");
    expect(await delegate.emitWithAck("poll:create", { sittingId, question: "Câu hỏi của đại biểu" })).toEqual({
      ok: false,
      error: { code: "forbidden", message: "Chỉ chủ tọa hoặc thư ký phiên họp được làm việc này." },
    });
  });
});

describe("ballots", () => {
  test("one per member: the second is refused — by the database's key, not only by the server's code", async () => {
    const chair = await connectAs("chutich");
    const pollId = await openedPoll(chair);
    const delegate = await present("daibieu2");
    const first = await ok(delegate.emitWithAck("poll:vote", { sittingId, pollId, choice: "yes" }));
    expect(first.voted).toBe(1);
    expect(await delegate.emitWithAck("poll:vote", { sittingId, pollId, choice: "no" })).toEqual({
      ok: false,
      error: { code: "conflict", message: "Bạn đã biểu quyết rồi; biểu quyết này không cho phép thay đổi." },
    });
    // Straight into the file: the database itself refuses a second row for the same member and poll.
    const file = new Database(join(dataDir, "app.db"));
    try {
      const ballot = file.prepare("select * from ballots where poll_id = ?").get(pollId) as Record<string, unknown>;
      expect(ballot.choice).toBe("yes");
      expect(() => file.prepare("insert into ballots (poll_id, user_id, choice, cast_at) values (?, ?, 'no', 0)").run(pollId, ballot.user_id)).toThrow(/UNIQUE constraint failed|PRIMARY KEY/);
    } finally {
      file.close();
    }
    await ok(chair.emitWithAck("poll:close", { sittingId, pollId }));
  });

  test("a poll that allows it takes a changed ballot, counted once", async () => {
    const chair = await connectAs("chutich");
    const pollId = await openedPoll(chair, { allowChange: true });
    const delegate = await present("daibieu3");
    await ok(delegate.emitWithAck("poll:vote", { sittingId, pollId, choice: "no" }));
    expect((await ok(delegate.emitWithAck("poll:vote", { sittingId, pollId, choice: "yes" }))).voted).toBe(1);
    const { result } = await ok(chair.emitWithAck("poll:close", { sittingId, pollId }));
    expect(result).toMatchObject({ yes: 1, no: 0, abstain: 0, voted: 1 });
  });

  test("after closing, from a guest, and for another sitting's poll, a ballot is refused with a clear message", async () => {
    const chair = await connectAs("chutich");
    const pollId = await openedPoll(chair);
    const guest = await connectAs("khachmoi");
    expect(await guest.emitWithAck("poll:vote", { sittingId, pollId, choice: "yes" })).toEqual({
      ok: false,
      error: { code: "forbidden", message: "Bạn không thuộc danh sách đại biểu được biểu quyết lần này." },
    });
    const delegate = await present("daibieu4");
    expect(await delegate.emitWithAck("poll:vote", { sittingId: otherSittingId, pollId, choice: "yes" })).toEqual({
      ok: false,
      error: { code: "not_found", message: "Không tìm thấy biểu quyết này trong phiên họp." },
    });
    await ok(chair.emitWithAck("poll:close", { sittingId, pollId }));
    expect(await delegate.emitWithAck("poll:vote", { sittingId, pollId, choice: "yes" })).toEqual({
      ok: false,
      error: { code: "conflict", message: "Biểu quyết đã kết thúc; phiếu của bạn không được ghi nhận." },
    });
    expect(await delegate.emitWithAck("poll:vote", { sittingId, pollId, choice: "maybe" })).toMatchObject({ ok: false, error: { code: "invalid" } });
  });

  test("everyone in the sitting sees the count; the closed result is stored with N and the present count", async () => {
    const chair = await connectAs("chutich");
    const hall = await connectAs("thuky2");
    await ok(hall.emitWithAck("sitting:join", { sittingId }));
    for (const name of ["daibieu5", "daibieu6", "daibieu7"]) await present(name);
    const pollId = await openedPoll(chair);
    const counted = new Promise((resolve) => hall.once("poll:count", resolve));
    const voter = await connectAs("daibieu5");
    await ok(voter.emitWithAck("poll:vote", { sittingId, pollId, choice: "abstain" }));
    expect(await counted).toEqual({ sittingId, pollId, voted: 1, n: expect.any(Number) });
    const closed = new Promise((resolve) => hall.once("poll:closed", resolve));
    const { result } = await ok(chair.emitWithAck("poll:close", { sittingId, pollId }));
    const live = await state(chair);
    expect(result).toEqual({ yes: 0, no: 0, abstain: 1, voted: 1, notVoted: live.n - 1, n: live.n, present: live.present, passed: false });
    expect(live.present).toBeGreaterThanOrEqual(3);
    expect(await closed).toMatchObject({ pollId, result });

    // The result sheet (phiếu kết quả) prints the stored result, as a share of N with a decimal comma.
    const reader = new Browserless(server.url);
    await reader.login("daibieu5", demoPassword);
    const sheet = await reader.get(`/sittings/${sittingId}/polls/${pollId}/result.pdf`);
    expect(sheet.status).toBe(200);
    expect(sheet.headers.get("content-type")).toBe("application/pdf");
    const text = pdfText(new Uint8Array(await sheet.arrayBuffer()));
    const share = (count: number) => `${(Math.round((count * 10_000) / live.n) / 100).toFixed(2).replace(".", ",")}%`;
    expect(text).toContain("PHIẾU KẾT QUẢ BIỂU QUYẾT");
    expect(text).toContain(`– Không biểu quyết: 1/${live.n} đại biểu (${share(1)}).`);
    expect(text).toContain(`– Chưa biểu quyết: ${live.n - 1}/${live.n} đại biểu (${share(live.n - 1)}).`);
    expect(text).toContain("Kết quả: KHÔNG ĐƯỢC THÔNG QUA.");
    expect(text).toMatch(/Biểu quyết được mở khi chưa đủ số đại biểu/);
  });
});

describe("a poll recorded by hand (RULES.md 2)", () => {
  test("the secretary records a member's ballot only where the poll says so, and the record says who did it", async () => {
    const chair = await connectAs("chutich");
    const secretary = await connectAs("thuky1");
    expect(await chair.emitWithAck("poll:create", { sittingId, question: "Biểu quyết kín ghi tay", secret: true, recordedByHand: true })).toEqual({
      ok: false,
      error: { code: "invalid", message: "Biểu quyết kín không thể do thư ký ghi nhận thay." },
    });
    const plain = await openedPoll(chair);
    const member = (await state(secretary)).attendance.find((p) => p.member)!;
    await ok(secretary.emitWithAck("checkin:set", { sittingId, userId: member.userId, present: true }));
    expect(await secretary.emitWithAck("poll:record", { sittingId, pollId: plain, userId: member.userId, choice: "yes" })).toEqual({
      ok: false,
      error: { code: "forbidden", message: "Biểu quyết này không cho phép thư ký ghi nhận thay." },
    });
    await ok(chair.emitWithAck("poll:cancel", { sittingId, pollId: plain }));

    const byHand = await openedPoll(chair, { recordedByHand: true });
    const delegate = await connectAs("daibieu1");
    expect(await delegate.emitWithAck("poll:record", { sittingId, pollId: byHand, userId: member.userId, choice: "yes" })).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect((await ok(secretary.emitWithAck("poll:record", { sittingId, pollId: byHand, userId: member.userId, choice: "no" }))).voted).toBe(1);
    expect(await secretary.emitWithAck("poll:record", { sittingId, pollId: byHand, userId: member.userId, choice: "yes" })).toEqual({
      ok: false,
      error: { code: "conflict", message: "Đại biểu này đã biểu quyết rồi." },
    });
    await ok(chair.emitWithAck("poll:close", { sittingId, pollId: byHand }));
    const file = new Database(join(dataDir, "app.db"), { readonly: true });
    try {
      const ballot = file.prepare("select b.choice, u.username from ballots b join users u on u.id = b.recorded_by where b.poll_id = ?").get(byHand);
      expect(ballot).toEqual({ choice: "no", username: "thuky1" });
      const audit = file.prepare("select action from audit_log where entity_id = ? and action = 'ballot.record'").all(byHand);
      expect(audit).toHaveLength(1);
    } finally {
      file.close();
    }
  });
});

describe("who may vote (RULES.md 6)", () => {
  test("a member not checked in is refused, in person and by hand, and can vote once checked in", async () => {
    const chair = await connectAs("chutich");
    const secretary = await connectAs("thuky1");
    const pollId = await openedPoll(chair, { recordedByHand: true });
    const absentee = await connectAs("daibieu1");
    expect(await absentee.emitWithAck("poll:vote", { sittingId, pollId, choice: "yes" })).toEqual({
      ok: false,
      error: { code: "forbidden", message: "Bạn chưa điểm danh có mặt. Hãy điểm danh rồi biểu quyết." },
    });
    expect(await secretary.emitWithAck("poll:record", { sittingId, pollId, userId: userId("daibieu1"), choice: "yes" })).toEqual({
      ok: false,
      error: { code: "forbidden", message: "Đại biểu này chưa điểm danh có mặt; hãy điểm danh cho đại biểu trước khi ghi nhận phiếu." },
    });
    await ok(absentee.emitWithAck("checkin:set", { sittingId, present: true }));
    expect((await ok(absentee.emitWithAck("poll:vote", { sittingId, pollId, choice: "yes" }))).voted).toBe(1);
    const { result } = await ok(chair.emitWithAck("poll:close", { sittingId, pollId }));
    expect(result).toMatchObject({ yes: 1, voted: 1 });
  });

  test("a participant removed from the sitting during a poll is refused, even knowing the poll; and is not on the next poll's list", async () => {
    const chair = await connectAs("chutich");
    const secretary = new Browserless(server.url);
    await secretary.login("thuky1", demoPassword);
    const recorder = await connectAs("thuky1");
    const removed = await present("daibieu50");
    const secret = await openedPoll(chair, { secret: true });
    expect((await secretary.post(`/sittings/${sittingId}/participants`, { intent: "remove", userId: userId("daibieu50") })).status).toBe(302);
    const refusal = { ok: false, error: { code: "forbidden", message: "Bạn không có trong thành phần dự phiên họp này nên không biểu quyết được." } };
    expect(await removed.emitWithAck("poll:vote", { sittingId, pollId: secret, choice: "no" })).toEqual(refusal);
    await ok(chair.emitWithAck("poll:close", { sittingId, pollId: secret }));

    const byHand = await openedPoll(chair, { recordedByHand: true });
    expect(await removed.emitWithAck("poll:vote", { sittingId, pollId: byHand, choice: "no" })).toEqual(refusal);
    expect(await recorder.emitWithAck("poll:record", { sittingId, pollId: byHand, userId: userId("daibieu50"), choice: "no" })).toEqual({
      ok: false,
      error: { code: "forbidden", message: "Người này không còn trong thành phần dự phiên họp nên không biểu quyết được." },
    });
    const { result } = await ok(chair.emitWithAck("poll:close", { sittingId, pollId: byHand }));
    expect(result.voted).toBe(0);

    // The poll's stored list of who may vote: the members in office who take part — not the one removed, not the guest.
    const file = new Database(join(dataDir, "app.db"), { readonly: true });
    try {
      const listed = (file.prepare("select u.username from poll_voters v join users u on u.id = v.user_id where v.poll_id = ?").all(byHand) as { username: string }[]).map((r) => r.username);
      expect(listed).toContain("daibieu49");
      expect(listed).not.toContain("daibieu50");
      expect(listed).not.toContain("khachmoi");
      // Removal took away the check-in too: they no longer count as present.
      expect(file.prepare("select count(*) as n from checkins c join users u on u.id = c.user_id where u.username = 'daibieu50'").get()).toEqual({ n: 0 });
    } finally {
      file.close();
    }
  });

  test("checking out during an open poll does not take back a ballot already cast", async () => {
    const chair = await connectAs("chutich");
    const pollId = await openedPoll(chair, { secret: true });
    const member = await present("daibieu8");
    await ok(member.emitWithAck("poll:vote", { sittingId, pollId, choice: "no" }));
    await ok(member.emitWithAck("checkin:set", { sittingId, present: false }));
    const { result } = await ok(chair.emitWithAck("poll:close", { sittingId, pollId }));
    expect(result).toMatchObject({ no: 1, voted: 1 });
  });
});

describe("thresholds at their boundaries, through the server (RULES.md 5)", () => {
  const voterNames = Array.from({ length: 35 }, (_, i) => `daibieu${15 + i}`);
  let takenOut: string[] = [];

  /** Leaves exactly `n` members of the council in office (ending the others' terms a second after they began). */
  function membersInOffice(n: number) {
    const file = new Database(join(dataDir, "app.db"));
    try {
      for (const id of takenOut) file.prepare("update memberships set ends_at = null where id = ?").run(id);
      takenOut = [];
      const { bodyId } = file.prepare("select m.body_id as bodyId from memberships m join users u on u.id = m.user_id where u.username = 'daibieu16'").get() as { bodyId: string };
      const seats = file
        .prepare(
          `select m.id, u.username from memberships m join users u on u.id = m.user_id
           where m.body_id = ? and m.role in ('chair', 'vice_chair', 'member') and m.ends_at is null order by u.username`,
        )
        .all(bodyId) as { id: string; username: string }[];
      const ordered = [...seats.filter((m) => voterNames.includes(m.username)), ...seats.filter((m) => !voterNames.includes(m.username))];
      for (const m of ordered.slice(n)) {
        file.prepare("update memberships set ends_at = starts_at + 1 where id = ?").run(m.id);
        takenOut.push(m.id);
      }
    } finally {
      file.close();
    }
  }

  test("N = 49: 25 yes passes, 24 does not; N = 50: 26 passes, 25 does not; two-thirds of 50: 34 passes, 33 does not", async () => {
    const chair = await connectAs("chutich");
    const voters = await Promise.all(voterNames.map((name) => present(name)));
    const outcome = async (n: number, rule: "majority" | "two_thirds", yes: number) => {
      membersInOffice(n);
      const pollId = await openedPoll(chair, { rule });
      await Promise.all(voters.slice(0, yes).map((v) => ok(v.emitWithAck("poll:vote", { sittingId, pollId, choice: "yes" }))));
      await ok(voters[yes].emitWithAck("poll:vote", { sittingId, pollId, choice: "no" }));
      const { result } = await ok(chair.emitWithAck("poll:close", { sittingId, pollId }));
      expect(result).toMatchObject({ n, yes, no: 1 });
      return result.passed;
    };
    try {
      expect(await outcome(49, "majority", 25)).toBe(true);
      expect(await outcome(49, "majority", 24)).toBe(false);
      expect(await outcome(50, "majority", 26)).toBe(true);
      expect(await outcome(50, "majority", 25)).toBe(false);
      expect(await outcome(50, "two_thirds", 34)).toBe(true);
      expect(await outcome(50, "two_thirds", 33)).toBe(false);
    } finally {
      membersInOffice(Number.MAX_SAFE_INTEGER);
    }
  }, 60_000);
});

describe("the server's clock and a crash", () => {
  test("a poll with a time limit closes by itself when its time runs out", async () => {
    const chair = await connectAs("chutich");
    await ok(chair.emitWithAck("sitting:join", { sittingId }));
    const pollId = await openedPoll(chair, { durationSeconds: 10 });
    const closed = await new Promise<{ pollId: string }>((resolve) => chair.on("poll:closed", (e: { pollId: string }) => e.pollId === pollId && resolve(e)));
    expect(closed.pollId).toBe(pollId);
    expect((await state(chair)).polls.find((p) => p.id === pollId)?.status).toBe("closed");
  }, 20_000);

  test("killing the server during an open poll loses no acknowledged ballot, and the poll carries on after restart", async () => {
    const chair = await connectAs("chutich");
    const pollId = await openedPoll(chair);
    const voters = ["daibieu10", "daibieu11", "daibieu12", "daibieu13", "daibieu14"];
    const acknowledged: string[] = [];
    await Promise.all(
      voters.map(async (name) => {
        const s = await present(name);
        const reply = await s.emitWithAck("poll:vote", { sittingId, pollId, choice: "yes" });
        if (reply.ok) acknowledged.push(name);
      }),
    );
    expect(acknowledged).toHaveLength(5);
    closeSockets();
    await server.stop("SIGKILL");

    server = await startServer({ dataDir });
    const chairAgain = await connectAs("chutich");
    const poll = (await state(chairAgain)).polls.find((p) => p.id === pollId)!;
    expect(poll).toMatchObject({ status: "open", voted: 5 });
    const late = await present("daibieu15");
    expect((await ok(late.emitWithAck("poll:vote", { sittingId, pollId, choice: "no" }))).voted).toBe(6);
    const { result } = await ok(chairAgain.emitWithAck("poll:close", { sittingId, pollId }));
    expect(result).toMatchObject({ yes: 5, no: 1, voted: 6 });
  }, 60_000);
});

/** The text of a PDF as poppler reads it, lines kept. */
function pdfText(bytes: Uint8Array) {
  const dir = mkdtempSync(join(tmpdir(), "phonghop-sheet-"));
  try {
    writeFileSync(join(dir, "sheet.pdf"), bytes);
    return execFileSync("pdftotext", ["-layout", join(dir, "sheet.pdf"), "-"], { encoding: "utf8" }).replace(/[ \t]+/g, " ");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
