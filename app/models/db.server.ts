import { migrateDatabase, openDatabase } from "#db/connection";
import { env } from "~/env.server";

// The one connection of this process. Only app/models imports it.
export const db = openDatabase(env.DATABASE_PATH);

export type Db = typeof db;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

export function migrate() {
  migrateDatabase(db);
}

export function closeDatabase() {
  db.$client.close();
}

/**
 * After deleting something that must not be read again (a secret poll's ballot boxes): the deleted rows are already
 * zeroed in their pages (`secure_delete`, db/connection.ts); this moves the write-ahead log into the database and
 * empties it, so the log's older copies of those pages are gone too.
 */
export function forgetFreedPages() {
  db.$client.pragma("wal_checkpoint(TRUNCATE)");
}

/** Whether a write was refused by a primary key or a unique index: the database's own "already there". */
export function isUniqueViolation(error: unknown) {
  return error instanceof Error && "code" in error && (error.code === "SQLITE_CONSTRAINT_PRIMARYKEY" || error.code === "SQLITE_CONSTRAINT_UNIQUE");
}
