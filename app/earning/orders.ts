// What an order should have earned, computed from the order's latest state and its refunds alone.
// Webhooks may arrive in any order; because the target is a pure function of the final state,
// reconciling the ledger to it after every event gives the same balances whatever the order of arrival.
import type { OrderRule } from "~/program/program";
import { applyMultipliers, pointsForMoney, proportionalShare } from "~/earning/rounding";
import { minorDigits } from "~/platform/money";

export type OrderLine = {
  lineItemId: string;
  productId: string | null;
  variantId: string | null;
  quantity: number;
  /** Line total after all discounts allocated to it, in minor units. */
  netMinor: number;
  giftCard: boolean;
  locationId: string | null;
};

export type OrderFacts = {
  orderId: string;
  /** Shopify's order name, e.g. "#1001". */
  name: string;
  customerId: string | null;
  email: string | null;
  customerFirstName: string | null;
  customerLastName: string | null;
  currency: string;
  test: boolean;
  sourceName: string | null;
  financialStatus: string | null;
  fulfillmentStatus: string | null;
  cancelledAt: string | null;
  createdAt: string;
  /** When Shopify processed the order (a backfilled or imported order: its original time); absent in snapshots stored before it was read. */
  processedAt?: string | null;
  updatedAt: string;
  lines: OrderLine[];
  discountCodes: string[];
  locationId: string | null;
  subtotalMinor: number;
  /** Keys of the order's phone and shipping address (app/platform/contact-keys.ts), for referral checks; absent in older snapshots. */
  contactKeys?: { phone: string | null; address: string | null };
};

export type RefundFacts = {
  refundId: string;
  orderId: string;
  createdAt: string;
  /** When the refund was processed; absent in refunds stored before it was read. */
  processedAt?: string | null;
  /** `subtotalMinor` null: the refund gave quantities only; the line's net is shared out by quantity. */
  lines: { lineItemId: string; quantity: number; subtotalMinor: number | null }[];
};

/** What Loyalist knows of a product for exclusion rules (kept locally: earning never waits on Shopify). */
export type ProductFacts = { tags: string[]; collectionIds: string[] };

export type OrderEarning = {
  /** Points the order should have earned given everything known. */
  points: number;
  /** Whether the order has reached the award trigger (paid or fulfilled) and is not voided. */
  eligible: boolean;
  /** Eligible money after refunds, in minor units. */
  eligibleMinor: number;
  /** Why the order earns nothing, for the member's history and staff. */
  reason: string;
};

const PAID_STATUSES = new Set(["paid", "partially_refunded", "refunded"]);

/** True when the order has reached the moment points are awarded under the rule. */
export function reachedAwardTrigger(order: OrderFacts, rule: OrderRule): boolean {
  if (rule.awardOn === "fulfilled") {
    return order.fulfillmentStatus === "fulfilled" && PAID_STATUSES.has(order.financialStatus ?? "");
  }
  return PAID_STATUSES.has(order.financialStatus ?? "");
}

function lineIsExcluded(line: OrderLine, rule: OrderRule, products: ReadonlyMap<string, ProductFacts>): boolean {
  if (line.giftCard) return true;
  if (!line.productId) return false;
  if (rule.excludedProductIds.includes(line.productId)) return true;
  const facts = products.get(line.productId);
  if (!facts) return false;
  const tags = new Set(facts.tags.map((t) => t.toLowerCase()));
  if (rule.excludedProductTags.some((t) => tags.has(t.toLowerCase()))) return true;
  return facts.collectionIds.some((id) => rule.excludedCollectionIds.includes(id));
}

/**
 * Computes the points an order should have earned: the eligible lines' subtotal after discounts
 * (no shipping, taxes, tips or gift cards), less what refunds took back, at the rule's rate, rounded down.
 */
export function orderEarning(
  order: OrderFacts,
  refunds: readonly RefundFacts[],
  rule: OrderRule,
  products: ReadonlyMap<string, ProductFacts> = new Map(),
): OrderEarning {
  const none = (reason: string, eligible = false): OrderEarning => ({ points: 0, eligible, eligibleMinor: 0, reason });
  if (!rule.programEnabled) return none("program_off");
  if (order.test && !rule.includeTestOrders) return none("test_order");
  if (order.sourceName && rule.excludedSalesChannels.includes(order.sourceName)) return none("excluded_channel");
  if (order.cancelledAt) return none("cancelled");
  if (!reachedAwardTrigger(order, rule)) return none(rule.awardOn === "fulfilled" ? "not_fulfilled" : "not_paid");

  const eligibleLines = new Map<string, OrderLine>();
  for (const line of order.lines) if (!lineIsExcluded(line, rule, products)) eligibleLines.set(line.lineItemId, line);

  const grossMinor = [...eligibleLines.values()].reduce((sum, line) => sum + Math.max(0, line.netMinor), 0);
  if (grossMinor < rule.minimumOrderMinor) return none("below_minimum", true);

  // Each refund line reports the money it returned for that line; a line never gives back more than it had.
  const refundedByLine = new Map<string, number>();
  for (const refund of refunds) {
    for (const refunded of refund.lines) {
      const line = eligibleLines.get(refunded.lineItemId);
      if (!line) continue;
      const amount = refunded.subtotalMinor ?? proportionalShare(Math.max(0, line.netMinor), refunded.quantity, line.quantity);
      refundedByLine.set(refunded.lineItemId, (refundedByLine.get(refunded.lineItemId) ?? 0) + amount);
    }
  }
  let eligibleMinor = 0;
  for (const line of eligibleLines.values()) {
    const kept = Math.max(0, line.netMinor) - (refundedByLine.get(line.lineItemId) ?? 0);
    eligibleMinor += Math.max(0, kept);
  }
  const base = pointsForMoney(eligibleMinor, rule.pointsPerUnit, minorDigits(order.currency));
  const points = applyMultipliers(base, rule.bonusPercents);
  return { points, eligible: true, eligibleMinor, reason: points > 0 ? "earned" : "nothing_eligible" };
}

const FINANCIAL_RANK: Record<string, number> = {
  pending: 1,
  authorized: 2,
  partially_paid: 3,
  paid: 4,
  partially_refunded: 5,
  refunded: 6,
  voided: 7,
  expired: 7,
};
const FULFILLMENT_RANK: Record<string, number> = { partial: 1, fulfilled: 2, restocked: 3 };

/**
 * True when `incoming` is a newer snapshot of the order than `stored`: a later updated_at wins; on equal
 * timestamps the more progressed state wins, so the outcome never depends on delivery order.
 */
export function isNewerSnapshot(incoming: OrderFacts, stored: OrderFacts): boolean {
  const a = Date.parse(incoming.updatedAt);
  const b = Date.parse(stored.updatedAt);
  if (a !== b) return a > b;
  const rank = (o: OrderFacts) => [
    o.cancelledAt ? 1 : 0,
    FINANCIAL_RANK[o.financialStatus ?? ""] ?? 0,
    FULFILLMENT_RANK[o.fulfillmentStatus ?? ""] ?? 0,
    o.customerId ? 1 : 0,
  ];
  const ra = rank(incoming);
  const rb = rank(stored);
  for (let i = 0; i < ra.length; i++) if (ra[i] !== rb[i]) return ra[i] > rb[i];
  // Same moment, same progress, different content (an edit within the same second): the content decides,
  // so every delivery order keeps the same snapshot.
  return canonicalJson(incoming) > canonicalJson(stored);
}

/** JSON with object keys sorted: equal values give equal text whatever order their keys were written in. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const keys = Object.keys(value)
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}
