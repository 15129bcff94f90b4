// Rewards: what the merchant offers for points, who may redeem them, what they cost, the codes they
// become and the life of a redemption. Pure: no database, no Shopify; randomness is passed in.
import { z } from "zod";
import { rewardTranslationsSchema } from "~/rewards/translations";

export const REWARD_KINDS = [
  "amount_off",
  "percent_off",
  "free_shipping",
  "free_product",
  "points_for_amount",
  "store_credit",
  "donation",
  "experience",
] as const;
export type RewardKind = (typeof REWARD_KINDS)[number];

/** Names merchants and shoppers see for each kind. */
const minor = (max = 100_000_000) => z.coerce.number({ invalid_type_error: "Enter a whole number" }).int("Enter a whole number").min(1).max(max);
const gid = (type: string) =>
  z
    .string()
    .trim()
    .regex(new RegExp(`^gid://shopify/${type}/\\d+$`), `Enter a ${type} ID such as gid://shopify/${type}/123`);

/** Settings every discount-code reward has: whether an unused code that expires gives its points back. */
const codeOptions = { returnPointsOnExpiry: z.boolean().optional() };

/** The settings of each reward kind (money in minor units of the shop's currency). */
export const rewardConfigSchemas = {
  amount_off: z.object({ valueMinor: minor(), minimumSubtotalMinor: minor().optional(), ...codeOptions }),
  percent_off: z.object({
    ...codeOptions,
    percent: z.coerce.number().int("Enter a whole percentage").min(1).max(100),
    collectionId: gid("Collection").optional(),
    /** Shown to shoppers; Shopify code discounts cannot cap a percentage, so keep percentages modest. */
    capMinor: minor().optional(),
  }),
  free_shipping: z.object({
    ...codeOptions,
    countries: z
      .array(z.string().regex(/^[A-Z]{2}$/, "Use two-letter country codes"))
      .max(250)
      .optional(),
    maxShippingRateMinor: minor().optional(),
  }),
  free_product: z.object({
    ...codeOptions,
    variantId: gid("ProductVariant"),
    /** The variant's price when configured: one unit of it is taken off the order. */
    valueMinor: minor(),
  }),
  points_for_amount: z.object({
    ...codeOptions,
    stepPoints: minor(1_000_000),
    stepValueMinor: minor(),
    maxSteps: z.coerce.number().int().min(1).max(1000),
  }),
  store_credit: z.object({ valueMinor: minor() }),
  donation: z.object({ valueMinor: minor(), causeIds: z.array(z.string().min(1)).max(50).optional() }),
  /** Not a code: staff deliver it (a styling session, engraving). `stock`: how many can ever be redeemed. */
  experience: z.object({ stock: z.coerce.number({ invalid_type_error: "Enter a whole number" }).int("Enter a whole number").min(1).max(1_000_000).optional() }),
} satisfies Record<RewardKind, z.ZodTypeAny>;

export type RewardConfig<K extends RewardKind = RewardKind> = z.infer<(typeof rewardConfigSchemas)[K]>;

export const combinesWithSchema = z.object({
  orderDiscounts: z.boolean(),
  productDiscounts: z.boolean(),
  shippingDiscounts: z.boolean(),
});
export type CombinesWith = z.infer<typeof combinesWithSchema>;

/** A reward as the merchant saves it (admin form and server share it). */
export const rewardInputSchema = z
  .object({
    name: z.string().trim().min(1, "Give the reward a name").max(100),
    description: z.string().trim().max(500).optional().nullable(),
    /** Name and description for shoppers in other languages (blank: the base text). */
    translations: rewardTranslationsSchema.default({}),
    kind: z.enum(REWARD_KINDS),
    pointsCost: z.coerce.number({ invalid_type_error: "Enter a whole number" }).int("Enter a whole number").min(1, "At least 1 point").max(10_000_000),
    config: z.record(z.unknown()),
    enabled: z.boolean(),
    activeFrom: z.coerce.date().nullable().optional(),
    activeUntil: z.coerce.date().nullable().optional(),
    perCustomerLimit: z.coerce.number().int().min(1).max(1000).nullable().optional(),
    combinesWith: combinesWithSchema,
    codeValidityDays: z.coerce.number().int("Enter a whole number of days").min(1).max(3650),
    minimumTier: z.string().trim().max(60).nullable().optional(),
    onlyNonBuyersOfCollectionId: gid("Collection").nullable().optional(),
  })
  .superRefine((value, ctx) => {
    const parsed = rewardConfigSchemas[value.kind].safeParse(value.config);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) ctx.addIssue({ ...issue, path: ["config", ...issue.path] });
    } else {
      value.config = parsed.data;
    }
    if (value.activeFrom && value.activeUntil && value.activeUntil <= value.activeFrom) {
      ctx.addIssue({ code: "custom", path: ["activeUntil"], message: "Must be after the start" });
    }
    if (value.kind === "points_for_amount") {
      const config = value.config as RewardConfig<"points_for_amount">;
      if (parsed.success && config.stepPoints !== value.pointsCost) {
        ctx.addIssue({ code: "custom", path: ["pointsCost"], message: "For points for amount, the cost is the points per step" });
      }
    }
  });
export type RewardInput = z.infer<typeof rewardInputSchema>;

/** What availability and cost need to know about a reward. */
export type RewardRule = {
  kind: RewardKind;
  pointsCost: number;
  config: unknown;
  enabled: boolean;
  archivedAt?: Date | null;
  activeFrom: Date | null;
  activeUntil: Date | null;
  perCustomerLimit: number | null;
  minimumTier: string | null;
  onlyNonBuyersOfCollectionId: string | null;
};

/** Parses a stored reward's config for its kind (throws on a corrupt row). */
export function readRewardConfig<K extends RewardKind>(kind: K, config: unknown): RewardConfig<K> {
  return rewardConfigSchemas[kind].parse(config) as RewardConfig<K>;
}

/** Why a reward cannot be redeemed now: a code for the shopper's message, and the detail for logs and the admin. */
export type Unavailable =
  | { ok: false; code: "reward_unavailable"; why: "disabled" | "not_started" | "ended" | "tier" | "targeting" | "program_inactive" | "no_cause" | "sold_out" }
  | { ok: false; code: "limit_reached"; limit: number };

export type MemberFacts = {
  /** Redemptions of this reward by the member that still count (not cancelled or failed). */
  redeemedCount: number;
  tier: string | null;
  /** Tier names from lowest to highest (empty until tiers exist). */
  tierOrder: readonly string[];
  /** Whether the member has bought from the reward's targeting collection. */
  boughtFromTargetCollection: boolean;
};

/** Whether a member may redeem a reward now, and why not. */
export function checkAvailability(reward: RewardRule, member: MemberFacts, now: Date): { ok: true } | Unavailable {
  const unavailable = (why: Extract<Unavailable, { code: "reward_unavailable" }>["why"]): Unavailable => ({ ok: false, code: "reward_unavailable", why });
  if (!reward.enabled || reward.archivedAt) return unavailable("disabled");
  if (reward.activeFrom && now < reward.activeFrom) return unavailable("not_started");
  if (reward.activeUntil && now >= reward.activeUntil) return unavailable("ended");
  if (reward.minimumTier) {
    const need = member.tierOrder.indexOf(reward.minimumTier);
    const have = member.tier ? member.tierOrder.indexOf(member.tier) : -1;
    if (need < 0 || have < need) return unavailable("tier");
  }
  if (reward.onlyNonBuyersOfCollectionId && member.boughtFromTargetCollection) return unavailable("targeting");
  if (reward.perCustomerLimit !== null && member.redeemedCount >= reward.perCustomerLimit) {
    return { ok: false, code: "limit_reached", limit: reward.perCustomerLimit };
  }
  return { ok: true };
}

/** Everything about the shop and the member that decides whether a reward may be redeemed now. */
export type EligibilityFacts = MemberFacts & {
  programEnabled: boolean;
  /** The shop's active donation causes (a donation with none of its causes active cannot be given). */
  activeCauseIds: readonly string[];
  /** Redemptions of the reward by anyone that hold its stock (not cancelled or failed). */
  claimedCount?: number;
};

/** The causes a donation reward may give to now: its own list (or every cause) among the active ones. */
export function donationCauseIds(config: unknown, activeCauseIds: readonly string[]): string[] {
  const allowed = ((config as { causeIds?: string[] } | null)?.causeIds ?? []).filter(Boolean);
  return activeCauseIds.filter((id) => !allowed.length || allowed.includes(id));
}

/**
 * Whether a member may redeem a reward now. The storefront listing (`available`) and redeeming both call this
 * one rule with facts read the same way, so a reward listed as available is never refused for eligibility.
 */
export function rewardEligibility(reward: RewardRule, facts: EligibilityFacts, now: Date): { ok: true } | Unavailable {
  if (!facts.programEnabled) return { ok: false, code: "reward_unavailable", why: "program_inactive" };
  const rule = checkAvailability(reward, facts, now);
  if (!rule.ok) return rule;
  if (reward.kind === "donation" && !donationCauseIds(reward.config, facts.activeCauseIds).length) {
    return { ok: false, code: "reward_unavailable", why: "no_cause" };
  }
  const stock = reward.kind === "experience" ? (reward.config as { stock?: number } | null)?.stock : undefined;
  if (stock !== undefined && (facts.claimedCount ?? 0) >= stock) return { ok: false, code: "reward_unavailable", why: "sold_out" };
  return { ok: true };
}

export type Cost =
  { ok: true; points: number; valueMinor: number | null } | { ok: false; code: "invalid_request"; field: "points"; stepPoints: number; maxPoints: number };

/**
 * What a redemption costs and is worth. Fixed rewards cost `pointsCost`; points-for-amount takes the points the
 * shopper chose (a whole number of steps, at most `maxSteps`; none given means one step).
 */
export function redemptionCost(reward: Pick<RewardRule, "kind" | "pointsCost" | "config">, requestedPoints?: number | null): Cost {
  if (reward.kind === "points_for_amount") {
    const config = readRewardConfig("points_for_amount", reward.config);
    const points = requestedPoints ?? config.stepPoints;
    const refused = {
      ok: false,
      code: "invalid_request",
      field: "points",
      stepPoints: config.stepPoints,
      maxPoints: config.maxSteps * config.stepPoints,
    } as const;
    if (!Number.isSafeInteger(points) || points <= 0 || points % config.stepPoints !== 0) {
      return refused;
    }
    const steps = points / config.stepPoints;
    if (steps > config.maxSteps) return refused;
    return { ok: true, points, valueMinor: steps * config.stepValueMinor };
  }
  const config = reward.config as Partial<{ valueMinor: number }>;
  return { ok: true, points: reward.pointsCost, valueMinor: typeof config?.valueMinor === "number" ? config.valueMinor : null };
}

/** Crockford's base32 alphabet: no I, L, O or U, so codes survive being read aloud or retyped. */
export const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** Random part length: 12 symbols = 60 bits, far beyond guessing and collisions within a shop. */
export const CODE_RANDOM_LENGTH = 12;

/**
 * A new discount code: the merchant's readable prefix then 12 unbiased random Crockford symbols.
 * `randomBytes` must be cryptographically secure in production (node:crypto's randomBytes).
 */
export function generateRewardCode(prefix: string, randomBytes: (n: number) => Uint8Array): string {
  const bytes = randomBytes(CODE_RANDOM_LENGTH);
  let out = "";
  // 256 is a multiple of 32, so taking the low 5 bits of each byte is unbiased.
  for (const byte of bytes.slice(0, CODE_RANDOM_LENGTH)) out += CROCKFORD[byte & 31];
  const cleanPrefix = prefix.toUpperCase().replace(/[^A-Z0-9-]/g, "");
  return `${cleanPrefix}${out}`;
}

export const REDEMPTION_STATUSES = ["reserved", "issued", "used", "cancelled", "expired", "failed"] as const;
export type RedemptionStatus = (typeof REDEMPTION_STATUSES)[number];

export type RedemptionEvent = "issue" | "use" | "cancel" | "expire" | "fail";

const TRANSITIONS: Record<RedemptionStatus, Partial<Record<RedemptionEvent, RedemptionStatus>>> = {
  reserved: { issue: "issued", fail: "failed" },
  issued: { use: "used", cancel: "cancelled", expire: "expired" },
  used: {},
  cancelled: {},
  expired: { use: "used" },
  failed: {},
};

/** The status a redemption moves to on an event, or null when the event does not apply in that status. */
export function nextRedemptionStatus(status: RedemptionStatus, event: RedemptionEvent): RedemptionStatus | null {
  return TRANSITIONS[status]?.[event] ?? null;
}

/** Whether a transition gives the shopper their points back (expiry only when the merchant chose so for the reward). */
export function returnsPoints(event: RedemptionEvent, options: { returnPointsOnExpiry: boolean }): boolean {
  if (event === "cancel" || event === "fail") return true;
  if (event === "expire") return options.returnPointsOnExpiry;
  return false;
}

/** Which kinds become a discount code, a store credit, or nothing in Shopify. */
export function fulfilment(kind: RewardKind): "discount_code" | "store_credit" | "donation" | "experience" {
  if (kind === "store_credit") return "store_credit";
  if (kind === "experience") return "experience";
  if (kind === "donation") return "donation";
  return "discount_code";
}

/** Whether a shopper may cancel a redemption from the widget: unused discount codes only. */
export function isCancellable(kind: RewardKind, status: RedemptionStatus): boolean {
  return fulfilment(kind) === "discount_code" && nextRedemptionStatus(status, "cancel") !== null;
}

/**
 * Whether staff may return a redemption's points by hand (used or expired codes whose points are still spent).
 * Refunding an order that used a reward code never returns them automatically (the discount was consumed).
 */
export function staffMayReturnPoints(status: RedemptionStatus, pointsAlreadyReturned: boolean): boolean {
  return !pointsAlreadyReturned && (status === "used" || status === "expired");
}

/** When a redemption's code or credit stops being valid. */
export function redemptionExpiry(issuedFrom: Date, codeValidityDays: number): Date {
  return new Date(issuedFrom.getTime() + codeValidityDays * 86_400_000);
}

/** Donation money owed to a cause: what members gave plus the merchant's match, minus what was paid. */
export function donationOwed(donatedMinor: number, matchPercent: number, paidMinor: number) {
  const matchedMinor = Math.floor((donatedMinor * Math.max(0, matchPercent)) / 100);
  return { donatedMinor, matchedMinor, paidMinor, owedMinor: Math.max(0, donatedMinor + matchedMinor - paidMinor) };
}

/** What a reward's code asks of the order: a minimum subtotal (minor units) and the collection it applies to. */
export type RewardConditions = { minimumSubtotalMinor: number | null; collectionId: string | null; collectionTitle: string | null };

/** The conditions a shopper should read before redeeming (none for kinds that are not order discounts). */
export function rewardConditions(kind: RewardKind, config: unknown): RewardConditions {
  const c = (config ?? {}) as { minimumSubtotalMinor?: unknown; collectionId?: unknown; collectionTitle?: unknown };
  const minimum = kind === "amount_off" && typeof c.minimumSubtotalMinor === "number" && c.minimumSubtotalMinor > 0 ? c.minimumSubtotalMinor : null;
  const collectionId = kind === "percent_off" && typeof c.collectionId === "string" ? c.collectionId : null;
  return { minimumSubtotalMinor: minimum, collectionId, collectionTitle: collectionId && typeof c.collectionTitle === "string" ? c.collectionTitle : null };
}

/** The shopper's cart as the widget reads it: its subtotal in minor units and whether it holds the reward's collection. */
export type CartFacts = { subtotalMinor: number; hasCollectionProduct: (collectionId: string) => boolean };

export type CartQualification =
  { qualifies: true } | { qualifies: false; reason: "minimum_order"; shortMinor: number } | { qualifies: false; reason: "collection" };

/** Whether a reward's code would apply to this cart, and if not, why: what the shopper is told before redeeming. */
export function cartQualification(conditions: RewardConditions, cart: CartFacts): CartQualification {
  if (conditions.minimumSubtotalMinor !== null && cart.subtotalMinor < conditions.minimumSubtotalMinor) {
    return { qualifies: false, reason: "minimum_order", shortMinor: conditions.minimumSubtotalMinor - cart.subtotalMinor };
  }
  if (conditions.collectionId !== null && !cart.hasCollectionProduct(conditions.collectionId)) return { qualifies: false, reason: "collection" };
  return { qualifies: true };
}
