import { demoPassword, isDatabaseEmpty, resetDatabase, seedDemo } from "#db/seed";
import { hashPassword } from "~/auth/auth.server";
import { logger } from "~/logger.server";
import { and, eq, inArray } from "drizzle-orm";
import { bodies, users } from "#db/schema";
import { issueFromAuthority } from "./certificate.server";
import { db } from "./db.server";

export async function seedDemoIfEmpty() {
  if (!isDatabaseEmpty(db)) return false;
  seedDemo({ db, passwordHash: await hashPassword(demoPassword) });
  seedCertificates();
  logger.info("empty database: demo council seeded");
  return true;
}

/** Wipes the database and seeds the demo council again (npm run db:seed). */
export async function reseedDemo() {
  const passwordHash = await hashPassword(demoPassword);
  resetDatabase(db);
  seedDemo({ db, passwordHash });
  seedCertificates();
}

/**
 * The demo signs for real (issue #6): the app's certificate authority, a certificate for each leader, and the
 * council's and its standing committee's agency certificates — valid for three years from today.
 */
function seedCertificates() {
  const actor = { userId: null };
  const council = db.select({ id: bodies.id, name: bodies.name }).from(bodies).where(eq(bodies.kind, "council")).get();
  if (!council) return;
  const organization = council.name;
  const leaders = db.select({ id: users.id }).from(users).where(and(eq(users.role, "chair"))).all();
  for (const leader of leaders) issueFromAuthority({ actor, reader: null, owner: { kind: "person", userId: leader.id }, organization });
  const issuing = db.select({ id: bodies.id }).from(bodies).where(inArray(bodies.kind, ["council", "standing_committee"])).all();
  for (const body of issuing) issueFromAuthority({ actor, reader: null, owner: { kind: "agency", bodyId: body.id }, organization });
}
