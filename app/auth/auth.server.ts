// The only module that imports lucia (DESIGN §3). Lucia v3 is no longer developed; everything session-related
// goes through the functions below, so replacing it touches this file alone.
import { DrizzleSQLiteAdapter } from "@lucia-auth/adapter-drizzle";
import { hash, verify } from "@node-rs/argon2";
import { Lucia, type Session, type User } from "lucia";
import { authSessions, users, type GlobalRole, type Locale } from "#db/schema";
import { env, isProduction } from "~/env.server";
import { db } from "~/models/db.server";

const lucia = new Lucia(new DrizzleSQLiteAdapter(db, authSessions, users), {
  sessionCookie: {
    name: "phonghop_session",
    expires: false,
    attributes: { secure: env.SECURE_COOKIES ?? isProduction, sameSite: "lax" },
  },
  // The adapter hands over the row as drizzle reads it: camelCase keys, timestamps as Date.
  getUserAttributes: (row) => ({
    username: row.username,
    fullName: row.fullName,
    position: row.position,
    role: row.role,
    locale: row.locale,
    disabled: row.disabledAt != null,
  }),
});

declare module "lucia" {
  interface Register {
    Lucia: typeof lucia;
    DatabaseUserAttributes: {
      username: string;
      fullName: string;
      position: string | null;
      role: GlobalRole;
      locale: Locale;
      disabledAt: Date | null;
    };
    DatabaseSessionAttributes: { ip: string | null; userAgent: string | null };
  }
}

export type AuthUser = User;
export type AuthSession = Session;
export type Auth = { user: AuthUser; session: AuthSession };

// OWASP's argon2id minimum (19 MiB, 2 passes); @node-rs/argon2 defaults to argon2id.
const hashOptions = { memoryCost: 19456, timeCost: 2, outputLen: 32, parallelism: 1 };

export function hashPassword(password: string) {
  return hash(password.normalize("NFC"), hashOptions);
}

export async function verifyPassword(passwordHash: string, password: string) {
  try {
    return await verify(passwordHash, password.normalize("NFC"));
  } catch {
    return false;
  }
}

export const sessionCookieName = lucia.sessionCookieName;

export async function createSession(options: { userId: string; ip: string | null; userAgent: string | null }) {
  const session = await lucia.createSession(options.userId, { ip: options.ip, userAgent: options.userAgent });
  return { session, cookie: lucia.createSessionCookie(session.id).serialize() };
}

export function blankSessionCookie() {
  return lucia.createBlankSessionCookie().serialize();
}

/**
 * Reads the session cookie from a Cookie header and checks it. `cookie` is a Set-Cookie value to send back when the
 * session was extended (refresh) or is no longer valid (blank); null when nothing needs to change.
 */
export async function authenticate(
  cookieHeader: string | undefined | null,
): Promise<{ auth: Auth | null; cookie: string | null }> {
  const sessionId = lucia.readSessionCookie(cookieHeader ?? "");
  if (!sessionId) return { auth: null, cookie: null };
  const { session, user } = await lucia.validateSession(sessionId);
  if (!session) return { auth: null, cookie: blankSessionCookie() };
  if (user.disabled) {
    await lucia.invalidateUserSessions(user.id);
    return { auth: null, cookie: blankSessionCookie() };
  }
  const cookie = session.fresh ? lucia.createSessionCookie(session.id).serialize() : null;
  return { auth: { user, session }, cookie };
}

export function invalidateSession(sessionId: string) {
  return lucia.invalidateSession(sessionId);
}

export function invalidateUserSessions(userId: string) {
  return lucia.invalidateUserSessions(userId);
}
