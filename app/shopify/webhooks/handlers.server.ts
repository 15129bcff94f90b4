// What each webhook topic does once its delivery is recorded. Every handler is idempotent: a delivery
// processed twice (a crash between its effect and being marked done) has the effect of one.
import { logger } from "~/logger.server";
import { applyOrderSnapshot, applyRefund, currencyForOrder, linkGuestOrders } from "~/models/orders.server";
import { markRedemptionsUsed } from "~/models/redemptions.server";
import { eraseShop, uninstallShop, updateShopScopes } from "~/models/shops.server";
import { exportCustomerData, redactCustomer, updateMemberIdentity } from "~/models/privacy.server";
import {
  customerPayloadSchema,
  customersDataRequestPayloadSchema,
  customersRedactPayloadSchema,
  orderFacts,
  orderPayloadSchema,
  refundFacts,
  refundPayloadSchema,
  scopesUpdatePayloadSchema,
} from "./payloads";

type Handler = (shop: string, payload: unknown) => Promise<void>;

const orderEvent: Handler = async (shop, payload) => {
  const order = orderPayloadSchema.parse(payload);
  const refunds = (order.refunds ?? []).map((r) => refundFacts({ ...r, order_id: order.id } as never, order.currency, order.id));
  const facts = orderFacts(order);
  await applyOrderSnapshot(shop, facts, refunds);
  await markRedemptionsUsed(shop, facts.orderId, facts.discountCodes);
};

const refundEvent: Handler = async (shop, payload) => {
  const refund = refundPayloadSchema.parse(payload);
  // Refund amounts are in the order's currency; the order may not be known yet (late or out of order).
  await applyRefund(shop, refundFacts(refund, await currencyForOrder(shop, refund.order_id)));
};

const customerEvent: Handler = async (shop, payload) => {
  const customer = customerPayloadSchema.parse(payload);
  await updateMemberIdentity(shop, customer);
  if (customer.email && customer.verified_email) await linkGuestOrders(shop, customer.id, customer.email);
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
  "app/uninstalled": async (shop) => uninstallShop(shop),
  "app/scopes_update": async (shop, payload) => updateShopScopes(shop, scopesUpdatePayloadSchema.parse(payload).current),
  "customers/data_request": async (shop, payload) => {
    const request = customersDataRequestPayloadSchema.parse(payload);
    await exportCustomerData(shop, request.customer.id ?? null, request.customer.email ?? null);
  },
  "customers/redact": async (shop, payload) => {
    const request = customersRedactPayloadSchema.parse(payload);
    await redactCustomer(shop, request.customer.id ?? null, request.customer.email ?? null);
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
