import { describe, expect, test } from "vitest";
import { accountPolicy, lockRemaining, recordFailure, type ThrottleState } from "./throttle";

const start = new Date("2026-12-01T01:00:00Z");
const after = (ms: number) => new Date(start.getTime() + ms);

function fail(times: number, at = start) {
  let state: ThrottleState | undefined;
  for (let i = 0; i < times; i++) state = recordFailure(state, at, accountPolicy);
  return state!;
}

describe("login throttling per account", () => {
  test("nine wrong passwords do not lock; the tenth locks for 15 minutes", () => {
    expect(lockRemaining(fail(9), start)).toBe(0);
    const locked = fail(10);
    expect(lockRemaining(locked, start)).toBe(15 * 60_000);
    expect(lockRemaining(locked, after(15 * 60_000 - 1))).toBe(1);
    expect(lockRemaining(locked, after(15 * 60_000))).toBe(0);
  });

  test("failures older than the window are forgotten", () => {
    const nine = fail(9);
    const next = recordFailure(nine, after(accountPolicy.windowMs), accountPolicy);
    expect(next.failures).toBe(1);
    expect(lockRemaining(next, after(accountPolicy.windowMs))).toBe(0);
  });

  test("a failure just inside the window still counts", () => {
    const nine = fail(9);
    const tenth = recordFailure(nine, after(accountPolicy.windowMs - 1), accountPolicy);
    expect(tenth.failures).toBe(10);
    expect(lockRemaining(tenth, after(accountPolicy.windowMs - 1))).toBeGreaterThan(0);
  });

  test("after a lock ends, counting starts again from one", () => {
    const locked = fail(10);
    const next = recordFailure(locked, after(accountPolicy.lockMs), accountPolicy);
    expect(next.failures).toBe(1);
    expect(next.lockedUntil).toBeNull();
  });
});
