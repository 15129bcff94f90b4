// The REST webhook payloads Loyalist reads (API 2026-10), as zod schemas: a body that is not the topic's
// shape is answered 400 at the door. Unknown fields pass through; only what earning needs is required.
import { z } from "zod";
import { parseMoney } from "~/loyalty/money";
import type { OrderFacts, RefundFacts } from "~/loyalty/orders";

const id = z.union([z.number().int().nonnegative(), z.string().regex(/^\d+$/)]).transform(String);
const money = z.union([z.string(), z.number()]);
const nullableString = z.string().nullable().optional();

const customer = z
  .object({
    id,
    email: nullableString,
    first_name: nullableString,
    last_name: nullableString,
    verified_email: z.boolean().optional(),
  })
  .passthrough();

const lineItem = z
  .object({
    id,
    product_id: id.nullable().optional(),
    variant_id: id.nullable().optional(),
    quantity: z.number().int().nonnegative(),
    price: money,
    total_discount: money.optional(),
    discount_allocations: z.array(z.object({ amount: money }).passthrough()).optional(),
    gift_card: z.boolean().optional(),
    location_id: id.nullable().optional(),
  })
  .passthrough();

const refundLineItem = z
  .object({
    line_item_id: id,
    quantity: z.number().int().nonnegative(),
    subtotal: money.optional(),
    restock_type: z.string().nullable().optional(),
  })
  .passthrough();

export const refundPayloadSchema = z
  .object({
    id,
    order_id: id,
    created_at: z.string(),
    refund_line_items: z.array(refundLineItem),
  })
  .passthrough();

export const orderPayloadSchema = z
  .object({
    id,
    name: z.string().optional(),
    email: nullableString,
    currency: z.string().length(3),
    created_at: z.string(),
    updated_at: z.string(),
    financial_status: z.string().nullable().optional(),
    fulfillment_status: z.string().nullable().optional(),
    cancelled_at: z.string().nullable().optional(),
    current_subtotal_price: money.optional(),
    subtotal_price: money.optional(),
    test: z.boolean().optional(),
    source_name: z.string().nullable().optional(),
    location_id: id.nullable().optional(),
    customer: customer.nullable().optional(),
    line_items: z.array(lineItem),
    discount_codes: z.array(z.object({ code: z.string() }).passthrough()).optional(),
    refunds: z.array(refundPayloadSchema.partial({ order_id: true })).optional(),
  })
  .passthrough();

export const customerPayloadSchema = customer.extend({ created_at: z.string().optional(), updated_at: z.string().optional() });

export const appUninstalledPayloadSchema = z.object({}).passthrough();

export const scopesUpdatePayloadSchema = z
  .object({ current: z.array(z.string()), previous: z.array(z.string()).optional() })
  .passthrough();

const complianceCustomer = z.object({ id: id.nullable().optional(), email: nullableString, phone: nullableString }).passthrough();

export const customersDataRequestPayloadSchema = z
  .object({ shop_domain: z.string(), customer: complianceCustomer, orders_requested: z.array(id).optional() })
  .passthrough();

export const customersRedactPayloadSchema = z
  .object({ shop_domain: z.string(), customer: complianceCustomer, orders_to_redact: z.array(id).optional() })
  .passthrough();

export const shopRedactPayloadSchema = z.object({ shop_domain: z.string() }).passthrough();

export type OrderPayload = z.infer<typeof orderPayloadSchema>;
export type RefundPayload = z.infer<typeof refundPayloadSchema>;
export type CustomerPayload = z.infer<typeof customerPayloadSchema>;

/** The payload schema of each topic Loyalist subscribes to. */
export const PAYLOAD_SCHEMAS: Record<string, z.ZodTypeAny> = {
  "orders/create": orderPayloadSchema,
  "orders/paid": orderPayloadSchema,
  "orders/updated": orderPayloadSchema,
  "orders/fulfilled": orderPayloadSchema,
  "orders/cancelled": orderPayloadSchema,
  "refunds/create": refundPayloadSchema,
  "customers/create": customerPayloadSchema,
  "customers/update": customerPayloadSchema,
  "app/uninstalled": appUninstalledPayloadSchema,
  "app/scopes_update": scopesUpdatePayloadSchema,
  "customers/data_request": customersDataRequestPayloadSchema,
  "customers/redact": customersRedactPayloadSchema,
  "shop/redact": shopRedactPayloadSchema,
};

/** Turns a REST refund into the facts earning needs (money exact, in the order's currency). */
export function refundFacts(payload: RefundPayload, currency: string, orderId = payload.order_id): RefundFacts {
  return {
    refundId: payload.id,
    orderId,
    createdAt: payload.created_at,
    lines: payload.refund_line_items.map((line) => ({
      lineItemId: line.line_item_id,
      quantity: line.quantity,
      subtotalMinor: line.subtotal === undefined ? null : parseMoney(line.subtotal, currency),
    })),
  };
}

/** Turns a REST order payload into the facts earning needs (money exact, ids as strings). */
export function orderFacts(payload: OrderPayload): OrderFacts {
  const currency = payload.currency;
  const subtotal = payload.current_subtotal_price ?? payload.subtotal_price ?? "0";
  return {
    orderId: payload.id,
    name: payload.name ?? `#${payload.id}`,
    customerId: payload.customer?.id ?? null,
    email: payload.customer?.email ?? payload.email ?? null,
    customerFirstName: payload.customer?.first_name ?? null,
    customerLastName: payload.customer?.last_name ?? null,
    currency,
    test: payload.test ?? false,
    sourceName: payload.source_name ?? null,
    financialStatus: payload.financial_status ?? null,
    fulfillmentStatus: payload.fulfillment_status ?? null,
    cancelledAt: payload.cancelled_at ?? null,
    createdAt: payload.created_at,
    updatedAt: payload.updated_at,
    subtotalMinor: parseMoney(subtotal, currency),
    locationId: payload.location_id ?? null,
    discountCodes: (payload.discount_codes ?? []).map((d) => d.code),
    lines: payload.line_items.map((line) => {
      const gross = parseMoney(line.price, currency) * line.quantity;
      const discount = line.discount_allocations
        ? line.discount_allocations.reduce((sum, a) => sum + parseMoney(a.amount, currency), 0)
        : parseMoney(line.total_discount ?? "0", currency);
      return {
        lineItemId: line.id,
        productId: line.product_id ?? null,
        variantId: line.variant_id ?? null,
        quantity: line.quantity,
        netMinor: gross - discount,
        giftCard: line.gift_card ?? false,
        locationId: line.location_id ?? payload.location_id ?? null,
      };
    }),
  };
}
