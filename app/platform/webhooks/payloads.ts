// The REST webhook payloads Loyalist reads (API 2026-10), as zod schemas: a body that is not the topic's
// shape is answered 400 at the door. Unknown fields pass through; only what earning needs is required,
// and that is checked as strictly as processing reads it (exact money in the currency, real dates,
// bounded quantities and ids), so a delivery accepted here cannot fail later on its own values.
// Zod 4's API (zod/v4, shipped inside zod 3.25): these schemas run on every delivery at the door and again
// in the worker, and zod 4 parses an order payload in about half zod 3's CPU time (npm run bench).
import { z } from "zod/v4";
import { isKnownCurrency, parseMoney, tryParseMoney } from "~/platform/money";
import type { OrderFacts, RefundFacts } from "~/earning/orders";
import { contactKeys } from "~/platform/contact-keys";

/** PostgreSQL's bigint, the widest id column; Shopify's ids are far below it. */
const MAX_ID = 9223372036854775807n;
const id = z
  .union([
    z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
    z
      .string()
      .regex(/^\d{1,19}$/)
      .refine((s) => /^\d{1,19}$/.test(s) && BigInt(s) <= MAX_ID, "id out of range"),
  ])
  .transform(String);
/** Checked as an amount in the payload's currency by `exactMoney` below; here only its JSON type. */
const money = z.union([z.string(), z.number()]);
const nullableString = z.string().nullable().optional();

/** No real line has more; with a safe price it keeps price × quantity exact. */
export const MAX_LINE_QUANTITY = 1_000_000;
const quantity = z.number().int().nonnegative().max(MAX_LINE_QUANTITY);

const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;
/** An ISO 8601 date-time with its offset, as Shopify sends them, that PostgreSQL's timestamp can hold. */
export const shopifyTimestamp = z
  .string()
  .regex(ISO_TIMESTAMP, "must be an ISO 8601 date-time")
  .refine((s) => Number.isFinite(Date.parse(s)), "must be a real date-time");

/** An ISO 4217 currency code that money.ts can parse amounts in. */
const currencyCode = z.string().refine(isKnownCurrency, "must be a known ISO 4217 currency code");

/** Adds an issue unless `amount` (when present) is an exact amount in `currency` (money.ts), at `path`. */
function exactMoney(ctx: z.RefinementCtx<unknown>, amount: string | number | undefined, currency: string, path: (string | number)[]): number {
  if (amount === undefined) return 0;
  const minor = tryParseMoney(amount, currency);
  if (minor === null) {
    ctx.addIssue({ code: "custom", path, message: `must be a decimal amount in ${currency}` });
    return 0;
  }
  return minor;
}

/** Builds an object schema: keeping unknown fields (what the worker reads) or dropping them (the door's check). */
type ObjectSchema = <S extends z.core.$ZodLooseShape>(shape: S) => z.ZodObject<S, z.core.$loose>;

/**
 * The payload schemas, built with `object`. The worker's copy keeps unknown fields (handlers read the payload
 * as parsed); the door's copy checks exactly the same rules but drops unknown fields, because the door keeps
 * only the verdict and the raw text, and copying the ~70 unknown keys of an order costs several times the
 * checks themselves (npm run bench).
 */
function definePayloadSchemas(object: ObjectSchema) {
  const customer = object({
    id,
    email: nullableString,
    first_name: nullableString,
    last_name: nullableString,
    verified_email: z.boolean().optional(),
    phone: nullableString,
  });

  const address = object({
    address1: nullableString,
    address2: nullableString,
    city: nullableString,
    zip: nullableString,
    country_code: nullableString,
    phone: nullableString,
  });

  const lineItem = object({
    id,
    product_id: id.nullable().optional(),
    variant_id: id.nullable().optional(),
    quantity,
    price: money,
    total_discount: money.optional(),
    discount_allocations: z.array(object({ amount: money })).optional(),
    gift_card: z.boolean().optional(),
    location_id: id.nullable().optional(),
  });

  const refundLineItem = object({
    line_item_id: id,
    quantity,
    subtotal: money.optional(),
    restock_type: z.string().nullable().optional(),
    // Named so the door's copy (which drops unknown fields) still sees the refund's currency.
    subtotal_set: z.unknown().optional(),
  });

  const refundObject = object({
    id,
    order_id: id,
    created_at: shopifyTimestamp,
    processed_at: shopifyTimestamp.nullable().optional(),
    refund_line_items: z.array(refundLineItem),
  });

  /** The currency a refund's amounts are in when the payload says so (the order's otherwise). */
  const refundCurrency = (refund: z.infer<typeof refundObject>): string | undefined => {
    const line = refund.refund_line_items[0] as { subtotal_set?: { shop_money?: { currency_code?: unknown } } } | undefined;
    const code = line?.subtotal_set?.shop_money?.currency_code;
    return typeof code === "string" && isKnownCurrency(code) ? code : undefined;
  };

  /** Refund amounts, in `currency` or, unknown here, at the finest precision any currency has (3 digits). */
  function checkRefundMoney(ctx: z.RefinementCtx<unknown>, refund: z.infer<typeof refundObject>, currency: string | undefined, path: (string | number)[]) {
    const checkedIn = currency ?? refundCurrency(refund) ?? "KWD";
    refund.refund_line_items.forEach((line, i) => exactMoney(ctx, line.subtotal, checkedIn, [...path, "refund_line_items", i, "subtotal"]));
  }

  const refundPayloadSchema = refundObject.superRefine((refund, ctx) => checkRefundMoney(ctx, refund, undefined, []));

  const orderPayloadSchema = object({
    id,
    name: z.string().optional(),
    email: nullableString,
    currency: currencyCode,
    created_at: shopifyTimestamp,
    updated_at: shopifyTimestamp,
    processed_at: shopifyTimestamp.nullable().optional(),
    financial_status: z.string().nullable().optional(),
    fulfillment_status: z.string().nullable().optional(),
    cancelled_at: shopifyTimestamp.nullable().optional(),
    current_subtotal_price: money.optional(),
    subtotal_price: money.optional(),
    test: z.boolean().optional(),
    source_name: z.string().nullable().optional(),
    location_id: id.nullable().optional(),
    customer: customer.nullable().optional(),
    phone: nullableString,
    shipping_address: address.nullable().optional(),
    line_items: z.array(lineItem),
    discount_codes: z.array(object({ code: z.string() })).optional(),
    refunds: z.array(refundObject.partial({ order_id: true })).optional(),
  }).superRefine((order, ctx) => {
    // Every amount earning will read must parse exactly in the order's currency, and stay exact once
    // multiplied by its quantity: a delivery that cannot be processed is refused here, not retried.
    const { currency } = order;
    exactMoney(ctx, order.current_subtotal_price, currency, ["current_subtotal_price"]);
    exactMoney(ctx, order.subtotal_price, currency, ["subtotal_price"]);
    order.line_items.forEach((line, i) => {
      const price = exactMoney(ctx, line.price, currency, ["line_items", i, "price"]);
      if (!Number.isSafeInteger(price * line.quantity)) {
        ctx.addIssue({ code: "custom", path: ["line_items", i], message: "price × quantity is out of range" });
      }
      exactMoney(ctx, line.total_discount, currency, ["line_items", i, "total_discount"]);
      line.discount_allocations?.forEach((a, j) => exactMoney(ctx, a.amount, currency, ["line_items", i, "discount_allocations", j, "amount"]));
    });
    order.refunds?.forEach((refund, i) => checkRefundMoney(ctx, { order_id: order.id, ...refund }, currency, ["refunds", i]));
  });

  const customerPayloadSchema = customer.extend({ created_at: shopifyTimestamp.optional(), updated_at: shopifyTimestamp.optional() });

  /** products/create and products/update: what the catalogue keeps (title, category, tags). */
  const productPayloadSchema = object({
    id,
    title: z.string().nullable().optional(),
    product_type: z.string().nullable().optional(),
    // REST sends tags as one comma-separated string.
    tags: z
      .union([z.string(), z.array(z.string())])
      .nullable()
      .optional(),
    updated_at: shopifyTimestamp.nullable().optional(),
  });

  const productDeletePayloadSchema = object({ id });

  /** locations/create and locations/update. */
  const locationPayloadSchema = object({ id, name: z.string().nullable().optional(), active: z.boolean().nullable().optional() });

  const appUninstalledPayloadSchema = object({});

  const scopesUpdatePayloadSchema = object({ current: z.array(z.string()), previous: z.array(z.string()).optional() });

  const complianceCustomer = object({ id: id.nullable().optional(), email: nullableString, phone: nullableString });

  const customersDataRequestPayloadSchema = object({ shop_domain: z.string(), customer: complianceCustomer, orders_requested: z.array(id).optional() });

  const customersRedactPayloadSchema = object({ shop_domain: z.string(), customer: complianceCustomer, orders_to_redact: z.array(id).optional() });

  const shopRedactPayloadSchema = object({ shop_domain: z.string() });

  return {
    refundPayloadSchema,
    orderPayloadSchema,
    customerPayloadSchema,
    productPayloadSchema,
    productDeletePayloadSchema,
    locationPayloadSchema,
    appUninstalledPayloadSchema,
    scopesUpdatePayloadSchema,
    customersDataRequestPayloadSchema,
    customersRedactPayloadSchema,
    shopRedactPayloadSchema,
  };
}

const kept = definePayloadSchemas((shape) => z.looseObject(shape));
// The door's copy: its output is never read, so its static type (unknown fields kept) does not matter.
const checked = definePayloadSchemas((shape) => z.object(shape) as unknown as z.ZodObject<typeof shape, z.core.$loose>);

export const {
  refundPayloadSchema,
  orderPayloadSchema,
  customerPayloadSchema,
  productPayloadSchema,
  productDeletePayloadSchema,
  locationPayloadSchema,
  appUninstalledPayloadSchema,
  scopesUpdatePayloadSchema,
  customersDataRequestPayloadSchema,
  customersRedactPayloadSchema,
  shopRedactPayloadSchema,
} = kept;

/** The payload schema of each topic Loyalist subscribes to. */
const byTopic = (set: PayloadSchemas): Record<string, z.ZodType> => ({
  "orders/create": set.orderPayloadSchema,
  "orders/paid": set.orderPayloadSchema,
  "orders/updated": set.orderPayloadSchema,
  "orders/fulfilled": set.orderPayloadSchema,
  "orders/cancelled": set.orderPayloadSchema,
  "refunds/create": set.refundPayloadSchema,
  "customers/create": set.customerPayloadSchema,
  "customers/update": set.customerPayloadSchema,
  "products/create": set.productPayloadSchema,
  "products/update": set.productPayloadSchema,
  "products/delete": set.productDeletePayloadSchema,
  "locations/create": set.locationPayloadSchema,
  "locations/update": set.locationPayloadSchema,
  "app/uninstalled": set.appUninstalledPayloadSchema,
  "app/scopes_update": set.scopesUpdatePayloadSchema,
  "customers/data_request": set.customersDataRequestPayloadSchema,
  "customers/redact": set.customersRedactPayloadSchema,
  "shop/redact": set.shopRedactPayloadSchema,
});
type PayloadSchemas = ReturnType<typeof definePayloadSchemas>;

/** The payload schema of each topic, as the worker parses them. */
export const PAYLOAD_SCHEMAS = byTopic(kept);
/** The same checks for the door (webhook inbox): a delivery passes here exactly when it parses in the worker. */
export const PAYLOAD_CHECKS = byTopic(checked);

export type OrderPayload = z.infer<typeof orderPayloadSchema>;
export type RefundPayload = z.infer<typeof refundPayloadSchema>;
export type ProductPayload = z.infer<typeof productPayloadSchema>;
export type LocationPayload = z.infer<typeof locationPayloadSchema>;

/** Turns a REST refund into the facts earning needs (money exact, in the order's currency). */
export function refundFacts(payload: RefundPayload, currency: string, orderId = payload.order_id): RefundFacts {
  return {
    refundId: payload.id,
    orderId,
    createdAt: payload.created_at,
    processedAt: payload.processed_at ?? null,
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
    processedAt: payload.processed_at ?? null,
    updatedAt: payload.updated_at,
    subtotalMinor: parseMoney(subtotal, currency),
    locationId: payload.location_id ?? null,
    discountCodes: (payload.discount_codes ?? []).map((d) => d.code),
    contactKeys: contactKeys(payload.phone ?? payload.shipping_address?.phone ?? payload.customer?.phone, payload.shipping_address),
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
