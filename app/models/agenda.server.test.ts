import { describe, expect, test } from "vitest";
import type { AgendaSnapshotItem } from "#db/schema";
import { vnDayStart } from "~/i18n/format";
import { addAgendaItem, diffAgenda, listAgenda, listAgendaRevisions, reorderAgenda, updateAgendaItem } from "./agenda.server";
import { AppError } from "./app-error";
import { addMembership, createBody } from "./body.server";
import { listNotifications } from "./notification.server";
import { createSitting, publishSitting, replyToInvitation } from "./sitting.server";
import { createUser } from "./user.server";

const item = (id: string, title: string, extra: Partial<AgendaSnapshotItem> = {}): AgendaSnapshotItem => ({
  id,
  position: 0,
  title,
  presenter: null,
  plannedMinutes: 10,
  documentIds: [],
  ...extra,
});

describe("diffAgenda", () => {
  test("reports additions, removals, moves and edits item by item", () => {
    const before = [item("a", "Khai mạc"), item("b", "Tờ trình"), item("c", "Thảo luận")];
    const after = [item("b", "Tờ trình"), item("a", "Khai mạc"), item("d", "Biểu quyết"), item("c", "Thảo luận", { plannedMinutes: 90 })];
    expect(diffAgenda(before, after)).toEqual([
      { kind: "moved", itemId: "b", title: "Tờ trình", from: 2, to: 1 },
      { kind: "moved", itemId: "a", title: "Khai mạc", from: 1, to: 2 },
      { kind: "added", itemId: "d", title: "Biểu quyết" },
      { kind: "edited", itemId: "c", title: "Thảo luận", fields: ["plannedMinutes"] },
    ]);
    expect(diffAgenda(before, before)).toEqual([]);
    expect(diffAgenda(before, before.slice(1))).toEqual([{ kind: "removed", itemId: "a", title: "Khai mạc" }]);
  });
});

describe("a sitting from draft to published", async () => {
  const actor = { userId: null };
  const secretaryId = await createUser({ actor, input: { username: "tk", fullName: "Thư Ký", role: "secretary" }, password: "mat-khau-thu-ky" });
  const delegateId = await createUser({ actor, input: { username: "db", fullName: "Đại Biểu", role: "delegate" }, password: "mat-khau-dai-bieu" });
  const secretary = { id: secretaryId, role: "secretary" as const };
  const delegate = { id: delegateId, role: "delegate" as const };
  const bodyId = createBody({ actor, input: { name: "HĐND thử", kind: "council" } });
  addMembership({ actor, input: { bodyId, userId: delegateId, role: "member", startsAt: vnDayStart("2026-01-01") } });
  const as = { userId: secretaryId };

  test("a sitting of an unknown body or with an unknown chair is refused with a clear error, not a crash", () => {
    const startsAt = new Date(Date.now() + 30 * 86_400_000);
    expect(() => createSitting({ actor: as, reader: secretary, input: { bodyId: "khong-co", title: "x", startsAt, closed: false } })).toThrow(AppError);
    expect(() => createSitting({ actor: as, reader: secretary, input: { bodyId, chairId: "khong-co", title: "x", startsAt, closed: false } })).toThrow(AppError);
  });

  test("participants default to the members in office; a delegate cannot build the agenda", () => {
    const sittingId = createSitting({ actor: as, reader: secretary, input: { bodyId, title: "Phiên thử", startsAt: new Date(Date.now() + 30 * 86_400_000), closed: false } });
    expect(() => addAgendaItem({ actor: { userId: delegateId }, reader: delegate, sittingId, input: { title: "Chen ngang" } })).toThrow(AppError);
    expect(() => replyToInvitation({ actor: { userId: delegateId }, sittingId, userId: delegateId, reply: "attending" })).toThrow(AppError);
  });

  test("publishing makes revision 1 and invites; later changes are revisions with what changed, told to participants", () => {
    const sittingId = createSitting({ actor: as, reader: secretary, input: { bodyId, title: "Phiên công bố", startsAt: new Date(Date.now() + 30 * 86_400_000), closed: false } });
    const first = addAgendaItem({ actor: as, reader: secretary, sittingId, input: { title: "Khai mạc", plannedMinutes: 10 } });
    const second = addAgendaItem({ actor: as, reader: secretary, sittingId, input: { title: "Tờ trình", plannedMinutes: 30 } });
    expect(first.revision).toBeNull(); // drafts keep no revisions

    const published = publishSitting({ actor: as, reader: secretary, sittingId });
    expect(published.late).toBe(false);
    expect(published.notifications.map((n) => n.userId)).toEqual([delegateId]);
    expect(listNotifications(delegateId)[0]).toMatchObject({ message: "meetings.notifications.invited", params: { title: "Phiên công bố" } });
    expect(() => publishSitting({ actor: as, reader: secretary, sittingId })).toThrow(AppError);

    const moved = reorderAgenda({ actor: as, reader: secretary, sittingId, orderedIds: [second.itemId, first.itemId] });
    expect(moved.revision).toMatchObject({ revision: 2, changes: [{ kind: "moved", title: "Tờ trình", from: 2, to: 1 }, { kind: "moved", title: "Khai mạc", from: 1, to: 2 }] });
    expect(moved.revision!.notifications.map((n) => n.userId)).toEqual([delegateId]);
    expect(listAgenda(sittingId).map((i) => i.title)).toEqual(["Tờ trình", "Khai mạc"]);

    // Saving an item unchanged is not a new revision.
    expect(updateAgendaItem({ actor: as, reader: secretary, sittingId, itemId: first.itemId, input: { title: "Khai mạc", plannedMinutes: 10 } }).revision).toBeNull();
    expect(listAgendaRevisions(sittingId).map((r) => r.revision)).toEqual([1, 2]);

    expect(() => reorderAgenda({ actor: as, reader: secretary, sittingId, orderedIds: [first.itemId] })).toThrow(AppError);
  });

  test("publishing after the invitation deadline is allowed and marked late", () => {
    const sittingId = createSitting({ actor: as, reader: secretary, input: { bodyId, title: "Phiên gấp", startsAt: new Date(Date.now() + 2 * 86_400_000), closed: false } });
    expect(publishSitting({ actor: as, reader: secretary, sittingId }).late).toBe(true);
  });

  test("an absence needs a reason; an attendance does not", () => {
    const sittingId = createSitting({ actor: as, reader: secretary, input: { bodyId, title: "Phiên trả lời", startsAt: new Date(Date.now() + 30 * 86_400_000), closed: false } });
    publishSitting({ actor: as, reader: secretary, sittingId });
    const me = { userId: delegateId };
    expect(() => replyToInvitation({ actor: me, sittingId, userId: delegateId, reply: "absent", reason: "  " })).toThrow(AppError);
    expect(replyToInvitation({ actor: me, sittingId, userId: delegateId, reply: "absent", reason: "Ốm" })).toMatchObject({ reply: "absent", absenceReason: "Ốm" });
    expect(replyToInvitation({ actor: me, sittingId, userId: delegateId, reply: "attending", reason: "bỏ qua" })).toMatchObject({ reply: "attending", absenceReason: null });
    expect(() => replyToInvitation({ actor: { userId: secretaryId }, sittingId, userId: secretaryId, reply: "attending" })).toThrow(AppError);
  });
});
