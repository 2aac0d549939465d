import { randomUUID } from "node:crypto";
import { and, asc, eq, isNotNull, isNull, like, or, sql } from "drizzle-orm";
import { authSessions, users, type GlobalRole, type Locale } from "#db/schema";
import { hashPassword, verifyPassword } from "~/auth/auth.server";
import { AppError } from "./app-error";
import { writeAudit, type Actor } from "./audit.server";
import { db } from "./db.server";

const publicColumns = {
  id: users.id,
  username: users.username,
  fullName: users.fullName,
  email: users.email,
  position: users.position,
  role: users.role,
  locale: users.locale,
  disabledAt: users.disabledAt,
  createdAt: users.createdAt,
};

export function normalizeUsername(username: string) {
  return username.trim().toLowerCase();
}

export function listUsers(filter: { query?: string; role?: GlobalRole; status?: "active" | "disabled" } = {}) {
  const q = filter.query?.trim();
  return db
    .select(publicColumns)
    .from(users)
    .where(
      and(
        q ? or(like(users.fullName, `%${q}%`), like(users.username, `%${q}%`), like(users.position, `%${q}%`)) : undefined,
        filter.role ? eq(users.role, filter.role) : undefined,
        filter.status === "active" ? isNull(users.disabledAt) : undefined,
        filter.status === "disabled" ? isNotNull(users.disabledAt) : undefined,
      ),
    )
    .orderBy(asc(users.fullName))
    .all();
}

export function getUser(userId: string) {
  const user = db.select(publicColumns).from(users).where(eq(users.id, userId)).get();
  if (!user) throw new AppError("not_found", "errors.userNotFound");
  return user;
}

export type UserInput = {
  username: string;
  fullName: string;
  email?: string | null;
  position?: string | null;
  role: GlobalRole;
  locale?: Locale;
};

export async function createUser({ actor, input, password }: { actor: Actor; input: UserInput; password: string }) {
  const passwordHash = await hashPassword(password);
  const username = normalizeUsername(input.username);
  return db.transaction((tx) => {
    const taken = tx.select({ id: users.id }).from(users).where(eq(users.username, username)).get();
    if (taken) throw new AppError("conflict", "errors.usernameTaken", { username });
    const id = randomUUID();
    tx.insert(users)
      .values({
        id,
        username,
        fullName: input.fullName.trim(),
        email: input.email?.trim() || null,
        position: input.position?.trim() || null,
        role: input.role,
        locale: input.locale ?? "vi",
        passwordHash,
      })
      .run();
    writeAudit(tx, actor, {
      action: "user.create",
      entityType: "user",
      entityId: id,
      details: { username, fullName: input.fullName, role: input.role },
    });
    return id;
  });
}

export function updateUser({ actor, userId, input }: { actor: Actor; userId: string; input: Omit<UserInput, "username"> }) {
  return db.transaction((tx) => {
    const before = tx.select(publicColumns).from(users).where(eq(users.id, userId)).get();
    if (!before) throw new AppError("not_found", "errors.userNotFound");
    if (actor.userId === userId && before.role === "admin" && input.role !== "admin") {
      throw new AppError("invalid", "errors.cannotDemoteSelf");
    }
    const after = {
      fullName: input.fullName.trim(),
      email: input.email?.trim() || null,
      position: input.position?.trim() || null,
      role: input.role,
      locale: input.locale ?? before.locale,
    };
    tx.update(users)
      .set({ ...after, updatedAt: new Date() })
      .where(eq(users.id, userId))
      .run();
    writeAudit(tx, actor, {
      action: "user.update",
      entityType: "user",
      entityId: userId,
      details: changedFields(before, after),
    });
  });
}

/** Disabling ends every session of the user in the same transaction; the caller then drops their sockets. */
export function setUserDisabled({ actor, userId, disabled }: { actor: Actor; userId: string; disabled: boolean }) {
  return db.transaction((tx) => {
    const user = tx.select(publicColumns).from(users).where(eq(users.id, userId)).get();
    if (!user) throw new AppError("not_found", "errors.userNotFound");
    if (disabled && actor.userId === userId) throw new AppError("invalid", "errors.cannotDisableSelf");
    tx.update(users)
      .set({ disabledAt: disabled ? new Date() : null, updatedAt: new Date() })
      .where(eq(users.id, userId))
      .run();
    if (disabled) tx.delete(authSessions).where(eq(authSessions.userId, userId)).run();
    writeAudit(tx, actor, {
      action: disabled ? "user.disable" : "user.enable",
      entityType: "user",
      entityId: userId,
      details: { username: user.username },
    });
  });
}

/** An admin sets a new password; the user's sessions end so the old password's sessions cannot linger. */
export async function resetPassword({ actor, userId, password }: { actor: Actor; userId: string; password: string }) {
  const passwordHash = await hashPassword(password);
  db.transaction((tx) => {
    const user = tx.select({ id: users.id }).from(users).where(eq(users.id, userId)).get();
    if (!user) throw new AppError("not_found", "errors.userNotFound");
    tx.update(users).set({ passwordHash, updatedAt: new Date() }).where(eq(users.id, userId)).run();
    tx.delete(authSessions).where(eq(authSessions.userId, userId)).run();
    writeAudit(tx, actor, { action: "user.reset_password", entityType: "user", entityId: userId });
  });
}

/** The user changes their own password; their other sessions end, the current one stays. */
export async function changeOwnPassword({
  actor,
  userId,
  currentSessionId,
  currentPassword,
  newPassword,
}: {
  actor: Actor;
  userId: string;
  currentSessionId: string;
  currentPassword: string;
  newPassword: string;
}) {
  const row = db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, userId)).get();
  if (!row) throw new AppError("not_found", "errors.userNotFound");
  if (!(await verifyPassword(row.passwordHash, currentPassword))) {
    throw new AppError("invalid", "errors.currentPasswordWrong");
  }
  const passwordHash = await hashPassword(newPassword);
  db.transaction((tx) => {
    tx.update(users).set({ passwordHash, updatedAt: new Date() }).where(eq(users.id, userId)).run();
    tx.delete(authSessions)
      .where(and(eq(authSessions.userId, userId), sql`${authSessions.id} <> ${currentSessionId}`))
      .run();
    writeAudit(tx, actor, { action: "user.change_password", entityType: "user", entityId: userId });
  });
}

export function setLocale({ actor, userId, locale }: { actor: Actor; userId: string; locale: Locale }) {
  db.transaction((tx) => {
    tx.update(users).set({ locale, updatedAt: new Date() }).where(eq(users.id, userId)).run();
    writeAudit(tx, actor, { action: "user.set_locale", entityType: "user", entityId: userId, details: { locale } });
  });
}

/** Log out everywhere: every session of the user ends. */
export function endAllSessions({ actor, userId }: { actor: Actor; userId: string }) {
  db.transaction((tx) => {
    tx.delete(authSessions).where(eq(authSessions.userId, userId)).run();
    writeAudit(tx, actor, { action: "auth.logout_everywhere", entityType: "user", entityId: userId });
  });
}

function changedFields<T extends Record<string, unknown>>(before: T, after: Partial<T>) {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const [key, value] of Object.entries(after)) {
    if (before[key] !== value) changes[key] = { from: before[key], to: value };
  }
  return changes;
}

// Prepared once: every socket command reads its user's rights afresh.
let readerStatement: ReturnType<typeof prepareReader> | undefined;
function prepareReader() {
  return db
    .select({ id: users.id, role: users.role, disabledAt: users.disabledAt })
    .from(users)
    .where(eq(users.id, sql.placeholder("userId")))
    .prepare();
}

/** The user as the models' permission checks see them right now; a disabled or deleted account is refused. */
export function getReader(userId: string) {
  readerStatement ??= prepareReader();
  const row = readerStatement.get({ userId });
  if (!row || row.disabledAt) throw new AppError("unauthenticated", "errorPage.unauthenticated.title");
  return { id: row.id, role: row.role };
}
