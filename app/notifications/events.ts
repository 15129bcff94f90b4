// The program events Shopify hears about: each is a Flow trigger (extensions/flow-*) and may change the
// customer's metafields. Codes, not sentences: Flow and marketing tools word them for the customer.
export const PROGRAM_EVENT_TYPES = [
  "points_earned",
  "reward_redeemed",
  "tier_changed",
  "points_expiring",
  "reward_reachable",
  "referral_completed",
  "program_changed",
  "birthday_coming",
  "winback_offered",
] as const;

export type ProgramEventType = (typeof PROGRAM_EVENT_TYPES)[number];

export type ProgramEventInput = {
  shopDomain: string;
  /** Shopify's customer id (numeric tail), when the event is about a customer. */
  customerId: string | null;
  type: ProgramEventType;
  /** The trigger's own fields (points, tier names, dates as ISO strings): JSON, small (Flow caps payloads). */
  payload: Record<string, unknown>;
  /** Stable per fact, so recording the same fact twice (a retried job, a duplicate webhook) is one event. */
  idempotencyKey: string;
  occurredAt: Date;
};
