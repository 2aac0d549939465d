// The delegates' tablets for scripts/bench/voting.ts: a fleet of socket.io clients that connect, join the sitting,
// check in, keep their live state the way the app's client does, and cast one ballot each when told.
//
// It runs in a child process of the bench (`fork`, with `--fleet`), so that its event loop — a thousand or more
// sockets parsing counts and states — does not delay the hall screen's clock in the bench's own process; with
// `--tablets inline` the bench runs the same fleet in its own process instead (see voting.ts for the measurements).
//
// Every time here is `now()`: CLOCK_MONOTONIC in milliseconds, shared by all processes on the machine, so the ballots
// sent here and the counts the hall screen receives in the parent are on one clock.
import { io, type Socket } from "socket.io-client";

export const now = () => Number(process.hrtime.bigint()) / 1e6;

/** The server a fleet talks to: PhòngHọp (its protocol, docs/realtime.md) or the bare socket.io baseline. */
export type Protocol = "ours" | "bare";

export type FleetConnect = {
  type: "connect";
  url: string;
  protocol: Protocol;
  /** One per tablet: the session cookie (ours) or nothing (bare). */
  cookies: (string | null)[];
  /** In the room: join the sitting (ours: `sitting:join`, then `live:state`; bare: `join`). */
  inRoom: boolean;
  /** Check in (ours; after all joined): the server takes ballots only from those checked in. */
  checkIn: boolean;
  sittingId: string | null;
  /** Sockets connecting at once. */
  batch: number;
  /** Every tablet checks in at a random moment within this window, after all joined. */
  checkinWindowMs: number;
  /** Stop waiting for check-ins after this long (what is not done by then is reported). */
  timeoutMs: number;
  /** Also reload after each of its own commands' answers, as the app's `send()` does. */
  reloadAfterCommand: boolean;
};
export type FleetVote = { type: "vote"; pollId: string | null; sittingId: string | null; windowMs: number; settleMs: number };
export type ParentMessage = FleetConnect | FleetVote | { type: "idle"; quietMs: number; timeoutMs: number } | { type: "close" };

export type Ballot = { sentAt: number; ackAt: number; voted: number | null; error: string | null };
/** Connections the server dropped (and the client noticed), by reason, and how many came back. */
export type Drops = { total: number; reasons: Record<string, number>; reconnected: number; connectedNow: number };
export type VoteReport = {
  type: "voted";
  ballots: Ballot[];
  /** The largest `voted` any acknowledgement carried: the count every tablet should end up showing. */
  final: number;
  /** Per tablet (in the room): `poll:count` messages received during the round. */
  countMessages: number[];
  /** Per tablet (in the room): when it first showed `final` (from a count or a reloaded state), or null. */
  sawFinalAt: (number | null)[];
  /** `live:state` calls sent during the round, all tablets together. */
  reloads: number;
  /** CPU time of this fleet during the round (ms); in inline mode, of the whole bench process. */
  cpuMs: number;
  drops: Drops;
};
export type Connected = {
  type: "connected";
  /** Until every tablet connected (and joined) — or gave up. */
  joinedMs: number;
  /** Until every tablet in the room was checked in — or the time-out. */
  ms: number;
  failed: number;
  notCheckedIn: number;
  firstError: string | null;
  reloads: number;
  drops: Drops;
};
export type ChildMessage = Connected | VoteReport | { type: "idle"; ms: number; settled: boolean } | { type: "closed" } | { type: "error"; message: string };

type Ack = { ok: boolean; error?: { code: string; message: string }; [key: string]: unknown };

function emitWithTimeout(socket: Socket, ms: number, event: string, ...args: unknown[]) {
  return (socket.timeout(ms).emitWithAck(event, ...args) as Promise<Ack>).catch((e: Error) => ({ ok: false, error: { code: "timeout", message: e.message } }) as Ack);
}

/**
 * One tablet: a socket, the last sequence number it saw, and what it shows of the open poll's count. Like the app
 * (realtime-provider.tsx, use-live-sitting.ts) it reconnects on its own, and after every (re)connect joins the
 * sitting again and reloads the state; a check-in not yet acknowledged is sent again (the delegate presses again).
 */
class Tablet {
  seq = 0;
  shown = 0;
  shownAt: number | null = null;
  counts = 0;
  reloading = false;
  again = false;
  reloads = 0;
  pollId: string | null = null;
  checkedIn = false;
  /** The server refused the check-in (not a lost answer): not pressed again. */
  checkinRefused = false;
  connects = 0;

  constructor(
    readonly socket: Socket,
    readonly fleet: Fleet,
  ) {}

  /** What the tablet shows of the poll's count: the largest `voted` seen (counts may arrive throttled or out of seq). */
  show(voted: number) {
    if (voted > this.shown) {
      this.shown = voted;
      this.shownAt = now();
    }
  }

  /**
   * `live:state`, at most one in flight: a change that arrives meanwhile asks for one more after it. (The app's
   * client — app/realtime/use-live-sitting.ts — reloads on every `live:changed` with a newer seq.)
   */
  reload() {
    if (this.reloading) {
      this.again = true;
      return;
    }
    if (!this.socket.connected) return;
    this.reloading = true;
    this.reloads += 1;
    this.fleet.inFlight += 1;
    void emitWithTimeout(this.socket, 600_000, "live:state", { sittingId: this.fleet.sittingId }).then((reply) => {
      this.reloading = false;
      this.fleet.inFlight -= 1;
      this.fleet.lastActivity = now();
      const state = reply.state as { seq: number; polls: { id: string; voted: number }[] } | undefined;
      if (reply.ok && state) {
        this.seq = Math.max(this.seq, state.seq);
        const poll = this.pollId ? state.polls.find((p) => p.id === this.pollId) : undefined;
        if (poll) this.show(poll.voted);
      }
      if (this.again) {
        this.again = false;
        this.reload();
      }
    });
  }

  async join(config: FleetConnect) {
    if (config.protocol === "bare") return emitWithTimeout(this.socket, 120_000, "join");
    const joined = await emitWithTimeout(this.socket, 120_000, "sitting:join", { sittingId: config.sittingId });
    if (joined.ok) this.reload();
    return joined;
  }

  async checkIn(config: FleetConnect) {
    const checked = await emitWithTimeout(this.socket, 120_000, "checkin:set", { sittingId: config.sittingId, present: true });
    if (!checked.ok && checked.error?.code !== "timeout") this.checkinRefused = true;
    if (checked.ok) {
      this.checkedIn = true;
      if (config.reloadAfterCommand) this.reload();
    }
    return checked;
  }

  listen(config: FleetConnect) {
    const fleet = this.fleet;
    this.socket.on("disconnect", (reason) => {
      fleet.drops.total += 1;
      fleet.drops.reasons[reason] = (fleet.drops.reasons[reason] ?? 0) + 1;
      // A reload in flight will not be answered.
      if (this.reloading) {
        this.reloading = false;
        fleet.inFlight -= 1;
      }
    });
    this.socket.on("connect", () => {
      this.connects += 1;
      if (this.connects === 1) return;
      fleet.drops.reconnected += 1;
      // As the app: join again, reload; and a check-in that was not acknowledged is pressed again.
      void (config.inRoom ? this.join(config) : Promise.resolve({ ok: true } as Ack)).then((joined) => {
        if (joined.ok && config.protocol === "ours" && fleet.checkingIn && !this.checkedIn) void this.checkIn(config);
      });
    });
    if (config.protocol === "bare") {
      this.socket.on("count", (e: { voted: number }) => {
        this.counts += 1;
        this.show(e.voted);
      });
      return;
    }
    this.socket.on("live:changed", (e: { seq: number }) => {
      fleet.lastActivity = now();
      if (e.seq > this.seq) this.reload();
    });
    this.socket.on("poll:count", (e: { pollId: string; voted: number; seq?: number }) => {
      if (e.pollId !== this.pollId) return;
      this.counts += 1;
      // The next number in line is taken as seen; a count may also come without one (a latest-value stream).
      if (typeof e.seq === "number" && e.seq === this.seq + 1) this.seq = e.seq;
      this.show(e.voted);
    });
  }
}

function cpuMs() {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

export class Fleet {
  tablets: Tablet[] = [];
  sittingId: string | null = null;
  inFlight = 0;
  lastActivity = 0;
  checkingIn = false;
  connecting = 0;
  drops: Drops = { total: 0, reasons: {}, reconnected: 0, connectedNow: 0 };
  config: FleetConnect | null = null;

  constructor(private readonly reply: (message: ChildMessage) => void) {}

  async handle(message: ParentMessage) {
    try {
      if (message.type === "connect") await this.connect(message);
      else if (message.type === "idle") await this.waitIdle(message.quietMs, message.timeoutMs);
      else if (message.type === "vote") await this.vote(message);
      else if (message.type === "close") {
        for (const t of this.tablets) t.socket.disconnect();
        this.tablets = [];
        this.reply({ type: "closed" });
      }
    } catch (error) {
      this.reply({ type: "error", message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    }
  }

  private dropsNow(): Drops {
    return { ...this.drops, reasons: { ...this.drops.reasons }, connectedNow: this.tablets.filter((t) => t.socket.connected).length };
  }

  private connectOne(url: string, cookie: string | null) {
    const socket = io(url, {
      transports: ["websocket"],
      forceNew: true,
      timeout: 60_000,
      // The first connection fails for good; later drops are retried, as the app's client does.
      reconnection: true,
      ...(cookie ? { extraHeaders: { cookie } } : {}),
    });
    this.connecting += 1;
    return new Promise<Socket>((resolve, reject) => {
      // socket.io-client's own `timeout` covers the transport, not the namespace's CONNECT: give up after 60 s.
      const timer = setTimeout(() => fail(new Error("no connect within 60 s")), 60_000);
      const fail = (error: Error) => {
        clearTimeout(timer);
        this.connecting -= 1;
        socket.disconnect();
        reject(error);
      };
      socket.once("connect", () => {
        clearTimeout(timer);
        this.connecting -= 1;
        resolve(socket);
      });
      socket.once("connect_error", fail);
    });
  }

  /**
   * Connects in batches; a tablet in the room joins the sitting (and loads its state) before the next batch connects.
   * Then every tablet checks in at a random moment within `checkinWindowMs` (the delegates arriving in the hall).
   */
  private async connect(config: FleetConnect) {
    this.config = config;
    this.sittingId = config.sittingId;
    const started = now();
    let failed = 0;
    let firstError: string | null = null;
    const fail = (what: string) => {
      failed += 1;
      firstError ??= what;
    };
    const progress = setInterval(() => {
      const checkedIn = this.tablets.filter((t) => t.checkedIn).length;
      console.error(
        `    [tablets +${((now() - started) / 1000).toFixed(0)} s] joined ${this.tablets.length}/${config.cookies.length} (${this.connecting} connecting), checked in ${checkedIn}, ` +
          `connected ${this.tablets.filter((t) => t.socket.connected).length}, dropped ${this.drops.total} (${JSON.stringify(this.drops.reasons)}), live:state calls ${this.reloads()} (${this.inFlight} in flight)`,
      );
    }, 15_000);
    try {
      for (let i = 0; i < config.cookies.length; i += config.batch) {
        const slice = config.cookies.slice(i, i + config.batch);
        await Promise.all(
          slice.map(async (cookie) => {
            let socket: Socket;
            try {
              socket = await this.connectOne(config.url, cookie);
            } catch (error) {
              return fail(`connect: ${(error as Error).message}`);
            }
            const tablet = new Tablet(socket, this);
            tablet.connects = 1;
            tablet.listen(config);
            if (config.inRoom) {
              const joined = await tablet.join(config);
              if (!joined.ok) fail(`join: ${JSON.stringify(joined.error)}`);
            }
            this.tablets.push(tablet);
          }),
        );
      }
      const joinedMs = now() - started;
      let notCheckedIn = 0;
      if (config.checkIn && config.protocol === "ours") {
        this.checkingIn = true;
        await Promise.all(
          this.tablets.map(
            (tablet) =>
              new Promise<void>((resolve) =>
                setTimeout(async () => {
                  if (tablet.socket.connected) {
                    const checked = await tablet.checkIn(config);
                    if (!checked.ok) firstError ??= `checkin:set: ${JSON.stringify(checked.error)}`;
                  }
                  resolve();
                }, Math.random() * config.checkinWindowMs),
              ),
          ),
        );
        // Those whose check-in was lost with their connection press again once reconnected (Tablet.listen).
        while (now() - started < config.timeoutMs && this.tablets.some((t) => !t.checkedIn && !t.checkinRefused)) await new Promise((r) => setTimeout(r, 100));
        this.checkingIn = false;
        notCheckedIn = this.tablets.filter((t) => !t.checkedIn).length;
      }
      this.reply({ type: "connected", joinedMs, ms: now() - started, failed, notCheckedIn, firstError, reloads: this.reloads(), drops: this.dropsNow() });
    } finally {
      clearInterval(progress);
    }
  }

  private reloads() {
    return this.tablets.reduce((sum, t) => sum + t.reloads, 0);
  }

  /** Waits until no tablet has a reload in flight and nothing arrived for `quietMs`. */
  private async waitIdle(quietMs: number, timeoutMs: number) {
    const started = now();
    while (now() - started < timeoutMs) {
      if (this.inFlight === 0 && now() - this.lastActivity >= quietMs) return this.reply({ type: "idle", ms: now() - started, settled: true });
      await new Promise((r) => setTimeout(r, 20));
    }
    this.reply({ type: "idle", ms: now() - started, settled: false });
  }

  /**
   * Every tablet votes "yes" at a random moment within `windowMs` — if it is connected then (the app offers no vote
   * buttons offline); then waits until all in the room show the final count.
   */
  private async vote({ pollId, sittingId, windowMs, settleMs }: FleetVote) {
    const config = this.config!;
    for (const t of this.tablets) {
      t.pollId = pollId;
      t.counts = 0;
      t.reloads = 0;
      t.shown = 0;
      t.shownAt = null;
    }
    const dropsBefore = this.drops.total;
    const cpuBefore = cpuMs();
    const ballots = await Promise.all(
      this.tablets.map(
        (t) =>
          new Promise<Ballot>((resolve) => {
            setTimeout(async () => {
              const sentAt = now();
              if (!t.socket.connected) return resolve({ sentAt, ackAt: sentAt, voted: null, error: "not connected (not sent)" });
              const reply =
                config.protocol === "bare"
                  ? await emitWithTimeout(t.socket, 60_000, "vote", "yes")
                  : await emitWithTimeout(t.socket, 60_000, "poll:vote", { sittingId, pollId, choice: "yes" });
              const ackAt = now();
              if (config.protocol === "ours" && config.reloadAfterCommand && config.inRoom) t.reload();
              resolve({ sentAt, ackAt, voted: reply.ok ? Number(reply.voted) : null, error: reply.ok ? null : `${reply.error?.code}: ${reply.error?.message}` });
            }, Math.random() * windowMs);
          }),
      ),
    );
    const final = Math.max(0, ...ballots.map((b) => b.voted ?? 0));
    // The last counts (and the reloads they caused) still arrive: wait until every tablet in the room shows the final
    // count, or `settleMs` passed.
    if (config.inRoom) {
      const until = now() + settleMs;
      while (now() < until && this.tablets.some((t) => t.shown < final)) await new Promise((r) => setTimeout(r, 10));
    }
    const cpu = cpuMs() - cpuBefore;
    const drops = this.dropsNow();
    this.reply({
      type: "voted",
      ballots,
      final,
      countMessages: config.inRoom ? this.tablets.map((t) => t.counts) : [],
      sawFinalAt: config.inRoom ? this.tablets.map((t) => (t.shown >= final ? t.shownAt : null)) : [],
      reloads: this.reloads(),
      cpuMs: cpu,
      drops: { ...drops, total: drops.total - dropsBefore },
    });
  }
}

// As a child process of the bench: messages over the IPC channel.
if (process.argv.includes("--fleet") && process.send) {
  const fleet = new Fleet((message) => process.send!(message));
  process.on("message", (message: ParentMessage) => {
    void fleet.handle(message).then(() => {
      if (message.type === "close") process.disconnect();
    });
  });
  process.on("disconnect", () => process.exit(0));
}
