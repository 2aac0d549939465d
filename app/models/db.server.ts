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
