import { demoPassword, isDatabaseEmpty, resetDatabase, seedDemo } from "#db/seed";
import { hashPassword } from "~/auth/auth.server";
import { logger } from "~/logger.server";
import { db } from "./db.server";

export async function seedDemoIfEmpty() {
  if (!isDatabaseEmpty(db)) return false;
  seedDemo({ db, passwordHash: await hashPassword(demoPassword) });
  logger.info("empty database: demo council seeded");
  return true;
}

/** Wipes the database and seeds the demo council again (npm run db:seed). */
export async function reseedDemo() {
  const passwordHash = await hashPassword(demoPassword);
  resetDatabase(db);
  seedDemo({ db, passwordHash });
}
