// What Insight keeps of an order: pure conversions from the earning facts (webhooks, reconciliation) and from
// the install backfill into one shape, so every source lands in the same rows.
import type { OrderFacts, RefundFacts } from "~/earning/orders";

export type InsightLineInput = {
  lineItemId: string;
  productId: string | null;
  variantId: string | null;
  title: string | null;
  quantity: number;
  /** After the line's discounts, in minor units of the order's currency. */
  grossMinor: number;
  locationId: string | null;
};

export type InsightRefundInput = {
  refundId: string;
  orderId: string;
  occurredAt: Date;
  /** amountMinor null: the refund gave quantities only; the line's amount is shared out by quantity. */
  lines: { lineItemId: string; quantity: number; amountMinor: number | null }[];
};

export type InsightOrderInput = {
  orderId: string;
  customerId: string | null;
  /** The customer record's created_at when the payload carries it (it makes the customer a member from then). */
  customerCreatedAt: Date | null;
  locationId: string | null;
  /** The order's own time: processed_at, else created_at. */
  occurredAt: Date;
  currency: string;
  updatedAt: Date;
  /** Cancelled and test orders are kept but count nowhere. */
  excluded: boolean;
  lines: InsightLineInput[];
  refunds: InsightRefundInput[];
};

/** The order's own time: processed_at, else created_at (INTERFACES.md, "Catalogue and time"). */
export const orderTimeOf = (order: { processedAt?: string | null; createdAt: string }): Date => new Date(order.processedAt ?? order.createdAt);

/** The UTC Monday (YYYY-MM-DD) of the week `at` falls in. */
export function weekStartOf(at: Date): string {
  const day = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
  const shift = (day.getUTCDay() + 6) % 7;
  day.setUTCDate(day.getUTCDate() - shift);
  return day.toISOString().slice(0, 10);
}

export function insightRefund(refund: RefundFacts): InsightRefundInput {
  return {
    refundId: refund.refundId,
    orderId: refund.orderId,
    occurredAt: orderTimeOf(refund),
    lines: refund.lines.map((l) => ({ lineItemId: l.lineItemId, quantity: l.quantity, amountMinor: l.subtotalMinor })),
  };
}

/**
 * An order as Insight keeps it. Gift card lines are not sales (their spending is, later), so they are left out,
 * as earning leaves them out.
 */
export function insightOrder(
  facts: OrderFacts,
  refunds: readonly RefundFacts[],
  extra: { customerCreatedAt?: string | null; lineTitles?: ReadonlyMap<string, string | null> } = {},
): InsightOrderInput {
  return {
    orderId: facts.orderId,
    customerId: facts.customerId,
    customerCreatedAt: extra.customerCreatedAt ? new Date(extra.customerCreatedAt) : null,
    locationId: facts.locationId,
    occurredAt: orderTimeOf(facts),
    currency: facts.currency,
    updatedAt: new Date(facts.updatedAt),
    excluded: facts.test || facts.cancelledAt !== null,
    lines: facts.lines
      .filter((line) => !line.giftCard)
      .map((line) => ({
        lineItemId: line.lineItemId,
        productId: line.productId,
        variantId: line.variantId,
        title: extra.lineTitles?.get(line.lineItemId) ?? null,
        quantity: line.quantity,
        grossMinor: line.netMinor,
        locationId: line.locationId,
      })),
    refunds: refunds.map(insightRefund),
  };
}
