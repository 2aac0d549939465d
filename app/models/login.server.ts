import { eq } from "drizzle-orm";
import { loginThrottle, users } from "#db/schema";
import { hashPassword, verifyPassword } from "~/auth/auth.server";
import { accountPolicy, ipPolicy, lockRemaining, recordFailure, type ThrottleState } from "~/auth/throttle";
import { writeAudit, type Actor } from "./audit.server";
import { db, type Tx } from "./db.server";
import { normalizeUsername } from "./user.server";

export type LoginResult =
  | { ok: true; userId: string }
  | { ok: false; code: "invalid" }
  | { ok: false; code: "locked"; retryAfterMs: number };

// Verifying against a real hash when the account does not exist keeps the answer time the same either way.
let dummyHash: Promise<string> | undefined;

type LoginInput = { username: string; password: string; ip: string | null; userAgent: string | null };

// Attempts on one account run one after another: otherwise a burst of parallel guesses would all read "not locked"
// before any failure is written. (One process owns the writes; see DESIGN §7.)
const inFlight = new Map<string, Promise<LoginResult>>();

export async function attemptLogin(input: LoginInput): Promise<LoginResult> {
  const key = normalizeUsername(input.username);
  const previous = inFlight.get(key);
  const run = (previous ? previous.catch(() => null) : Promise.resolve()).then(() => attemptLoginNow(input));
  inFlight.set(key, run);
  try {
    return await run;
  } finally {
    if (inFlight.get(key) === run) inFlight.delete(key);
  }
}

async function attemptLoginNow(input: LoginInput): Promise<LoginResult> {
  const username = normalizeUsername(input.username);
  const keys = { account: `user:${username}`, ip: `ip:${input.ip ?? "unknown"}` };
  const now = new Date();
  const retryAfterMs = Math.max(lockRemaining(readState(keys.account), now), lockRemaining(readState(keys.ip), now));
  const actor = { userId: null, ip: input.ip, userAgent: input.userAgent };
  if (retryAfterMs > 0) {
    db.transaction((tx) => writeAudit(tx, actor, { action: "auth.login_locked", details: { username } }));
    return { ok: false, code: "locked", retryAfterMs };
  }

  const user = db
    .select({ id: users.id, passwordHash: users.passwordHash, disabledAt: users.disabledAt })
    .from(users)
    .where(eq(users.username, username))
    .get();
  dummyHash ??= hashPassword("phonghop-dummy-password");
  const valid = await verifyPassword(user?.passwordHash ?? (await dummyHash), input.password);

  if (user && valid && !user.disabledAt) {
    db.transaction((tx) => {
      tx.delete(loginThrottle).where(eq(loginThrottle.key, keys.account)).run();
      writeAudit(tx, { ...actor, userId: user.id }, { action: "auth.login", entityType: "user", entityId: user.id });
    });
    return { ok: true, userId: user.id };
  }

  const lockedNow = db.transaction((tx) => {
    const account = saveFailure(tx, keys.account, now, accountPolicy);
    const ip = saveFailure(tx, keys.ip, now, ipPolicy);
    writeAudit(tx, actor, {
      action: "auth.login_failed",
      entityType: user ? "user" : undefined,
      entityId: user?.id,
      details: { username, reason: user?.disabledAt ? "disabled" : "wrong_credentials" },
    });
    return Math.max(lockRemaining(account, now), lockRemaining(ip, now));
  });
  if (lockedNow > 0) return { ok: false, code: "locked", retryAfterMs: lockedNow };
  return { ok: false, code: "invalid" };
}

function readState(key: string): ThrottleState | undefined {
  return db.select().from(loginThrottle).where(eq(loginThrottle.key, key)).get();
}

function saveFailure(tx: Tx, key: string, now: Date, policy: typeof accountPolicy) {
  const previous = tx.select().from(loginThrottle).where(eq(loginThrottle.key, key)).get();
  const next = recordFailure(previous, now, policy);
  tx.insert(loginThrottle)
    .values({ key, ...next })
    .onConflictDoUpdate({ target: loginThrottle.key, set: next })
    .run();
  return next;
}

export function recordLogout(actor: Actor) {
  db.transaction((tx) => writeAudit(tx, actor, { action: "auth.logout", entityType: "user", entityId: actor.userId ?? undefined }));
}
