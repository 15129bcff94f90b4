/**
 * Typed builders for Shopify's REST webhook payloads (API 2026-10): orders, refunds, customers,
 * app/uninstalled and the compliance topics. Money is a decimal string with the currency's own digits ("12.50", "1500" yen, "12.345" dinar); ids are JSON numbers.
 */
import { gid, nextId } from "./emulator/ids";

export type Decimal = string;
export type FinancialStatus = "pending" | "authorized" | "partially_paid" | "paid" | "partially_refunded" | "refunded" | "voided";
export type FulfillmentStatus = "fulfilled" | "partial" | "restocked" | null;
export type RestockType = "no_restock" | "cancel" | "return" | "legacy_restock";

export interface RestMoney {
  amount: Decimal;
  currency_code: string;
}
export interface RestMoneySet {
  shop_money: RestMoney;
  presentment_money: RestMoney;
}

/**
 * Digits of a currency's minor unit as Shopify renders amounts (JPY 0, USD 2, KWD 3), from the CLDR data in
 * Intl: the emulator's own knowledge, independent of the app's table, so a wrong table in the app shows up.
 */
export function currencyDigits(currency: string): number {
  return new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

/**
 * Integer minor units of a decimal amount in `currency` ("12.50" USD → 1250, "1500" JPY → 1500, "1.005" KWD
 * → 1005), read digit by digit. Trailing zeros are fine; a non-zero digit beyond the currency's throws, as
 * does anything that is not a plain decimal: test money is written as Shopify writes it, never as float cents.
 */
export function toMinor(amount: Decimal | number, currency: string): number {
  const text = String(amount).trim();
  const match = /^(-)?(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) throw new Error(`not a decimal amount: ${JSON.stringify(amount)}`);
  const [, sign, whole, fraction = ""] = match;
  const digits = currencyDigits(currency);
  if (/[^0]/.test(fraction.slice(digits))) throw new Error(`${text} has more decimals than ${currency} (${digits})`);
  const minor = Number(whole) * 10 ** digits + Number(fraction.slice(0, digits).padEnd(digits, "0") || "0");
  return sign ? -minor : minor;
}

/** Shopify's decimal string of minor units in `currency` (1250 USD → "12.50", 1500 JPY → "1500", 5 KWD → "0.005"). */
export function fromMinor(minor: number, currency: string): Decimal {
  const digits = currencyDigits(currency);
  const abs = Math.abs(minor);
  const unit = 10 ** digits;
  const text = digits ? `${Math.floor(abs / unit)}.${String(abs % unit).padStart(digits, "0")}` : String(abs);
  return minor < 0 ? `-${text}` : text;
}

/** A REST money set with the same amount in shop and presentment currency. */
export function moneySet(amount: Decimal, currency: string): RestMoneySet {
  const money = { amount, currency_code: currency };
  return { shop_money: { ...money }, presentment_money: { ...money } };
}

// ---------------------------------------------------------------- customers

export interface RestAddress {
  id: number;
  customer_id: number;
  first_name: string | null;
  last_name: string | null;
  company: string | null;
  address1: string;
  address2: string | null;
  city: string;
  province: string | null;
  country: string;
  zip: string;
  phone: string | null;
  name: string;
  province_code: string | null;
  country_code: string;
  country_name: string;
  default: boolean;
}

/** An order's shipping or billing address: a customer address without its own id. */
export type RestOrderAddress = Omit<RestAddress, "id" | "customer_id" | "default">;

export interface RestCustomer {
  id: number;
  email: string | null;
  created_at: string;
  updated_at: string;
  first_name: string | null;
  last_name: string | null;
  state: "disabled" | "invited" | "enabled" | "declined";
  note: string | null;
  verified_email: boolean;
  multipass_identifier: string | null;
  tax_exempt: boolean;
  phone: string | null;
  tags: string;
  currency: string;
  tax_exemptions: string[];
  admin_graphql_api_id: string;
  default_address: RestAddress | null;
  addresses: RestAddress[];
  email_marketing_consent: { state: string; opt_in_level: string | null; consent_updated_at: string | null } | null;
  sms_marketing_consent: { state: string; opt_in_level: string | null; consent_updated_at: string | null; consent_collected_from: string } | null;
}

/** Customer fields in camelCase, or the REST payload's own snake_case names (first_name, verified_email, ...). */
export interface CustomerInput extends Partial<Omit<RestCustomer, "id" | "tags" | "email" | "phone" | "note" | "state" | "currency">> {
  id?: number;
  email?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  phone?: string | null;
  state?: RestCustomer["state"];
  tags?: string[] | string;
  verifiedEmail?: boolean;
  note?: string | null;
  currency?: string;
  createdAt?: string;
  updatedAt?: string;
  acceptsMarketing?: boolean;
}

/** Joins tags the way Shopify's REST payloads render them ("a, b"). */
export function joinTags(tags: string[] | string | undefined): string {
  if (tags === undefined) return "";
  return (Array.isArray(tags) ? tags : tags.split(","))
    .map((t) => t.trim())
    .filter(Boolean)
    .join(", ");
}

/** A customers/create|update payload (also the `customer` object embedded in orders). */
export function buildCustomer(input: CustomerInput = {}): RestCustomer {
  const id = input.id ?? nextId("customer");
  const createdAt = input.createdAt ?? input.created_at ?? new Date().toISOString();
  const customer: RestCustomer = {
    id,
    email: input.email === undefined ? `customer${id}@example.com` : input.email,
    created_at: createdAt,
    updated_at: input.updatedAt ?? input.updated_at ?? createdAt,
    first_name: input.firstName ?? input.first_name ?? null,
    last_name: input.lastName ?? input.last_name ?? null,
    state: input.state ?? "enabled",
    note: input.note ?? null,
    verified_email: input.verifiedEmail ?? input.verified_email ?? true,
    multipass_identifier: null,
    tax_exempt: false,
    phone: input.phone ?? null,
    tags: joinTags(input.tags),
    currency: input.currency ?? "USD",
    tax_exemptions: [],
    admin_graphql_api_id: gid("Customer", id),
    default_address: null,
    addresses: [],
    email_marketing_consent: {
      state: input.acceptsMarketing ? "subscribed" : "not_subscribed",
      opt_in_level: "single_opt_in",
      consent_updated_at: input.acceptsMarketing ? createdAt : null,
    },
    sms_marketing_consent: null,
  };
  const { firstName: _f, lastName: _l, verifiedEmail: _v, createdAt: _c, updatedAt: _u, acceptsMarketing: _a, tags: _t, id: _i, ...rest } = input;
  return { ...customer, ...rest, id, tags: customer.tags };
}

// ---------------------------------------------------------------- orders

export interface RestDiscountAllocation {
  amount: Decimal;
  amount_set: RestMoneySet;
  discount_application_index: number;
}
export interface RestDiscountCode {
  code: string;
  amount: Decimal;
  type: "fixed_amount" | "percentage" | "shipping";
}
export interface RestDiscountApplication {
  target_type: "line_item" | "shipping_line";
  type: "discount_code";
  value: Decimal;
  value_type: "fixed_amount" | "percentage";
  allocation_method: "across" | "each";
  target_selection: "all" | "entitled" | "explicit";
  code: string;
}

export interface RestLineItem {
  id: number;
  admin_graphql_api_id: string;
  product_id: number | null;
  variant_id: number | null;
  title: string;
  name: string;
  variant_title: string | null;
  sku: string | null;
  vendor: string | null;
  quantity: number;
  current_quantity: number;
  fulfillable_quantity: number;
  fulfillment_service: string;
  fulfillment_status: "fulfilled" | "partial" | null;
  price: Decimal;
  price_set: RestMoneySet;
  total_discount: Decimal;
  total_discount_set: RestMoneySet;
  discount_allocations: RestDiscountAllocation[];
  gift_card: boolean;
  requires_shipping: boolean;
  taxable: boolean;
  product_exists: boolean;
  grams: number;
  properties: Array<{ name: string; value: string }>;
  tax_lines: unknown[];
  duties: unknown[];
  variant_inventory_management: string | null;
  location_id?: number | null;
}

export interface RestShippingLine {
  id: number;
  title: string;
  code: string;
  source: string;
  price: Decimal;
  price_set: RestMoneySet;
  discounted_price: Decimal;
  discounted_price_set: RestMoneySet;
  discount_allocations: RestDiscountAllocation[];
  tax_lines: unknown[];
}

export interface RestFulfillment {
  id: number;
  admin_graphql_api_id: string;
  order_id: number;
  status: "success" | "cancelled";
  created_at: string;
  updated_at: string;
  service: string;
  location_id: number | null;
  name: string;
  shipment_status: string | null;
  tracking_company: string | null;
  tracking_number: string | null;
  tracking_numbers: string[];
  tracking_url: string | null;
  tracking_urls: string[];
  line_items: RestLineItem[];
}

export interface RestTransaction {
  id: number;
  admin_graphql_api_id: string;
  order_id: number;
  kind: "sale" | "refund" | "capture" | "authorization" | "void";
  gateway: string;
  status: "success" | "pending" | "failure";
  amount: Decimal;
  currency: string;
  created_at: string;
  processed_at: string;
  parent_id: number | null;
  test: boolean;
  source_name: string;
  message: string | null;
}

export interface RestRefundLineItem {
  id: number;
  line_item_id: number;
  quantity: number;
  restock_type: RestockType;
  location_id: number | null;
  subtotal: number;
  subtotal_set: RestMoneySet;
  total_tax: number;
  total_tax_set: RestMoneySet;
  line_item: RestLineItem;
}

export interface RestOrderAdjustment {
  id: number;
  order_id: number;
  refund_id: number;
  amount: Decimal;
  amount_set: RestMoneySet;
  tax_amount: Decimal;
  tax_amount_set: RestMoneySet;
  kind: "shipping_refund" | "refund_discrepancy";
  reason: string;
}

export interface RestRefund {
  id: number;
  admin_graphql_api_id: string;
  order_id: number;
  created_at: string;
  processed_at: string;
  note: string | null;
  restock: boolean;
  user_id: number | null;
  refund_line_items: RestRefundLineItem[];
  transactions: RestTransaction[];
  order_adjustments: RestOrderAdjustment[];
  duties: unknown[];
  total_duties_set: RestMoneySet;
  refund_shipping_lines: unknown[];
  return: null;
}

export interface RestOrder {
  id: number;
  admin_graphql_api_id: string;
  app_id: number | null;
  browser_ip: string | null;
  buyer_accepts_marketing: boolean;
  cancel_reason: "customer" | "fraud" | "inventory" | "declined" | "other" | "staff" | null;
  cancelled_at: string | null;
  cart_token: string | null;
  checkout_id: number | null;
  checkout_token: string | null;
  closed_at: string | null;
  confirmation_number: string;
  confirmed: boolean;
  contact_email: string | null;
  created_at: string;
  currency: string;
  current_subtotal_price: Decimal;
  current_subtotal_price_set: RestMoneySet;
  current_total_discounts: Decimal;
  current_total_discounts_set: RestMoneySet;
  current_total_price: Decimal;
  current_total_price_set: RestMoneySet;
  current_total_tax: Decimal;
  current_total_tax_set: RestMoneySet;
  customer_locale: string;
  discount_applications: RestDiscountApplication[];
  discount_codes: RestDiscountCode[];
  email: string;
  estimated_taxes: boolean;
  financial_status: FinancialStatus;
  fulfillment_status: FulfillmentStatus;
  landing_site: string | null;
  location_id: number | null;
  name: string;
  note: string | null;
  note_attributes: Array<{ name: string; value: string }>;
  number: number;
  order_number: number;
  order_status_url: string;
  payment_gateway_names: string[];
  phone: string | null;
  presentment_currency: string;
  processed_at: string;
  reference: string | null;
  source_identifier: string | null;
  source_name: string;
  subtotal_price: Decimal;
  subtotal_price_set: RestMoneySet;
  tags: string;
  tax_lines: unknown[];
  taxes_included: boolean;
  test: boolean;
  token: string;
  total_discounts: Decimal;
  total_discounts_set: RestMoneySet;
  total_line_items_price: Decimal;
  total_line_items_price_set: RestMoneySet;
  total_outstanding: Decimal;
  total_price: Decimal;
  total_price_set: RestMoneySet;
  total_shipping_price_set: RestMoneySet;
  total_tax: Decimal;
  total_tax_set: RestMoneySet;
  total_weight: number;
  updated_at: string;
  user_id: number | null;
  billing_address: null;
  shipping_address: RestOrderAddress | null;
  customer: RestCustomer | null;
  fulfillments: RestFulfillment[];
  line_items: RestLineItem[];
  payment_terms: null;
  refunds: RestRefund[];
  shipping_lines: RestShippingLine[];
}

export interface OrderLineInput {
  id?: number;
  productId: number | null;
  variantId: number | null;
  quantity: number;
  price: Decimal;
  title?: string;
  variantTitle?: string | null;
  sku?: string | null;
  vendor?: string | null;
  requiresShipping?: boolean;
  taxable?: boolean;
  giftCard?: boolean;
  grams?: number;
}

export interface DiscountCodeInput {
  code: string;
  amount?: Decimal;
  type?: RestDiscountCode["type"];
  value?: Decimal;
}

export interface OrderInput {
  id?: number;
  number?: number;
  currency?: string;
  shopDomain?: string;
  customer?: RestCustomer | null;
  email?: string | null;
  lines: OrderLineInput[];
  discountCodes?: Array<string | DiscountCodeInput>;
  shippingPrice?: Decimal;
  totalTax?: Decimal;
  locationId?: number | null;
  sourceName?: string;
  financialStatus?: FinancialStatus;
  fulfillmentStatus?: FulfillmentStatus;
  test?: boolean;
  createdAt?: string;
  updatedAt?: string;
  processedAt?: string;
  tags?: string[] | string;
  note?: string | null;
  noteAttributes?: Array<{ name: string; value: string }>;
  userId?: number | null;
}

function randomToken(): string {
  return crypto.randomUUID().replace(/-/g, "");
}

/** Splits `totalMinor` over `weights` proportionally; the rounding remainder goes to the last non-zero weight. */
export function allocateMinor(totalMinor: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum === 0 || totalMinor === 0) return weights.map(() => 0);
  const shares = weights.map((w) => Math.floor((totalMinor * w) / sum));
  const lastIndex = weights.reduce((last, w, i) => (w > 0 ? i : last), 0);
  shares[lastIndex] += totalMinor - shares.reduce((a, b) => a + b, 0);
  return shares;
}

function normalizeDiscountCodes(input: OrderInput["discountCodes"], lineTotalMinor: number, currency: string): RestDiscountCode[] {
  return (input ?? []).map((entry) => {
    const d: DiscountCodeInput = typeof entry === "string" ? { code: entry } : entry;
    const type = d.type ?? "fixed_amount";
    // A percentage code's value is a percent ("10.0"), not money: the amount off is rounded to the minor unit.
    const percentOff = (percent: Decimal) => Math.round((lineTotalMinor * Number(percent)) / 100);
    const minor = d.amount !== undefined ? toMinor(d.amount, currency) : type === "percentage" && d.value ? percentOff(d.value) : 0;
    return { code: d.code, amount: fromMinor(minor, currency), type };
  });
}

function buildLineItem(line: OrderLineInput, currency: string, allocations: RestDiscountAllocation[], locationId: number | null | undefined): RestLineItem {
  const id = line.id ?? nextId("lineItem");
  const title = line.title ?? `Product ${line.productId ?? "custom"}`;
  const item: RestLineItem = {
    id,
    admin_graphql_api_id: gid("LineItem", id),
    product_id: line.productId,
    variant_id: line.variantId,
    title,
    name: line.variantTitle ? `${title} - ${line.variantTitle}` : title,
    variant_title: line.variantTitle ?? null,
    sku: line.sku ?? null,
    vendor: line.vendor ?? null,
    quantity: line.quantity,
    current_quantity: line.quantity,
    fulfillable_quantity: line.quantity,
    fulfillment_service: "manual",
    fulfillment_status: null,
    price: fromMinor(toMinor(line.price, currency), currency),
    price_set: moneySet(fromMinor(toMinor(line.price, currency), currency), currency),
    total_discount: fromMinor(0, currency),
    total_discount_set: moneySet(fromMinor(0, currency), currency),
    discount_allocations: allocations,
    gift_card: line.giftCard ?? false,
    requires_shipping: line.requiresShipping ?? true,
    taxable: line.taxable ?? true,
    product_exists: line.productId !== null,
    grams: line.grams ?? 0,
    properties: [],
    tax_lines: [],
    duties: [],
    variant_inventory_management: "shopify",
  };
  if (locationId !== undefined) item.location_id = locationId;
  return item;
}

/** An orders/create payload; totals, discount allocations and `current_*` fields are computed from the lines. */
export function buildOrder(input: OrderInput): RestOrder {
  const id = input.id ?? nextId("order");
  const currency = input.currency ?? "USD";
  const number = input.number ?? 1;
  const createdAt = input.createdAt ?? new Date().toISOString();
  const lineMinor = input.lines.map((l) => toMinor(l.price, currency) * l.quantity);
  const lineTotal = lineMinor.reduce((a, b) => a + b, 0);
  const codes = normalizeDiscountCodes(input.discountCodes, lineTotal, currency);
  const applications: RestDiscountApplication[] = codes.map((c) => ({
    target_type: c.type === "shipping" ? "shipping_line" : "line_item",
    type: "discount_code",
    value: c.amount,
    value_type: c.type === "percentage" ? "percentage" : "fixed_amount",
    allocation_method: "across",
    target_selection: "all",
    code: c.code,
  }));
  const perLine: RestDiscountAllocation[][] = input.lines.map(() => []);
  codes.forEach((c, index) => {
    if (c.type === "shipping") return;
    allocateMinor(Math.min(toMinor(c.amount, currency), lineTotal), lineMinor).forEach((share, i) => {
      if (share > 0)
        perLine[i].push({ amount: fromMinor(share, currency), amount_set: moneySet(fromMinor(share, currency), currency), discount_application_index: index });
    });
  });
  const lineDiscount = perLine.flat().reduce((a, d) => a + toMinor(d.amount, currency), 0);
  const shippingMinor = toMinor(input.shippingPrice ?? "0", currency);
  const shippingDiscount = Math.min(
    shippingMinor,
    codes.filter((c) => c.type === "shipping").reduce((a, c) => a + toMinor(c.amount, currency), 0),
  );
  const taxMinor = toMinor(input.totalTax ?? "0", currency);
  const subtotal = lineTotal - lineDiscount;
  const total = subtotal + shippingMinor - shippingDiscount + taxMinor;
  const status: FinancialStatus = input.financialStatus ?? "paid";
  const d = (minor: number) => fromMinor(minor, currency);
  const m = (minor: number) => moneySet(d(minor), currency);
  const customer = input.customer ?? null;
  const email = input.email ?? customer?.email ?? "";
  const token = randomToken();
  const shippingLines: RestShippingLine[] =
    input.shippingPrice === undefined
      ? []
      : [
          {
            id: nextId("shippingLine"),
            title: "Standard",
            code: "Standard",
            source: "shopify",
            price: d(shippingMinor),
            price_set: m(shippingMinor),
            discounted_price: d(shippingMinor - shippingDiscount),
            discounted_price_set: m(shippingMinor - shippingDiscount),
            discount_allocations: [],
            tax_lines: [],
          },
        ];
  return {
    id,
    admin_graphql_api_id: gid("Order", id),
    app_id: 580111,
    browser_ip: null,
    buyer_accepts_marketing: false,
    cancel_reason: null,
    cancelled_at: null,
    cart_token: null,
    checkout_id: null,
    checkout_token: null,
    closed_at: null,
    confirmation_number: token.slice(0, 9).toUpperCase(),
    confirmed: true,
    contact_email: email || null,
    created_at: createdAt,
    currency,
    current_subtotal_price: d(subtotal),
    current_subtotal_price_set: m(subtotal),
    current_total_discounts: d(lineDiscount + shippingDiscount),
    current_total_discounts_set: m(lineDiscount + shippingDiscount),
    current_total_price: d(total),
    current_total_price_set: m(total),
    current_total_tax: d(taxMinor),
    current_total_tax_set: m(taxMinor),
    customer_locale: "en",
    discount_applications: applications,
    discount_codes: codes,
    email,
    estimated_taxes: false,
    financial_status: status,
    fulfillment_status: input.fulfillmentStatus ?? null,
    landing_site: null,
    location_id: input.locationId ?? null,
    name: `#${1000 + number}`,
    note: input.note ?? null,
    note_attributes: input.noteAttributes ?? [],
    number,
    order_number: 1000 + number,
    order_status_url: `https://${input.shopDomain ?? "example.myshopify.com"}/${id}/orders/${token}/authenticate?key=${token}`,
    payment_gateway_names: ["bogus"],
    phone: null,
    presentment_currency: currency,
    processed_at: input.processedAt ?? createdAt,
    reference: null,
    source_identifier: null,
    source_name: input.sourceName ?? "web",
    subtotal_price: d(subtotal),
    subtotal_price_set: m(subtotal),
    tags: joinTags(input.tags),
    tax_lines: [],
    taxes_included: false,
    test: input.test ?? false,
    token,
    total_discounts: d(lineDiscount + shippingDiscount),
    total_discounts_set: m(lineDiscount + shippingDiscount),
    total_line_items_price: d(lineTotal),
    total_line_items_price_set: m(lineTotal),
    total_outstanding: status === "paid" ? d(0) : d(total),
    total_price: d(total),
    total_price_set: m(total),
    total_shipping_price_set: m(shippingMinor - shippingDiscount),
    total_tax: d(taxMinor),
    total_tax_set: m(taxMinor),
    total_weight: input.lines.reduce((a, l) => a + (l.grams ?? 0) * l.quantity, 0),
    updated_at: input.updatedAt ?? createdAt,
    user_id: input.userId ?? null,
    billing_address: null,
    shipping_address: null,
    customer,
    fulfillments: [],
    line_items: input.lines.map((l, i) => buildLineItem(l, currency, perLine[i], input.locationId)),
    payment_terms: null,
    refunds: [],
    shipping_lines: shippingLines,
  };
}

// ---------------------------------------------------------------- refunds

export interface RefundLineInput {
  lineItemId: number;
  quantity: number;
  restockType?: RestockType;
  locationId?: number | null;
}
export interface RefundInput {
  id?: number;
  lines: RefundLineInput[];
  note?: string | null;
  createdAt?: string;
  shipping?: Decimal;
  userId?: number | null;
}

/** Quantity of a line item not yet refunded in `order`. */
export function refundableQuantity(order: RestOrder, lineItemId: number): number {
  const line = order.line_items.find((l) => l.id === lineItemId);
  if (!line) return 0;
  const refunded = order.refunds
    .flatMap((r) => r.refund_line_items)
    .filter((r) => r.line_item_id === lineItemId)
    .reduce((a, r) => a + r.quantity, 0);
  return line.quantity - refunded;
}

/** The refund's money per line: unit price less the line's discount share for the refunded units. */
function refundLineMinor(line: RestLineItem, quantity: number, currency: string): number {
  const discount = line.discount_allocations.reduce((a, d) => a + toMinor(d.amount, currency), 0);
  return toMinor(line.price, currency) * quantity - Math.round((discount * quantity) / line.quantity);
}

/** A refunds/create payload for `order`; throws when a line does not exist or is over-refunded. */
export function buildRefund(order: RestOrder, input: RefundInput): RestRefund {
  const id = input.id ?? nextId("refund");
  const createdAt = input.createdAt ?? new Date().toISOString();
  const currency = order.currency;
  const d = (minor: number) => fromMinor(minor, currency);
  const refundLines: RestRefundLineItem[] = input.lines.map((l) => {
    const line = order.line_items.find((li) => li.id === l.lineItemId);
    if (!line) throw new Error(`Line item ${l.lineItemId} is not on order ${order.id}`);
    if (l.quantity < 1 || l.quantity > refundableQuantity(order, l.lineItemId)) {
      throw new Error(`Cannot refund ${l.quantity} of line item ${l.lineItemId} (refundable: ${refundableQuantity(order, l.lineItemId)})`);
    }
    const minor = refundLineMinor(line, l.quantity, currency);
    return {
      id: nextId("refundLineItem"),
      line_item_id: line.id,
      quantity: l.quantity,
      restock_type: l.restockType ?? "no_restock",
      location_id: l.locationId ?? order.location_id,
      subtotal: Number(d(minor)),
      subtotal_set: moneySet(d(minor), currency),
      total_tax: 0,
      total_tax_set: moneySet(d(0), currency),
      line_item: { ...line },
    };
  });
  const shippingMinor = toMinor(input.shipping ?? "0", currency);
  const amountMinor = refundLines.reduce((a, r) => a + toMinor(r.subtotal_set.shop_money.amount, currency), 0) + shippingMinor;
  const adjustments: RestOrderAdjustment[] =
    shippingMinor > 0
      ? [
          {
            id: nextId("refundLineItem"),
            order_id: order.id,
            refund_id: id,
            amount: d(-shippingMinor),
            amount_set: moneySet(d(-shippingMinor), currency),
            tax_amount: d(0),
            tax_amount_set: moneySet(d(0), currency),
            kind: "shipping_refund",
            reason: "Shipping refund",
          },
        ]
      : [];
  const transactionId = nextId("transaction");
  return {
    id,
    admin_graphql_api_id: gid("Refund", id),
    order_id: order.id,
    created_at: createdAt,
    processed_at: createdAt,
    note: input.note ?? null,
    restock: refundLines.some((r) => r.restock_type !== "no_restock"),
    user_id: input.userId ?? null,
    refund_line_items: refundLines,
    transactions:
      amountMinor > 0
        ? [
            {
              id: transactionId,
              admin_graphql_api_id: gid("OrderTransaction", transactionId),
              order_id: order.id,
              kind: "refund",
              gateway: "bogus",
              status: "success",
              amount: d(amountMinor),
              currency,
              created_at: createdAt,
              processed_at: createdAt,
              parent_id: null,
              test: order.test,
              source_name: "web",
              message: "Bogus Gateway: Forced success",
            },
          ]
        : [],
    order_adjustments: adjustments,
    duties: [],
    total_duties_set: moneySet(d(0), currency),
    refund_shipping_lines: [],
    return: null,
  };
}

/** A fulfillment of every unfulfilled line of `order`. */
export function buildFulfillment(order: RestOrder, at: string = new Date().toISOString()): RestFulfillment {
  const id = nextId("fulfillment");
  return {
    id,
    admin_graphql_api_id: gid("Fulfillment", id),
    order_id: order.id,
    status: "success",
    created_at: at,
    updated_at: at,
    service: "manual",
    location_id: order.location_id,
    name: `${order.name}.${order.fulfillments.length + 1}`,
    shipment_status: null,
    tracking_company: null,
    tracking_number: null,
    tracking_numbers: [],
    tracking_url: null,
    tracking_urls: [],
    line_items: order.line_items.filter((l) => l.fulfillment_status !== "fulfilled").map((l) => ({ ...l, fulfillment_status: "fulfilled" as const })),
  };
}

// ---------------------------------------------------------------- shop and compliance

export interface RestShop {
  id: number;
  name: string;
  email: string;
  domain: string;
  myshopify_domain: string;
  shop_owner: string;
  currency: string;
  enabled_presentment_currencies: string[];
  iana_timezone: string;
  timezone: string;
  country_code: string;
  country_name: string;
  province: string | null;
  province_code: string | null;
  city: string | null;
  address1: string | null;
  address2: string | null;
  zip: string | null;
  phone: string | null;
  primary_locale: string;
  customer_email: string | null;
  money_format: string;
  money_with_currency_format: string;
  plan_name: string;
  plan_display_name: string;
  taxes_included: boolean;
  tax_shipping: boolean | null;
  has_discounts: boolean;
  has_gift_cards: boolean;
  has_storefront: boolean;
  password_enabled: boolean;
  multi_location_enabled: boolean;
  primary_location_id: number | null;
  weight_unit: string;
  created_at: string;
  updated_at: string;
  source: string | null;
  checkout_api_supported: boolean;
  setup_required: boolean;
  pre_launch_enabled: boolean;
  eligible_for_payments: boolean;
  transactional_sms_disabled: boolean;
  marketing_sms_consent_enabled_at_checkout: boolean;
}

export interface ShopInput {
  id?: number;
  name?: string;
  domain: string;
  email?: string;
  currency?: string;
  ianaTimezone?: string;
  ownerName?: string;
  planName?: string;
  planDisplayName?: string;
  createdAt?: string;
  primaryLocationId?: number | null;
}

/** The shop object Shopify sends with app/uninstalled (the REST Shop resource). */
export function buildShop(input: ShopInput): RestShop {
  const createdAt = input.createdAt ?? new Date().toISOString();
  const currency = input.currency ?? "USD";
  const symbol = currency === "EUR" ? "€" : currency === "GBP" ? "£" : "$";
  return {
    id: input.id ?? nextId("shop"),
    name: input.name ?? input.domain.split(".")[0],
    email: input.email ?? `owner@${input.domain}`,
    domain: input.domain,
    myshopify_domain: input.domain,
    shop_owner: input.ownerName ?? "Shop Owner",
    currency,
    enabled_presentment_currencies: [currency],
    iana_timezone: input.ianaTimezone ?? "America/New_York",
    timezone: `(GMT-05:00) ${input.ianaTimezone ?? "America/New_York"}`,
    country_code: "US",
    country_name: "United States",
    province: "New York",
    province_code: "NY",
    city: "New York",
    address1: "1 Main Street",
    address2: null,
    zip: "10001",
    phone: null,
    primary_locale: "en",
    customer_email: input.email ?? `owner@${input.domain}`,
    money_format: `${symbol}{{amount}}`,
    money_with_currency_format: `${symbol}{{amount}} ${currency}`,
    plan_name: input.planName ?? "basic",
    plan_display_name: input.planDisplayName ?? "Basic",
    taxes_included: false,
    tax_shipping: null,
    has_discounts: true,
    has_gift_cards: false,
    has_storefront: true,
    password_enabled: false,
    multi_location_enabled: true,
    primary_location_id: input.primaryLocationId ?? null,
    weight_unit: "kg",
    created_at: createdAt,
    updated_at: createdAt,
    source: null,
    checkout_api_supported: true,
    setup_required: false,
    pre_launch_enabled: false,
    eligible_for_payments: true,
    transactional_sms_disabled: false,
    marketing_sms_consent_enabled_at_checkout: false,
  };
}

export interface ComplianceCustomer {
  id: number;
  email: string | null;
  phone: string | null;
}

export interface CustomersDataRequestPayload {
  shop_id: number;
  shop_domain: string;
  orders_requested: number[];
  customer: ComplianceCustomer;
  data_request: { id: number };
}
export interface CustomersRedactPayload {
  shop_id: number;
  shop_domain: string;
  customer: ComplianceCustomer;
  orders_to_redact: number[];
}
export interface ShopRedactPayload {
  shop_id: number;
  shop_domain: string;
}

/** A customers/data_request payload. */
export function buildCustomersDataRequest(input: {
  shopId: number;
  shopDomain: string;
  customer: ComplianceCustomer;
  orderIds?: number[];
  requestId?: number;
}): CustomersDataRequestPayload {
  return {
    shop_id: input.shopId,
    shop_domain: input.shopDomain,
    orders_requested: input.orderIds ?? [],
    customer: input.customer,
    data_request: { id: input.requestId ?? nextId("storeCredit") },
  };
}

/** A customers/redact payload. */
export function buildCustomersRedact(input: { shopId: number; shopDomain: string; customer: ComplianceCustomer; orderIds?: number[] }): CustomersRedactPayload {
  return { shop_id: input.shopId, shop_domain: input.shopDomain, customer: input.customer, orders_to_redact: input.orderIds ?? [] };
}

/** A shop/redact payload. */
export function buildShopRedact(input: { shopId: number; shopDomain: string }): ShopRedactPayload {
  return { shop_id: input.shopId, shop_domain: input.shopDomain };
}
