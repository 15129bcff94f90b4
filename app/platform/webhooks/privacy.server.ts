// The webhook queue's part in erasure. Raw payloads are copies of Shopify's data: a processed delivery
// keeps only its row (the webhook id makes a redelivery a no-op), an unprocessed one stays processable.
import type { Prisma } from "@prisma/client";
import { scrubJson, type PrivacyHooks } from "~/privacy/erasure";

type Delivery = { id: bigint; topic: string; payload: Record<string, unknown>; processed: boolean };

/** What is left of an order payload once the customer is gone: a guest order with the same lines and amounts. */
export function asGuestOrder(payload: Record<string, unknown>): Record<string, unknown> {
  const rest = { ...payload };
  for (const key of [
    "customer",
    "email",
    "contact_email",
    "phone",
    "billing_address",
    "shipping_address",
    "note",
    "customer_locale",
    "browser_ip",
    "client_details",
  ])
    delete rest[key];
  return { ...rest, customer: null, email: null };
}

export const webhooksPrivacy: PrivacyHooks = {
  capability: "webhooks",
  customerModels: ["WebhookDelivery"],
  // Recorded on the hot path of every webhook: no key to Shop there (a key takes a share lock on the shop
  // row per delivery); recordDelivery only records deliveries of shops it finds, and this hook erases the rest.
  shopModels: ["WebhookDelivery"],
  async eraseShop(tx, shopDomain) {
    await tx.webhookDelivery.deleteMany({ where: { shopDomain } });
  },
  async redactCustomer(tx, subject) {
    const texts = subject.identifiers.exact.map((s) => s.toLowerCase());
    const deliveries = await tx.$queryRaw<Delivery[]>`
      SELECT id, topic, payload, "processedAt" IS NOT NULL AS processed FROM "WebhookDelivery"
      WHERE "shopDomain" = ${subject.shopDomain} AND payload <> '{}'::jsonb
        AND ((${subject.customerId}::text IS NOT NULL AND (payload->'customer'->>'id' = ${subject.customerId}
              OR (topic IN ('customers/create', 'customers/update') AND payload->>'id' = ${subject.customerId})))
          OR (topic LIKE 'orders/%' AND payload->>'id' = ANY(${subject.orderIds}::text[]))
          OR (topic = 'refunds/create' AND payload->>'order_id' = ANY(${subject.orderIds}::text[]))
          OR EXISTS (SELECT 1 FROM unnest(${texts}::text[]) AS t(text) WHERE strpos(lower(payload::text), t.text) > 0))`;
    const processed = deliveries.filter((d) => d.processed).map((d) => d.id);
    if (processed.length) {
      await tx.webhookDelivery.updateMany({ where: { id: { in: processed } }, data: { payload: {}, lastError: null } });
    }
    for (const delivery of deliveries.filter((d) => !d.processed)) {
      // Orders and refunds still count in the shop's totals, as a guest's; a customer event or compliance
      // request about someone erased has nothing left to do (the one being processed now included).
      if (delivery.topic.startsWith("orders/") || delivery.topic === "refunds/create") {
        const base = delivery.topic.startsWith("orders/") ? asGuestOrder(delivery.payload) : delivery.payload;
        const payload = scrubJson(base, subject.identifiers) as Prisma.InputJsonValue;
        await tx.webhookDelivery.update({ where: { id: delivery.id }, data: { payload, lastError: null } });
      } else {
        await tx.webhookDelivery.delete({ where: { id: delivery.id } });
      }
    }
  },
};
