// Login throttling: the pure rule, kept apart from storage so it can be tested at its boundaries.
export type ThrottleState = { failures: number; windowStartedAt: Date; lockedUntil: Date | null };

export type ThrottlePolicy = { maxFailures: number; windowMs: number; lockMs: number };

// Per account: ten wrong passwords in 15 minutes lock that account's logins for 15 minutes.
export const accountPolicy: ThrottlePolicy = { maxFailures: 10, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };
// Per IP: a hall of 100 delegates may share one address, so the bar is higher.
export const ipPolicy: ThrottlePolicy = { maxFailures: 100, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };

/** Milliseconds until the key may try again, or 0 when it is not locked. */
export function lockRemaining(state: ThrottleState | undefined, now: Date): number {
  if (!state?.lockedUntil) return 0;
  return Math.max(0, state.lockedUntil.getTime() - now.getTime());
}

export function recordFailure(state: ThrottleState | undefined, now: Date, policy: ThrottlePolicy): ThrottleState {
  const windowExpired = !state || now.getTime() - state.windowStartedAt.getTime() >= policy.windowMs;
  const lockExpired = !!state?.lockedUntil && state.lockedUntil.getTime() <= now.getTime();
  const fresh = windowExpired || lockExpired;
  const failures = fresh ? 1 : state.failures + 1;
  const windowStartedAt = fresh ? now : state.windowStartedAt;
  const lockedUntil = failures >= policy.maxFailures ? new Date(now.getTime() + policy.lockMs) : null;
  return { failures, windowStartedAt, lockedUntil };
}
