// What each program event tells Shopify: the Flow trigger it fires (extensions/flow-*/shopify.extension.toml
// declares the same fields; test/unit/notifications/flow-extensions.test.ts holds the two together), the
// customer metafields it updates and the tier tags it moves. Pure: the delivery job does the I/O.
import type { ProgramEventType } from "~/notifications/events";

/** Shopify Flow refuses trigger payloads above 50 KB; ours are a few hundred bytes, this keeps it so. */
export const FLOW_PAYLOAD_LIMIT_BYTES = 50_000;
/** Text fields are cut to this many characters (a reward or tier name typed by the merchant). */
export const FLOW_TEXT_LIMIT = 255;

export type FlowFieldType = "number_integer" | "single_line_text_field";

type FieldSpec = { key: string; type: FlowFieldType; description: string; from: (payload: EventPayload) => unknown };

export type TriggerSpec = {
  /** The trigger extension's handle (at most 30 characters), also its folder under extensions/ without "loyalist-". */
  handle: string;
  /** The merchant-facing name in the Flow editor. */
  name: string;
  description: string;
  /** Besides `customer_id` (the customer_reference field every Loyalist trigger has). */
  fields: FieldSpec[];
};

/** The fields recorders put in ProgramEvent.payload, by event type (all optional: missing ones are sent empty). */
export type EventPayload = {
  points?: number;
  balance?: number;
  orderName?: string;
  rewardName?: string;
  pointsCost?: number;
  from?: TierRef | null;
  to?: TierRef | null;
  direction?: "up" | "down";
  /** ISO date or date-time. */
  expiresAt?: string;
  daysLeft?: number;
  referralUrl?: string;
  change?: string;
  effectiveAt?: string;
  birthday?: string;
  lastOrderAt?: string;
  usualIntervalDays?: number;
  daysSince?: number;
  survey?: string;
};

export type TierRef = { handle: string; name: string; rank: number };

const int = (value: unknown) => (typeof value === "number" && Number.isSafeInteger(value) ? value : 0);
const text = (value: unknown) => (typeof value === "string" ? value.slice(0, FLOW_TEXT_LIMIT) : "");
const date = (value: unknown) => text(value).slice(0, 10);

const points = (description: string): FieldSpec => ({ key: "Points", type: "number_integer", description, from: (p) => int(p.points) });
const balance: FieldSpec = { key: "Balance", type: "number_integer", description: "The member's points balance afterwards", from: (p) => int(p.balance) };

export const TRIGGERS: Record<ProgramEventType, TriggerSpec> = {
  points_earned: {
    handle: "loyalist-points-earned",
    name: "Loyalty points earned",
    description: "A member earned points on an order",
    fields: [
      points("Points earned"),
      balance,
      { key: "Order name", type: "single_line_text_field", description: "The order the points are for", from: (p) => text(p.orderName) },
    ],
  },
  reward_redeemed: {
    handle: "loyalist-reward-redeemed",
    name: "Loyalty reward redeemed",
    description: "A member spent points on a reward",
    fields: [
      { key: "Reward name", type: "single_line_text_field", description: "The reward redeemed", from: (p) => text(p.rewardName) },
      points("Points spent"),
      balance,
    ],
  },
  tier_changed: {
    handle: "loyalist-tier-changed",
    name: "Loyalty tier changed",
    description: "A member moved up or down a VIP tier",
    fields: [
      { key: "Previous tier", type: "single_line_text_field", description: "The tier before (empty: none)", from: (p) => text(p.from?.name) },
      { key: "New tier", type: "single_line_text_field", description: "The tier now (empty: none)", from: (p) => text(p.to?.name) },
      { key: "Tier rank", type: "number_integer", description: "The new tier's rank (1 is the lowest, 0 none)", from: (p) => int(p.to?.rank) },
      { key: "Direction", type: "single_line_text_field", description: "up or down", from: (p) => (p.direction === "down" ? "down" : "up") },
    ],
  },
  points_expiring: {
    handle: "loyalist-points-expiring",
    name: "Loyalty points expiring soon",
    description: "Some of a member's points expire soon",
    fields: [
      points("Points that expire"),
      { key: "Expiry date", type: "single_line_text_field", description: "When they expire (YYYY-MM-DD)", from: (p) => date(p.expiresAt) },
      { key: "Days left", type: "number_integer", description: "Days until they expire", from: (p) => int(p.daysLeft) },
    ],
  },
  reward_reachable: {
    handle: "loyalist-reward-reachable",
    name: "Enough points for a reward",
    description: "A member's balance reached the cheapest reward's cost",
    fields: [
      { key: "Reward name", type: "single_line_text_field", description: "The cheapest reward", from: (p) => text(p.rewardName) },
      { key: "Points cost", type: "number_integer", description: "What it costs", from: (p) => int(p.pointsCost) },
      balance,
    ],
  },
  referral_completed: {
    handle: "loyalist-referral-completed",
    name: "Loyalty referral completed",
    description: "A friend the member referred placed their first order",
    fields: [points("Points the referrer earns")],
  },
  program_changed: {
    handle: "loyalist-program-changed",
    name: "Loyalty program rules changed",
    description: "The program's rules change for a member (rates, rewards, tiers or expiry)",
    fields: [
      { key: "Change", type: "single_line_text_field", description: "What changes (rates, rewards, tiers, expiry)", from: (p) => text(p.change) },
      { key: "Effective date", type: "single_line_text_field", description: "When it takes effect (YYYY-MM-DD)", from: (p) => date(p.effectiveAt) },
    ],
  },
  birthday_coming: {
    handle: "loyalist-birthday-coming",
    name: "Loyalty member birthday coming",
    description: "A member's birthday is coming up",
    fields: [
      { key: "Birthday", type: "single_line_text_field", description: "The birthday (YYYY-MM-DD)", from: (p) => date(p.birthday) },
      { key: "Days left", type: "number_integer", description: "Days until the birthday", from: (p) => int(p.daysLeft) },
    ],
  },
  winback_offered: {
    handle: "loyalist-winback-offered",
    name: "Loyalty win-back offer",
    description: "A lapsed member was chosen for a win-back offer with a short survey",
    fields: [
      { key: "Last order", type: "single_line_text_field", description: "The member's last order date (YYYY-MM-DD)", from: (p) => date(p.lastOrderAt) },
      {
        key: "Usual interval days",
        type: "number_integer",
        description: "Days the member usually waits between orders",
        from: (p) => int(p.usualIntervalDays),
      },
      { key: "Days since", type: "number_integer", description: "Days since the last order", from: (p) => int(p.daysSince) },
      { key: "Survey", type: "single_line_text_field", description: "The survey to ask (why did you stop?)", from: (p) => text(p.survey) },
    ],
  },
};

/** The trigger a handle names (the lifecycle callback names triggers by handle), if it is one of ours. */
export function triggerTypeForHandle(handle: string): ProgramEventType | undefined {
  return (Object.keys(TRIGGERS) as ProgramEventType[]).find((type) => TRIGGERS[type].handle === handle);
}

export type FlowTriggerCall = { handle: string; payload: Record<string, string | number> };

/**
 * The flowTriggerReceive arguments for an event about a customer; null when it cannot be a trigger (no customer).
 * Every declared field is sent (Flow fails a workflow that reads a missing one), within Shopify's size limit.
 */
export function flowTriggerCall(type: ProgramEventType, customerId: string | null, payload: EventPayload): FlowTriggerCall | null {
  if (!customerId || !/^\d+$/.test(customerId)) return null;
  const spec = TRIGGERS[type];
  const fields: Record<string, string | number> = { customer_id: Number(customerId) };
  for (const field of spec.fields) fields[field.key] = field.from(payload) as string | number;
  return { handle: spec.handle, payload: fields };
}

/** Bytes of a trigger call's payload as sent (UTF-8 JSON). */
export function payloadBytes(call: FlowTriggerCall): number {
  return Buffer.byteLength(JSON.stringify(call.payload), "utf8");
}

// --- customer metafields and tags ---

export const METAFIELD_NAMESPACE = "loyalist";

export type MetafieldKey = "points_balance" | "points_expiring" | "expiry_date" | "tier" | "tier_rank" | "referral_url" | "next_offer";

/** The customer metafields Loyalist keeps, with their definitions (created on install). */
export const CUSTOMER_METAFIELDS: Record<MetafieldKey, { type: string; name: string; description: string }> = {
  points_balance: { type: "number_integer", name: "Loyalty points balance", description: "Points the customer can spend now" },
  points_expiring: { type: "number_integer", name: "Loyalty points expiring", description: "Points that expire next" },
  expiry_date: { type: "date", name: "Loyalty points expiry date", description: "When those points expire" },
  tier: { type: "single_line_text_field", name: "Loyalty tier", description: "The customer's VIP tier" },
  tier_rank: { type: "number_integer", name: "Loyalty tier rank", description: "The tier's rank: 1 is the lowest, 0 none" },
  referral_url: { type: "url", name: "Loyalty referral link", description: "The customer's referral link to share" },
  // Written by Insight's insight-offers job (app/insight/offers-push.server.ts).
  next_offer: { type: "json", name: "Loyalty next-best offer", description: "Insight's personalised offer: kind, target and reason code" },
};

export type MetafieldValue = { customerId: string; key: MetafieldKey; type: string; value: string };

/** The metafields an event changes, given the member's balance now (null: no member, so no balance to write). */
export function metafieldsForEvent(customerId: string, type: ProgramEventType, payload: EventPayload, balanceNow: number | null): MetafieldValue[] {
  const out: MetafieldValue[] = [];
  const set = (key: MetafieldKey, value: string) => out.push({ customerId, key, type: CUSTOMER_METAFIELDS[key].type, value });
  if (balanceNow !== null) set("points_balance", String(balanceNow));
  if (type === "tier_changed") {
    set("tier_rank", String(int(payload.to?.rank)));
    if (payload.to?.name) set("tier", payload.to.name.slice(0, FLOW_TEXT_LIMIT));
  }
  if (type === "points_expiring" && /^\d{4}-\d{2}-\d{2}/.test(payload.expiresAt ?? "")) {
    set("points_expiring", String(int(payload.points)));
    set("expiry_date", payload.expiresAt!.slice(0, 10));
  }
  if (typeof payload.referralUrl === "string" && /^https:\/\//.test(payload.referralUrl)) set("referral_url", payload.referralUrl);
  return out;
}

/** One value per customer and key, the latest (later events win), in batches of at most `size` (metafieldsSet takes 25). */
export function metafieldBatches(values: readonly MetafieldValue[], size = 25): MetafieldValue[][] {
  const latest = new Map<string, MetafieldValue>();
  for (const value of values) {
    const id = `${value.customerId}:${value.key}`;
    latest.delete(id);
    latest.set(id, value);
  }
  const all = [...latest.values()];
  const batches: MetafieldValue[][] = [];
  for (let i = 0; i < all.length; i += size) batches.push(all.slice(i, i + size));
  return batches;
}

/** The customer tag for a tier, e.g. `loyalist-tier-gold`: merchants gate products and discounts on it with segments. */
export function tierTag(handle: string): string {
  return `loyalist-tier-${handle}`;
}

/** Tags to add and remove for a tier change. */
export function tierTagChanges(payload: EventPayload): { add: string[]; remove: string[] } {
  const add = payload.to?.handle ? [tierTag(payload.to.handle)] : [];
  const remove = payload.from?.handle && payload.from.handle !== payload.to?.handle ? [tierTag(payload.from.handle)] : [];
  return { add, remove };
}

/** True when a balance moving from `before` to `after` first reaches `cost` (crosses it upwards). */
export function reachesReward(before: number, after: number, cost: number | null): boolean {
  return cost !== null && cost > 0 && before < cost && after >= cost;
}

/** Seconds before an event's next attempt after `attempts` failed ones: 30 s doubling, at most an hour. */
export function retryDelaySeconds(attempts: number): number {
  return Math.min(3600, 30 * 2 ** Math.max(0, Math.min(attempts - 1, 12)));
}

/** An event is given up after this many failed attempts (about 4 hours of retries). */
export const MAX_EVENT_ATTEMPTS = 10;
