// Reconciliation: reads orders changed recently through the Admin API and applies any state a lost or
// failed webhook missed. Applying a state the app already has is a no-op, so it can run any time.
import { logger } from "~/platform/logger.server";
import { parseMoney } from "~/platform/money";
import type { OrderFacts, RefundFacts } from "~/earning/orders";
import { applyOrderSnapshot, storedOrderVersions } from "~/earning/orders.server";
import { installedShopDomains } from "~/shops/shops.server";
import { offlineAdminClient, type AdminClient } from "~/platform/shopify/admin-client.server";
import { legacyId } from "~/platform/shopify/gid";
import { ORDER_FOR_EARNING_QUERY, RECENT_ORDERS_QUERY } from "~/earning/documents";
import type { LoyalistOrderForEarningQuery, LoyalistRecentOrdersQuery } from "~/types/admin.generated";

/** The order as ORDER_FOR_EARNING_QUERY returns it (generated from the document). */
type GraphqlOrder = NonNullable<LoyalistOrderForEarningQuery["order"]>;

const FULFILLMENT: Record<string, string | null> = { FULFILLED: "fulfilled", PARTIALLY_FULFILLED: "partial", RESTOCKED: "restocked" };

/** Maps an Admin GraphQL order to the same facts a REST webhook gives (money exact, REST status words). */
export function orderFactsFromGraphql(order: GraphqlOrder): { facts: OrderFacts; refunds: RefundFacts[] } {
  const currency = order.currencyCode;
  const orderId = legacyId(order.id);
  const locationId = order.physicalLocation ? legacyId(order.physicalLocation.id) : null;
  const facts: OrderFacts = {
    orderId,
    name: order.name,
    customerId: order.customer ? legacyId(order.customer.id) : null,
    email: order.customer?.email ?? order.email ?? null,
    customerFirstName: order.customer?.firstName ?? null,
    customerLastName: order.customer?.lastName ?? null,
    currency,
    test: order.test,
    sourceName: order.sourceName ?? null,
    financialStatus: order.displayFinancialStatus?.toLowerCase() ?? null,
    fulfillmentStatus: FULFILLMENT[order.displayFulfillmentStatus ?? ""] ?? null,
    cancelledAt: order.cancelledAt ?? null,
    createdAt: order.createdAt,
    processedAt: order.processedAt,
    updatedAt: order.updatedAt,
    subtotalMinor: parseMoney(order.currentSubtotalPriceSet.shopMoney.amount, currency),
    locationId,
    discountCodes: order.discountCodes,
    lines: order.lineItems.nodes.map((line) => ({
      lineItemId: legacyId(line.id),
      productId: line.product ? legacyId(line.product.id) : null,
      variantId: line.variant ? legacyId(line.variant.id) : null,
      quantity: line.quantity,
      netMinor:
        parseMoney(line.originalUnitPriceSet.shopMoney.amount, currency) * line.quantity -
        line.discountAllocations.reduce((sum, a) => sum + parseMoney(a.allocatedAmountSet.shopMoney.amount, currency), 0),
      giftCard: line.isGiftCard,
      locationId,
    })),
  };
  const refunds = order.refunds.map((refund) => ({
    refundId: legacyId(refund.id),
    orderId,
    // The schema allows a refund without a time; the order's last change is then the closest known.
    createdAt: refund.createdAt ?? order.updatedAt,
    processedAt: refund.processedAt,
    lines: refund.refundLineItems.nodes.map((line) => ({
      lineItemId: legacyId(line.lineItem.id),
      quantity: line.quantity,
      subtotalMinor: parseMoney(line.subtotalSet.shopMoney.amount, currency),
    })),
  }));
  return { facts, refunds };
}

export type SyncResult = { seen: number; applied: number };

/** Applies every order updated since `since` that the app has not seen in that state. */
export async function reconcileRecentOrders(shop: string, since: Date, client?: AdminClient): Promise<SyncResult> {
  const admin = client ?? (await offlineAdminClient(shop));
  let after: string | null = null;
  let seen = 0;
  let applied = 0;
  for (let page = 0; page < 100; page++) {
    const data: LoyalistRecentOrdersQuery = await admin.request(RECENT_ORDERS_QUERY, {
      first: 100,
      after,
      query: `updated_at:>='${since.toISOString()}'`,
    });
    const nodes = data.orders.nodes;
    seen += nodes.length;
    const knownAt = await storedOrderVersions(
      shop,
      nodes.map((n) => legacyId(n.id)),
    );
    for (const node of nodes) {
      const stored = knownAt.get(legacyId(node.id));
      if (stored !== undefined && stored >= Date.parse(node.updatedAt)) continue;
      const { order } = await admin.request(ORDER_FOR_EARNING_QUERY, { id: node.id });
      if (!order) continue;
      if (order.lineItems.pageInfo.hasNextPage) {
        // Earning from a partial line list would under-award; such orders rely on their webhooks.
        logger.warn({ shop, order: node.id }, "order has more than 80 lines; reconciliation skipped it");
        continue;
      }
      const { facts, refunds } = orderFactsFromGraphql(order);
      await applyOrderSnapshot(shop, facts, refunds);
      applied++;
    }
    if (!data.orders.pageInfo.hasNextPage) break;
    after = data.orders.pageInfo.endCursor ?? null;
  }
  logger.info({ shop, seen, applied, since: since.toISOString() }, "order reconciliation finished");
  return { seen, applied };
}

/** Reconciles every installed shop's last `hours` of orders (the periodic job). */
export async function reconcileAllShops(hours = 24): Promise<void> {
  const since = new Date(Date.now() - hours * 3_600_000);
  for (const domain of await installedShopDomains()) {
    await reconcileRecentOrders(domain, since).catch((error) => logger.warn({ shop: domain, err: error }, "order reconciliation failed; will retry next run"));
  }
}
