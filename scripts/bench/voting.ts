// Voting benchmark (issues #5 and #10): D delegates (default 1,000) vote within one second against a real server
// process, and the same round runs against a bare socket.io server that only counts, acknowledges and broadcasts.
//
//   npm run build && npx tsx scripts/bench/voting.ts [--delegates 1000] [--setup hall|bare-voters|both]
//        [--servers ours|bare|both] [--tablets child|inline] [--batch 50] [--checkin-window 1000]
//        [--reload-after-command] [--connect-timeout 600] [--quiet-wait 900]
//
// Set-ups (each on a fresh server process and, for PhòngHọp, a fresh data dir). The demo council gets D extra members
// in office, each with a login session and a participant (member) of its first sitting, straight into the database
// while the server is stopped. The chair's console (a conductor) opens the sitting (`live:open`) and gets the hall
// screen's link (`live:screen-link`); the hall screen connects with `auth: { screenToken }`, joins and loads its state.
// - hall (PhòngHọp) / room (bare): the hall as it really is. Tablets connect in batches, each does `sitting:join` and
//   `live:state`; then every tablet checks in (`checkin:set {present:true}`) at a random moment within
//   --checkin-window ms. Tablets keep their state like the app's client: on a `live:changed` whose seq is newer they
//   call `live:state` (at most one in flight per tablet, one more after it if another change came meanwhile); they
//   reconnect like the app, join again and reload. The bare server's "room": every tablet and the hall screen joined,
//   each count broadcast to everyone (no coalescing).
// - bare-voters (PhòngHọp) / hall-only (bare): as the first version of this bench: the voters do not join the sitting's
//   room, so the hall screen and the chair are the only sockets that receive counts. (They do check in: since 9dd7898
//   the server takes ballots only from participants who are checked in; nobody else is in the room to hear of it.)
// --reload-after-command: tablets also reload after the answer to each of their own commands (check-in, ballot), as
// `send()` in app/realtime/use-live-sitting.ts does.
//
// What it measures. A ballot's place in the count is the `voted` its acknowledgement carries; the hall screen has seen
// it once a count ≥ that number arrives (`poll:count`, with or without `seq`; `voted` is taken as monotonic: the largest
// seen). A tablet "shows" the largest `voted` it got from a count or a reloaded state; "every tablet has the final
// count" is the time from the last ballot sent until the last tablet shows the largest `voted` any acknowledgement
// carried. A tablet offline at its moment to vote sends nothing (the app offers no vote buttons offline) and counts as
// not acknowledged. Stored is the closed poll's `voted` (bare: the server's counter). Server RSS is VmRSS from
// /proc/<pid>/status (after connecting; peak while voting, sampled every 20 ms) — no garbage collection is forced, so
// it includes garbage not yet collected (scripts/bench/connection-memory.ts measures after forced GC). Server CPU is
// utime+stime from /proc/<pid>/stat over the voting round (first ballot until every tablet and the hall screen show the
// final count); "other processes" is what the rest of the machine used meanwhile (/proc/stat), and before each round
// the bench waits (up to --quiet-wait s) until the rest of the machine is quiet.
//
// Where the clients run. The tablets run in a child process (voting-tablets.ts); the chair and the hall screen stay in
// this process. Measured on the 2-core machine (AMD EPYC, Node 20.20, 1,000 delegates, PhòngHọp at 06ca204), hall
// screen p99, tablets inline (this process) vs child: PhòngHọp hall 26.0 vs 25.8 ms, PhòngHọp bare-voters 20 vs 11–18
// ms, bare hall-only 12 vs 14–36 ms — no difference beyond run-to-run noise where counts are few; but in the bare
// "room" (a million count messages, 13.5 s of the tablets' CPU) the hall screen's p50 was 8.3 s inline vs 5.9–6.9 s in
// a child, since inline its receive times wait behind the tablets' backlog in the same event loop. So: a child process
// (never worse, and its CPU is accounted apart). It still competes for the two cores with the server — as tablets in a
// real hall do not. All times are CLOCK_MONOTONIC (process.hrtime), which all processes share.
import { fork, spawn, type ChildProcess } from "node:child_process";
import { cpus, loadavg, totalmem } from "node:os";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { io, type Socket } from "socket.io-client";
import { demoPassword } from "../../db/seed";
import { Browserless } from "../../tests/setup/http";
import { removeDataDir } from "../../tests/setup/server";
import { cpuMsOf, machineBusyMs, rssMB, serverWithDelegates } from "./hall-setup";
import { Fleet, now, type Ballot, type ChildMessage, type Connected, type Drops, type ParentMessage, type VoteReport } from "./voting-tablets";

const { values: args, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    delegates: { type: "string" },
    setup: { type: "string", default: "both" },
    tablets: { type: "string", default: "child" },
    batch: { type: "string", default: "50" },
    "checkin-window": { type: "string", default: "1000" },
    "connect-timeout": { type: "string", default: "600" },
    servers: { type: "string", default: "both" },
    "quiet-wait": { type: "string", default: "900" },
    "reload-after-command": { type: "boolean", default: false },
  },
});
const delegates = Number(args.delegates ?? positionals[0] ?? 1000);
const setupArg = args.setup!;
if (!["hall", "bare-voters", "both"].includes(setupArg)) throw new Error("--setup hall|bare-voters|both");
if (!["child", "inline"].includes(args.tablets!)) throw new Error("--tablets child|inline");
const batch = Number(args.batch);
const checkinWindowMs = Number(args["checkin-window"]);
const connectTimeoutMs = Number(args["connect-timeout"]) * 1000;
const reloadAfterCommand = args["reload-after-command"]!;
const setups = setupArg === "both" ? (["hall", "bare-voters"] as const) : ([setupArg] as ("hall" | "bare-voters")[]);
// The bare baseline for each set-up; hall-only always, for the hall-screen target.
const bareModes = [...new Set([...(setups.includes("hall") ? (["room"] as const) : []), "hall-only" as const])];

// --- processes -------------------------------------------------------------------------------------------------

/** The peak of a process's RSS while it runs. */
function sampleRss(pid: number, everyMs = 20) {
  let peak = rssMB(pid);
  const timer = setInterval(() => {
    try {
      peak = Math.max(peak, rssMB(pid));
    } catch {
      // gone
    }
  }, everyMs);
  return () => {
    clearInterval(timer);
    return Math.max(peak, rssMB(pid));
  };
}

const benchStart = now();
function step(message: string) {
  console.log(`  [+${((now() - benchStart) / 1000).toFixed(0)} s] ${message}`);
}

const cleanups = new Set<() => void | Promise<unknown>>();
async function cleanUp() {
  for (const c of [...cleanups].reverse()) await Promise.resolve(c()).catch(() => {});
  cleanups.clear();
}
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => void cleanUp().then(() => process.exit(130)));
}

/** The tablets: in a child process (default) or in this one. Each message gets exactly one answer. */
type FleetHandle = { ask: <T extends ChildMessage>(message: ParentMessage) => Promise<T>; pid: number; close: () => Promise<void> };

function startFleet(): FleetHandle {
  // Each question gets exactly one answer; an error (or the child's death) fails the question.
  const waiting: { resolve: (m: ChildMessage) => void; reject: (e: Error) => void }[] = [];
  const deliver = (m: ChildMessage) => {
    const next = waiting.shift();
    if (m.type === "error") next?.reject(new Error(`tablets: ${m.message}`));
    else next?.resolve(m);
  };
  const ask = <T extends ChildMessage>(send: () => void) =>
    new Promise<T>((resolve, reject) => {
      waiting.push({ resolve: resolve as (m: ChildMessage) => void, reject });
      send();
    });
  if (args.tablets === "inline") {
    const fleet = new Fleet((m) => setImmediate(() => deliver(m)));
    return {
      pid: process.pid,
      ask: (message) => ask(() => void fleet.handle(message)),
      close: async () => {
        await ask(() => void fleet.handle({ type: "close" }));
      },
    };
  }
  const child: ChildProcess = fork(fileURLToPath(new URL("./voting-tablets.ts", import.meta.url)), ["--fleet"], {
    execArgv: ["--import", "tsx"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const exited = new Promise<void>((resolve) =>
    child.once("exit", (code) => {
      for (const w of waiting.splice(0)) w.reject(new Error(`the tablets' process exited (${code})`));
      resolve();
    }),
  );
  child.on("message", (m: ChildMessage) => deliver(m));
  const kill = () => void (child.exitCode === null && child.kill());
  cleanups.add(kill);
  return {
    pid: child.pid!,
    ask: (message) => ask(() => child.send(message)),
    close: async () => {
      if (child.connected) await ask(() => child.send({ type: "close" })).catch(() => {});
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      kill();
      cleanups.delete(kill);
    },
  };
}

// --- sockets of this process: the chair and the hall screen ----------------------------------------------------

/** The chair's console and the hall screen reconnect on their own, as the app's do (and say so: see Follower). */
function connect(url: string, options: Parameters<typeof io>[1] = {}) {
  const socket = io(url, { transports: ["websocket"], forceNew: true, ...options });
  return new Promise<Socket>((resolve, reject) => {
    socket.once("connect", () => resolve(socket));
    socket.once("connect_error", reject);
  });
}

type Reply = { ok: boolean; error?: unknown; [key: string]: unknown };
async function must(socket: Socket, event: string, payload: unknown) {
  const timed = socket.timeout(120_000);
  const reply = (await (payload === undefined ? timed.emitWithAck(event) : timed.emitWithAck(event, payload))) as Reply;
  if (!reply.ok) throw new Error(`${event}: ${JSON.stringify(reply.error)}`);
  return reply;
}

/**
 * The hall screen (and the chair's console): records every count it receives (as the largest `voted` so far, with
 * the time) and, on PhòngHọp, reloads its state on `live:changed` like a tablet.
 */
class Follower {
  history: { voted: number; at: number }[] = [];
  shown = 0;
  counts = 0;
  pollId: string | null = null;
  private seq = 0;
  private reloading = false;
  private again = false;

  drops = 0;

  constructor(
    readonly socket: Socket,
    private readonly sittingId: string | null,
    name: string,
  ) {
    // A dropped connection is reported; back, it joins again and reloads (as the app does).
    socket.on("disconnect", (reason) => {
      this.drops += 1;
      this.reloading = false;
      if (reason !== "io client disconnect") step(`${name}: disconnected (${reason})`);
    });
    socket.io.on("reconnect", () => {
      step(`${name}: reconnected`);
      if (sittingId) socket.emit("sitting:join", { sittingId }, () => this.reload());
      else socket.emit("join", () => {});
    });
    socket.on("poll:count", (e: { pollId: string; voted: number }) => e.pollId === this.pollId && this.see(e.voted));
    socket.on("count", (e: { voted: number }) => this.see(e.voted));
    socket.on("live:changed", (e: { seq: number }) => e.seq > this.seq && this.reload());
  }

  private see(voted: number) {
    this.counts += 1;
    if (voted > this.shown) {
      this.shown = voted;
      this.history.push({ voted, at: now() });
    }
  }

  reload() {
    if (this.reloading) return void (this.again = true);
    this.reloading = true;
    this.socket.emit("live:state", { sittingId: this.sittingId }, (reply: Reply & { state?: { seq: number } }) => {
      this.reloading = false;
      if (reply.ok && reply.state) this.seq = Math.max(this.seq, reply.state.seq);
      if (this.again) {
        this.again = false;
        this.reload();
      }
    });
  }

  /** When the hall screen first had a count ≥ `voted`, or null. */
  sawAt(voted: number) {
    let lo = 0;
    let hi = this.history.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.history[mid].voted >= voted) hi = mid;
      else lo = mid + 1;
    }
    return this.history[lo]?.at ?? null;
  }

  async settle(final: number, ms: number) {
    const until = now() + ms;
    while (this.shown < final && now() < until) await new Promise((r) => setTimeout(r, 10));
  }
}

// --- one round -------------------------------------------------------------------------------------------------

type Result = {
  server: "PhòngHọp" | "bare socket.io";
  setup: string;
  sockets: number;
  connectMs: number;
  joinedMs: number;
  settleMs: number;
  stateMs: number;
  stateBytes: number;
  tabletStateMs: number;
  tabletStateBytes: number;
  connectFailed: number;
  notCheckedIn: number;
  connectDrops: Drops;
  voteDrops: Drops;
  connectReloads: number;
  rssConnected: number;
  rssPeak: number;
  serverCpuMs: number;
  othersCpuMs: number;
  fleetCpuMs: number;
  roundMs: number;
  sent: number;
  notSent: number;
  acknowledged: number;
  refused: number;
  firstRefusal: string | null;
  stored: number;
  hall: number[];
  hallMissing: number;
  acks: number[];
  hallCounts: number;
  counts: number[] | null;
  finalAfterLast: number | null;
  tabletsWithoutFinal: number;
  reloads: number;
};

/**
 * Before a round: waits (up to --quiet-wait seconds) until the rest of the machine is quiet — under 10% of one core
 * busy over 2 s besides the given processes — so that other work on the two cores does not end up in the figures.
 */
async function waitQuiet(pids: number[]) {
  const limit = Number(args["quiet-wait"]) * 1000;
  const started = now();
  let others = 0;
  for (;;) {
    const before = machineBusyMs();
    const own = pids.map((pid) => cpuMsOf(pid));
    await new Promise((r) => setTimeout(r, 2000));
    const ownMs = pids.reduce((sum, pid, i) => sum + cpuMsOf(pid) - own[i], 0);
    others = machineBusyMs() - before - ownMs;
    if (others < 200 || now() - started > limit) break;
  }
  const waited = now() - started - 2000;
  if (waited > 1000) step(`waited ${(waited / 1000).toFixed(0)} s for other processes on the machine to go quiet${others >= 200 ? " (they did not)" : ""}`);
}

/** Every delegate votes "yes" within one second; the hall screen and the tablets record what they see. */
async function voteRound(fleet: FleetHandle, hall: Follower, serverPid: number, poll: { pollId: string | null; sittingId: string | null }) {
  hall.pollId = poll.pollId;
  hall.history = [];
  hall.shown = 0;
  hall.counts = 0;
  await waitQuiet([serverPid, fleet.pid, ...(fleet.pid === process.pid ? [] : [process.pid])]);
  const stopSampling = sampleRss(serverPid);
  const cpuBefore = cpuMsOf(serverPid);
  const fleetBefore = cpuMsOf(fleet.pid);
  const selfBefore = process.cpuUsage();
  const machineBefore = machineBusyMs();
  const started = now();
  const report = await fleet.ask<VoteReport>({ type: "vote", ...poll, windowMs: 1000, settleMs: 10_000 });
  await hall.settle(report.final, 5000);
  const serverCpuMs = cpuMsOf(serverPid) - cpuBefore;
  const roundMs = now() - started;
  const rssPeak = stopSampling();
  // What the rest of the machine did meanwhile: other processes competing for the two cores make every figure worse.
  const self = process.cpuUsage(selfBefore);
  const ownMs = serverCpuMs + (fleet.pid === process.pid ? 0 : cpuMsOf(fleet.pid) - fleetBefore) + (self.user + self.system) / 1000;
  const othersCpuMs = Math.max(0, machineBusyMs() - machineBefore - ownMs);
  return { report, serverCpuMs, roundMs, rssPeak, othersCpuMs };
}

const notConnected = "not connected (not sent)";

function summarize(base: Omit<Result, "voteDrops" | "notSent" | "sent" | "acknowledged" | "refused" | "firstRefusal" | "hall" | "hallMissing" | "acks" | "hallCounts" | "counts" | "finalAfterLast" | "tabletsWithoutFinal" | "reloads" | "fleetCpuMs" | "stored">, report: VoteReport, hall: Follower, stored: number, inRoom: boolean): Result {
  const acked = report.ballots.filter((b): b is Ballot & { voted: number } => b.voted !== null);
  const latencies: number[] = [];
  let hallMissing = 0;
  for (const b of acked) {
    const at = hall.sawAt(b.voted);
    if (at === null) hallMissing += 1;
    else latencies.push(Math.max(0, at - b.sentAt));
  }
  const notSent = report.ballots.filter((b) => b.error === notConnected).length;
  const lastSent = Math.max(...report.ballots.filter((b) => b.error !== notConnected).map((b) => b.sentAt));
  const saw = report.sawFinalAt;
  return {
    ...base,
    fleetCpuMs: report.cpuMs,
    voteDrops: report.drops,
    sent: report.ballots.length - notSent,
    notSent,
    acknowledged: acked.length,
    refused: report.ballots.length - notSent - acked.length,
    firstRefusal: report.ballots.find((b) => b.error && b.error !== notConnected)?.error ?? null,
    stored,
    hall: latencies,
    hallMissing,
    acks: acked.map((b) => b.ackAt - b.sentAt),
    hallCounts: hall.counts,
    counts: inRoom ? report.countMessages : null,
    finalAfterLast: inRoom && saw.length && saw.every((t) => t !== null) ? Math.max(...(saw as number[])) - lastSent : null,
    tabletsWithoutFinal: inRoom ? saw.filter((t) => t === null).length : 0,
    reloads: report.reloads,
  };
}

async function ours(setup: "hall" | "bare-voters"): Promise<Result> {
  const inRoom = setup === "hall";
  // Delegates are participants in both set-ups: the server takes ballots only from participants who checked in.
  const { server, cookies, sittingId } = await serverWithDelegates(delegates, true);
  // Interrupted: no graceful stop, the process goes and its data with it.
  const abandon = () => {
    if (server.process.exitCode === null) server.process.kill("SIGKILL");
    removeDataDir(server.dataDir);
  };
  cleanups.add(abandon);
  const fleet = startFleet();
  try {
    const pid = server.process.pid!;

    const chairClient = new Browserless(server.url);
    await chairClient.login("chutich", demoPassword);
    const chair = await connect(server.url, { extraHeaders: { cookie: chairClient.cookieHeader } });
    // The chair's console follows the sitting too (as a conductor: counts at once, its reloads read the attendance).
    const console_ = new Follower(chair, sittingId, "the chair's console");
    await must(chair, "sitting:join", { sittingId });
    console_.reload();
    await must(chair, "live:open", { sittingId });
    const { path } = (await must(chair, "live:screen-link", { sittingId })) as Reply & { path: string };
    const screen = await connect(server.url, { auth: { screenToken: path.split("/").pop() } });
    const hall = new Follower(screen, sittingId, "the hall screen");
    await must(screen, "sitting:join", { sittingId });
    hall.reload();

    step(`PhòngHọp, ${setup}: connecting ${delegates} tablets (${inRoom ? "join, state, " : "not joining; "}check-in)…`);
    const connected = await fleet.ask<Connected>({
      type: "connect",
      url: server.url,
      protocol: "ours",
      cookies,
      inRoom,
      checkIn: true,
      sittingId,
      batch,
      checkinWindowMs,
      timeoutMs: connectTimeoutMs,
      reloadAfterCommand,
    });
    if (connected.failed || connected.notCheckedIn) step(`${connected.failed} tablets failed to connect or join, ${connected.notCheckedIn} not checked in; first error: ${connected.firstError}`);
    step(`PhòngHọp, ${setup}: all checked in after ${(connected.ms / 1000).toFixed(1)} s; waiting for the tablets' reloads to settle…`);
    const idle = await fleet.ask<Extract<ChildMessage, { type: "idle" }>>({ type: "idle", quietMs: 500, timeoutMs: 600_000 });
    const rssConnected = rssMB(pid);
    // What one reload costs, quiet: the chair's `live:state`, 20 times in a row.
    const stateTimes: number[] = [];
    let stateBytes = 0;
    for (let i = 0; i < 20; i++) {
      const t0 = now();
      const reply = await must(chair, "live:state", { sittingId });
      stateTimes.push(now() - t0);
      stateBytes = JSON.stringify(reply).length;
    }
    // … and a tablet's (a delegate's second device).
    const probe = await connect(server.url, { extraHeaders: { cookie: cookies[0] } });
    const tabletTimes: number[] = [];
    let tabletBytes = 0;
    for (let i = 0; i < 20; i++) {
      const t0 = now();
      const reply = await must(probe, "live:state", { sittingId });
      tabletTimes.push(now() - t0);
      tabletBytes = JSON.stringify(reply).length;
    }
    probe.disconnect();

    const created = (await must(chair, "poll:create", { sittingId, question: "Biểu quyết thử tải" })) as Reply & { pollId: string };
    await must(chair, "poll:open", { sittingId, pollId: created.pollId, withoutQuorum: true });
    step(`PhòngHọp, ${setup}: poll open; waiting for the tablets' reloads to settle…`);
    await fleet.ask({ type: "idle", quietMs: 300, timeoutMs: 600_000 });

    step(`PhòngHọp, ${setup}: voting…`);
    const { report, serverCpuMs, roundMs, rssPeak, othersCpuMs } = await voteRound(fleet, hall, pid, { pollId: created.pollId, sittingId });
    const closed = (await must(chair, "poll:close", { sittingId, pollId: created.pollId })) as Reply & { result: { voted: number } };
    await fleet.close();
    chair.disconnect();
    screen.disconnect();
    return summarize(
      {
        server: "PhòngHọp",
        setup,
        sockets: delegates + 2,
        connectMs: connected.ms,
        joinedMs: connected.joinedMs,
        settleMs: idle.ms,
        stateMs: percentile(stateTimes, 50),
        stateBytes,
        tabletStateMs: percentile(tabletTimes, 50),
        tabletStateBytes: tabletBytes,
        connectFailed: connected.failed,
        notCheckedIn: connected.notCheckedIn,
        connectDrops: connected.drops,
        connectReloads: connected.reloads,
        rssConnected,
        rssPeak,
        serverCpuMs,
        othersCpuMs,
        roundMs,
      },
      report,
      hall,
      closed.result.voted,
      inRoom,
    );
  } finally {
    await fleet.close();
    await server.stop();
    removeDataDir(server.dataDir);
    cleanups.delete(abandon);
  }
}

async function bare(mode: "room" | "hall-only"): Promise<Result> {
  const inRoom = mode === "room";
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/bench/bare-socketio-server.ts"], { stdio: ["ignore", "pipe", "inherit"] });
  const kill = () => void (child.exitCode === null && child.kill());
  cleanups.add(kill);
  const { port } = await new Promise<{ port: number }>((resolve) => child.stdout!.once("data", (d) => resolve(JSON.parse(String(d)))));
  const pid = child.pid!;
  const url = `http://127.0.0.1:${port}`;
  const fleet = startFleet();
  try {
    const screen = await connect(url);
    const hall = new Follower(screen, null, "the hall screen");
    await must(screen, "join", undefined);
    step(`bare socket.io, ${mode}: connecting ${delegates} tablets…`);
    const connected = await fleet.ask<Connected>({
      type: "connect",
      url,
      protocol: "bare",
      cookies: Array.from({ length: delegates }, () => null),
      inRoom,
      checkIn: false,
      sittingId: null,
      batch,
      checkinWindowMs: 0,
      timeoutMs: connectTimeoutMs,
      reloadAfterCommand: false,
    });
    await new Promise((r) => setTimeout(r, 500));
    const rssConnected = rssMB(pid);
    const { report, serverCpuMs, roundMs, rssPeak, othersCpuMs } = await voteRound(fleet, hall, pid, { pollId: null, sittingId: null });
    await fleet.close();
    screen.disconnect();
    return summarize(
      { server: "bare socket.io", setup: mode, sockets: delegates + 1, connectMs: connected.ms, joinedMs: connected.joinedMs, settleMs: 0, stateMs: NaN, stateBytes: 0, tabletStateMs: NaN, tabletStateBytes: 0, connectFailed: connected.failed, notCheckedIn: 0, connectDrops: connected.drops, connectReloads: 0, rssConnected, rssPeak, serverCpuMs, othersCpuMs, roundMs },
      report,
      hall,
      report.final,
      inRoom,
    );
  } finally {
    await fleet.close();
    kill();
    cleanups.delete(kill);
  }
}

// --- report ----------------------------------------------------------------------------------------------------

function percentile(values: number[], p: number) {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
const ms = (v: number | null) => (v === null || Number.isNaN(v) ? "—" : v >= 100 ? `${v.toFixed(0)} ms` : `${v.toFixed(1)} ms`);
const mb = (v: number) => `${v.toFixed(0)} MB`;

const reasons = (d: Drops) =>
  Object.entries(d.reasons)
    .map(([reason, n]) => `${reason}: ${n}`)
    .join(", ");

function describe(r: Result) {
  // Lost: acknowledged but not stored. (The bare server counts before it answers: when a connection drops, a ballot
  // can be counted whose answer never arrives — stored above acknowledged.)
  const lost = Math.max(0, r.acknowledged - r.stored);
  const lines = [
    `${r.server} — ${r.setup} (${r.sockets} sockets)`,
    `  ballots: ${r.notSent ? `${r.notSent} tablets offline at their moment to vote, ` : ""}sent ${r.sent}, acknowledged ${r.acknowledged}, refused/unanswered ${r.refused}${r.firstRefusal ? ` (first: ${r.firstRefusal})` : ""}, stored ${r.stored}${r.stored > r.acknowledged ? ` (${r.stored - r.acknowledged} counted whose answer never arrived)` : ""}, lost ${lost}`,
    `  ballot → hall-screen count: p50 ${ms(percentile(r.hall, 50))}, p95 ${ms(percentile(r.hall, 95))}, p99 ${ms(percentile(r.hall, 99))}, max ${ms(Math.max(...r.hall))}` +
      (r.hallMissing ? `; ${r.hallMissing} acknowledged ballots never seen by the hall screen` : "") +
      ` (${r.hallCounts} count messages)`,
    `  ballot → acknowledgement: p50 ${ms(percentile(r.acks, 50))}, p99 ${ms(percentile(r.acks, 99))}, max ${ms(Math.max(...r.acks))}`,
    r.counts
      ? `  tablets: count messages per tablet max ${Math.max(...r.counts)}, mean ${(r.counts.reduce((a, b) => a + b, 0) / r.counts.length).toFixed(1)}; last ballot → every tablet shows the final count: ${r.finalAfterLast === null ? `never within 10 s (${r.tabletsWithoutFinal} tablets without it)` : ms(r.finalAfterLast)}` +
        (r.server === "PhòngHọp" ? `; live:state reloads during the round ${r.reloads}` : "")
      : `  tablets: not in the room`,
    `  connect: ${(r.connectMs / 1000).toFixed(1)} s${r.server === "PhòngHọp" ? ` until all connected${r.setup === "hall" ? " + joined" : ""} + checked in (connected${r.setup === "hall" ? " + joined" : ""} ${(r.joinedMs / 1000).toFixed(1)} s, then check-ins within ${checkinWindowMs} ms)` : r.setup === "room" ? " (connected + joined)" : " (connected)"}` +
      (r.connectFailed ? `, ${r.connectFailed} failed` : "") +
      (r.notCheckedIn ? `, ${r.notCheckedIn} never checked in within ${connectTimeoutMs / 1000} s` : "") +
      (r.connectDrops.total ? `; the server dropped ${r.connectDrops.total} connections meanwhile (${reasons(r.connectDrops)}), ${r.connectDrops.reconnected} came back` : "") +
      (r.server === "PhòngHọp" ? `; state reloads settled ${(r.settleMs / 1000).toFixed(1)} s later (${r.connectReloads} live:state calls until checked in)` : "") +
      (r.server === "PhòngHọp" ? `; one live:state, quiet (median of 20): the chair's ${ms(r.stateMs)}, ${(r.stateBytes / 1024).toFixed(0)} KB, a tablet's ${ms(r.tabletStateMs)}, ${(r.tabletStateBytes / 1024).toFixed(0)} KB` : ""),
    ...(r.voteDrops.total ? [`  during the round the server dropped ${r.voteDrops.total} connections (${reasons(r.voteDrops)})`] : []),
    `  server RSS: ${mb(r.rssConnected)} after connecting, ${mb(r.rssPeak)} peak while voting; server CPU during the round ${(r.serverCpuMs / 1000).toFixed(2)} s over ${(r.roundMs / 1000).toFixed(2)} s; tablets' CPU ${(r.fleetCpuMs / 1000).toFixed(2)} s; other processes on the machine ${(r.othersCpuMs / 1000).toFixed(2)} s`,
  ];
  return lines.join("\n");
}

const cpu = cpus();
console.log(
  `machine: ${cpu[0]?.model?.trim() ?? "?"} × ${cpu.length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.version}; ` +
    `${delegates} delegates voting "yes" within 1 s; tablets ${args.tablets === "child" ? "in a child process" : "in the bench's process"}, connecting ${batch} at a time` +
    (reloadAfterCommand ? "; tablets reload after each own command" : "") +
    `; load average before the run ${loadavg()[0].toFixed(2)}`,
);

const results: Result[] = [];
try {
  if (args.servers !== "bare") for (const setup of setups) results.push(await ours(setup));
  if (args.servers !== "ours") for (const mode of bareModes) results.push(await bare(mode));
} finally {
  await cleanUp();
}

console.log("");
for (const r of results) console.log(describe(r) + "\n");

const find = (server: Result["server"], setup: string) => results.find((r) => r.server === server && r.setup === setup);
const pad = (s: string, n: number) => s.padEnd(n);
console.log("summary (ms; RSS in MB)");
console.log(pad("server / set-up", 34) + "hall p50  p95    p99    max    | ack p50 p99    max    | lost/unack| final→all | RSS conn/peak | CPU s | others' CPU s");
for (const r of results) {
  console.log(
    pad(`${r.server} / ${r.setup}`, 34) +
      [50, 95, 99].map((p) => pad(percentile(r.hall, p).toFixed(0), 7)).join("") +
      pad(Math.max(...r.hall).toFixed(0), 7) +
      "| " +
      pad(percentile(r.acks, 50).toFixed(0), 8) +
      pad(percentile(r.acks, 99).toFixed(0), 7) +
      pad(Math.max(...r.acks).toFixed(0), 7) +
      "| " +
      pad(`${Math.max(0, r.acknowledged - r.stored)}/${delegates - r.acknowledged}`, 10) +
      "| " +
      pad(r.counts ? (r.finalAfterLast === null ? "never" : r.finalAfterLast.toFixed(0)) : "n/a", 10) +
      "| " +
      pad(`${r.rssConnected.toFixed(0)}/${r.rssPeak.toFixed(0)}`, 14) +
      "| " +
      pad((r.serverCpuMs / 1000).toFixed(2), 6) +
      "| " +
      (r.othersCpuMs / 1000).toFixed(2),
  );
}
const hallRun = find("PhòngHọp", "hall");
const bareHall = find("bare socket.io", "hall-only");
const bareRoom = find("bare socket.io", "room");
if (hallRun && bareRoom) console.log(`RSS PhòngHọp hall / bare room, ${delegates} tablets connected: ${(hallRun.rssConnected / bareRoom.rssConnected).toFixed(2)}×`);
const bareVoters = find("PhòngHọp", "bare-voters");
if (bareVoters && bareHall) console.log(`RSS PhòngHọp bare-voters / bare hall-only: ${(bareVoters.rssConnected / bareHall.rssConnected).toFixed(2)}×`);

console.log("");
if (hallRun) {
  const verdict = (ok: boolean) => (ok ? "PASS" : "FAIL");
  // Every delegate's ballot acknowledged and stored (a tablet offline at its moment to vote counts against it).
  const nothingLost = hallRun.acknowledged === delegates && hallRun.stored === hallRun.acknowledged;
  if (delegates < 2000) {
    const bound = 1.5 * Math.max(bareHall ? percentile(bareHall.hall, 99) : 0, 20);
    const p99 = percentile(hallRun.hall, 99);
    console.log(`targets for 1,000 delegates in the room (this run: ${delegates}, set-up hall):`);
    console.log(`  ${verdict(p99 <= bound)}  ballot → hall-screen p99 ${ms(p99)} ≤ 1.5 × max(bare hall-only p99 ${bareHall ? ms(percentile(bareHall.hall, 99)) : "(not run)"}, 20 ms) = ${ms(bound)}`);
    console.log(`  ${verdict(nothingLost)}  nothing lost (${delegates} delegates: ${hallRun.notSent} offline, ${hallRun.sent} sent, ${hallRun.acknowledged} acknowledged, ${hallRun.stored} stored, ${hallRun.refused} refused/unanswered)`);
    console.log(`  ${verdict(hallRun.finalAfterLast !== null && hallRun.finalAfterLast <= 1000)}  every tablet has the final count within 1 s of the last ballot (${hallRun.finalAfterLast === null ? `${hallRun.tabletsWithoutFinal} tablets never did` : ms(hallRun.finalAfterLast)})`);
  } else {
    const maxAck = Math.max(...hallRun.acks);
    console.log(`targets for 2,000 delegates in the room (this run: ${delegates}, set-up hall):`);
    console.log(`  ${verdict(nothingLost)}  nothing lost (${delegates} delegates: ${hallRun.notSent} offline, ${hallRun.sent} sent, ${hallRun.acknowledged} acknowledged, ${hallRun.stored} stored, ${hallRun.refused} refused/unanswered)`);
    console.log(`  ${verdict(nothingLost && maxAck <= 2000)}  every ballot acknowledged within 2 s (max ${ms(maxAck)})`);
  }
} else {
  console.log("targets: they are for the hall set-up (--setup hall or both)");
}
process.exit(0);
