// A full hall for tests and benchmarks: `count` more members in office of the demo council, each invited to the given
// sittings and holding a login session, written straight into a stopped server's database (logging in a thousand
// people one by one would take minutes of password hashing). Returns each member's session cookie.
import { randomBytes, randomUUID } from "node:crypto";
import { join } from "node:path";
import Database from "better-sqlite3";

export function addMembers(dataDir: string, count: number, sittingIds: string[]) {
  const file = new Database(join(dataDir, "app.db"));
  try {
    // A real member's password hash and council; a session row shaped like the server's own (one must exist: log a
    // demo member in once before stopping the server).
    const sample = file
      .prepare(
        `select u.password_hash as hash, m.body_id as bodyId, s.expires_at as expiresAt
         from users u join memberships m on m.user_id = u.id join auth_sessions s on s.user_id = u.id
         where u.username = 'daibieu1' limit 1`,
      )
      .get() as { hash: string; bodyId: string; expiresAt: number } | undefined;
    if (!sample) throw new Error("addMembers: log daibieu1 in once first, so that a session row exists to copy");
    const cookies: string[] = [];
    const insertUser = file.prepare("insert into users (id, username, full_name, role, password_hash, locale) values (?, ?, ?, 'delegate', ?, 'vi')");
    const insertMembership = file.prepare("insert into memberships (id, user_id, body_id, role, starts_at) values (?, ?, ?, 'member', ?)");
    const insertSession = file.prepare("insert into auth_sessions (id, user_id, expires_at) values (?, ?, ?)");
    const invite = file.prepare("insert into participants (sitting_id, user_id, role) values (?, ?, 'member')");
    file.transaction(() => {
      for (let i = 0; i < count; i++) {
        const id = randomUUID();
        insertUser.run(id, `hall${i}`, `Đại biểu thử ${i + 1}`, sample.hash);
        insertMembership.run(randomUUID(), id, sample.bodyId, Math.floor(Date.now() / 1000) - 86_400);
        for (const sittingId of sittingIds) invite.run(sittingId, id);
        const session = randomBytes(20).toString("hex");
        insertSession.run(session, id, sample.expiresAt);
        cookies.push(`phonghop_session=${session}`);
      }
    })();
    return cookies;
  } finally {
    file.close();
  }
}
