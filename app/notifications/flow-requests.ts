// The shapes Shopify Flow sends the app (zod, strict where Flow's documented fields are all we read).
import { z } from "zod";

const shopDomain = z.string().regex(/^[a-z0-9][a-z0-9-]*\.myshopify\.com$/, "a myshopify.com domain");
/** Flow sends ids as numbers; a numeric string is accepted too (its documentation's examples show both). */
const numericId = z.union([z.number().int().positive().max(Number.MAX_SAFE_INTEGER), z.string().regex(/^[1-9]\d{0,18}$/)]).transform(String);

/** The trigger lifecycle callback: whether the shop has an enabled workflow using a trigger. */
export const lifecycleCallbackSchema = z
  .object({
    flow_trigger_definition_id: z.string().min(1).max(255),
    has_enabled_flow: z.boolean(),
    shop_id: numericId.optional(),
    shopify_domain: shopDomain,
    timestamp: z.string().datetime({ offset: true }),
  })
  .strict();

/** A Flow action run: the action's fields are under `properties`, keyed as its shopify.extension.toml declares. */
const actionRun = <P extends z.ZodTypeAny>(properties: P) =>
  z
    .object({
      shop_id: numericId.optional(),
      shopify_domain: shopDomain,
      action_run_id: z.string().min(1).max(255),
      action_definition_id: z.string().max(255).optional(),
      handle: z.string().max(255).optional(),
      properties,
    })
    .strict();

/** "Add loyalty points": extensions/flow-add-points. */
export const addPointsActionSchema = actionRun(
  z
    .object({
      customer_id: numericId,
      points: z.number().int().min(1).max(1_000_000),
      reason: z.string().trim().min(1).max(200),
    })
    .strict(),
);

export type AddPointsAction = z.infer<typeof addPointsActionSchema>;

/** "Set loyalty tier": extensions/flow-set-tier (the tier by handle or name, as the Tiers page shows it). */
export const setTierActionSchema = actionRun(
  z
    .object({
      customer_id: numericId,
      tier: z.string().trim().min(1).max(60),
      reason: z.string().trim().min(1).max(200),
    })
    .strict(),
);

export type SetTierAction = z.infer<typeof setTierActionSchema>;
