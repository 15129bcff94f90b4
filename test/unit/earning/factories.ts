/** Small builders for the loyalty domain's tests: each gives a valid, earning-ready value unless told otherwise. */
import type { OrderFacts, OrderLine, ProductFacts, RefundFacts } from "~/earning/orders";
import { DEFAULT_PROGRAM, ruleForNewOrder, type OrderRule, type ProgramSettings } from "~/program/program";

let nextLine = 0;

/** A program that is switched on, otherwise the defaults (1 point per unit, awarded when paid, no pending). */
export function aProgram(overrides: Partial<ProgramSettings> = {}): ProgramSettings {
  return { ...DEFAULT_PROGRAM, enabled: true, ...overrides, earning: { ...DEFAULT_PROGRAM.earning, ...overrides.earning } };
}

/** The rule snapshot of an enabled default program, with `overrides` applied. */
export function aRule(overrides: Partial<OrderRule> = {}): OrderRule {
  return { ...ruleForNewOrder(aProgram()), ...overrides };
}

/** An ordinary product line worth `netMinor` (default 10.00). */
export function aLine(overrides: Partial<OrderLine> = {}): OrderLine {
  nextLine += 1;
  return {
    lineItemId: `line-${nextLine}`,
    productId: `product-${nextLine}`,
    variantId: `variant-${nextLine}`,
    quantity: 1,
    netMinor: 1000,
    giftCard: false,
    locationId: null,
    ...overrides,
  };
}

/** A paid, unfulfilled USD web order of one 10.00 line by customer "c-1". */
export function anOrder(overrides: Partial<OrderFacts> = {}): OrderFacts {
  const lines = overrides.lines ?? [aLine()];
  return {
    orderId: "order-1",
    name: "#1001",
    customerId: "c-1",
    email: "shopper@example.com",
    customerFirstName: "Ada",
    customerLastName: "Lovelace",
    currency: "USD",
    test: false,
    sourceName: "web",
    financialStatus: "paid",
    fulfillmentStatus: null,
    cancelledAt: null,
    createdAt: "2025-03-01T10:00:00Z",
    updatedAt: "2025-03-01T10:00:00Z",
    discountCodes: [],
    locationId: null,
    subtotalMinor: lines.reduce((sum, line) => sum + line.netMinor, 0),
    ...overrides,
    lines,
  };
}

/** A refund of the given lines (quantity 1 unless told). */
export function aRefund(lines: { lineItemId: string; subtotalMinor: number; quantity?: number }[], overrides: Partial<RefundFacts> = {}): RefundFacts {
  return {
    refundId: "refund-1",
    orderId: "order-1",
    createdAt: "2025-03-02T10:00:00Z",
    lines: lines.map((line) => ({ quantity: 1, ...line })),
    ...overrides,
  };
}

/** What Loyalist knows of products, keyed by product id. */
export function aCatalog(products: Record<string, Partial<ProductFacts>>): Map<string, ProductFacts> {
  return new Map(Object.entries(products).map(([id, facts]) => [id, { tags: [], collectionIds: [], ...facts }]));
}
