// The reward domain: config validation, availability, cost, codes, the redemption state machine, donations.
import crypto from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  checkAvailability,
  CROCKFORD,
  donationOwed,
  generateRewardCode,
  isCancellable,
  nextRedemptionStatus,
  redemptionCost,
  REDEMPTION_STATUSES,
  returnsPoints,
  rewardEligibility,
  rewardInputSchema,
  staffMayReturnPoints,
  type EligibilityFacts,
  type MemberFacts,
  type RedemptionEvent,
  type RewardRule,
} from "~/rewards/rewards";

function aReward(overrides: Partial<RewardRule> = {}): RewardRule {
  return {
    kind: "amount_off",
    pointsCost: 500,
    config: { valueMinor: 500 },
    enabled: true,
    archivedAt: null,
    activeFrom: null,
    activeUntil: null,
    perCustomerLimit: null,
    minimumTier: null,
    onlyNonBuyersOfCollectionId: null,
    ...overrides,
  };
}
const aMember = (overrides: Partial<MemberFacts> = {}): MemberFacts => ({
  redeemedCount: 0,
  tier: null,
  tierOrder: [],
  boughtFromTargetCollection: false,
  ...overrides,
});
const NOW = new Date("2025-06-01T12:00:00Z");

function aForm(overrides: Record<string, unknown> = {}) {
  return {
    name: "5 off",
    kind: "amount_off",
    pointsCost: "500",
    config: { valueMinor: "500" },
    enabled: true,
    combinesWith: { orderDiscounts: false, productDiscounts: true, shippingDiscounts: true },
    codeValidityDays: "30",
    ...overrides,
  };
}

describe("reward settings", () => {
  it("GIVEN a valid form THEN numbers are coerced and the kind's config is kept", () => {
    const parsed = rewardInputSchema.parse(aForm({ config: { valueMinor: "500", minimumSubtotalMinor: "2500" } }));
    expect(parsed).toMatchObject({ pointsCost: 500, codeValidityDays: 30, config: { valueMinor: 500, minimumSubtotalMinor: 2500 } });
  });

  it.each([
    ["percent_off", { percent: "150" }, "config.percent"],
    ["free_product", { variantId: "123", valueMinor: "100" }, "config.variantId"],
    ["free_shipping", { countries: ["usa"] }, "config.countries.0"],
    ["points_for_amount", { stepPoints: "0", stepValueMinor: "100", maxSteps: "5" }, "config.stepPoints"],
    ["store_credit", {}, "config.valueMinor"],
  ])("GIVEN a %s with bad settings THEN the error names the field", (kind, config, path) => {
    const parsed = rewardInputSchema.safeParse(aForm({ kind, config }));
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.path.join("."))).toContain(path);
  });

  it("GIVEN an end before the start THEN activeUntil is refused", () => {
    const parsed = rewardInputSchema.safeParse(aForm({ activeFrom: "2025-06-02", activeUntil: "2025-06-01" }));
    expect(parsed.error?.issues[0].path).toEqual(["activeUntil"]);
  });

  it("GIVEN points for amount THEN its cost must be the points per step", () => {
    const parsed = rewardInputSchema.safeParse(
      aForm({ kind: "points_for_amount", pointsCost: "50", config: { stepPoints: "100", stepValueMinor: "100", maxSteps: "5" } }),
    );
    expect(parsed.error?.issues[0].path).toEqual(["pointsCost"]);
  });
});

describe("availability", () => {
  it("GIVEN an enabled reward in its period THEN it is available", () => {
    expect(checkAvailability(aReward({ activeFrom: new Date("2025-05-01"), activeUntil: new Date("2025-07-01") }), aMember(), NOW)).toEqual({ ok: true });
  });

  it.each([
    ["disabled", aReward({ enabled: false })],
    ["archived", aReward({ archivedAt: NOW })],
    ["not started", aReward({ activeFrom: new Date("2025-06-02") })],
    ["ended", aReward({ activeUntil: NOW })],
    ["for a tier", aReward({ minimumTier: "Gold" })],
  ])("GIVEN a reward that is %s THEN reward_unavailable", (_label, reward) => {
    expect(checkAvailability(reward, aMember(), NOW)).toMatchObject({ ok: false, code: "reward_unavailable" });
  });

  it("GIVEN tiers THEN members at or above the minimum tier may redeem", () => {
    const reward = aReward({ minimumTier: "Silver" });
    const tierOrder = ["Bronze", "Silver", "Gold"];
    expect(checkAvailability(reward, aMember({ tier: "Gold", tierOrder }), NOW).ok).toBe(true);
    expect(checkAvailability(reward, aMember({ tier: "Bronze", tierOrder }), NOW).ok).toBe(false);
  });

  it("GIVEN the per-customer limit is reached THEN limit_reached", () => {
    expect(checkAvailability(aReward({ perCustomerLimit: 2 }), aMember({ redeemedCount: 1 }), NOW).ok).toBe(true);
    expect(checkAvailability(aReward({ perCustomerLimit: 2 }), aMember({ redeemedCount: 2 }), NOW)).toMatchObject({ ok: false, code: "limit_reached" });
  });

  it("GIVEN an offer for non-buyers of a collection THEN members who bought from it may not redeem", () => {
    const reward = aReward({ onlyNonBuyersOfCollectionId: "gid://shopify/Collection/1" });
    expect(checkAvailability(reward, aMember({ boughtFromTargetCollection: true }), NOW).ok).toBe(false);
    expect(checkAvailability(reward, aMember(), NOW).ok).toBe(true);
  });
});

describe("rewardEligibility (the one rule behind listing and redeeming)", () => {
  const facts = (overrides: Partial<EligibilityFacts> = {}): EligibilityFacts => ({ ...aMember(), programEnabled: true, activeCauseIds: ["c1"], ...overrides });

  it("GIVEN the program is off THEN no reward is available", () => {
    expect(rewardEligibility(aReward(), facts({ programEnabled: false }), NOW)).toMatchObject({ ok: false, code: "reward_unavailable" });
  });

  it("GIVEN a donation whose causes are all inactive THEN it is unavailable; with one active cause it is available", () => {
    const donation = aReward({ kind: "donation", config: { valueMinor: 100, causeIds: ["c2"] } });
    expect(rewardEligibility(donation, facts(), NOW)).toMatchObject({ ok: false, code: "reward_unavailable" });
    expect(rewardEligibility(donation, facts({ activeCauseIds: ["c1", "c2"] }), NOW)).toEqual({ ok: true });
    expect(rewardEligibility(aReward({ kind: "donation", config: { valueMinor: 100 } }), facts({ activeCauseIds: [] }), NOW).ok).toBe(false);
  });

  it("GIVEN any reward and member THEN it refines checkAvailability: never available where the reward's own rules refuse (property)", () => {
    const rewards = fc.record({
      enabled: fc.boolean(),
      perCustomerLimit: fc.option(fc.integer({ min: 1, max: 3 }), { nil: null }),
      minimumTier: fc.option(fc.constantFrom("Silver", "Gold"), { nil: null }),
      onlyNonBuyersOfCollectionId: fc.option(fc.constant("gid://shopify/Collection/1"), { nil: null }),
    });
    const members = fc.record({ redeemedCount: fc.nat({ max: 4 }), boughtFromTargetCollection: fc.boolean(), programEnabled: fc.boolean() });
    fc.assert(
      fc.property(rewards, members, (r, m) => {
        const reward = aReward(r);
        const verdict = rewardEligibility(reward, facts(m), NOW);
        const rule = checkAvailability(reward, facts(m), NOW);
        expect(verdict.ok).toBe(rule.ok && m.programEnabled);
      }),
    );
  });
});

describe("cost", () => {
  const steps = aReward({ kind: "points_for_amount", pointsCost: 100, config: { stepPoints: 100, stepValueMinor: 100, maxSteps: 5 } });

  it("GIVEN a fixed reward THEN it costs its points and is worth its value", () => {
    expect(redemptionCost(aReward())).toEqual({ ok: true, points: 500, valueMinor: 500 });
  });

  it("GIVEN points for amount THEN the shopper's points buy whole steps up to the maximum", () => {
    expect(redemptionCost(steps, 300)).toEqual({ ok: true, points: 300, valueMinor: 300 });
    expect(redemptionCost(steps)).toEqual({ ok: true, points: 100, valueMinor: 100 });
    expect(redemptionCost(steps, 250)).toMatchObject({ ok: false, code: "invalid_request" });
    expect(redemptionCost(steps, 600)).toMatchObject({ ok: false, code: "invalid_request" });
    expect(redemptionCost(steps, -100)).toMatchObject({ ok: false });
  });

  it("value is always steps × step value and never exceeds the maximum (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1000 }),
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: -10, max: 60 }),
        (stepPoints, stepValueMinor, maxSteps, n) => {
          const reward = aReward({ kind: "points_for_amount", pointsCost: stepPoints, config: { stepPoints, stepValueMinor, maxSteps } });
          const cost = redemptionCost(reward, n * stepPoints);
          if (n >= 1 && n <= maxSteps) expect(cost).toEqual({ ok: true, points: n * stepPoints, valueMinor: n * stepValueMinor });
          else expect(cost.ok).toBe(false);
        },
      ),
    );
  });
});

describe("codes", () => {
  it("GIVEN the merchant's prefix THEN codes are the prefix and 12 Crockford symbols", () => {
    const code = generateRewardCode("SHOP-", crypto.randomBytes);
    expect(code).toMatch(/^SHOP-[0-9A-HJKMNP-TV-Z]{12}$/);
  });

  it("every byte maps to the alphabet, uniformly (256 is a multiple of 32)", () => {
    const counts = new Map<string, number>();
    for (let b = 0; b < 256; b++) {
      const symbol = generateRewardCode("", () => new Uint8Array(12).fill(b))[0];
      counts.set(symbol, (counts.get(symbol) ?? 0) + 1);
    }
    expect([...counts.keys()].sort().join("")).toBe([...CROCKFORD].sort().join(""));
    expect(new Set(counts.values())).toEqual(new Set([8]));
  });

  it("10,000 codes from a secure source are all different", () => {
    const codes = new Set(Array.from({ length: 10_000 }, () => generateRewardCode("X", crypto.randomBytes)));
    expect(codes.size).toBe(10_000);
  });
});

describe("the redemption state machine", () => {
  const EVENTS: RedemptionEvent[] = ["issue", "use", "cancel", "expire", "fail"];

  it("GIVEN the documented life THEN reserved → issued → used | cancelled | expired, reserved → failed", () => {
    expect(nextRedemptionStatus("reserved", "issue")).toBe("issued");
    expect(nextRedemptionStatus("reserved", "fail")).toBe("failed");
    expect(nextRedemptionStatus("issued", "use")).toBe("used");
    expect(nextRedemptionStatus("issued", "cancel")).toBe("cancelled");
    expect(nextRedemptionStatus("issued", "expire")).toBe("expired");
    expect(nextRedemptionStatus("reserved", "cancel")).toBeNull();
    expect(nextRedemptionStatus("used", "cancel")).toBeNull();
  });

  it("points come back at most once along any sequence of events (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...EVENTS), { maxLength: 12 }), fc.boolean(), (events, returnPointsOnExpiry) => {
        let status: (typeof REDEMPTION_STATUSES)[number] = "reserved";
        let returns = 0;
        for (const event of events) {
          const next = nextRedemptionStatus(status, event);
          if (!next) continue;
          if (returnsPoints(event, { returnPointsOnExpiry })) returns++;
          status = next;
        }
        expect(returns).toBeLessThanOrEqual(1);
        if (status === "failed" || status === "cancelled") expect(returns).toBe(1);
        if (status === "used" && !events.includes("expire")) expect(returns).toBe(0);
      }),
    );
  });

  it("only unused discount codes can be cancelled by the shopper", () => {
    expect(isCancellable("amount_off", "issued")).toBe(true);
    expect(isCancellable("amount_off", "used")).toBe(false);
    expect(isCancellable("store_credit", "issued")).toBe(false);
    expect(isCancellable("donation", "issued")).toBe(false);
  });

  it("refund policy: staff may return the points of a used code once; nothing is returned automatically", () => {
    expect(staffMayReturnPoints("used", false)).toBe(true);
    expect(staffMayReturnPoints("used", true)).toBe(false);
    expect(staffMayReturnPoints("cancelled", false)).toBe(false);
    expect(returnsPoints("use", { returnPointsOnExpiry: true })).toBe(false);
  });
});

describe("donations", () => {
  it("GIVEN a 50% match and a payout THEN owed = donated + match − paid", () => {
    expect(donationOwed(1000, 50, 300)).toEqual({ donatedMinor: 1000, matchedMinor: 500, paidMinor: 300, owedMinor: 1200 });
    expect(donationOwed(1000, 0, 2000).owedMinor).toBe(0);
  });
});
