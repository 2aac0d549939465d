import { and, desc, eq, gte, like, lt, or, sql } from "drizzle-orm";
import { auditLog, users } from "#db/schema";
import { db, type Tx } from "./db.server";

/** Who did something, and from where. Every write in app/models takes one. */
export type Actor = { userId: string | null; ip?: string | null; userAgent?: string | null };

export type AuditEntry = {
  action: string;
  entityType?: string;
  entityId?: string;
  details?: Record<string, unknown>;
};

/** Call inside the transaction of the change it records. */
export function writeAudit(tx: Tx, actor: Actor, entry: AuditEntry) {
  tx.insert(auditLog)
    .values({
      at: new Date(),
      actorId: actor.userId,
      action: entry.action,
      entityType: entry.entityType ?? null,
      entityId: entry.entityId ?? null,
      details: entry.details ?? null,
      ip: actor.ip ?? null,
      userAgent: actor.userAgent?.slice(0, 300) ?? null,
    })
    .run();
}

export type AuditFilter = {
  actor?: string;
  ip?: string;
  action?: string;
  from?: Date;
  to?: Date;
  page?: number;
};

export const auditPageSize = 50;

export function listAudit(filter: AuditFilter) {
  const conditions = [
    filter.actor
      ? or(like(users.fullName, `%${filter.actor}%`), like(users.username, `%${filter.actor}%`))
      : undefined,
    filter.action ? like(auditLog.action, `${filter.action}%`) : undefined,
    filter.ip ? like(auditLog.ip, `${filter.ip}%`) : undefined,
    filter.from ? gte(auditLog.at, filter.from) : undefined,
    filter.to ? lt(auditLog.at, filter.to) : undefined,
  ].filter(Boolean);
  const where = conditions.length ? and(...conditions) : undefined;
  const page = Math.max(1, filter.page ?? 1);
  const rows = db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      action: auditLog.action,
      entityType: auditLog.entityType,
      entityId: auditLog.entityId,
      details: auditLog.details,
      ip: auditLog.ip,
      userAgent: auditLog.userAgent,
      actorName: users.fullName,
      actorUsername: users.username,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(where)
    .orderBy(desc(auditLog.id))
    .limit(auditPageSize)
    .offset((page - 1) * auditPageSize)
    .all();
  const [{ total }] = db
    .select({ total: sql<number>`count(*)` })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(where)
    .all();
  return { rows, total, page, pageCount: Math.max(1, Math.ceil(total / auditPageSize)) };
}

export function listAuditActions() {
  return db
    .selectDistinct({ action: auditLog.action })
    .from(auditLog)
    .orderBy(auditLog.action)
    .all()
    .map((r) => r.action);
}
