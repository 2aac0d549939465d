// The agenda of a sitting. Before publishing it is a draft the secretaries shape freely; from publishing on, every
// change is kept as a numbered revision with what changed, and participants are told (issue #3).
import { randomUUID } from "node:crypto";
import { and, asc, eq, inArray, max } from "drizzle-orm";
import {
  agendaItems,
  agendaRevisions,
  bodies,
  documents,
  participants,
  sessions,
  sittings,
  users,
  type AgendaChange,
  type AgendaSnapshotItem,
} from "#db/schema";
import { AppError } from "./app-error";
import { writeAudit, type Actor } from "./audit.server";
import { db, type Tx } from "./db.server";
import { insertNotifications, type StoredNotification } from "./notification.server";
import { requireCan, type Reader } from "./reader";

export type AgendaItemInput = {
  title: string;
  description?: string | null;
  presenter?: string | null;
  presenterUserId?: string | null;
  plannedMinutes?: number | null;
};

export function listAgenda(sittingId: string) {
  const items = db.select().from(agendaItems).where(eq(agendaItems.sittingId, sittingId)).orderBy(asc(agendaItems.position)).all();
  const docs = items.length
    ? db
        .select({ id: documents.id, agendaItemId: documents.agendaItemId })
        .from(documents)
        .where(inArray(documents.agendaItemId, items.map((i) => i.id)))
        .all()
    : [];
  return items.map((item) => ({ ...item, documentIds: docs.filter((d) => d.agendaItemId === item.id).map((d) => d.id) }));
}

export function totalPlannedMinutes(items: { plannedMinutes: number | null }[]) {
  return items.reduce((sum, item) => sum + (item.plannedMinutes ?? 0), 0);
}

/** The result of a change to a published agenda: the new revision and the notifications to push. */
export type AgendaRevisionResult = { revision: number; changes: AgendaChange[]; notifications: StoredNotification[] } | null;

export function addAgendaItem({ actor, reader, sittingId, input }: { actor: Actor; reader: Reader; sittingId: string; input: AgendaItemInput }) {
  requireCan(reader, "manage:sitting:any");
  return db.transaction((tx) => {
    requireEditableSitting(tx, sittingId);
    const last = tx.select({ position: max(agendaItems.position) }).from(agendaItems).where(eq(agendaItems.sittingId, sittingId)).get();
    const id = randomUUID();
    tx.insert(agendaItems)
      .values({ id, sittingId, position: (last?.position ?? 0) + 1, ...clean(input) })
      .run();
    writeAudit(tx, actor, { action: "agenda.add_item", entityType: "sitting", entityId: sittingId, details: { itemId: id, title: input.title } });
    return { itemId: id, revision: publishAgendaRevision(tx, { sittingId, actor, notify: true, onlyIfPublished: true }) };
  });
}

export function updateAgendaItem({ actor, reader, sittingId, itemId, input }: { actor: Actor; reader: Reader; sittingId: string; itemId: string; input: AgendaItemInput }) {
  requireCan(reader, "manage:sitting:any");
  return db.transaction((tx) => {
    const item = requireItem(tx, itemId, sittingId);
    requireEditableSitting(tx, item.sittingId);
    tx.update(agendaItems).set(clean(input)).where(eq(agendaItems.id, itemId)).run();
    writeAudit(tx, actor, { action: "agenda.update_item", entityType: "sitting", entityId: item.sittingId, details: { itemId, title: input.title } });
    return { sittingId: item.sittingId, revision: publishAgendaRevision(tx, { sittingId: item.sittingId, actor, notify: true, onlyIfPublished: true }) };
  });
}

export function removeAgendaItem({ actor, reader, sittingId, itemId }: { actor: Actor; reader: Reader; sittingId: string; itemId: string }) {
  requireCan(reader, "manage:sitting:any");
  return db.transaction((tx) => {
    const item = requireItem(tx, itemId, sittingId);
    requireEditableSitting(tx, item.sittingId);
    // Its documents stay with the sitting, detached from the item.
    tx.update(documents).set({ agendaItemId: null }).where(eq(documents.agendaItemId, itemId)).run();
    tx.delete(agendaItems).where(eq(agendaItems.id, itemId)).run();
    renumber(tx, item.sittingId, listIds(tx, item.sittingId));
    writeAudit(tx, actor, { action: "agenda.remove_item", entityType: "sitting", entityId: item.sittingId, details: { itemId, title: item.title } });
    return { sittingId: item.sittingId, revision: publishAgendaRevision(tx, { sittingId: item.sittingId, actor, notify: true, onlyIfPublished: true }) };
  });
}

/** Puts the items in the given order (drag and drop, or the keyboard's move up / move down). */
export function reorderAgenda({ actor, reader, sittingId, orderedIds }: { actor: Actor; reader: Reader; sittingId: string; orderedIds: string[] }) {
  requireCan(reader, "manage:sitting:any");
  return db.transaction((tx) => {
    requireEditableSitting(tx, sittingId);
    const current = listIds(tx, sittingId);
    if (orderedIds.length !== current.length || new Set(orderedIds).size !== current.length || !orderedIds.every((id) => current.includes(id))) {
      throw new AppError("conflict", "meetings.errors.agendaChanged");
    }
    renumber(tx, sittingId, orderedIds);
    writeAudit(tx, actor, { action: "agenda.reorder", entityType: "sitting", entityId: sittingId, details: { order: orderedIds } });
    return { revision: publishAgendaRevision(tx, { sittingId, actor, notify: true, onlyIfPublished: true }) };
  });
}

export function listAgendaRevisions(sittingId: string) {
  return db.select().from(agendaRevisions).where(eq(agendaRevisions.sittingId, sittingId)).orderBy(asc(agendaRevisions.revision)).all();
}

/**
 * Records the agenda as it now stands as the next revision, with the changes since the previous one, and (with
 * `notify`) a notification to every participant. With `onlyIfPublished`, does nothing for a draft sitting.
 * Runs inside the caller's transaction.
 */
export function publishAgendaRevision(
  tx: Tx,
  { sittingId, actor, notify, onlyIfPublished = false }: { sittingId: string; actor: Actor; notify: boolean; onlyIfPublished?: boolean },
): AgendaRevisionResult {
  const sitting = tx.select({ agendaRevision: sittings.agendaRevision, title: sittings.title }).from(sittings).where(eq(sittings.id, sittingId)).get();
  if (!sitting) throw new AppError("not_found", "meetings.errors.sittingNotFound");
  if (onlyIfPublished && sitting.agendaRevision === 0) return null;
  const items = snapshot(tx, sittingId);
  const previous = tx
    .select({ items: agendaRevisions.items })
    .from(agendaRevisions)
    .where(and(eq(agendaRevisions.sittingId, sittingId), eq(agendaRevisions.revision, sitting.agendaRevision)))
    .get();
  const changes = previous ? diffAgenda(previous.items, items) : [];
  if (previous && changes.length === 0) return null;
  const revision = sitting.agendaRevision + 1;
  tx.insert(agendaRevisions).values({ id: randomUUID(), sittingId, revision, items, changes, createdBy: actor.userId }).run();
  tx.update(sittings).set({ agendaRevision: revision }).where(eq(sittings.id, sittingId)).run();
  const stored = notify
    ? insertNotifications(
        tx,
        tx
          .select({ userId: participants.userId })
          .from(participants)
          .where(eq(participants.sittingId, sittingId))
          .all()
          .filter((p) => p.userId !== actor.userId)
          .map((p) => ({
            userId: p.userId,
            kind: "agenda.changed",
            message: "meetings.notifications.agendaChanged",
            params: { title: sitting.title, revision },
            href: `/sittings/${sittingId}`,
          })),
      )
    : [];
  return { revision, changes, notifications: stored };
}

/** What changed between two agenda snapshots, item by item. */
export function diffAgenda(before: AgendaSnapshotItem[], after: AgendaSnapshotItem[]): AgendaChange[] {
  const changes: AgendaChange[] = [];
  const beforeById = new Map(before.map((i) => [i.id, i]));
  const afterIds = new Set(after.map((i) => i.id));
  for (const item of before) if (!afterIds.has(item.id)) changes.push({ kind: "removed", itemId: item.id, title: item.title });
  const survivorsBefore = before.filter((i) => afterIds.has(i.id)).map((i) => i.id);
  const survivorsAfter = after.filter((i) => beforeById.has(i.id)).map((i) => i.id);
  for (const item of after) {
    const old = beforeById.get(item.id);
    if (!old) {
      changes.push({ kind: "added", itemId: item.id, title: item.title });
      continue;
    }
    const from = survivorsBefore.indexOf(item.id) + 1;
    const to = survivorsAfter.indexOf(item.id) + 1;
    if (from !== to) changes.push({ kind: "moved", itemId: item.id, title: item.title, from, to });
    // Documents are announced when they arrive; attaching one is not an agenda change of its own.
    const fields = (["title", "presenter", "plannedMinutes"] as const).filter((f) => old[f] !== item[f]);
    if (fields.length) changes.push({ kind: "edited", itemId: item.id, title: item.title, fields });
  }
  return changes;
}

function snapshot(tx: Tx, sittingId: string): AgendaSnapshotItem[] {
  const items = tx.select().from(agendaItems).where(eq(agendaItems.sittingId, sittingId)).orderBy(asc(agendaItems.position)).all();
  const docs = items.length
    ? tx.select({ id: documents.id, agendaItemId: documents.agendaItemId }).from(documents).where(inArray(documents.agendaItemId, items.map((i) => i.id))).orderBy(asc(documents.createdAt)).all()
    : [];
  return items.map((i) => ({
    id: i.id,
    position: i.position,
    title: i.title,
    presenter: i.presenter,
    plannedMinutes: i.plannedMinutes,
    documentIds: docs.filter((d) => d.agendaItemId === i.id).map((d) => d.id),
  }));
}

function listIds(tx: Tx, sittingId: string) {
  return tx.select({ id: agendaItems.id }).from(agendaItems).where(eq(agendaItems.sittingId, sittingId)).orderBy(asc(agendaItems.position)).all().map((r) => r.id);
}

function renumber(tx: Tx, sittingId: string, orderedIds: string[]) {
  orderedIds.forEach((id, index) => {
    tx.update(agendaItems).set({ position: index + 1 }).where(and(eq(agendaItems.id, id), eq(agendaItems.sittingId, sittingId))).run();
  });
}

function clean(input: AgendaItemInput) {
  return {
    title: input.title.trim(),
    description: input.description?.trim() || null,
    presenter: input.presenter?.trim() || null,
    presenterUserId: input.presenterUserId || null,
    plannedMinutes: input.plannedMinutes ?? null,
  };
}


/** An item addressed through a sitting's URL must belong to that sitting. */
function requireItem(tx: Tx, itemId: string, sittingId: string) {
  const item = tx.select().from(agendaItems).where(eq(agendaItems.id, itemId)).get();
  if (!item || item.sittingId !== sittingId) throw new AppError("not_found", "meetings.errors.itemNotFound");
  return item;
}

function requireEditableSitting(tx: Tx, sittingId: string) {
  const sitting = tx.select({ status: sittings.status }).from(sittings).where(eq(sittings.id, sittingId)).get();
  if (!sitting) throw new AppError("not_found", "meetings.errors.sittingNotFound");
  if (sitting.status === "ended") throw new AppError("conflict", "meetings.errors.sittingEnded");
}

/** What the programme PDF (chương trình) of a sitting prints, in the order an official document gives it. */
export function getAgendaDocument(sittingId: string) {
  const row = db
    .select({ sitting: sittings, bodyName: bodies.name, bodyKind: bodies.kind, parentId: bodies.parentId, sessionTitle: sessions.title, chairName: users.fullName, chairPosition: users.position })
    .from(sittings)
    .innerJoin(bodies, eq(bodies.id, sittings.bodyId))
    .leftJoin(sessions, eq(sessions.id, sittings.sessionId))
    .leftJoin(users, eq(users.id, sittings.chairId))
    .where(eq(sittings.id, sittingId))
    .get();
  if (!row) throw new AppError("not_found", "meetings.errors.sittingNotFound");
  // "Hội đồng nhân dân tỉnh Lâm Hà" → "Lâm Hà" for the place-and-date line; a committee or delegate group dates its
  // documents where its council sits.
  const council = row.parentId ? (db.select({ name: bodies.name }).from(bodies).where(eq(bodies.id, row.parentId)).get()?.name ?? row.bodyName) : row.bodyName;
  const placeName = /(?:tỉnh|thành phố|xã|phường|đặc khu)\s+(.+)$/i.exec(council)?.[1] ?? council;
  return {
    sitting: row.sitting,
    bodyName: row.bodyName,
    bodyKind: row.bodyKind,
    parentBodyName: row.parentId ? council : null,
    sessionTitle: row.sessionTitle,
    placeName,
    chair: row.chairName ? { name: row.chairName, position: row.chairPosition } : null,
    items: listAgenda(sittingId),
  };
}
