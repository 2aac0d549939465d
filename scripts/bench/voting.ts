// Voting benchmark (issue #5): N simulated delegates (default 1,000) vote within one second against a real server
// process; prints ballots acknowledged, stored and lost, and the latency from sending a ballot to a hall-screen client
// receiving a count that includes it — then the same for a bare socket.io server doing only count-and-broadcast.
//
//   npm run build && npx tsx scripts/bench/voting.ts [delegates=1000]
//
// A ballot's place in the count is the `voted` its acknowledgement carries (the count right after its commit); the
// hall screen has seen it once a `poll:count` (or the bare server's `count`) reaches that number.
import { spawn } from "node:child_process";
import Database from "better-sqlite3";
import { randomBytes, randomUUID } from "node:crypto";
import { cpus, totalmem } from "node:os";
import { join } from "node:path";
import { io, type Socket } from "socket.io-client";
import { demoPassword } from "../../db/seed";
import { Browserless } from "../../tests/setup/http";
import { removeDataDir, startServer, type TestServer } from "../../tests/setup/server";

const delegates = Number(process.argv[2] ?? 1000);

type Run = { sent: number; acknowledged: number; stored: number; latencies: number[]; acks: number[]; ms: number };

function percentile(values: number[], p: number) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

function connect(url: string, options: Parameters<typeof io>[1] = {}) {
  const socket = io(url, { transports: ["websocket"], reconnection: false, forceNew: true, ...options });
  return new Promise<Socket>((resolve, reject) => {
    socket.once("connect", () => resolve(socket));
    socket.once("connect_error", reject);
  });
}

async function connectAll(url: string, options: (i: number) => Parameters<typeof io>[1]) {
  const sockets: Socket[] = [];
  for (let i = 0; i < delegates; i += 50) {
    sockets.push(...(await Promise.all(Array.from({ length: Math.min(50, delegates - i) }, (_, j) => connect(url, options(i + j))))));
  }
  return sockets;
}

/** Everyone votes at a random moment within one second; the hall client records when each count arrives. */
async function voteRound(voters: Socket[], hall: Socket, countEvent: string, send: (socket: Socket) => Promise<{ ok: boolean; voted?: number }>) {
  const seen: { voted: number; at: number }[] = [];
  hall.on(countEvent, (e: { voted: number }) => seen.push({ voted: e.voted, at: performance.now() }));
  const started = performance.now();
  const results = await Promise.all(
    voters.map(
      (socket) =>
        new Promise<{ sentAt: number; ackAt: number; rank: number | null }>((resolve) => {
          setTimeout(async () => {
            const sentAt = performance.now();
            const reply = await send(socket).catch(() => ({ ok: false }) as { ok: boolean; voted?: number });
            resolve({ sentAt, ackAt: performance.now(), rank: reply.ok ? (reply.voted ?? null) : null });
          }, Math.random() * 1000);
        }),
    ),
  );
  // Let the last counts arrive.
  await new Promise((r) => setTimeout(r, 500));
  hall.off(countEvent);
  const latencies: number[] = [];
  for (const { sentAt, rank } of results) {
    if (rank === null) continue;
    const arrival = seen.find((c) => c.voted >= rank && c.at >= sentAt);
    if (arrival) latencies.push(arrival.at - sentAt);
  }
  const acks = results.filter((r) => r.rank !== null).map((r) => r.ackAt - r.sentAt);
  return { sent: voters.length, acknowledged: acks.length, latencies, acks, ms: performance.now() - started };
}

/** Adds `delegates` members in office to the demo council, each with a login session, straight into the database. */
function addDelegates(dataDir: string) {
  const file = new Database(join(dataDir, "app.db"));
  try {
    const sample = file.prepare("select u.password_hash as hash, m.body_id as bodyId, s.expires_at as expiresAt from users u join memberships m on m.user_id = u.id join auth_sessions s on s.user_id = u.id where u.username = 'daibieu1'").get() as {
      hash: string;
      bodyId: string;
      expiresAt: number;
    };
    const sessions: string[] = [];
    const insert = file.transaction(() => {
      for (let i = 0; i < delegates; i++) {
        const id = randomUUID();
        file.prepare("insert into users (id, username, full_name, role, password_hash, locale) values (?, ?, ?, 'delegate', ?, 'vi')").run(id, `bench${i}`, `Đại biểu thử ${i}`, sample.hash);
        file.prepare("insert into memberships (id, user_id, body_id, role, starts_at) values (?, ?, ?, 'member', ?)").run(randomUUID(), id, sample.bodyId, Math.floor(Date.now() / 1000) - 86_400);
        const session = randomBytes(20).toString("hex");
        file.prepare("insert into auth_sessions (id, user_id, expires_at) values (?, ?, ?)").run(session, id, sample.expiresAt);
        sessions.push(session);
      }
    });
    insert();
    return sessions;
  } finally {
    file.close();
  }
}

async function ours(): Promise<Run> {
  let server: TestServer = await startServer();
  const dataDir = server.dataDir;
  try {
    // A real login first, so the session row's format is the server's own.
    await new Browserless(server.url).login("daibieu1", demoPassword);
    await server.stop();
    const sessions = addDelegates(dataDir);
    server = await startServer({ dataDir });

    const chairClient = new Browserless(server.url);
    await chairClient.login("chutich", demoPassword);
    const chair = await connect(server.url, { extraHeaders: { cookie: chairClient.cookieHeader } });
    const hallClient = new Browserless(server.url);
    await hallClient.login("thuky2", demoPassword);
    const hall = await connect(server.url, { extraHeaders: { cookie: hallClient.cookieHeader } });
    const sittingId = [...(await (await hallClient.get("/sittings")).text()).matchAll(/href="\/sittings\/([0-9a-f-]{36})"/g)][0][1];
    await hall.emitWithAck("sitting:join", { sittingId });

    console.log(`connecting ${delegates} delegates…`);
    const voters = await connectAll(server.url, (i) => ({ extraHeaders: { cookie: `phonghop_session=${sessions[i]}` } }));
    await chair.emitWithAck("live:open", { sittingId });
    const { pollId } = await chair.emitWithAck("poll:create", { sittingId, question: "Biểu quyết thử tải" });
    const opened = await chair.emitWithAck("poll:open", { sittingId, pollId, withoutQuorum: true });
    if (!opened.ok) throw new Error(JSON.stringify(opened));

    const round = await voteRound(voters, hall, "poll:count", (socket) => socket.emitWithAck("poll:vote", { sittingId, pollId, choice: "yes" }));
    const closed = await chair.emitWithAck("poll:close", { sittingId, pollId });
    for (const s of [...voters, chair, hall]) s.disconnect();
    return { ...round, stored: closed.result.yes };
  } finally {
    await server.stop();
    removeDataDir(dataDir);
  }
}

async function bare(): Promise<Run> {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/bench/bare-socketio-server.ts"], { stdio: ["ignore", "pipe", "inherit"] });
  const port = await new Promise<number>((resolve) => child.stdout!.once("data", (d) => resolve(JSON.parse(String(d)).port)));
  const url = `http://127.0.0.1:${port}`;
  try {
    const hall = await connect(url);
    hall.emit("hall");
    const voters = await connectAll(url, () => ({}));
    await new Promise((r) => setTimeout(r, 200));
    const round = await voteRound(voters, hall, "count", (socket) => socket.emitWithAck("vote", "yes"));
    for (const s of [...voters, hall]) s.disconnect();
    return { ...round, stored: round.acknowledged };
  } finally {
    child.kill();
  }
}

function report(name: string, run: Run) {
  const [p50, p95, p99] = [50, 95, 99].map((p) => percentile(run.latencies, p));
  console.log(
    `${name}: sent ${run.sent}, acknowledged ${run.acknowledged}, stored ${run.stored}, lost ${run.acknowledged - run.stored}; ` +
      `ballot → hall count p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms; ` +
      `ballot → acknowledgement p50 ${percentile(run.acks, 50).toFixed(1)} ms, p99 ${percentile(run.acks, 99).toFixed(1)} ms (round ${run.ms.toFixed(0)} ms)`,
  );
  return { p50, p95, p99 };
}

console.log(`machine: ${cpus()[0]?.model ?? "?"} × ${cpus().length}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; ${delegates} delegates voting within 1 s`);
const a = report("PhòngHọp", await ours());
const b = report("bare socket.io", await bare());
console.log(`ratio (PhòngHọp / bare): p50 ${(a.p50 / b.p50).toFixed(2)}×, p95 ${(a.p95 / b.p95).toFixed(2)}×, p99 ${(a.p99 / b.p99).toFixed(2)}×`);
process.exit(0);
