// VIP tiers' pure rules: the merchant's tier rules (one zod schema for the admin form and the server), which
// tier a measure reaches, the qualifying windows of each period, when a member moves up (at once) or down
// (only at a scheduled review, after the grace period), and what a member sees of their progress.
import { z } from "zod";

export const TIER_MEASURES = ["spend", "points", "orders"] as const;
export type TierMeasure = (typeof TIER_MEASURES)[number];
export const TIER_PERIODS = ["calendar_year", "rolling_12_months", "lifetime"] as const;
export type TierPeriod = (typeof TIER_PERIODS)[number];
export const MAX_TIERS = 6;

const handle = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "tiers.errors.handle");

export const tierSchema = z
  .object({
    id: z.string().min(1).max(40),
    name: z.string().trim().min(1).max(40),
    handle,
    /** Minor units for spend, points for points, a count for orders. Members reach the tier at this much. */
    threshold: z.number().int().min(0).max(1_000_000_000),
    /** Earning multiplier in percent (100 = 1x, 150 = 1.5x), applied to orders first seen while in the tier. */
    multiplierPercent: z.number().int().min(100).max(1000),
    /** Points of the birthday bonus for members of this tier (read by the birthday earning action). */
    birthdayBonusPoints: z.number().int().min(0).max(1_000_000),
  })
  .strict();
export type TierDefinition = z.infer<typeof tierSchema>;

export const tierRulesSchema = z
  .object({
    measure: z.enum(TIER_MEASURES),
    period: z.enum(TIER_PERIODS),
    /** Days a member keeps a tier after a review first finds them below it. */
    graceDays: z.number().int().min(0).max(365),
    tiers: z.array(tierSchema).max(MAX_TIERS),
  })
  .strict()
  .superRefine((rules, ctx) => {
    const unique = (key: "id" | "handle" | "name" | "threshold") => {
      const seen = new Set<string>();
      rules.tiers.forEach((tier, index) => {
        const value = String(key === "name" ? tier.name.toLowerCase() : tier[key]);
        if (seen.has(value))
          ctx.addIssue({ code: "custom", path: ["tiers", index, key], message: `tiers.errors.duplicate${key[0].toUpperCase()}${key.slice(1)}` });
        seen.add(value);
      });
    };
    unique("id");
    unique("handle");
    unique("name");
    unique("threshold");
  });
export type TierRules = z.infer<typeof tierRulesSchema>;

export const NO_TIERS: TierRules = { measure: "spend", period: "calendar_year", graceDays: 0, tiers: [] };

/** Reads stored rules; anything unreadable is no tiers (a corrupt row never gives tiers nobody defined). */
export function readTierRules(stored: unknown): TierRules {
  const parsed = tierRulesSchema.safeParse(stored);
  return parsed.success ? { ...parsed.data, tiers: sortedTiers(parsed.data.tiers) } : NO_TIERS;
}

/** Tiers lowest first (by threshold). */
export function sortedTiers(tiers: readonly TierDefinition[]): TierDefinition[] {
  return [...tiers].sort((a, b) => a.threshold - b.threshold);
}

/** A tier's rank: 1 for the lowest, 0 for no tier (customer segments filter on it). */
export function rankOf(rules: TierRules, tierId: string | null): number {
  if (!tierId) return 0;
  return sortedTiers(rules.tiers).findIndex((t) => t.id === tierId) + 1;
}

/** The tier a stored reference names (its id, or its handle, case aside), or null when the rules have none such. */
export function findTier(rules: TierRules, reference: string): TierDefinition | null {
  const wanted = reference.trim().toLowerCase();
  return rules.tiers.find((t) => t.id === reference) ?? rules.tiers.find((t) => t.handle === wanted) ?? null;
}

/**
 * Whether a member holding `heldTierId` meets a minimum tier (named by id or handle): held at that rank or above.
 * A minimum the rules do not have is met by nobody, as a reward's minimum tier is.
 */
export function meetsMinimumTier(rules: TierRules, heldTierId: string | null, minimum: string): boolean {
  const needed = findTier(rules, minimum);
  if (!needed) return false;
  return rankOf(rules, heldTierId) >= rankOf(rules, needed.id);
}

/** The highest tier a measure reaches, or null. */
export function tierForMeasure(rules: TierRules, measure: number): TierDefinition | null {
  let reached: TierDefinition | null = null;
  for (const tier of sortedTiers(rules.tiers)) if (measure >= tier.threshold) reached = tier;
  return reached;
}

/** A half-open window [from, to) of order time that qualifies for a tier. `from` null: since the beginning. */
export type Window = { from: Date | null; to: Date };

const startOfUtcYear = (year: number) => new Date(Date.UTC(year, 0, 1));

/** 12 months before `at`, by the calendar (29 February falls back to 28 February). */
export function monthsBefore(at: Date, months: number): Date {
  const d = new Date(at.getTime());
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - months);
  const lastDay = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, lastDay));
  return d;
}

/**
 * The windows whose measure can hold a tier at `now`: a calendar year's tier is kept through the next year, so
 * this year and last year (UTC); rolling: the 12 months up to now; lifetime: everything. The member holds the
 * best tier any window reaches.
 */
export function qualifyingWindows(period: TierPeriod, now: Date): Window[] {
  const to = new Date(now.getTime() + 1);
  switch (period) {
    case "calendar_year": {
      const year = now.getUTCFullYear();
      return [
        { from: startOfUtcYear(year), to },
        { from: startOfUtcYear(year - 1), to: startOfUtcYear(year) },
      ];
    }
    case "rolling_12_months":
      return [{ from: monthsBefore(now, 12), to }];
    case "lifetime":
      return [{ from: null, to }];
  }
}

/** The window the member's progress is shown for (the one their next tier must be reached in). */
export function progressWindow(period: TierPeriod, now: Date): Window {
  return qualifyingWindows(period, now)[0];
}

/** The tier the member's measures (one per qualifying window, same order) entitle them to. */
export function entitledTier(rules: TierRules, measures: readonly number[]): TierDefinition | null {
  let best: TierDefinition | null = null;
  for (const measure of measures) {
    const tier = tierForMeasure(rules, measure);
    if (tier && (!best || tier.threshold > best.threshold)) best = tier;
  }
  return best;
}

export type MemberTierState = {
  tierId: string | null;
  since: Date | null;
  belowSince: Date | null;
  /** A tier set by hand (Flow's "Set loyalty tier") is not moved down before this. */
  heldUntil?: Date | null;
};

export type TierDecision = {
  tierId: string | null;
  belowSince: Date | null;
  /** null: no change of tier. */
  change: { from: string | null; to: string | null; direction: "up" | "down" } | null;
};

const DAY_MS = 86_400_000;

/**
 * What a member's tier becomes. Up: at once, whenever it is evaluated. Down: only when `review` says this is a
 * scheduled review (or a confirmed rule change, `immediate`), and only once the member has been below their tier
 * for the grace period (the grace clock starts at the first review that finds them below; a calendar-year tier
 * lapses at the start of the year, so its clock starts there). A tier held by hand (`heldUntil`) is not moved down
 * before its hold ends, unless the rules no longer have it; its grace starts when the hold ends.
 */
export function decideTier(
  rules: TierRules,
  state: MemberTierState,
  entitled: TierDefinition | null,
  now: Date,
  mode: "order" | "review" | "immediate",
): TierDecision {
  const currentRank = rankOf(rules, state.tierId);
  const target = entitled?.id ?? null;
  const entitledRank = rankOf(rules, target);
  const move = (direction: "up" | "down"): TierDecision => ({ tierId: target, belowSince: null, change: { from: state.tierId, to: target, direction } });
  if (entitledRank > currentRank) return move("up");
  // A tier the rules no longer have (a confirmed rule change removed it) counts as none.
  const removed = state.tierId !== null && currentRank === 0;
  if (entitledRank === currentRank && !removed) return { tierId: state.tierId, belowSince: null, change: null };
  if (mode === "order") return { tierId: state.tierId, belowSince: state.belowSince, change: null };
  if (!removed && state.heldUntil && now.getTime() < state.heldUntil.getTime()) return { tierId: state.tierId, belowSince: null, change: null };
  if (mode === "immediate" || removed) return move("down");
  const lapsedAt = laterOf(rules.period === "calendar_year" ? laterOf(startOfUtcYear(now.getUTCFullYear()), state.since) : now, state.heldUntil ?? null);
  const belowSince = state.belowSince ?? lapsedAt;
  if (now.getTime() < belowSince.getTime() + rules.graceDays * DAY_MS) return { tierId: state.tierId, belowSince, change: null };
  return move("down");
}

const laterOf = (a: Date, b: Date | null) => (b && b > a ? b : a);

export type TierProgress = { measure: TierMeasure; current: number; next: { id: string; name: string; threshold: number } | null };

/** How far the member is in the progress window, and the next tier above the one they hold. */
export function tierProgress(rules: TierRules, tierId: string | null, current: number): TierProgress {
  const rank = rankOf(rules, tierId);
  const next = sortedTiers(rules.tiers).find((_tier, index) => index + 1 > rank) ?? null;
  return { measure: rules.measure, current, next: next ? { id: next.id, name: next.name, threshold: next.threshold } : null };
}

/** What a tier gives, for the earning actions (birthday bonus) and the storefront. */
export type TierBenefits = { multiplierPercent: number; birthdayBonusPoints: number };

/** The benefits of a member's tier (none: 1x, no birthday bonus from tiers). */
export function tierBenefitsOf(rules: TierRules, tierId: string | null): TierBenefits | null {
  const tier = rules.tiers.find((t) => t.id === tierId);
  return tier ? { multiplierPercent: tier.multiplierPercent, birthdayBonusPoints: tier.birthdayBonusPoints } : null;
}

/** The earning planner's multiplier hook: bonus percents for an order first seen while the member holds the tier. */
export function bonusPercentsFor(rules: TierRules, tierId: string | null): number[] {
  const benefits = tierBenefitsOf(rules, tierId);
  return benefits && benefits.multiplierPercent !== 100 ? [benefits.multiplierPercent] : [];
}

/** A handle from a tier name ("Gold VIP" → "gold-vip"), for tags `loyalist-tier-<handle>`. */
export function handleFromName(name: string): string {
  const slug = name
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40)
    .replace(/-+$/g, "");
  return slug || "tier";
}
