// What server.ts needs from the app, in the order it needs it. Exported through entry.server as `runtime`.
import { sql } from "drizzle-orm";
import { env } from "~/env.server";
import { closeDatabase, db, migrate } from "~/models/db.server";
import { seedDemoIfEmpty } from "~/models/demo.server";
import { onTextIndexProgress, resumeTextExtraction } from "~/models/text-index.server";
import { announceSittingChange } from "~/realtime/sitting-broadcast.server";

export { getLoadContext } from "~/context.server";
export { checkOrigin } from "~/auth/origin.server";
export { attachRealtime, closeRealtime } from "~/realtime/server.server";
export { logger } from "~/logger.server";
export { env } from "~/env.server";

/** Migrates the database and, on an empty one, seeds the demo council. Runs before the server listens. */
export async function prepareDatabase() {
  migrate();
  if (env.SEED_ON_EMPTY) await seedDemoIfEmpty();
  onTextIndexProgress((sittingId) => announceSittingChange(sittingId, "search-index"));
  resumeTextExtraction();
}

export function checkDatabase() {
  return db.get<{ ok: number }>(sql`select 1 as ok`)?.ok === 1;
}

export { closeDatabase };
