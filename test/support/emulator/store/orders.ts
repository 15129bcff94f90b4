/** Order lifecycle on a shop's data: place, refund, cancel, fulfill. Each returns REST payload snapshots. */
import {
  buildFulfillment,
  buildOrder,
  buildRefund,
  fromMinor,
  moneySet,
  refundableQuantity,
  toMinor,
  type DiscountCodeInput,
  type FinancialStatus,
  type RestOrderAddress,
  type RestCustomer,
  type RestOrder,
  type RestRefund,
  type RestockType,
} from "../../shopify-payloads";
import { toNumericId } from "../ids";
import type { ShopData } from "./types";

export interface PlaceOrderLine {
  productId: number | string;
  variantId?: number | string | null;
  quantity: number;
  price?: string;
  title?: string;
  sku?: string | null;
}

export interface PlaceOrderInput {
  customer?: ({ id: number | string } & Partial<Omit<RestCustomer, "id">>) | null;
  email?: string | null;
  lines: PlaceOrderLine[];
  discountCodes?: Array<string | DiscountCodeInput>;
  locationId?: number | string | null;
  sourceName?: string;
  financialStatus?: FinancialStatus;
  test?: boolean;
  createdAt?: string | Date;
  /** When the order was processed, if not when it was created (an order imported from another platform). */
  processedAt?: string | Date;
  shippingPrice?: string;
  totalTax?: string;
  tags?: string[] | string;
  userId?: number | null;
  id?: number;
  /** The order's contact phone and shipping address (none by default). */
  phone?: string | null;
  shippingAddress?: Partial<RestOrderAddress> & { address1: string };
}

export interface RefundOrderInput {
  lines: Array<{ lineItemId: number | string; quantity: number; restockType?: RestockType }>;
  note?: string | null;
  shipping?: string;
  /** When the refund happened (a seeded history's own date); the store's clock when absent. */
  at?: string | Date;
}

/** When an order event happened: the given time (a seeded history's own date), else the store's clock. */
export function eventTime(now: Date, at: string | Date | undefined): Date {
  return at === undefined ? now : new Date(at);
}

/** A deep copy, so payloads handed out never change when the store does. */
export function snapshot<T>(value: T): T {
  return structuredClone(value);
}

function requireOrder(data: ShopData, orderId: number | string): RestOrder {
  const order = data.orders.get(toNumericId(orderId));
  if (!order) throw new Error(`Order ${orderId} does not exist in ${data.shop.domain}`);
  return order;
}

function resolveCustomer(data: ShopData, input: PlaceOrderInput["customer"]): RestCustomer | null {
  if (!input) return null;
  const known = data.customers.get(toNumericId(input.id));
  if (!known) throw new Error(`Customer ${input.id} does not exist in ${data.shop.domain}; add it with store.addCustomer first`);
  return { ...known };
}

/** Places an order (as checkout or POS would) and returns its orders/create payload. */
export function placeOrder(data: ShopData, now: Date, input: PlaceOrderInput): RestOrder {
  const customer = resolveCustomer(data, input.customer);
  const createdAt = input.createdAt ? new Date(input.createdAt).toISOString() : now.toISOString();
  const lines = input.lines.map((line) => {
    const product = data.products.get(toNumericId(line.productId));
    const variant = line.variantId ? product?.variants.find((v) => v.id === toNumericId(line.variantId ?? "")) : product?.variants[0];
    const price = line.price ?? variant?.price;
    if (price === undefined) throw new Error(`Line for product ${line.productId} needs a price (no such product/variant in the store)`);
    return {
      productId: toNumericId(line.productId),
      variantId: line.variantId ? toNumericId(line.variantId) : (variant?.id ?? null),
      quantity: line.quantity,
      price,
      title: line.title ?? product?.title,
      variantTitle: variant && variant.title !== "Default Title" ? variant.title : null,
      sku: line.sku ?? variant?.sku ?? null,
      vendor: product?.vendor ?? null,
    };
  });
  const number = data.nextOrderNumber++;
  const order = buildOrder({
    id: input.id,
    number,
    currency: data.shop.currency,
    shopDomain: data.shop.domain,
    customer,
    email: input.email ?? customer?.email ?? null,
    lines,
    discountCodes: input.discountCodes,
    shippingPrice: input.shippingPrice,
    totalTax: input.totalTax,
    locationId: input.locationId === undefined || input.locationId === null ? null : toNumericId(input.locationId),
    sourceName: input.sourceName ?? "web",
    financialStatus: input.financialStatus ?? "paid",
    test: input.test ?? false,
    createdAt,
    tags: input.tags,
    userId: input.userId ?? null,
    processedAt: input.processedAt === undefined ? undefined : new Date(input.processedAt).toISOString(),
  });
  if (input.phone) order.phone = input.phone;
  if (input.shippingAddress) {
    const a = input.shippingAddress;
    const firstName = a.first_name ?? customer?.first_name ?? null;
    const lastName = a.last_name ?? customer?.last_name ?? null;
    order.shipping_address = {
      first_name: firstName,
      last_name: lastName,
      name: [firstName, lastName].filter(Boolean).join(" "),
      company: a.company ?? null,
      address1: a.address1,
      address2: a.address2 ?? null,
      city: a.city ?? "Springfield",
      province: a.province ?? null,
      province_code: a.province_code ?? null,
      zip: a.zip ?? "12345",
      country: a.country ?? "United States",
      country_code: a.country_code ?? "US",
      country_name: a.country_name ?? "United States",
      phone: a.phone ?? null,
    };
  }
  data.orders.set(order.id, order);
  return snapshot(order);
}

function recomputeAfterRefunds(order: RestOrder): void {
  const c = order.currency;
  const minor = (amount: string) => toMinor(amount, c);
  const lines = order.refunds.flatMap((r) => r.refund_line_items);
  const refundedLines = lines.reduce((a, r) => a + minor(r.subtotal_set.shop_money.amount), 0);
  const refundedDiscount = lines.reduce((a, r) => a + minor(r.line_item.price) * r.quantity - minor(r.subtotal_set.shop_money.amount), 0);
  const refundedShipping = order.refunds
    .flatMap((r) => r.order_adjustments)
    .filter((a) => a.kind === "shipping_refund")
    .reduce((a, adj) => a - minor(adj.amount), 0);
  const refundedTotal = order.refunds.flatMap((r) => r.transactions).reduce((a, t) => a + minor(t.amount), 0);
  const d = (n: number) => fromMinor(n, c);
  const m = (n: number) => moneySet(d(n), c);
  const subtotal = minor(order.subtotal_price) - refundedLines;
  const total = minor(order.total_price) - refundedLines - refundedShipping;
  const discounts = minor(order.total_discounts) - refundedDiscount;
  Object.assign(order, {
    current_subtotal_price: d(subtotal),
    current_subtotal_price_set: m(subtotal),
    current_total_price: d(total),
    current_total_price_set: m(total),
    current_total_discounts: d(discounts),
    current_total_discounts_set: m(discounts),
  });
  for (const line of order.line_items) line.current_quantity = refundableQuantity(order, line.id);
  if (refundedTotal > 0) order.financial_status = refundedTotal >= minor(order.total_price) ? "refunded" : "partially_refunded";
}

/** Refunds lines of an order; returns the refunds/create payload and the updated order. */
export function refundOrder(data: ShopData, now: Date, orderId: number | string, input: RefundOrderInput): { refund: RestRefund; order: RestOrder } {
  const order = requireOrder(data, orderId);
  const refund = buildRefund(order, {
    createdAt: now.toISOString(),
    note: input.note,
    shipping: input.shipping,
    lines: input.lines.map((l) => ({ lineItemId: toNumericId(l.lineItemId), quantity: l.quantity, restockType: l.restockType })),
  });
  order.refunds.push(refund);
  recomputeAfterRefunds(order);
  order.updated_at = now.toISOString();
  return { refund: snapshot(refund), order: snapshot(order) };
}

/** Cancels an order (optionally refunding what is left); returns the orders/cancelled payload and the refund if any. */
export function cancelOrder(
  data: ShopData,
  now: Date,
  orderId: number | string,
  options: { reason?: RestOrder["cancel_reason"]; refund?: boolean } = {},
): { order: RestOrder; refund: RestRefund | null } {
  const order = requireOrder(data, orderId);
  if (order.cancelled_at) throw new Error(`Order ${orderId} is already cancelled`);
  let refund: RestRefund | null = null;
  if (options.refund) {
    const lines = order.line_items
      .map((l) => ({ lineItemId: l.id, quantity: refundableQuantity(order, l.id), restockType: "cancel" as const }))
      .filter((l) => l.quantity > 0);
    if (lines.length > 0) refund = refundOrder(data, now, order.id, { lines, note: "Order canceled" }).refund;
  }
  order.cancelled_at = now.toISOString();
  order.cancel_reason = options.reason ?? "customer";
  order.closed_at = now.toISOString();
  order.updated_at = now.toISOString();
  if (order.financial_status === "pending" || order.financial_status === "authorized") order.financial_status = "voided";
  return { order: snapshot(order), refund };
}

/** Fulfils every unfulfilled line; returns the orders/fulfilled payload. */
export function fulfillOrder(data: ShopData, now: Date, orderId: number | string): RestOrder {
  const order = requireOrder(data, orderId);
  const fulfillment = buildFulfillment(order, now.toISOString());
  order.fulfillments.push(fulfillment);
  for (const line of order.line_items) {
    line.fulfillment_status = "fulfilled";
    line.fulfillable_quantity = 0;
  }
  order.fulfillment_status = "fulfilled";
  order.updated_at = now.toISOString();
  return snapshot(order);
}
