import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { breakageActions, classifyBreakage, type MemberPointsFacts } from "~/insight/breakage";

const facts = (over: Partial<MemberPointsFacts>): MemberPointsFacts => ({
  balance: 100,
  ordersLastYear: 0,
  abandonedRedemptions: 0,
  expiringPoints: 0,
  nextRewardCost: null,
  engaged: false,
  ...over,
});

describe("breakage, good and bad", () => {
  it("GIVEN a frequent buyer at 90% of the next reward WHEN classified THEN harmful: stalled near a threshold", () => {
    expect(classifyBreakage(facts({ balance: 450, ordersLastYear: 12, nextRewardCost: 500 }))).toEqual({ kind: "harmful", reason: "stalled_near_threshold" });
  });

  it("GIVEN a frequent buyer whose redemption was abandoned WHEN classified THEN harmful: abandoned redemption", () => {
    expect(classifyBreakage(facts({ ordersLastYear: 6, abandonedRedemptions: 1 }))).toEqual({ kind: "harmful", reason: "abandoned_redemption" });
  });

  it("GIVEN a frequent buyer with points about to expire WHEN classified THEN harmful: expiring", () => {
    expect(classifyBreakage(facts({ ordersLastYear: 6, expiringPoints: 40 }))).toEqual({ kind: "harmful", reason: "expiring_frequent_buyer" });
  });

  it("GIVEN a one-order member who never engages WHEN classified THEN harmless", () => {
    expect(classifyBreakage(facts({ ordersLastYear: 1 }))).toEqual({ kind: "harmless" });
  });

  it("GIVEN no points WHEN classified THEN neither", () => {
    expect(classifyBreakage(facts({ balance: 0, ordersLastYear: 20, nextRewardCost: 10 }))).toBeNull();
  });

  it("GIVEN 50 missing points worth 2 cents each WHEN costed THEN a 100-cent bonus, a free reminder", () => {
    expect(breakageActions("stalled_near_threshold", 50, 2)).toEqual([
      { action: "bonus_points", costMinor: 100 },
      { action: "lower_reward_cost", costMinor: 100 },
      { action: "reminder", costMinor: 0 },
    ]);
  });

  it("PROPERTY: harmful needs an active buyer; harmless needs a passive one; costs are whole and non-negative", () => {
    const anyFacts = fc.record({
      balance: fc.integer({ min: -10, max: 5000 }),
      ordersLastYear: fc.nat(50),
      abandonedRedemptions: fc.nat(3),
      expiringPoints: fc.nat(500),
      nextRewardCost: fc.option(fc.integer({ min: 1, max: 5000 })),
      engaged: fc.boolean(),
    });
    fc.assert(
      fc.property(anyFacts, fc.integer({ min: -100, max: 5000 }), fc.double({ min: 0, max: 100, noNaN: true }), (m, missing, value) => {
        const c = classifyBreakage(m);
        if (c?.kind === "harmful") expect(m.ordersLastYear).toBeGreaterThanOrEqual(4);
        if (c?.kind === "harmless") expect(m.ordersLastYear <= 1 && !m.engaged).toBe(true);
        if (c) expect(m.balance).toBeGreaterThan(0);
        for (const a of breakageActions("stalled_near_threshold", missing, value)) expect(Number.isInteger(a.costMinor) && a.costMinor >= 0).toBe(true);
      }),
    );
  });
});
