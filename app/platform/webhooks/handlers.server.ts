// What each webhook topic does once its delivery is recorded. Every handler is idempotent: a delivery
// processed twice (a crash between its effect and being marked done) has the effect of one.
import { now } from "~/platform/clock.server";
import { logger } from "~/platform/logger.server";
import prisma from "~/db.server";
import { applyOrderSnapshot, applyRefund, currencyForOrder, linkGuestOrders } from "~/earning/orders.server";
import { applyOrderSnapshots } from "~/earning/orders-batch.server";
import { markRedemptionsUsed, markRedemptionsUsedByOrders } from "~/rewards/redemptions.server";
import { applyReferralOrder } from "~/referrals/referrals.server";
import { eraseShop, uninstallShop, updateShopScopes } from "~/shops/shops.server";
import { exportCustomerData, redactCustomer, updateMemberIdentity } from "~/privacy/privacy.server";
import { markProductDeleted, saveLocations, saveProductFromWebhook } from "~/catalogue/products.server";
import { linkInsightGuestOrders, recordInsightCustomer, recordInsightOrder, recordInsightOrders, recordInsightRefund } from "~/insight/ingest.server";
import { insightOrder, insightRefund } from "~/insight/orders";
import { refreshLineCategories } from "~/insight/rollups.server";
import {
  customerPayloadSchema,
  locationPayloadSchema,
  productDeletePayloadSchema,
  productPayloadSchema,
  shopifyTimestamp,
  customersDataRequestPayloadSchema,
  customersRedactPayloadSchema,
  orderFacts,
  orderPayloadSchema,
  refundFacts,
  refundPayloadSchema,
  scopesUpdatePayloadSchema,
} from "~/platform/webhooks/payloads";

const complianceCustomer = (customer: { id?: string | null; email?: string | null; phone?: string | null }) => ({
  customerId: customer.id ?? null,
  email: customer.email ?? null,
  phone: customer.phone ?? null,
});

type Handler = (shop: string, payload: unknown) => Promise<void>;

/** What an order delivery's payload says, for earning and for Insight. */
function readOrderEvent(payload: unknown) {
  const order = orderPayloadSchema.parse(payload);
  const refunds = (order.refunds ?? []).map((r) => refundFacts({ ...r, order_id: order.id } as never, order.currency, order.id));
  const facts = orderFacts(order);
  const customerCreatedAt = shopifyTimestamp.safeParse((order.customer as { created_at?: unknown } | null | undefined)?.created_at);
  const lineTitles = new Map(order.line_items.map((l) => [l.id, typeof l.title === "string" ? l.title : null]));
  const insight = insightOrder(facts, refunds, { customerCreatedAt: customerCreatedAt.success ? customerCreatedAt.data : null, lineTitles });
  return { facts, refunds, insight };
}

const orderEvent: Handler = async (shop, payload) => {
  const { facts, refunds, insight } = readOrderEvent(payload);
  await applyOrderSnapshot(shop, facts, refunds);
  await markRedemptionsUsed(shop, facts.orderId, facts.discountCodes);
  await recordInsightOrder(shop, insight);
  await applyReferralOrder(shop, facts.orderId);
};

/** The topics whose deliveries the worker may process as a batch (processOrderBatch). */
export const ORDER_TOPICS: ReadonlySet<string> = new Set(["orders/create", "orders/paid", "orders/updated", "orders/fulfilled", "orders/cancelled"]);

/**
 * Processes one shop's order deliveries, in this order, as orderEvent would one after another, with a few
 * set-based statements for the whole batch (app/earning/orders-batch.server.ts). Returns false, having
 * changed nothing, when an order of the batch may concern a referral (its referral step runs per order, so
 * the batch goes one by one); throws when the batch cannot be applied as one (the caller then goes one by one).
 */
export async function processOrderBatch(shop: string, payloads: readonly unknown[]): Promise<boolean> {
  const events = payloads.map(readOrderEvent);
  if (
    await mayConcernReferral(
      shop,
      events.map((e) => e.facts),
    )
  )
    return false;
  await applyOrderSnapshots(shop, events);
  await markRedemptionsUsedByOrders(
    shop,
    events.map((e) => ({ orderId: e.facts.orderId, codes: e.facts.discountCodes })),
  );
  await recordInsightOrders(
    shop,
    events.map((e) => e.insight),
  );
  return true;
}

/** True when a referral names one of these orders, or a discount code one of them carries (now or as stored). */
async function mayConcernReferral(shop: string, orders: ReadonlyArray<{ orderId: string; discountCodes: readonly string[] }>): Promise<boolean> {
  const ids = orders.map((o) => o.orderId);
  const codes = [...new Set(orders.flatMap((o) => o.discountCodes.map((c) => c.trim().toUpperCase())))];
  const rows = await prisma.$queryRaw<{ found: boolean }[]>`
    SELECT EXISTS (
      SELECT 1 FROM "Referral" r WHERE r."shopDomain" = ${shop} AND (
        r."orderId" = ANY(${ids}::text[]) OR r."discountCode" = ANY(${codes}::text[])
        OR r."discountCode" IN (SELECT upper(btrim(c)) FROM "OrderRecord" o, unnest(o."discountCodes") c
                                WHERE o."shopDomain" = ${shop} AND o."orderId" = ANY(${ids}::text[])))) AS found`;
  return Boolean(rows[0]?.found);
}

const refundEvent: Handler = async (shop, payload) => {
  const refund = refundPayloadSchema.parse(payload);
  // Refund amounts are in the order's currency; the order may not be known yet (late or out of order).
  const facts = refundFacts(refund, await currencyForOrder(shop, refund.order_id));
  await applyRefund(shop, facts);
  await recordInsightRefund(shop, insightRefund(facts));
  await applyReferralOrder(shop, refund.order_id);
};

const customerEvent: Handler = async (shop, payload) => {
  const customer = customerPayloadSchema.parse(payload);
  await updateMemberIdentity(shop, customer);
  await recordInsightCustomer(shop, customer.id, customer.created_at ? new Date(customer.created_at) : null);
  if (customer.email && customer.verified_email) {
    await linkGuestOrders(shop, customer.id, customer.email);
    await linkInsightGuestOrders(shop, customer.id);
  }
};

const productEvent: Handler = async (shop, payload) => {
  const product = productPayloadSchema.parse(payload);
  const tags = Array.isArray(product.tags) ? product.tags : (product.tags ?? "").split(",");
  await saveProductFromWebhook(shop, {
    productId: product.id,
    title: product.title ?? null,
    productType: product.product_type ?? null,
    tags: tags.map((t) => t.trim()).filter(Boolean),
  });
  await refreshLineCategories(shop, product.id);
};

const locationEvent: Handler = async (shop, payload) => {
  const location = locationPayloadSchema.parse(payload);
  await saveLocations(shop, [{ locationId: location.id, name: location.name ?? null, active: location.active ?? true }]);
};

export const WEBHOOK_HANDLERS: Record<string, Handler> = {
  "orders/create": orderEvent,
  "orders/paid": orderEvent,
  "orders/updated": orderEvent,
  "orders/fulfilled": orderEvent,
  "orders/cancelled": orderEvent,
  "refunds/create": refundEvent,
  "customers/create": customerEvent,
  "customers/update": customerEvent,
  "products/create": productEvent,
  "products/update": productEvent,
  "products/delete": async (shop, payload) => markProductDeleted(shop, productDeletePayloadSchema.parse(payload).id, await now()),
  "locations/create": locationEvent,
  "locations/update": locationEvent,
  "app/uninstalled": async (shop) => uninstallShop(shop),
  "app/scopes_update": async (shop, payload) => updateShopScopes(shop, scopesUpdatePayloadSchema.parse(payload).current),
  "customers/data_request": async (shop, payload) => {
    const request = customersDataRequestPayloadSchema.parse(payload);
    await exportCustomerData(shop, complianceCustomer(request.customer), request.orders_requested);
  },
  "customers/redact": async (shop, payload) => {
    const request = customersRedactPayloadSchema.parse(payload);
    await redactCustomer(shop, complianceCustomer(request.customer), request.orders_to_redact);
  },
  "shop/redact": async (shop) => eraseShop(shop),
};

/** Runs the handler of a recorded delivery's topic. */
export async function processWebhook(shop: string, topic: string, payload: unknown): Promise<void> {
  const handler = WEBHOOK_HANDLERS[topic];
  if (!handler) {
    logger.warn({ shop, topic }, "no handler for topic; delivery marked done");
    return;
  }
  await handler(shop, payload);
}
