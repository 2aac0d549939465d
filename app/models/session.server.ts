import { randomUUID } from "node:crypto";
import { asc, desc, eq, sql } from "drizzle-orm";
import { bodies, sessions, sessionKinds, sittings, terms } from "#db/schema";
import { AppError } from "./app-error";
import { writeAudit, type Actor } from "./audit.server";
import { db } from "./db.server";

export type SessionKind = (typeof sessionKinds)[number];

export type SessionInput = {
  bodyId: string;
  termId?: string | null;
  number: number;
  title: string;
  kind: SessionKind;
  startsAt: Date;
  endsAt?: Date | null;
  place?: string | null;
};

export function listSessions() {
  return db
    .select({
      id: sessions.id,
      number: sessions.number,
      title: sessions.title,
      kind: sessions.kind,
      startsAt: sessions.startsAt,
      endsAt: sessions.endsAt,
      place: sessions.place,
      status: sessions.status,
      bodyName: bodies.name,
      sittingCount: sql<number>`(select count(*) from ${sittings} where ${sittings.sessionId} = ${sessions.id})`,
    })
    .from(sessions)
    .innerJoin(bodies, eq(bodies.id, sessions.bodyId))
    .orderBy(desc(sessions.startsAt))
    .all();
}

export function getSession(sessionId: string) {
  const row = db
    .select({ session: sessions, bodyName: bodies.name, termName: terms.name })
    .from(sessions)
    .innerJoin(bodies, eq(bodies.id, sessions.bodyId))
    .leftJoin(terms, eq(terms.id, sessions.termId))
    .where(eq(sessions.id, sessionId))
    .get();
  if (!row) throw new AppError("not_found", "meetings.errors.sessionNotFound");
  return { ...row.session, bodyName: row.bodyName, termName: row.termName };
}

export function listSessionSittings(sessionId: string) {
  return db.select().from(sittings).where(eq(sittings.sessionId, sessionId)).orderBy(asc(sittings.startsAt)).all();
}

function validate(input: SessionInput) {
  if (input.endsAt && input.endsAt < input.startsAt) throw new AppError("invalid", "errors.endBeforeStart");
}

export function createSession({ actor, input }: { actor: Actor; input: SessionInput }) {
  validate(input);
  return db.transaction((tx) => {
    if (!tx.select({ id: bodies.id }).from(bodies).where(eq(bodies.id, input.bodyId)).get()) {
      throw new AppError("not_found", "errors.bodyNotFound");
    }
    const id = randomUUID();
    tx.insert(sessions)
      .values({ id, ...input, termId: input.termId || null, endsAt: input.endsAt ?? null, place: input.place || null })
      .run();
    writeAudit(tx, actor, { action: "session.create", entityType: "session", entityId: id, details: { title: input.title } });
    return id;
  });
}

export function updateSession({ actor, sessionId, input }: { actor: Actor; sessionId: string; input: SessionInput }) {
  validate(input);
  db.transaction((tx) => {
    const before = tx.select({ bodyId: sessions.bodyId }).from(sessions).where(eq(sessions.id, sessionId)).get();
    if (!before) throw new AppError("not_found", "meetings.errors.sessionNotFound");
    // Its sittings belong to the body too: moving the session alone would split them.
    if (before.bodyId !== input.bodyId && tx.select({ id: sittings.id }).from(sittings).where(eq(sittings.sessionId, sessionId)).get()) {
      throw new AppError("conflict", "meetings.errors.bodyMismatch");
    }
    tx.update(sessions)
      .set({ ...input, termId: input.termId || null, endsAt: input.endsAt ?? null, place: input.place || null })
      .where(eq(sessions.id, sessionId))
      .run();
    writeAudit(tx, actor, { action: "session.update", entityType: "session", entityId: sessionId, details: { title: input.title } });
  });
}
