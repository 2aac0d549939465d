// Shared by the socket benches (voting.ts, connection-memory.ts): a server whose demo council has many more members,
// each with a login session, and a look at a process from /proc.
import Database from "better-sqlite3";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { demoPassword } from "../../db/seed";
import { addMembers } from "../../tests/setup/crowd";
import { Browserless } from "../../tests/setup/http";
import { removeDataDir, startServer, type TestServer } from "../../tests/setup/server";

/**
 * A server (fresh data dir) whose demo council has `count` more members in office, each with a login session and,
 * with `participate`, a participant (member) of the council's first published sitting: started once so that the
 * database exists and a real login writes a session row in the server's own format, stopped, filled
 * (tests/setup/crowd.ts), started again with `env`. Returns each member's session cookie and that sitting.
 */
export async function serverWithDelegates(count: number, participate: boolean, env?: Record<string, string>) {
  const first: TestServer = await startServer();
  try {
    await new Browserless(first.url).login("daibieu1", demoPassword);
  } finally {
    await first.stop();
  }
  try {
    const sittingId = firstPublishedSitting(first.dataDir);
    const cookies = addMembers(first.dataDir, count, participate ? [sittingId] : []);
    const server = await startServer({ dataDir: first.dataDir, env });
    return { server, cookies, sittingId };
  } catch (error) {
    removeDataDir(first.dataDir);
    throw error;
  }
}

function firstPublishedSitting(dataDir: string) {
  const file = new Database(join(dataDir, "app.db"), { readonly: true });
  try {
    const row = file
      .prepare(
        `select s.id from sittings s join memberships m on m.body_id = s.body_id join users u on u.id = m.user_id
         where u.username = 'daibieu1' and s.status = 'published' order by s.starts_at limit 1`,
      )
      .get() as { id: string } | undefined;
    if (!row) throw new Error("the demo council has no published sitting");
    return row.id;
  } finally {
    file.close();
  }
}

const CLK_TCK = 100; // `getconf CLK_TCK` on Linux

/** VmRSS of a process, MB. */
export function rssMB(pid: number) {
  const kb = Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? NaN);
  return kb / 1024;
}

/** utime + stime of a process so far, ms. */
export function cpuMsOf(pid: number) {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  // After the command: state is field 3, utime 14, stime 15.
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLK_TCK;
}

/** CPU time the whole machine spent busy so far (all cores), ms, from /proc/stat. */
export function machineBusyMs() {
  const line = readFileSync("/proc/stat", "utf8").split("\n")[0];
  // cpu  user nice system idle iowait irq softirq steal …
  const [user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).slice(1).map(Number);
  return ((user + nice + system + irq + softirq + steal) * 1000) / CLK_TCK;
}
