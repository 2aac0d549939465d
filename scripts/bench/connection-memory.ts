// What each socket connection costs the server in memory (issue #10 item 4): connects N authenticated sockets to a
// real server process and compares its memory, after forced garbage collection, with the same server at 0 sockets —
// and the same for the bare socket.io server (scripts/bench/bare-socketio-server.ts).
//
//   npm run build && npx tsx scripts/bench/connection-memory.ts [--sockets 2000] [--server ours|bare|both] [--join]
//        [--snapshot DIR] [--env KEY=VALUE …]
//   npx tsx scripts/bench/connection-memory.ts --diff before.heapsnapshot after.heapsnapshot
//
// The server runs with `--inspect=127.0.0.1:0` (no code change): the bench collects garbage and reads
// process.memoryUsage() and V8's heap statistics through the inspector protocol, and with --snapshot writes heap
// snapshots at 0 and at N sockets; --diff lists which kinds of object grew between two snapshots (by constructor,
// self size). --join: each delegate is a participant, joins the sitting and checks in (the hall set-up of voting.ts).
// Before the 0-socket reading 100 sockets connect (and join) and leave again, so that what is created once, on first
// use, is not counted per connection.
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { io } from "socket.io-client";
import WebSocket from "ws";
import { demoPassword } from "../../db/seed";
import { Browserless } from "../../tests/setup/http";
import { removeDataDir, type TestServer } from "../../tests/setup/server";
import { rssMB, serverWithDelegates } from "./hall-setup";
import { now, type ChildMessage, type Connected, type ParentMessage } from "./voting-tablets";

const { values: args, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    sockets: { type: "string", default: "2000" },
    server: { type: "string", default: "both" },
    join: { type: "boolean", default: false },
    snapshot: { type: "string" },
    diff: { type: "boolean", default: false },
    env: { type: "string", multiple: true, default: [] },
  },
});

// --- heap snapshot diff ----------------------------------------------------------------------------------------

type Aggregate = Map<string, { count: number; size: number }>;

function aggregate(file: string): Aggregate {
  const snapshot = JSON.parse(readFileSync(file, "utf8")) as {
    snapshot: { meta: { node_fields: string[]; node_types: [string[]] } };
    nodes: number[];
    strings: string[];
  };
  const fields = snapshot.snapshot.meta.node_fields;
  const types = snapshot.snapshot.meta.node_types[0];
  const [typeAt, nameAt, sizeAt] = ["type", "name", "self_size"].map((f) => fields.indexOf(f));
  const result: Aggregate = new Map();
  for (let i = 0; i < snapshot.nodes.length; i += fields.length) {
    const type = types[snapshot.nodes[i + typeAt]];
    let name = snapshot.strings[snapshot.nodes[i + nameAt]];
    // Strings and code: by kind, not by content.
    if (type === "string" || type === "concatenated string" || type === "sliced string") name = "";
    else if (type === "code") name = name.startsWith("(") ? name : "(code)";
    else if (name.length > 60) name = `${name.slice(0, 60)}…`;
    const key = `${type}:${name}`;
    const entry = result.get(key) ?? { count: 0, size: 0 };
    entry.count += 1;
    entry.size += snapshot.nodes[i + sizeAt];
    result.set(key, entry);
  }
  return result;
}

function diff(before: string, after: string, per: number) {
  const a = aggregate(before);
  const b = aggregate(after);
  const rows = [...b].map(([key, { count, size }]) => ({ key, count: count - (a.get(key)?.count ?? 0), size: size - (a.get(key)?.size ?? 0) }));
  rows.sort((x, y) => y.size - x.size);
  const total = rows.reduce((sum, r) => sum + r.size, 0);
  console.log(`heap growth by kind (self size), ${before} → ${after}: ${(total / 2 ** 20).toFixed(1)} MB in all`);
  console.log(`${"kind".padEnd(64)} ${"objects".padStart(9)} ${"MB".padStart(8)} ${per ? "bytes/socket".padStart(13) : ""}`);
  for (const r of rows.slice(0, 40)) {
    console.log(`${r.key.padEnd(64)} ${String(r.count).padStart(9)} ${(r.size / 2 ** 20).toFixed(2).padStart(8)} ${per ? (r.size / per).toFixed(0).padStart(13) : ""}`);
  }
}

if (args.diff) {
  diff(positionals[0], positionals[1], 0);
  process.exit(0);
}

// --- the inspector ---------------------------------------------------------------------------------------------

class Inspector {
  private next = 1;
  private waiting = new Map<number, (result: unknown) => void>();
  private chunks: ((chunk: string) => void) | null = null;
  private constructor(private readonly ws: WebSocket) {
    ws.on("message", (data) => {
      const message = JSON.parse(String(data)) as { id?: number; result?: unknown; error?: unknown; method?: string; params?: { chunk: string } };
      if (message.method === "HeapProfiler.addHeapSnapshotChunk") this.chunks?.(message.params!.chunk);
      if (message.id !== undefined) this.waiting.get(message.id)?.(message.error ? Promise.reject(new Error(JSON.stringify(message.error))) : message.result);
    });
  }

  static async open(url: string) {
    const ws = new WebSocket(url);
    await new Promise((resolve, reject) => ws.once("open", resolve).once("error", reject));
    return new Inspector(ws);
  }

  send<T>(method: string, params: object = {}) {
    const id = this.next++;
    this.ws.send(JSON.stringify({ id, method, params }));
    return new Promise<T>((resolve) => this.waiting.set(id, resolve as (result: unknown) => void));
  }

  async evaluate<T>(expression: string) {
    const reply = await this.send<{ result: { value: T }; exceptionDetails?: unknown }>("Runtime.evaluate", { expression, includeCommandLineAPI: true, returnByValue: true });
    if (reply.exceptionDetails) throw new Error(JSON.stringify(reply.exceptionDetails));
    return reply.result.value;
  }

  async snapshot(file: string) {
    const out = createWriteStream(file);
    this.chunks = (chunk) => out.write(chunk);
    await this.send("HeapProfiler.takeHeapSnapshot", { reportProgress: false });
    this.chunks = null;
    await new Promise((resolve) => out.end(resolve));
  }

  close() {
    this.ws.close();
  }
}

function inspectorUrl(output: () => string) {
  return new Promise<string>((resolve, reject) => {
    const started = now();
    const poll = () => {
      const match = /Debugger listening on (ws:\/\/\S+)/.exec(output());
      if (match) return resolve(match[1]);
      if (now() - started > 30_000) return reject(new Error(`no inspector URL in:\n${output()}`));
      setTimeout(poll, 50);
    };
    poll();
  });
}

type Reading = { rss: number; rssAnon: number; rssFile: number; mallocHeap: number; heapUsed: number; heapTotal: number; external: number; arrayBuffers: number; spaces: Record<string, number> };

/** Garbage collected (twice, with a pause), then the process's memory as it reports it and as /proc sees it. */
async function read(inspector: Inspector, pid: number, collect = true): Promise<Reading> {
  for (let i = 0; i < (collect ? 2 : 0); i++) {
    await inspector.send("HeapProfiler.collectGarbage");
    await new Promise((r) => setTimeout(r, 500));
  }
  const m = await inspector.evaluate<{ memory: NodeJS.MemoryUsage; spaces: { space_name: string; space_used_size: number }[] }>(
    "({ memory: process.memoryUsage(), spaces: require('v8').getHeapSpaceStatistics() })",
  );
  const mb = (b: number) => b / 2 ** 20;
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? NaN) / 1024;
  // The main malloc arena ([heap]); the other anonymous memory is V8's heap, thread arenas, stacks …
  const smaps = readFileSync(`/proc/${pid}/smaps`, "utf8").split(/\n(?=[0-9a-f]+-[0-9a-f]+ )/);
  const mallocHeap = smaps.filter((m) => m.split("\n")[0].endsWith("[heap]")).reduce((sum, m) => sum + Number(/\nRss:\s+(\d+) kB/.exec(m)?.[1] ?? 0), 0) / 1024;
  return {
    rss: rssMB(pid),
    rssAnon: kb("RssAnon"),
    rssFile: kb("RssFile"),
    mallocHeap,
    heapUsed: mb(m.memory.heapUsed),
    heapTotal: mb(m.memory.heapTotal),
    external: mb(m.memory.external),
    arrayBuffers: mb(m.memory.arrayBuffers),
    spaces: Object.fromEntries(m.spaces.map((s) => [s.space_name, mb(s.space_used_size)])),
  };
}

// --- the tablets (a child process, as in voting.ts) ------------------------------------------------------------

function startFleet() {
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", fileURLToPath(new URL("./voting-tablets.ts", import.meta.url)), "--fleet"], {
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const waiting: ((m: ChildMessage) => void)[] = [];
  child.on("message", (m: ChildMessage) => {
    if (m.type === "error") console.error(`tablets: ${m.message}`);
    waiting.shift()?.(m);
  });
  return {
    ask: <T extends ChildMessage>(message: ParentMessage) =>
      new Promise<T>((resolve) => {
        waiting.push(resolve as (m: ChildMessage) => void);
        child.send(message);
      }),
    close: async () => {
      if (child.connected) await new Promise<ChildMessage>((resolve) => (waiting.push(resolve), child.send({ type: "close" })));
      if (child.exitCode === null) child.kill();
    },
  };
}

// --- one server ------------------------------------------------------------------------------------------------

const sockets = Number(args.sockets);
const extraEnv = Object.fromEntries(args.env!.map((e) => [e.slice(0, e.indexOf("=")), e.slice(e.indexOf("=") + 1)]));
const joinRoom = args.join!;

type Target = { name: string; url: string; pid: number; inspector: Inspector; cookies: (string | null)[]; sittingId: string | null; protocol: "ours" | "bare"; stop: () => Promise<unknown> };

async function ours(): Promise<Target> {
  const warmup = 100;
  const { server, cookies, sittingId } = await serverWithDelegates(sockets + warmup, joinRoom, { ...extraEnv, NODE_OPTIONS: `--inspect=127.0.0.1:0 ${extraEnv.NODE_OPTIONS ?? ""}` });
  const inspector = await Inspector.open(await inspectorUrl(server.output));
  if (joinRoom) {
    // Check-in needs the sitting under way.
    const chair = new Browserless(server.url);
    await chair.login("chutich", demoPassword);
    const socket = io(server.url, { transports: ["websocket"], extraHeaders: { cookie: chair.cookieHeader } });
    await socket.emitWithAck("live:open", { sittingId });
    socket.disconnect();
  }
  return {
    name: "PhòngHọp",
    url: server.url,
    pid: server.process.pid!,
    inspector,
    cookies,
    sittingId,
    protocol: "ours",
    stop: async () => {
      inspector.close();
      await (server as TestServer).stop();
      removeDataDir(server.dataDir);
    },
  };
}

async function bare(): Promise<Target> {
  const child = spawn(process.execPath, ["--inspect=127.0.0.1:0", "--import", "tsx", "scripts/bench/bare-socketio-server.ts"], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, ...extraEnv },
  });
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const inspector = await Inspector.open(await inspectorUrl(() => output));
  const port = await new Promise<number>((resolve) => {
    const poll = () => {
      const match = /"port":(\d+)/.exec(output);
      if (match) resolve(Number(match[1]));
      else setTimeout(poll, 50);
    };
    poll();
  });
  return {
    name: "bare socket.io",
    url: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    inspector,
    cookies: Array.from({ length: sockets + 100 }, () => null),
    sittingId: null,
    protocol: "bare",
    stop: async () => {
      inspector.close();
      child.kill();
    },
  };
}

async function measure(target: Target) {
  const connect = (cookies: (string | null)[]): ParentMessage => ({
    type: "connect",
    url: target.url,
    protocol: target.protocol,
    cookies,
    inRoom: joinRoom,
    checkIn: joinRoom,
    sittingId: target.sittingId,
    batch: 50,
    checkinWindowMs: 5000,
    timeoutMs: 600_000,
    reloadAfterCommand: false,
  });
  // Warm-up: 100 sockets come and go.
  const warm = startFleet();
  await warm.ask<Connected>(connect(target.cookies.slice(sockets)));
  await warm.ask({ type: "idle", quietMs: 500, timeoutMs: 600_000 });
  await warm.close();
  await new Promise((r) => setTimeout(r, 1000));

  const zero = await read(target.inspector, target.pid);
  if (args.snapshot) await target.inspector.snapshot(join(args.snapshot, `${target.protocol}-0.heapsnapshot`));
  const fleet = startFleet();
  const connected = await fleet.ask<Connected>(connect(target.cookies.slice(0, sockets)));
  await fleet.ask({ type: "idle", quietMs: 1000, timeoutMs: 600_000 });
  // As it is (what a bench that forces no collection sees), then after collecting the garbage.
  const asIs = await read(target.inspector, target.pid, false);
  const full = await read(target.inspector, target.pid);
  if (args.snapshot) await target.inspector.snapshot(join(args.snapshot, `${target.protocol}-${sockets}.heapsnapshot`));
  await fleet.close();
  await new Promise((r) => setTimeout(r, 2000));
  const after = await read(target.inspector, target.pid);
  return { zero, asIs, full, after, connected };
}

function show(name: string, { zero, asIs, full, after, connected }: Awaited<ReturnType<typeof measure>>) {
  const kb = (mb: number) => ((mb * 1024) / sockets).toFixed(1);
  const row = (what: string, key: keyof Omit<Reading, "spaces">) =>
    `  ${what.padEnd(14)} ${zero[key].toFixed(1).padStart(8)} ${asIs[key].toFixed(1).padStart(9)} ${full[key].toFixed(1).padStart(9)} ${(full[key] - zero[key]).toFixed(1).padStart(8)} ${kb(full[key] - zero[key]).padStart(10)} ${after[key].toFixed(1).padStart(10)}`;
  console.log(`${name}: ${sockets} sockets${joinRoom ? " (joined and checked in)" : ""}${connected.failed ? `, ${connected.failed} failed` : ""}, after forced GC; MB`);
  console.log(`  ${"".padEnd(14)} ${"0 sockets".padStart(8)} ${"before GC".padStart(9)} ${`${sockets} GC'd`.padStart(9)} ${"growth".padStart(8)} ${"KB/socket".padStart(10)} ${"all gone".padStart(10)}`);
  for (const [what, key] of [
    ["RSS", "rss"],
    ["  anonymous", "rssAnon"],
    ["  file", "rssFile"],
    ["  malloc [heap]", "mallocHeap"],
    ["heap used", "heapUsed"],
    ["heap total", "heapTotal"],
    ["external", "external"],
    ["arrayBuffers", "arrayBuffers"],
  ] as const) {
    console.log(row(what, key));
  }
  const spaces = Object.keys(full.spaces).filter((s) => Math.abs(full.spaces[s] - zero.spaces[s]) > 0.5);
  console.log(
    `  in short: RSS ${zero.rss.toFixed(0)} MB at 0 sockets, ${asIs.rss.toFixed(0)} MB with ${sockets} before GC, ${full.rss.toFixed(0)} MB after; ` +
      `per socket ${kb(full.rss - zero.rss)} KB RSS, ${kb(full.heapUsed - zero.heapUsed)} KB heap`,
  );
  console.log(`  heap spaces that grew: ${spaces.map((s) => `${s} +${(full.spaces[s] - zero.spaces[s]).toFixed(1)}`).join(", ")}`);
}

const stops = new Set<() => Promise<unknown>>();
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => void Promise.all([...stops].map((stop) => stop().catch(() => {}))).then(() => process.exit(130)));
}

const results: [string, Awaited<ReturnType<typeof measure>>][] = [];
for (const which of args.server === "both" ? ["ours", "bare"] : [args.server!]) {
  const target = which === "ours" ? await ours() : await bare();
  stops.add(target.stop);
  try {
    results.push([target.name, await measure(target)]);
  } finally {
    await target.stop();
    stops.delete(target.stop);
  }
}
console.log(`Node ${process.version}`);
for (const [name, r] of results) show(name, r);
if (args.snapshot) {
  for (const which of args.server === "both" ? ["ours", "bare"] : [args.server!]) {
    diff(join(args.snapshot, `${which}-0.heapsnapshot`), join(args.snapshot, `${which}-${sockets}.heapsnapshot`), sockets);
  }
}
process.exit(0);
