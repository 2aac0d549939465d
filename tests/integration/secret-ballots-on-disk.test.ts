// RULES.md 3 on disk (issue #10, decision 0011): a copy of the data folder taken at any moment during a secret poll or
// after it — the database, its write-ahead log replayed commit by commit, the server's logs — does not tell what a
// member chose; and still no acknowledged ballot is lost when the server is killed in the middle of the poll.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Socket } from "socket.io-client";
import { afterAll, beforeAll, expect, test } from "vitest";
import { removeDataDir, secretsDirOf, startServer, type TestServer } from "../setup/server";
import { closeSockets, demoSittingIds, ok, socketAs } from "../setup/sockets";
import { changes, copyDatabase, replayCommits } from "../setup/wal-replay";

let server: TestServer;
let dataDir: string;
let sittingId: string;
const copies = mkdtempSync(join(tmpdir(), "phonghop-copies-"));

// Twelve members and what each chooses: a known mix, with members choosing alike (the case that gives a voter away
// when a commit's change can be read).
const choices = {
  daibieu1: "yes",
  daibieu2: "no",
  daibieu3: "yes",
  daibieu4: "abstain",
  daibieu5: "yes",
  daibieu6: "yes",
  daibieu7: "no",
  daibieu8: "yes",
  daibieu9: "abstain",
  daibieu10: "yes",
  daibieu11: "no",
  daibieu12: "yes",
} as const;
const members = Object.keys(choices) as (keyof typeof choices)[];

beforeAll(async () => {
  server = await startServer({ env: { LOG_LEVEL: "debug" } });
  dataDir = server.dataDir;
  [sittingId] = await demoSittingIds(server.url);
});

afterAll(async () => {
  closeSockets();
  await server.stop();
  removeDataDir(dataDir);
  rmSync(copies, { recursive: true, force: true });
});

const takeCopy = (name: string) => {
  const dir = join(copies, name);
  mkdirSync(dir);
  return copyDatabase(join(dataDir, "app.db"), join(dir, "app.db"));
};

async function checkedIn(username: string) {
  const socket = await socketAs(server.url, username);
  await ok(socket.emitWithAck("checkin:set", { sittingId, present: true }));
  return socket;
}

test("no copy of the data folder, during or after a secret poll, ties a member to a choice; a kill -9 loses no acknowledged ballot", async () => {
  let chair = await socketAs(server.url, "chutich");
  await ok(chair.emitWithAck("live:open", { sittingId }));
  let sockets = new Map<string, Socket>();
  for (const name of members) sockets.set(name, await checkedIn(name));
  const { pollId } = await ok(chair.emitWithAck("poll:create", { sittingId, question: "Bầu bổ sung Ủy viên Thường trực (thử nghiệm phiếu kín)", secret: true }));
  await ok(chair.emitWithAck("poll:open", { sittingId, pollId, withoutQuorum: true }));

  // One ballot at a time — each its own commit, the hardest case — with copies taken along the way.
  const copied: string[] = [takeCopy("opened")];
  for (const [i, name] of members.slice(0, 6).entries()) {
    await ok(sockets.get(name)!.emitWithAck("poll:vote", { sittingId, pollId, choice: choices[name] }));
    if (i % 2 === 1) copied.push(takeCopy(`after-${i + 1}`));
  }

  // The server is killed in the middle of the poll; every acknowledged ballot is still there after the restart.
  closeSockets();
  const logsBefore = server.output();
  await server.stop("SIGKILL");
  copied.push(takeCopy("killed"));
  server = await startServer({ dataDir, env: { LOG_LEVEL: "debug" } });
  chair = await socketAs(server.url, "chutich");
  const afterRestart = (await ok(chair.emitWithAck("live:state", { sittingId }))).state as { polls: { id: string; status: string; voted: number }[] };
  expect(afterRestart.polls.find((p) => p.id === pollId)).toMatchObject({ status: "open", voted: 6 });
  sockets = new Map();
  for (const name of members.slice(6)) {
    const socket = await socketAs(server.url, name);
    sockets.set(name, socket);
    await ok(socket.emitWithAck("poll:vote", { sittingId, pollId, choice: choices[name] }));
    copied.push(takeCopy(`restarted-${sockets.size}`));
  }
  const { result } = await ok(chair.emitWithAck("poll:close", { sittingId, pollId }));
  const counts = { yes: 0, no: 0, abstain: 0 };
  for (const name of members) counts[choices[name]] += 1;
  expect(result).toMatchObject({ ...counts, voted: 12 });
  const closedCopy = takeCopy("closed");
  copied.push(closedCopy);

  // Each copy, replayed commit by commit, as someone holding it would.
  const boxes = new Set<string>();
  const userIds = new Set<string>();
  for (const copy of copied) {
    const states = replayCommits(copy);
    for (let i = 1; i < states.length; i++) {
      const changed = changes(states[i - 1], states[i]);
      const voters = (changed.get("secret_voters")?.added ?? []).map((r) => JSON.parse(r) as { poll_id: string; user_id: string }).filter((v) => v.poll_id === pollId);
      if (!voters.length) continue;
      voters.forEach((v) => userIds.add(v.user_id));
      // A commit that adds a voter changes nothing else but the ballot box: no count, no choice, no time.
      expect([...changed.keys()].sort(), copy).toEqual(["secret_ballots", "secret_voters"]);
      for (const row of changed.get("secret_ballots")!.added) {
        expect(row).not.toMatch(/yes|no"|abstain|choice/);
        const box = JSON.parse(row) as { poll_id: string; box_id: string; box: string };
        expect(box.box).toMatch(/^hex:[0-9a-f]{58}$/); // 29 bytes, whatever the choice
        boxes.add(box.box);
      }
      expect(changed.get("secret_ballots")!.removed).toEqual([]);
    }
    // No state of any copy holds a count per choice of the open poll: the result appears only when it closes.
    for (const state of states) {
      for (const row of state.get("polls") ?? []) {
        const poll = JSON.parse(row) as { id: string; status: string; result: string | null };
        if (poll.id === pollId && poll.status === "open") expect(poll.result).toBeNull();
      }
    }
  }
  expect(userIds.size).toBe(12);
  // Boxes of members who chose alike are not alike (seven chose "yes"): no box can be grouped with another.
  expect(boxes.size).toBe(12);

  // After the close: no box and no key left, and not a byte of any box in the database file or its log.
  const last = replayCommits(closedCopy).at(-1)!;
  expect([...(last.get("secret_ballots") ?? [])]).toEqual([]);
  const pollRow = [...last.get("polls")!].map((r) => JSON.parse(r) as { id: string; ballot_key: string | null }).find((p) => p.id === pollId)!;
  expect(pollRow.ballot_key).toBeNull();
  const onDisk = [closedCopy, `${closedCopy}-wal`].filter((f) => existsSync(f)).map((f) => readFileSync(f));
  for (const box of boxes) {
    const bytes = Buffer.from(box.slice(4), "hex");
    for (const file of onDisk) expect(file.includes(bytes)).toBe(false);
  }

  // The data folder holds no ballot secret: it is kept apart (SECRETS_DIR).
  expect(readdirSync(dataDir)).not.toContain("ballot-secret");
  expect(readdirSync(secretsDirOf(dataDir))).toContain("ballot-secret");

  // And the logs, at debug level, carry no member's choice.
  const logs = logsBefore + server.output();
  expect(logs).not.toMatch(/"choice"/);
  for (const id of userIds) {
    for (const line of logs.split("\n").filter((l) => l.includes(id))) expect(line).not.toMatch(/\b(yes|no|abstain)\b/);
  }
}, 120_000);
