// Properties of the tier rules: a higher measure never gives a lower tier; evaluating after an order never
// moves a member down; a review moves down only after the grace period; progress never names a tier at or
// below the one held.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decideTier, entitledTier, rankOf, tierForMeasure, tierProgress, TIER_PERIODS, type TierRules } from "~/tiers/tiers";

const DAY = 86_400_000;

const rulesArb: fc.Arbitrary<TierRules> = fc
  .record({
    period: fc.constantFrom(...TIER_PERIODS),
    graceDays: fc.integer({ min: 0, max: 60 }),
    thresholds: fc.uniqueArray(fc.integer({ min: 0, max: 100_000 }), { minLength: 1, maxLength: 6 }),
  })
  .map(({ period, graceDays, thresholds }) => ({
    measure: "spend" as const,
    period,
    graceDays,
    tiers: thresholds.map((threshold, i) => ({
      id: `t${i}`,
      name: `T${i}`,
      handle: `t${i}`,
      threshold,
      multiplierPercent: 100 + i * 25,
      birthdayBonusPoints: 0,
    })),
  }));

const dateArb = fc.date({ min: new Date("2020-01-01T00:00:00Z"), max: new Date("2030-12-31T00:00:00Z"), noInvalidDate: true });

describe("tier rules (properties)", () => {
  it("a higher measure never reaches a lower tier", () => {
    fc.assert(
      fc.property(rulesArb, fc.nat(200_000), fc.nat(200_000), (rules, a, b) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        expect(rankOf(rules, tierForMeasure(rules, high)?.id ?? null)).toBeGreaterThanOrEqual(rankOf(rules, tierForMeasure(rules, low)?.id ?? null));
      }),
    );
  });

  it("an order never moves a member down, and moves them up exactly when their measure reaches a higher tier", () => {
    fc.assert(
      fc.property(rulesArb, fc.nat(200_000), fc.nat(200_000), dateArb, (rules, held, measure, now) => {
        const current = tierForMeasure(rules, held);
        const entitled = entitledTier(rules, [measure]);
        const decision = decideTier(rules, { tierId: current?.id ?? null, since: now, belowSince: null }, entitled, now, "order");
        expect(decision.change?.direction).not.toBe("down");
        const up = rankOf(rules, entitled?.id ?? null) > rankOf(rules, current?.id ?? null);
        expect(decision.change !== null).toBe(up);
        expect(rankOf(rules, decision.tierId)).toBe(Math.max(rankOf(rules, current?.id ?? null), rankOf(rules, entitled?.id ?? null)));
      }),
    );
  });

  it("a review moves a member down only once the grace period since they fell below has passed", () => {
    fc.assert(
      fc.property(rulesArb, fc.nat(200_000), dateArb, fc.integer({ min: 0, max: 90 }), (rules, held, now, daysBelow) => {
        const current = tierForMeasure(rules, held);
        if (!current || rankOf(rules, current.id) < 1) return;
        const belowSince = new Date(now.getTime() - daysBelow * DAY);
        const decision = decideTier(rules, { tierId: current.id, since: new Date(0), belowSince }, null, now, "review");
        expect(decision.change?.direction === "down").toBe(daysBelow >= rules.graceDays);
      }),
    );
  });

  it("progress names the next tier above the one held, or none at the top", () => {
    fc.assert(
      fc.property(rulesArb, fc.nat(200_000), (rules, held) => {
        const current = tierForMeasure(rules, held);
        const next = tierProgress(rules, current?.id ?? null, held).next;
        const rank = rankOf(rules, current?.id ?? null);
        if (rank === rules.tiers.length) expect(next).toBeNull();
        else expect(rankOf(rules, next!.id)).toBe(rank + 1);
      }),
    );
  });
});
