import { demoPassword, isDatabaseEmpty, resetDatabase, seedDemo } from "#db/seed";
import { hashPassword } from "~/auth/auth.server";
import { logger } from "~/logger.server";
import { inArray } from "drizzle-orm";
import { bodies } from "#db/schema";
import { issueFromAuthority } from "./certificate.server";
import { db } from "./db.server";
import { listSigners } from "./signoff.server";

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
 * council's and its standing committee's agency certificates (valid three and five years from today).
 */
function seedCertificates() {
  const actor = { userId: null };
  const issuing = db.select({ id: bodies.id, kind: bodies.kind }).from(bodies).where(inArray(bodies.kind, ["council", "standing_committee"])).all();
  if (!issuing.some((body) => body.kind === "council")) return;
  for (const leader of listSigners()) issueFromAuthority({ actor, reader: null, owner: { kind: "person", userId: leader.id } });
  for (const body of issuing) issueFromAuthority({ actor, reader: null, owner: { kind: "agency", bodyId: body.id } });
}
