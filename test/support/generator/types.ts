/**
 * Plain data the generator produces. Shapes follow the emulator's store inputs (camelCase, numeric ids,
 * money as 2-digit decimal strings) so each record can be handed to it as is.
 */

export type CategoryKey = "coffee" | "tea" | "gear" | "mugs" | "giftCards" | "snacks";

export interface GeneratedVariant {
  id: number;
  productId: number;
  title: string;
  price: string;
  sku: string;
}

export interface GeneratedProduct {
  id: number;
  title: string;
  handle: string;
  vendor: string;
  productType: string;
  category: CategoryKey;
  /** Descriptive tags; role tags ("beans", "filters", "tea", "mug", …) drive co-purchases. */
  tags: string[];
  giftCard: boolean;
  createdAt: string;
  variants: GeneratedVariant[];
  /** Relative demand within its category (hidden; "Best sellers" holds the highest). */
  popularity: number;
}

export interface GeneratedCollection {
  id: number;
  title: string;
  handle: string;
  productIds: number[];
}

export interface GeneratedLocation {
  id: number;
  name: string;
  city: string;
  countryCode: string;
  kind: "warehouse" | "retail";
  fulfillsOnlineOrders: boolean;
  /** How much of each category this location sells relative to the shop (0 = not stocked: a location gap). */
  categoryWeights: Record<CategoryKey, number>;
}

/** A discount code the shop offers; `value` is a percentage ("10") or an amount ("5.00"). */
export interface GeneratedDiscount {
  code: string;
  type: "percentage" | "fixed_amount";
  value: string;
}

export interface Catalog {
  products: GeneratedProduct[];
  collections: GeneratedCollection[];
  locations: GeneratedLocation[];
  discounts: GeneratedDiscount[];
}

export type Persona = "loyalRegular" | "occasional" | "oneAndDone" | "lapsed" | "bargainHunter";

export interface GeneratedCustomer {
  id: number;
  email: string;
  firstName: string;
  lastName: string;
  createdAt: string;
  acceptsMarketing: boolean;
  tags: string[];
  /** Hidden behaviour: drives how often, when and what this customer buys. */
  persona: Persona;
}

export interface GeneratedLine {
  productId: number;
  variantId: number;
  title: string;
  quantity: number;
  price: string;
}

/** A discount applied to one order; `amount` is the money it took off that order. */
export interface AppliedDiscount extends GeneratedDiscount {
  amount: string;
}

/** Refunded units, by index into the order's `lines` (the store assigns line item ids when the order is placed). */
export interface RefundedLine {
  lineIndex: number;
  quantity: number;
}

export type OrderEvent = { type: "fulfill"; at: string } | { type: "cancel"; at: string } | { type: "refund"; at: string; lines: RefundedLine[] };

export type OrderSource = "web" | "pos";
export type GeneratedFinancialStatus = "paid" | "pending" | "authorized";

export interface GeneratedOrder {
  /** Stable within one stream ("order-0000001"), in creation order. */
  key: string;
  createdAt: string;
  /** null for guest checkouts, which carry only an email. */
  customerId: number | null;
  email: string;
  lines: GeneratedLine[];
  discountCodes: AppliedDiscount[];
  /** The retail location for POS orders; null for web orders. */
  locationId: number | null;
  sourceName: OrderSource;
  test: boolean;
  financialStatus: GeneratedFinancialStatus;
  /** What happens after checkout, oldest first, none later than the period's end. */
  events: OrderEvent[];
}
