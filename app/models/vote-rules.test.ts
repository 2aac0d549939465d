import { describe, expect, test } from "vitest";
import { computeResult, formatPercent, passes, percentOfN, quorumMet, yesNeeded } from "./vote-rules";

describe("RULES.md 5: thresholds at their boundaries", () => {
  test("majority of N = 49: 25 yes passes, 24 does not", () => {
    expect(passes("majority", 25, 49)).toBe(true);
    expect(passes("majority", 24, 49)).toBe(false);
    expect(yesNeeded("majority", 49)).toBe(25);
  });

  test("majority of N = 50: 26 yes passes, 25 does not", () => {
    expect(passes("majority", 26, 50)).toBe(true);
    expect(passes("majority", 25, 50)).toBe(false);
    expect(yesNeeded("majority", 50)).toBe(26);
  });

  test("two-thirds of N = 50: 34 yes passes, 33 does not; of N = 48, 32 is exactly two-thirds and passes", () => {
    expect(passes("two_thirds", 34, 50)).toBe(true);
    expect(passes("two_thirds", 33, 50)).toBe(false);
    expect(passes("two_thirds", 32, 48)).toBe(true);
    expect(passes("two_thirds", 31, 48)).toBe(false);
    expect(yesNeeded("two_thirds", 50)).toBe(34);
    expect(yesNeeded("two_thirds", 48)).toBe(32);
  });

  test("the threshold is of N, not of those who voted: 25 yes of 25 votes with N = 50 fails", () => {
    expect(computeResult({ rule: "majority", yes: 25, no: 0, abstain: 0, n: 50, present: 30 })).toEqual({ yes: 25, no: 0, abstain: 0, voted: 25, notVoted: 25, n: 50, present: 30, passed: false });
  });
});

describe("percentages and quorum", () => {
  test("each count as a percentage of N with two decimals and a decimal comma", () => {
    expect(percentOfN(45, 49)).toBe(91.84);
    expect(formatPercent(percentOfN(45, 49), "vi")).toBe("91,84%");
    expect(formatPercent(percentOfN(1, 3), "vi")).toBe("33,33%");
    expect(formatPercent(percentOfN(2, 3), "en")).toBe("66.67%");
    expect(formatPercent(percentOfN(50, 50), "vi")).toBe("100,00%");
  });

  test("quorum is two-thirds of N checked in", () => {
    expect(quorumMet(34, 50)).toBe(true);
    expect(quorumMet(33, 50)).toBe(false);
    expect(quorumMet(32, 48)).toBe(true);
  });
});
