// The vote rules of RULES.md 4–7, exactly: shared by the server (which computes and stores a result once) and the
// screens (which show it). N is the number of members in office when the poll opened.
import type { Locale, PollResult, PollRule } from "#db/schema";
import { formatNumber } from "~/i18n/format";

/** RULES.md 5: majority passes with yes ≥ floor(N/2) + 1; two-thirds with 3·yes ≥ 2·N. */
export function passes(rule: PollRule, yes: number, n: number) {
  if (n <= 0) return false;
  return rule === "majority" ? yes >= Math.floor(n / 2) + 1 : 3 * yes >= 2 * n;
}

/** The fewest "yes" that pass (shown beside a running poll). */
export function yesNeeded(rule: PollRule, n: number) {
  return rule === "majority" ? Math.floor(n / 2) + 1 : Math.ceil((2 * n) / 3);
}

/** RULES.md 7 (setting, default): quorum is at least 2/3 of N checked in. */
export function quorumMet(present: number, n: number) {
  return n > 0 && 3 * present >= 2 * n;
}

/** A count as a percentage of N, rounded to 2 decimals (RULES.md 5). */
export function percentOfN(count: number, n: number) {
  return n > 0 ? Math.round((count * 10_000) / n) / 100 : 0;
}

/** "91,84%" in Vietnamese (decimal comma), "91.84%" in English; always two decimals. */
export function formatPercent(value: number, locale: Locale) {
  return `${formatNumber(value, locale, 2)}%`;
}

export function computeResult({ rule, yes, no, abstain, n, present }: { rule: PollRule; yes: number; no: number; abstain: number; n: number; present: number }): PollResult {
  const voted = yes + no + abstain;
  return { yes, no, abstain, voted, notVoted: Math.max(0, n - voted), n, present, passed: passes(rule, yes, n) };
}
