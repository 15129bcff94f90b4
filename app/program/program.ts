// The loyalty program's settings: one zod schema, shared by the admin form (field errors) and the server (truth).
import { z } from "zod";
import { DEFAULT_EXPIRY, expirySettingsSchema } from "~/expiry/expiry";

export const AWARD_TIMINGS = ["paid", "fulfilled"] as const;
export const CLAWBACK_POLICIES = ["floor_and_forgive", "recover_from_future_earnings"] as const;
export const EARNING_BASES = ["subtotal_after_discounts"] as const;

export const earningRuleSchema = z.object({
  /** Points per whole unit of the shop's currency. */
  pointsPerUnit: z.coerce.number().int().min(0).max(1000),
  base: z.enum(EARNING_BASES),
  /** Orders whose eligible subtotal is below this (minor units) earn nothing. */
  minimumOrderMinor: z.coerce.number().int().min(0).max(100_000_000),
  awardOn: z.enum(AWARD_TIMINGS),
  /** Days points stay pending (refunds cancel them cleanly) before they can be spent. */
  pendingDays: z.coerce.number().int().min(0).max(365),
  excludedProductIds: z.array(z.string().min(1)).max(500),
  excludedCollectionIds: z.array(z.string().min(1)).max(100),
  excludedProductTags: z.array(z.string().min(1).max(255)).max(100),
  /** Shopify `source_name` values (e.g. "pos", "draft_order") whose orders earn nothing. */
  excludedSalesChannels: z.array(z.string().min(1).max(100)).max(50),
  includeTestOrders: z.boolean(),
});
export type EarningRule = z.infer<typeof earningRuleSchema>;

export const programSettingsSchema = z.object({
  enabled: z.boolean(),
  earning: earningRuleSchema,
  clawbackPolicy: z.enum(CLAWBACK_POLICIES),
  /** Prefix of discount codes issued for rewards. */
  codePrefix: z
    .string()
    .max(12)
    .regex(/^[A-Z0-9-]*$/, "Use capital letters, digits and dashes"),
  /** Points expiry (app/expiry/expiry.ts): policy, reminders, and the notice a stricter change runs through. */
  expiry: expirySettingsSchema,
  widget: z.object({
    programName: z.string().min(1).max(60),
    launcherLabel: z.string().min(1).max(40),
    primaryColor: z.string().regex(/^#[0-9a-fA-F]{6}$/, "Use a hex colour such as #1a73e8"),
  }),
  /** Staff guard rails and the admin's money figures. */
  admin: z.object({
    /** Balance adjustments of more points than this ask staff to confirm. */
    confirmAdjustmentsAbove: z.coerce.number().int().min(1).max(10_000_000),
    /** What 100 points are worth in minor units, for the liability figure; 0: from the cheapest amount reward. */
    pointValueMinorPer100: z.coerce.number().int().min(0).max(1_000_000),
  }),
});
export type ProgramSettings = z.infer<typeof programSettingsSchema>;

/** The program a new install starts with: switched off until the merchant turns it on. */
export const DEFAULT_PROGRAM: ProgramSettings = {
  enabled: false,
  earning: {
    pointsPerUnit: 1,
    base: "subtotal_after_discounts",
    minimumOrderMinor: 0,
    awardOn: "paid",
    pendingDays: 0,
    excludedProductIds: [],
    excludedCollectionIds: [],
    excludedProductTags: [],
    excludedSalesChannels: [],
    includeTestOrders: false,
  },
  clawbackPolicy: "floor_and_forgive",
  codePrefix: "LOYAL-",
  expiry: DEFAULT_EXPIRY,
  widget: { programName: "Rewards", launcherLabel: "Rewards", primaryColor: "#1a73e8" },
  admin: { confirmAdjustmentsAbove: 1000, pointValueMinorPer100: 0 },
};

/** Reads stored settings, filling anything missing from defaults (settings written by older versions stay valid). */
export function readProgramSettings(stored: unknown): ProgramSettings {
  const value = (stored && typeof stored === "object" ? stored : {}) as Partial<ProgramSettings>;
  const merged = {
    ...DEFAULT_PROGRAM,
    ...value,
    earning: { ...DEFAULT_PROGRAM.earning, ...(value.earning ?? {}) },
    expiry: { ...DEFAULT_PROGRAM.expiry, ...(value.expiry ?? {}) },
    widget: { ...DEFAULT_PROGRAM.widget, ...(value.widget ?? {}) },
    admin: { ...DEFAULT_PROGRAM.admin, ...(value.admin ?? {}) },
  };
  const parsed = programSettingsSchema.safeParse(merged);
  return parsed.success ? parsed.data : DEFAULT_PROGRAM;
}

/** The rule snapshot an order is judged by: the earning rule plus whether the program was on. */
export type OrderRule = EarningRule & { programEnabled: boolean; bonusPercents: number[] };

/** Takes the snapshot of the rule in force now, stored with an order the first time it is seen. */
export function ruleForNewOrder(settings: ProgramSettings, bonusPercents: number[] = []): OrderRule {
  return { ...settings.earning, programEnabled: settings.enabled, bonusPercents };
}
