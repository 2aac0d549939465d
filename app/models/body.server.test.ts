import { describe, expect, test } from "vitest";
import { vnDayEndExclusive, vnDayStart } from "~/i18n/format";
import { AppError } from "./app-error";
import { addMembership, createBody, endMembership, listBodiesWithSeats, membersInOffice } from "./body.server";
import { createUser } from "./user.server";

const actor = { userId: null };

async function makeUser(username: string) {
  return createUser({ actor, input: { username, fullName: `Người ${username}`, role: "delegate" }, password: "mat-khau-du-dai" });
}

describe("members in office (the N of a vote)", async () => {
  const bodyId = createBody({ actor, input: { name: "Hội đồng nhân dân tỉnh Thử", kind: "council" } });
  const [an, binh, chi, dung] = await Promise.all(["an", "binh", "chi", "dung"].map(makeUser));
  // An: from 01/06/2026, still in office. Bình: last day 30/11/2026. Chi: starts 01/12/2026. Dũng: staff secretary.
  addMembership({ actor, input: { bodyId, userId: an, role: "chair", startsAt: vnDayStart("2026-06-01") } });
  const binhSeat = addMembership({ actor, input: { bodyId, userId: binh, role: "member", startsAt: vnDayStart("2026-06-01") } });
  endMembership({ actor, membershipId: binhSeat, endsAt: vnDayEndExclusive("2026-11-30") });
  addMembership({ actor, input: { bodyId, userId: chi, role: "vice_chair", startsAt: vnDayStart("2026-12-01") } });
  addMembership({ actor, input: { bodyId, userId: dung, role: "secretary", startsAt: vnDayStart("2026-06-01") } });

  const namesAt = (iso: string) => membersInOffice({ bodyId, at: new Date(iso) }).map((m) => m.userId).sort();

  test("the first instant of the start day is in office; the instant before is not", () => {
    expect(namesAt("2026-06-01T00:00:00+07:00")).toEqual([an, binh].sort());
    expect(namesAt("2026-05-31T23:59:59.999+07:00")).toEqual([]);
  });

  test("the last day in office counts until midnight in Vietnam", () => {
    expect(namesAt("2026-11-30T23:59:59.999+07:00")).toEqual([an, binh].sort());
    expect(namesAt("2026-12-01T00:00:00+07:00")).toEqual([an, chi].sort());
  });

  test("staff secretaries are not members and never count in N", () => {
    expect(namesAt("2027-01-01T00:00:00+07:00")).not.toContain(dung);
    const body = listBodiesWithSeats(new Date("2027-01-01T00:00:00+07:00")).find((b) => b.id === bodyId);
    expect(body?.seats).toBe(2);
  });

  test("a second overlapping seat for the same person is refused", () => {
    expect(() => addMembership({ actor, input: { bodyId, userId: an, role: "member", startsAt: vnDayStart("2026-09-01") } })).toThrow(AppError);
  });

  test("a term of office cannot end before it starts", () => {
    expect(() => endMembership({ actor, membershipId: binhSeat, endsAt: vnDayStart("2026-05-01") })).toThrow(AppError);
  });
});
