import { randomUUID } from "node:crypto";
import { and, asc, eq, gt, inArray, isNull, lt, lte, or, sql } from "drizzle-orm";
import {
  bodies,
  bodyKinds,
  memberships,
  seatRoles,
  terms,
  users,
  type BodyKind,
  type BodyRole,
} from "#db/schema";
import { AppError } from "./app-error";
import { writeAudit, type Actor } from "./audit.server";
import { db, type Tx } from "./db.server";

// Chair first, then vice chairs, members, and the staff secretary last.
const roleOrder = sql`case ${memberships.role} when 'chair' then 0 when 'vice_chair' then 1 when 'member' then 2 else 3 end`;

export function listBodies() {
  return db.select().from(bodies).orderBy(asc(bodies.kind), asc(bodies.name)).all();
}

/** Every body with the number of its members in office at `at` (its N). */
export function listBodiesWithSeats(at: Date) {
  const seats = db
    .select({ bodyId: memberships.bodyId, count: sql<number>`count(*)`.as("count") })
    .from(memberships)
    .where(
      inOffice(toSeconds(at)),
    )
    .groupBy(memberships.bodyId)
    .as("seats");
  const rows = db
    .select({ body: bodies, seats: seats.count })
    .from(bodies)
    .leftJoin(seats, eq(seats.bodyId, bodies.id))
    .all();
  const order = bodyKinds as readonly string[];
  return rows
    .map((r) => ({ ...r.body, seats: r.seats ?? 0 }))
    .sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind) || a.name.localeCompare(b.name, "vi"));
}

export function getBody(bodyId: string) {
  const body = db.select().from(bodies).where(eq(bodies.id, bodyId)).get();
  if (!body) throw new AppError("not_found", "errors.bodyNotFound");
  return body;
}

export type BodyInput = { name: string; shortName?: string | null; kind: BodyKind; parentId?: string | null };
export type LeadTimes = { invitationLeadDays: number; documentLeadDays: number; leadDaysAreWorkingDays: boolean };

export function createBody({ actor, input }: { actor: Actor; input: BodyInput }) {
  return db.transaction((tx) => {
    if (input.parentId) requireBody(tx, input.parentId);
    const id = randomUUID();
    tx.insert(bodies)
      .values({ id, name: input.name.trim(), shortName: input.shortName?.trim() || null, kind: input.kind, parentId: input.parentId || null })
      .run();
    writeAudit(tx, actor, { action: "body.create", entityType: "body", entityId: id, details: { ...input } });
    return id;
  });
}

export function updateBody({ actor, bodyId, input }: { actor: Actor; bodyId: string; input: BodyInput & Partial<LeadTimes> }) {
  return db.transaction((tx) => {
    requireBody(tx, bodyId);
    if (input.parentId === bodyId) throw new AppError("invalid", "errors.bodyOwnParent");
    if (input.parentId) requireBody(tx, input.parentId);
    tx.update(bodies)
      .set({
        name: input.name.trim(),
        shortName: input.shortName?.trim() || null,
        kind: input.kind,
        parentId: input.parentId || null,
        ...(input.invitationLeadDays !== undefined ? { invitationLeadDays: input.invitationLeadDays } : {}),
        ...(input.documentLeadDays !== undefined ? { documentLeadDays: input.documentLeadDays } : {}),
        ...(input.leadDaysAreWorkingDays !== undefined ? { leadDaysAreWorkingDays: input.leadDaysAreWorkingDays } : {}),
      })
      .where(eq(bodies.id, bodyId))
      .run();
    writeAudit(tx, actor, { action: "body.update", entityType: "body", entityId: bodyId, details: { ...input } });
  });
}

export function listTerms(bodyId?: string) {
  return db
    .select()
    .from(terms)
    .where(bodyId ? eq(terms.bodyId, bodyId) : undefined)
    .orderBy(asc(terms.startsAt))
    .all();
}

export type TermInput = { bodyId: string; name: string; startsAt: Date; endsAt?: Date | null };

export function createTerm({ actor, input }: { actor: Actor; input: TermInput }) {
  return db.transaction((tx) => {
    requireBody(tx, input.bodyId);
    if (input.endsAt && input.endsAt <= input.startsAt) throw new AppError("invalid", "errors.endBeforeStart");
    const id = randomUUID();
    tx.insert(terms).values({ id, ...input, name: input.name.trim(), endsAt: input.endsAt ?? null }).run();
    writeAudit(tx, actor, { action: "term.create", entityType: "term", entityId: id, details: { ...input } });
    return id;
  });
}

export function listMemberships(bodyId: string) {
  return db
    .select({
      id: memberships.id,
      userId: memberships.userId,
      fullName: users.fullName,
      username: users.username,
      position: users.position,
      role: memberships.role,
      title: memberships.title,
      termId: memberships.termId,
      startsAt: memberships.startsAt,
      endsAt: memberships.endsAt,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.bodyId, bodyId))
    .orderBy(roleOrder, asc(users.fullName))
    .all();
}

export type MembershipInput = {
  userId: string;
  bodyId: string;
  termId?: string | null;
  role: BodyRole;
  title?: string | null;
  startsAt: Date;
  endsAt?: Date | null;
};

export function addMembership({ actor, input }: { actor: Actor; input: MembershipInput }) {
  return db.transaction((tx) => {
    requireBody(tx, input.bodyId);
    if (!tx.select({ id: users.id }).from(users).where(eq(users.id, input.userId)).get()) {
      throw new AppError("not_found", "errors.userNotFound");
    }
    if (input.endsAt && input.endsAt <= input.startsAt) throw new AppError("invalid", "errors.endBeforeStart");
    const overlapping = tx
      .select({ id: memberships.id })
      .from(memberships)
      .where(
        and(
          eq(memberships.userId, input.userId),
          eq(memberships.bodyId, input.bodyId),
          input.endsAt ? lt(memberships.startsAt, input.endsAt) : undefined,
          or(isNull(memberships.endsAt), gt(memberships.endsAt, input.startsAt)),
        ),
      )
      .get();
    if (overlapping) throw new AppError("conflict", "errors.membershipOverlaps");
    const id = randomUUID();
    tx.insert(memberships)
      .values({ id, ...input, termId: input.termId || null, title: input.title?.trim() || null, endsAt: input.endsAt ?? null })
      .run();
    writeAudit(tx, actor, { action: "membership.create", entityType: "membership", entityId: id, details: { ...input } });
    return id;
  });
}

/** Ends a membership at `endsAt` (the first instant out of office). The row stays: past votes still need it. */
export function endMembership({ actor, membershipId, endsAt }: { actor: Actor; membershipId: string; endsAt: Date }) {
  return db.transaction((tx) => {
    const row = tx.select().from(memberships).where(eq(memberships.id, membershipId)).get();
    if (!row) throw new AppError("not_found", "errors.membershipNotFound");
    if (endsAt <= row.startsAt) throw new AppError("invalid", "errors.endBeforeStart");
    tx.update(memberships).set({ endsAt }).where(eq(memberships.id, membershipId)).run();
    writeAudit(tx, actor, {
      action: "membership.end",
      entityType: "membership",
      entityId: membershipId,
      details: { userId: row.userId, bodyId: row.bodyId, endsAt },
    });
  });
}

/**
 * The members in office of a body at an instant: those holding a seat (chair, vice chair, member) with
 * startsAt ≤ at < endsAt. Their count is the N of every vote (RULES.md 4).
 */
export function membersInOffice({ bodyId, at }: { bodyId: string; at: Date }) {
  return db
    .select({
      userId: memberships.userId,
      fullName: users.fullName,
      role: memberships.role,
      title: memberships.title,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.bodyId, bodyId), inOffice(toSeconds(at))))
    .orderBy(asc(users.fullName))
    .all();
}

/**
 * The one rule of who is in office, as a condition on `memberships`: a seat (chair, vice chair, member) held at the
 * instant `at` — in seconds, as the column stores it, or a placeholder of a prepared statement.
 */
export function inOffice(at: number | ReturnType<typeof sql.placeholder>) {
  return and(inArray(memberships.role, [...seatRoles]), sql`${memberships.startsAt} <= ${at}`, sql`(${memberships.endsAt} is null or ${memberships.endsAt} > ${at})`);
}

export const toSeconds = (at: Date) => Math.floor(at.getTime() / 1000);

export function listUserMemberships(userId: string, at: Date) {
  return db
    .select({ bodyId: bodies.id, bodyName: bodies.name, kind: bodies.kind, role: memberships.role, title: memberships.title })
    .from(memberships)
    .innerJoin(bodies, eq(bodies.id, memberships.bodyId))
    .where(
      and(
        eq(memberships.userId, userId),
        lte(memberships.startsAt, at),
        or(isNull(memberships.endsAt), gt(memberships.endsAt, at)),
      ),
    )
    .orderBy(asc(bodies.kind), asc(bodies.name))
    .all();
}

function requireBody(tx: Tx, bodyId: string) {
  const body = tx.select({ id: bodies.id }).from(bodies).where(eq(bodies.id, bodyId)).get();
  if (!body) throw new AppError("not_found", "errors.bodyNotFound");
}
