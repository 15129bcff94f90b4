// The member API contract: the JSON the app proxy answers (/proxy/member, /rewards, /redeem, /redemptions,
// /program), as zod schemas with their types. The storefront widget imports the types (type-only, so none of
// this ships to the storefront); customer accounts and POS will read the same shapes. No server-only imports.
import { z } from "zod";
import { ENTRY_KINDS } from "~/ledger/ledger";
import { AWARD_TIMINGS } from "~/program/program";
import { REDEMPTION_STATUSES, REWARD_KINDS } from "~/rewards/rewards";
import { ACTION_KINDS, ACTION_LIMITS, CHALLENGE_GOALS } from "~/actions/actions";

const isoDate = z.string().datetime({ offset: true });
const points = z.number().int();

/** Every error answer: a code for programs, a message in the shopper's language for people. */
export const errorBodySchema = z.object({ error: z.object({ code: z.string(), message: z.string() }).passthrough() });
export type ErrorBody = z.infer<typeof errorBodySchema>;

export const publicProgramSchema = z.object({
  name: z.string(),
  enabled: z.boolean(),
  currency: z.string(),
  earning: z.object({ pointsPerUnit: z.number(), minimumOrderMinor: z.number().int(), awardOn: z.enum(AWARD_TIMINGS), pendingDays: z.number().int() }),
});
export type PublicProgram = z.infer<typeof publicProgramSchema>;

/** One way to earn beyond purchases, as every shopper sees it (GET /proxy/program `actions[]`). */
export const publicActionSchema = z.object({
  id: z.string(),
  kind: z.enum(ACTION_KINDS),
  /** The merchant's name for it; the widget words the kind in the shopper's language. */
  title: z.string(),
  points,
  /** once, day, week, month, year: one award per window in the shop's time zone. */
  limit: z.enum(ACTION_LIMITS),
  startsAt: isoDate.nullable(),
  endsAt: isoDate.nullable(),
  /** Social actions: the networks (follow: with the page to follow), each rewarded on its own. */
  networks: z.array(z.object({ network: z.string(), url: z.string().nullable() })).optional(),
  /** Surveys: the questions, with options when the answer is a choice. */
  questions: z.array(z.object({ key: z.string(), label: z.string(), options: z.array(z.string()).nullable() })).optional(),
  /** Challenges: what to do (orders, distinct collections, or minor units spent) and in how many days. */
  challenge: z.object({ goal: z.enum(CHALLENGE_GOALS), target: z.number().int(), withinDays: z.number().int().nullable() }).optional(),
  /** Polls: the question and its options. */
  poll: z.object({ question: z.string(), options: z.array(z.object({ id: z.string(), label: z.string() })), minimumTier: z.string().nullable() }).optional(),
});
export type PublicAction = z.infer<typeof publicActionSchema>;

const tierMeasure = z.enum(["spend", "points", "orders"]);

/** One perk of a tier: its multiplier, birthday bonus, or a reward reserved for it (free shipping among them). */
export const tierPerkSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("multiplier"), multiplier: z.number() }),
  z.object({ kind: z.literal("birthday_bonus"), points }),
  z.object({ kind: z.literal("free_shipping"), rewardId: z.string(), rewardName: z.string() }),
  z.object({ kind: z.literal("exclusive_reward"), rewardId: z.string(), rewardName: z.string() }),
]);

/** One tier of GET /proxy/program, lowest first. `threshold` is minor units for spend. */
export const publicTierSchema = z.object({
  id: z.string(),
  name: z.string(),
  handle: z.string(),
  measure: tierMeasure,
  threshold: z.number().int(),
  multiplier: z.number(),
  perks: z.array(tierPerkSchema),
});
export type PublicTier = z.infer<typeof publicTierSchema>;

/** What a referred friend gets: an amount off (minor units of the shop's currency) or a percentage off. */
export const friendRewardSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("amount_off"), valueMinor: z.number().int() }),
  z.object({ kind: z.literal("percent_off"), percent: z.number().int() }),
]);

/** The referral program's public part: null while referrals are off. */
export const referralProgramSchema = z.object({ referrerPoints: points, friendReward: friendRewardSchema });

/** GET /proxy/program: the public description plus the widget's look, the tiers and the ways to earn. */
export const programResponseSchema = publicProgramSchema.extend({
  launcherLabel: z.string(),
  primaryColor: z.string(),
  tiers: z.array(publicTierSchema),
  actions: z.array(publicActionSchema),
  referral: referralProgramSchema.nullable(),
});
export type ProgramResponse = z.infer<typeof programResponseSchema>;

export const historyItemSchema = z.object({
  id: z.string(),
  type: z.enum(ENTRY_KINDS),
  points,
  pendingPoints: points,
  /** Text for the shopper, in the requested locale. */
  reason: z.string(),
  source: z.string(),
  orderId: z.string().nullable(),
  /** When the thing happened (an order's own time for order points). */
  createdAt: isoDate,
  /** When Loyalist recorded it. */
  recordedAt: isoDate,
});
export type HistoryItem = z.infer<typeof historyItemSchema>;

/** Where the member stands in the current qualifying period (`current` in minor units for spend) and the next tier up. */
export const tierProgressSchema = z.object({
  measure: tierMeasure,
  current: z.number(),
  next: z.object({ id: z.string(), name: z.string(), threshold: z.number() }).nullable(),
});
export type TierProgress = z.infer<typeof tierProgressSchema>;

export const tierSchema = z.object({
  id: z.string(),
  name: z.string(),
  multiplier: z.number(),
  progress: tierProgressSchema,
});
export type Tier = z.infer<typeof tierSchema>;

/** GET /proxy/member: a guest (no customer), a customer not yet enrolled, or a member with points. */
export const memberResponseSchema = z.object({
  customerId: z.string().nullable(),
  guest: z.boolean(),
  member: z.boolean(),
  balance: points.optional(),
  pending: points.optional(),
  lifetimeEarned: points.optional(),
  tier: tierSchema.nullable().optional(),
  /** Progress towards the next tier, also for a member without one yet; null when the shop has no tiers. */
  tierProgress: tierProgressSchema.nullable().optional(),
  expiring: z.array(z.object({ points, at: isoDate })).optional(),
  history: z.array(historyItemSchema).optional(),
  /** What the balance is worth in minor units of the shop's currency (the program's point value); null when unknown. */
  balanceValueMinor: z.number().int().nullable().optional(),
  program: publicProgramSchema,
});
export type MemberResponse = z.infer<typeof memberResponseSchema>;

/** One entry of GET /proxy/rewards. */
export const storefrontRewardSchema = z.object({
  id: z.string(),
  /** In the shopper's locale when the merchant translated it. */
  name: z.string(),
  description: z.string().nullable(),
  kind: z.enum(REWARD_KINDS),
  pointsCost: points,
  valueMinor: z.number().int().nullable(),
  currency: z.string(),
  affordable: z.boolean(),
  available: z.boolean(),
  /** An error code (`reward_unavailable`, `limit_reached`) when not available. */
  unavailableReason: z.string().nullable(),
  expiresInDays: z.number().int().nullable(),
  steps: z.object({ stepPoints: points, stepValueMinor: z.number().int(), maxSteps: z.number().int() }).optional(),
  percent: z.number().optional(),
  causes: z.array(z.object({ id: z.string(), name: z.string(), description: z.string().nullable() })).optional(),
  /** What the code asks of the order, for the shopper to read before redeeming. */
  conditions: z
    .object({ minimumSubtotalMinor: z.number().int().nullable(), collectionId: z.string().nullable(), collectionTitle: z.string().nullable() })
    .optional(),
  /** With `?cartSubtotal=&cartProducts=`: whether the code would apply to that cart, and why not. */
  // A plain union: zod's discriminatedUnion refuses two branches with the same `qualifies: false`.
  cart: z
    .union([
      z.object({ qualifies: z.literal(true) }),
      z.object({ qualifies: z.literal(false), reason: z.literal("minimum_order"), shortMinor: z.number().int() }),
      z.object({ qualifies: z.literal(false), reason: z.literal("collection") }),
    ])
    .optional(),
});
export type StorefrontReward = z.infer<typeof storefrontRewardSchema>;
export const rewardsResponseSchema = z.array(storefrontRewardSchema);

/** One entry of GET /proxy/redemptions (and the redemption of a cancel answer). */
export const redemptionSchema = z.object({
  id: z.string(),
  rewardId: z.string(),
  rewardName: z.string(),
  kind: z.enum(REWARD_KINDS),
  status: z.enum(REDEMPTION_STATUSES),
  code: z.string().nullable(),
  points,
  valueMinor: z.number().int().nullable(),
  currency: z.string(),
  cause: z.object({ id: z.string(), name: z.string() }).nullable(),
  expiresAt: isoDate.nullable(),
  createdAt: isoDate,
  issuedAt: isoDate.nullable(),
  usedAt: isoDate.nullable(),
  cancelledAt: isoDate.nullable(),
  cancellable: z.boolean(),
});
export type RedemptionItem = z.infer<typeof redemptionSchema>;
export const redemptionsResponseSchema = z.array(redemptionSchema);

/** POST /proxy/redeem: 201 issued, 202 while the reward is still being created in Shopify. */
export const redeemResponseSchema = z.object({
  redemptionId: z.string(),
  code: z.string().nullable(),
  points,
  balance: points,
  status: z.enum(REDEMPTION_STATUSES),
  expiresAt: isoDate.nullable(),
  reward: z.object({ id: z.string(), name: z.string(), kind: z.enum(REWARD_KINDS), valueMinor: z.number().int().nullable(), currency: z.string() }),
  cause: z.object({ id: z.string(), name: z.string() }).nullable(),
});
export type RedeemResponse = z.infer<typeof redeemResponseSchema>;

/** POST /proxy/redemptions/<id>/cancel. */
export const cancelResponseSchema = z.object({ redemption: redemptionSchema, pointsReturned: points, balance: points });
export type CancelResponse = z.infer<typeof cancelResponseSchema>;

/** One action of GET /proxy/actions: the public action plus the shopper's state in it. */
export const memberActionSchema = publicActionSchema.extend({
  state: z.enum(["done", "available", "unavailable"]),
  /** Social actions: networks already rewarded in the current window. */
  networksDone: z.array(z.string()),
  /** Challenges: progress from the shopper's orders, by order time. */
  progress: z.object({ current: z.number().int(), target: z.number().int() }).nullable(),
});
export type MemberAction = z.infer<typeof memberActionSchema>;

/** GET /proxy/actions: the active ways to earn with the shopper's state (guests: all available, no birthday). */
export const memberActionsResponseSchema = z.object({
  actions: z.array(memberActionSchema),
  birthday: z.string().nullable(),
  birthdayChangesLeft: z.number().int().nullable(),
});
export type MemberActionsResponse = z.infer<typeof memberActionsResponseSchema>;

/** POST /proxy/actions/<id>: 201 when points were awarded (200 with 0 points when a birthday was only stored). */
export const actionAwardResponseSchema = z.object({ points, balance: points });
export type ActionAwardResponse = z.infer<typeof actionAwardResponseSchema>;
// --- surfaces: customer accounts, thank-you / order status, POS (app/routes/api.*) ---

/** The reward a member is closest to: pointsNeeded 0 when the balance already pays for it. */
export const nudgeSchema = z.object({ rewardId: z.string(), name: z.string(), pointsCost: points, pointsNeeded: points });
export type NudgeItem = z.infer<typeof nudgeSchema>;

/**
 * GET /api/customer-account/orders/<order id> and /api/checkout/orders/<order id>: what this order earned the
 * signed-in customer (net of refunds; `recorded` false until Loyalist has seen the order), their balance and nudge.
 */
export const orderPointsResponseSchema = z.object({
  orderId: z.string(),
  recorded: z.boolean(),
  member: z.boolean(),
  points,
  pendingPoints: points,
  balance: points,
  nextReward: nudgeSchema.nullable(),
  /** The tier the member holds with this order counted, and the progress to the next; null when the shop has no tiers. */
  tier: z.object({ name: z.string().nullable(), progress: tierProgressSchema, currency: z.string() }).nullable(),
});
export type OrderPointsResponse = z.infer<typeof orderPointsResponseSchema>;

/** GET /api/pos/customers/<customer id>: the member view, the rewards staff can redeem for them, their codes. */
export const posCustomerResponseSchema = z.object({
  member: memberResponseSchema,
  rewards: rewardsResponseSchema,
  codes: redemptionsResponseSchema,
  nextReward: nudgeSchema.nullable(),
});
export type PosCustomerResponse = z.infer<typeof posCustomerResponseSchema>;

/** POST /api/pos/customers/<customer id>/adjustments: the staff adjustment posted and the new balance. */
export const posAdjustmentResponseSchema = z.object({ entryId: z.string(), balance: points, duplicate: z.boolean() });
export type PosAdjustmentResponse = z.infer<typeof posAdjustmentResponseSchema>;

/**
 * GET /api/pos/customers?email=: the shop's customer with that email, to attach to the sale, or null. POST answers
 * 201 with the customer it created (email null when staff gave only a phone number).
 */
export const posCustomerLookupSchema = z.object({
  customer: z
    .object({
      customerId: z.string(),
      email: z.string().nullable(),
      phone: z.string().nullable().optional(),
      firstName: z.string().nullable(),
      lastName: z.string().nullable(),
    })
    .nullable(),
});
export type PosCustomerLookup = z.infer<typeof posCustomerLookupSchema>;

/** A blank field is no field: POS text fields send "" when left empty. */
const optionalText = <T extends z.ZodTypeAny>(schema: T) => z.preprocess((v) => (typeof v === "string" && !v.trim() ? undefined : v), schema.optional());

/**
 * POST /api/pos/customers: the customer staff create at the counter. An email or a phone number is enough (a
 * customer without an email still earns); phones are E.164 once spaces, dashes and brackets are dropped.
 */
export const posCustomerCreateSchema = z
  .object({
    firstName: z.string().trim().min(1).max(255),
    lastName: optionalText(z.string().trim().max(255)),
    email: optionalText(z.string().trim().email().max(254)),
    phone: optionalText(
      z
        .string()
        .transform((v) => v.replace(/[\s().-]/g, ""))
        .pipe(z.string().regex(/^\+[1-9]\d{6,14}$/, "must be an international number, e.g. +358401234567")),
    ),
    /** The customer's language, for Shopify's customer locale. */
    locale: optionalText(z.string().trim().max(35)),
  })
  .strict()
  .refine((form) => Boolean(form.email || form.phone), { message: "an email or a phone number is required", path: ["email"] });
export type PosCustomerCreate = z.infer<typeof posCustomerCreateSchema>;
/** GET /proxy/referral: the signed-in member's own referral code and link. */
export const referralResponseSchema = z.object({ code: z.string(), url: z.string().url() });
export type ReferralResponse = z.infer<typeof referralResponseSchema>;

/** POST /proxy/referral/claim: 201 with the friend's single-use discount code. */
export const referralClaimResponseSchema = z.object({ discountCode: z.string() });
export type ReferralClaimResponse = z.infer<typeof referralClaimResponseSchema>;
