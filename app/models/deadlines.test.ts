import { describe, expect, test } from "vitest";
import { dueBy, isLate } from "./deadlines";

describe("invitation deadlines (RULES.md 11)", () => {
  const sitting = new Date("2026-12-08T08:00:00+07:00"); // a Tuesday

  test("7 calendar days before a Tuesday sitting: due by the end of the previous Tuesday, Vietnam time", () => {
    const deadline = dueBy({ startsAt: sitting, leadDays: 7, workingDays: false });
    expect(deadline.toISOString()).toBe("2026-12-01T16:59:59.999Z");
    expect(isLate(new Date("2026-12-01T23:59:00+07:00"), deadline)).toBe(false);
    expect(isLate(new Date("2026-12-02T00:00:00+07:00"), deadline)).toBe(true);
  });

  test("3 working days before a Tuesday skip the weekend: Mon 7, Fri 4, Thu 3 → due by the end of Thursday", () => {
    const deadline = dueBy({ startsAt: sitting, leadDays: 3, workingDays: true });
    expect(deadline.toISOString()).toBe("2026-12-03T16:59:59.999Z");
  });

  test("a sitting early in the morning Vietnam time counts from its Vietnamese day, not the UTC one", () => {
    const early = new Date("2026-12-08T06:30:00+07:00"); // still 7 December in UTC
    expect(dueBy({ startsAt: early, leadDays: 7, workingDays: false }).toISOString()).toBe("2026-12-01T16:59:59.999Z");
  });
});
