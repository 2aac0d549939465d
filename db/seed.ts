// The demo council: a provincial HĐND with its committees, delegate groups, one upcoming session and two sittings.
// Seeded on the first start of an empty database and by `npm run db:seed` (which resets everything first).
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { sql } from "drizzle-orm";
import type { AppDatabase } from "./connection";
import {
  agendaItems,
  agendaRevisions,
  annotations,
  auditLog,
  authSessions,
  ballots,
  bodies,
  certificates,
  checkins,
  documentNumbers,
  documents,
  documentVersions,
  loginThrottle,
  memberships,
  notifications,
  participants,
  polls,
  pollVoters,
  presentations,
  secretBallots,
  secretVoters,
  sessions,
  signatureImages,
  signoffEvents,
  signoffs,
  signoffSteps,
  sittingLive,
  sittings,
  speeches,
  terms,
  users,
} from "./schema";
import { demoCouncil, demoSession, seedBodies, seedMemberships, seedUsers } from "./seed-data";

// Like db/migrations, read from the repo root, where the app is always started (db/connection.ts).
const demoImages = resolve("db/demo-images");

/** Every demo account uses this password (README lists the accounts). */
export const demoPassword = "PhongHop@2026";

const dayMs = 24 * 3600_000;

export function isDatabaseEmpty(db: AppDatabase) {
  return (db.get<{ n: number }>(sql`select count(*) as n from users`)?.n ?? 0) === 0;
}

/** Deletes every row, children first, in one transaction. */
export function resetDatabase(db: AppDatabase) {
  db.transaction((tx) => {
    tx.run(sql`delete from document_search`);
    for (const table of [
      ballots,
      pollVoters,
      secretVoters,
      secretBallots,
      polls,
      speeches,
      checkins,
      sittingLive,
      presentations,
      signoffEvents,
      signoffSteps,
      documentNumbers,
      signoffs,
      certificates,
      signatureImages,
      notifications,
      agendaRevisions,
      annotations,
      documentVersions,
      documents,
      agendaItems,
      participants,
      sittings,
      sessions,
      memberships,
      terms,
      bodies,
      auditLog,
      authSessions,
      loginThrottle,
      users,
    ]) {
      tx.delete(table).run();
    }
  });
}

export function seedDemo({ db, passwordHash, now = new Date() }: { db: AppDatabase; passwordHash: string; now?: Date }) {
  db.transaction((tx) => {
    const userIds = new Map<string, string>();
    for (const user of seedUsers) {
      const id = randomUUID();
      userIds.set(user.username, id);
      tx.insert(users).values({ id, ...user, locale: "vi", passwordHash }).run();
    }
    const userId = (username: string) => {
      const id = userIds.get(username);
      if (!id) throw new Error(`seed: unknown user ${username}`);
      return id;
    };

    const bodyIds = new Map(seedBodies.map((b) => [b.key, randomUUID()]));
    const bodyId = (key: string) => {
      const id = bodyIds.get(key);
      if (!id) throw new Error(`seed: unknown body ${key}`);
      return id;
    };
    for (const body of seedBodies) {
      tx.insert(bodies)
        .values({
          id: bodyId(body.key),
          name: body.name,
          shortName: body.shortName,
          kind: body.kind,
          // The council and its standing committee number documents as "…-HĐND" (RULES.md 16–17).
          documentCode: body.kind === "council" || body.kind === "standing_committee" ? "HĐND" : null,
          parentId: body.parentKey ? bodyId(body.parentKey) : null,
        })
        .run();
    }
    const councilKey = seedBodies.find((b) => b.kind === "council")!.key;
    const councilId = bodyId(councilKey);

    const termStartsAt = new Date(`${demoCouncil.termStartsOn}T00:00:00+07:00`);
    const termId = randomUUID();
    tx.insert(terms).values({ id: termId, bodyId: councilId, name: demoCouncil.termName, startsAt: termStartsAt }).run();

    for (const m of seedMemberships) {
      tx.insert(memberships)
        .values({
          id: randomUUID(),
          userId: userId(m.username),
          bodyId: bodyId(m.bodyKey),
          termId,
          role: m.role,
          title: m.title,
          startsAt: termStartsAt,
        })
        .run();
    }

    // The session is always upcoming: its first day is moved to two weeks after the seeding day.
    const firstDay = new Date(`${demoSession.startsOn}T00:00:00+07:00`);
    const target = new Date(Math.floor((now.getTime() + 7 * 3600_000) / dayMs) * dayMs + 14 * dayMs - 7 * 3600_000);
    const shift = Math.round((target.getTime() - firstDay.getTime()) / dayMs) * dayMs;
    const shifted = (iso: string) => new Date(new Date(iso).getTime() + shift);

    const sessionId = randomUUID();
    tx.insert(sessions)
      .values({
        id: sessionId,
        bodyId: councilId,
        termId,
        number: demoSession.number,
        title: demoSession.title,
        kind: demoSession.kind,
        startsAt: shifted(`${demoSession.startsOn}T08:00:00+07:00`),
        endsAt: shifted(`${demoSession.endsOn}T17:00:00+07:00`),
        place: demoSession.place,
        status: "published",
      })
      .run();

    const council = seedMemberships.filter((m) => m.bodyKey === councilKey);
    const chair = council.find((m) => m.role === "chair");
    const secretary = council.find((m) => m.role === "secretary");
    const guests = seedUsers.filter((u) => u.role === "guest");

    for (const sitting of demoSession.sittings) {
      const sittingId = randomUUID();
      tx.insert(sittings)
        .values({
          id: sittingId,
          sessionId,
          bodyId: councilId,
          title: sitting.title,
          startsAt: shifted(sitting.startsAt),
          endsAt: shifted(sitting.endsAt),
          place: demoSession.place,
          chairId: chair ? userId(chair.username) : null,
          secretaryId: secretary ? userId(secretary.username) : null,
          status: "published",
          publishedAt: now,
          agendaRevision: 1,
        })
        .run();
      const invited = [
        ...council.map((m) => ({
          userId: userId(m.username),
          role: m.role === "chair" ? ("chair" as const) : m.role === "secretary" ? ("secretary" as const) : ("member" as const),
        })),
        ...guests.map((g) => ({ userId: userId(g.username), role: "guest" as const })),
      ];
      for (const p of invited) tx.insert(participants).values({ sittingId, ...p }).run();
      const snapshot = sitting.agenda.map((item, index) => {
        const id = randomUUID();
        tx.insert(agendaItems)
          .values({
            id,
            sittingId,
            position: index + 1,
            title: item.title,
            description: "description" in item ? (item.description ?? null) : null,
            presenter: item.presenter,
            plannedMinutes: item.plannedMinutes,
          })
          .run();
        return { id, position: index + 1, title: item.title, presenter: item.presenter, plannedMinutes: item.plannedMinutes, documentIds: [] };
      });
      // Published with its agenda: that agenda is revision 1, as publishing in the app would make it.
      tx.insert(agendaRevisions).values({ id: randomUUID(), sittingId, revision: 1, items: snapshot, changes: [] }).run();
    }

    // The leaders' signatures and the council's seal (drawn by scripts/make-demo-images.ts), so the demo's issued
    // documents show the layout of Nghị định 30: the standing committee issues under the council's seal.
    const image = (name: string) => readFileSync(join(demoImages, `${name}.png`));
    const pngSize = (png: Buffer) => ({ width: png.readUInt32BE(16), height: png.readUInt32BE(20) });
    for (const username of ["chutich", "phochutich1", "phochutich2"]) {
      const png = image(`signature-${username}`);
      tx.insert(signatureImages).values({ ownerKind: "user", ownerId: userId(username), png, ...pngSize(png) }).run();
    }
    const seal = image("seal-council");
    for (const body of seedBodies.filter((b) => b.kind === "council" || b.kind === "standing_committee")) {
      tx.insert(signatureImages).values({ ownerKind: "body", ownerId: bodyId(body.key), png: seal, ...pngSize(seal), sizeMm: 40 }).run();
    }

    tx.insert(auditLog)
      .values({ at: now, actorId: null, action: "system.seed", details: { users: seedUsers.length, bodies: seedBodies.length } })
      .run();
  });
}
