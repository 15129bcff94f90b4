// The pure tier rules: which tier a measure reaches, the qualifying windows, up at once and down only at a
// review after the grace period, progress, benefits, and the setup form.
import { describe, expect, it } from "vitest";
import {
  bonusPercentsFor,
  decideTier,
  entitledTier,
  findTier,
  handleFromName,
  meetsMinimumTier,
  monthsBefore,
  qualifyingWindows,
  readTierRules,
  tierBenefitsOf,
  tierProgress,
  type TierRules,
} from "~/tiers/tiers";
import { parseMultiplier, parseTierForm, tierFormValues } from "~/tiers/tier-form";

const RULES: TierRules = {
  measure: "spend",
  period: "calendar_year",
  graceDays: 7,
  tiers: [
    { id: "gold", name: "Gold", handle: "gold", threshold: 50_000, multiplierPercent: 200, birthdayBonusPoints: 300 },
    { id: "silver", name: "Silver", handle: "silver", threshold: 20_000, multiplierPercent: 150, birthdayBonusPoints: 100 },
  ],
};
const at = (iso: string) => new Date(iso);
const none = { tierId: null, since: null, belowSince: null };

describe("entitledTier", () => {
  it("GIVEN tiers stored in any order THEN the highest threshold reached wins, across windows", () => {
    expect(entitledTier(RULES, [19_999])).toBeNull();
    expect(entitledTier(RULES, [20_000])?.id).toBe("silver");
    expect(entitledTier(RULES, [1_000, 60_000])?.id).toBe("gold");
  });
});

describe("qualifyingWindows", () => {
  it("GIVEN a calendar year THEN this year and last year (a tier is kept through the next year)", () => {
    expect(qualifyingWindows("calendar_year", at("2026-06-15T12:00:00Z"))).toEqual([
      { from: at("2026-01-01T00:00:00Z"), to: at("2026-06-15T12:00:00.001Z") },
      { from: at("2025-01-01T00:00:00Z"), to: at("2026-01-01T00:00:00Z") },
    ]);
  });
  it("GIVEN rolling 12 months THEN the 12 months up to now, by the calendar", () => {
    expect(qualifyingWindows("rolling_12_months", at("2024-02-29T00:00:00Z"))[0].from).toEqual(at("2023-02-28T00:00:00Z"));
    expect(monthsBefore(at("2026-12-01T10:00:00Z"), 12)).toEqual(at("2025-12-01T10:00:00Z"));
  });
  it("GIVEN lifetime THEN everything", () => {
    expect(qualifyingWindows("lifetime", at("2026-01-01T00:00:00Z"))[0].from).toBeNull();
  });
});

describe("decideTier", () => {
  const gold = RULES.tiers[0];
  const silver = RULES.tiers[1];
  const holdsGold = { tierId: "gold", since: at("2025-03-01T00:00:00Z"), belowSince: null };

  it("GIVEN an order crossing a threshold THEN up at once", () => {
    expect(decideTier(RULES, none, silver, at("2026-03-01T00:00:00Z"), "order")).toEqual({
      tierId: "silver",
      belowSince: null,
      change: { from: null, to: "silver", direction: "up" },
    });
  });
  it("GIVEN a member below their tier WHEN an order is evaluated THEN no demotion mid-period", () => {
    expect(decideTier(RULES, holdsGold, silver, at("2026-03-01T00:00:00Z"), "order").change).toBeNull();
  });
  it("GIVEN a calendar tier lapsed at New Year WHEN reviews run THEN it is kept for the grace period from 1 January, then lowered", () => {
    const first = decideTier(RULES, holdsGold, silver, at("2027-01-01T00:00:00Z"), "review");
    expect(first).toEqual({ tierId: "gold", belowSince: at("2027-01-01T00:00:00Z"), change: null });
    const stillGrace = decideTier(RULES, { ...holdsGold, belowSince: first.belowSince }, silver, at("2027-01-07T23:59:59Z"), "review");
    expect(stillGrace.change).toBeNull();
    const lowered = decideTier(RULES, { ...holdsGold, belowSince: first.belowSince }, silver, at("2027-01-08T00:00:00Z"), "review");
    expect(lowered.change).toEqual({ from: "gold", to: "silver", direction: "down" });
  });
  it("GIVEN a member back above their tier during the grace period THEN the grace clock is cleared", () => {
    expect(decideTier(RULES, { ...holdsGold, belowSince: at("2027-01-01T00:00:00Z") }, gold, at("2027-01-03T00:00:00Z"), "review")).toEqual({
      tierId: "gold",
      belowSince: null,
      change: null,
    });
  });
  it("GIVEN a confirmed rule change THEN down at once; GIVEN a tier the rules no longer have THEN the measure decides", () => {
    expect(decideTier(RULES, holdsGold, null, at("2026-03-01T00:00:00Z"), "immediate").change).toEqual({ from: "gold", to: null, direction: "down" });
    expect(decideTier(RULES, { ...holdsGold, tierId: "bronze" }, silver, at("2026-03-01T00:00:00Z"), "review").change).toEqual({
      from: "bronze",
      to: "silver",
      direction: "up",
    });
  });
});

describe("progress and benefits", () => {
  it("GIVEN Silver THEN progress names Gold; GIVEN Gold THEN no next tier", () => {
    expect(tierProgress(RULES, "silver", 32_000)).toEqual({ measure: "spend", current: 32_000, next: { id: "gold", name: "Gold", threshold: 50_000 } });
    expect(tierProgress(RULES, null, 0).next?.id).toBe("silver");
    expect(tierProgress(RULES, "gold", 70_000).next).toBeNull();
  });
  it("GIVEN a tier THEN its multiplier is the planner's bonus percent and its birthday bonus is readable", () => {
    expect(bonusPercentsFor(RULES, "gold")).toEqual([200]);
    expect(bonusPercentsFor(RULES, null)).toEqual([]);
    expect(tierBenefitsOf(RULES, "silver")).toEqual({ multiplierPercent: 150, birthdayBonusPoints: 100 });
  });
  it("GIVEN corrupt stored rules THEN no tiers", () => {
    expect(readTierRules({ measure: "vibes" }).tiers).toEqual([]);
    expect(readTierRules(RULES).tiers.map((t) => t.id)).toEqual(["silver", "gold"]);
  });
});

describe("the setup form", () => {
  it("GIVEN multipliers as merchants type them THEN exact percents", () => {
    expect([parseMultiplier("1"), parseMultiplier("1.5"), parseMultiplier("1.25"), parseMultiplier("2.05")]).toEqual([100, 150, 125, 205]);
    expect([parseMultiplier("1.255"), parseMultiplier("-1"), parseMultiplier("abc")]).toEqual([null, null, null]);
  });
  it("GIVEN a spend threshold in JPY or KWD THEN minor units with the currency's own digits", () => {
    const form = { measure: "spend", period: "lifetime", graceDays: "0", "tiers.0.name": "Gold VIP", "tiers.0.threshold": "12.345" };
    const kwd = parseTierForm(form, "KWD", () => "new1");
    expect(kwd).toMatchObject({ ok: true, rules: { tiers: [{ id: "new1", handle: "gold-vip", threshold: 12_345, multiplierPercent: 100 }] } });
    expect(parseTierForm({ ...form, "tiers.0.threshold": "1500" }, "JPY", () => "x")).toMatchObject({ ok: true, rules: { tiers: [{ threshold: 1500 }] } });
    expect(parseTierForm(form, "JPY", () => "x")).toMatchObject({ ok: false, fieldErrors: { "tiers.0.threshold": expect.any(String) } });
  });
  it("GIVEN stored rules THEN the form shows them and parses back to the same rules", () => {
    const values = tierFormValues(readTierRules(RULES), "USD");
    expect(values["tiers.0.threshold"]).toBe("200.00");
    expect(parseTierForm(values, "USD", () => "unused")).toEqual({ ok: true, rules: readTierRules(RULES) });
  });
  it("GIVEN names THEN handles for tags", () => {
    expect(handleFromName("Gold VIP")).toBe("gold-vip");
    expect(handleFromName("Très Chic!")).toBe("tres-chic");
    expect(handleFromName("金")).toBe("tier");
  });
});

describe("a minimum tier (polls)", () => {
  it("GIVEN a minimum named by id or handle THEN members at that rank or above meet it; an unknown minimum nobody meets", () => {
    expect(findTier(RULES, "GOLD")?.id).toBe("gold");
    expect(meetsMinimumTier(RULES, "gold", "silver")).toBe(true);
    expect(meetsMinimumTier(RULES, "silver", "silver")).toBe(true);
    expect(meetsMinimumTier(RULES, "silver", "gold")).toBe(false);
    expect(meetsMinimumTier(RULES, null, "silver")).toBe(false);
    expect(meetsMinimumTier(RULES, "gold", "platinum")).toBe(false);
  });
});

describe("a tier held by hand (Flow's Set loyalty tier)", () => {
  const held = { tierId: "gold", since: at("2026-03-01T00:00:00Z"), belowSince: null, heldUntil: at("2027-03-01T00:00:00Z") };
  it("GIVEN a held Gold with no spend WHEN reviewed before the hold ends THEN kept; after it ends and the grace THEN down", () => {
    expect(decideTier(RULES, held, null, at("2027-02-28T00:00:00Z"), "review").change).toBeNull();
    const firstAfter = decideTier(RULES, held, null, at("2027-03-02T00:00:00Z"), "review");
    expect(firstAfter.change).toBeNull();
    // The grace counts from the end of the hold.
    expect(firstAfter.belowSince).toEqual(at("2027-03-01T00:00:00Z"));
    const later = decideTier(RULES, { ...held, belowSince: firstAfter.belowSince }, null, at("2027-03-10T00:00:00Z"), "review");
    expect(later.change).toEqual({ from: "gold", to: null, direction: "down" });
  });
  it("GIVEN a held Silver WHEN spend reaches Gold THEN up at once", () => {
    expect(decideTier(RULES, { ...held, tierId: "silver" }, RULES.tiers[0], at("2026-04-01T00:00:00Z"), "order").change?.direction).toBe("up");
  });
});
