import { randomUUID } from "node:crypto";
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { notifications } from "#db/schema";
import { db, type Tx } from "./db.server";

export type NewNotification = {
  userId: string;
  kind: string;
  message: string;
  params?: Record<string, string | number>;
  href?: string;
};

/** Stores notifications inside the caller's transaction; the caller pushes them live after the commit. */
export function insertNotifications(tx: Tx, items: NewNotification[]) {
  const createdAt = new Date();
  const rows = items.map((item) => ({ id: randomUUID(), createdAt, readAt: null, params: item.params ?? null, href: item.href ?? null, ...item }));
  for (const row of rows) tx.insert(notifications).values(row).run();
  return rows;
}

export type StoredNotification = ReturnType<typeof insertNotifications>[number];

export function listNotifications(userId: string, limit = 20) {
  return db.select().from(notifications).where(eq(notifications.userId, userId)).orderBy(desc(notifications.createdAt)).limit(limit).all();
}

export function countUnread(userId: string) {
  return (
    db
      .select({ n: sql<number>`count(*)` })
      .from(notifications)
      .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
      .get()?.n ?? 0
  );
}

export function markAllRead(userId: string) {
  db.update(notifications)
    .set({ readAt: new Date() })
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
    .run();
}
