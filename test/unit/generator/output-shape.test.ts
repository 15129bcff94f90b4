/** Shape of the generator's output for any seed: valid catalog, customers and orders the store can ingest as they are. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  generateCatalog,
  generateCustomers,
  generateOrders,
  periodOf,
  STORE_HOURS,
  toPlaceOrderInput,
  toRefundInput,
  type GeneratedOrder,
} from "../../support/generator";

const MONEY = /^\d+\.\d{2}$/;
const END = "2026-11-01T00:00:00.000Z";
const seeds = fc.oneof(fc.integer(), fc.string({ maxLength: 12 }));

describe("generateCatalog", () => {
  it("gives six categories of priced variants, a collection per category plus Best sellers, a warehouse and three stores", () => {
    const catalog = generateCatalog(1);
    const categories = new Set(catalog.products.map((p) => p.category));
    expect([...categories].sort()).toEqual(["coffee", "gear", "giftCards", "mugs", "snacks", "tea"]);
    const variants = catalog.products.flatMap((p) => p.variants);
    expect(variants.every((v) => MONEY.test(v.price) && Number(v.price) > 0)).toBe(true);
    expect(new Set(variants.map((v) => v.id)).size).toBe(variants.length);
    expect(new Set(catalog.products.map((p) => p.handle)).size).toBe(catalog.products.length);
    expect(catalog.products.filter((p) => p.giftCard).every((p) => p.category === "giftCards" && p.tags.includes("gift-card"))).toBe(true);
    expect(catalog.collections.map((c) => c.title)).toEqual(["Coffee", "Tea", "Brewing gear", "Mugs", "Gift cards", "Snacks", "Best sellers"]);
    expect(catalog.locations.map((l) => l.kind)).toEqual(["warehouse", "retail", "retail", "retail"]);
  });

  it("grows to the asked number of products per category", () => {
    const catalog = generateCatalog(1, { productsPerCategory: 20 });
    expect(catalog.products.filter((p) => p.category === "coffee")).toHaveLength(20);
    expect(catalog.products.filter((p) => p.category === "giftCards")).toHaveLength(2);
  });
});

describe("generateCustomers", () => {
  it("gives unique ids and emails on example domains only", () => {
    const customers = generateCustomers(5, 5_000);
    expect(new Set(customers.map((c) => c.id)).size).toBe(5_000);
    expect(new Set(customers.map((c) => c.email)).size).toBe(5_000);
    expect(customers.every((c) => /^[a-z]+\.[a-z]+\d*@example\.(com|org)$/.test(c.email))).toBe(true);
    expect(new Set(customers.map((c) => c.persona)).size).toBe(5);
  });
});

/** Every rule a single order must keep, whatever the seed. */
function checkOrder(order: GeneratedOrder, index: number, ctx: { endMs: number; startMs: number; retail: Set<number>; prices: Map<number, string> }): void {
  const created = Date.parse(order.createdAt);
  expect(order.key).toBe(`order-${String(index + 1).padStart(7, "0")}`);
  expect(created).toBeGreaterThanOrEqual(ctx.startMs);
  expect(created).toBeLessThan(ctx.endMs);
  expect(order.lines.length).toBeGreaterThan(0);
  for (const line of order.lines) {
    expect(line.quantity).toBeGreaterThanOrEqual(1);
    expect(line.price).toBe(ctx.prices.get(line.variantId));
  }
  if (order.sourceName === "pos") {
    expect(ctx.retail.has(order.locationId ?? -1)).toBe(true);
    expect(new Date(created).getUTCHours()).toBeGreaterThanOrEqual(STORE_HOURS.open);
  } else expect(order.locationId).toBeNull();
  if (order.customerId === null) expect(order.email).toMatch(/^guest\.\d+@example\.org$/);
  for (const discount of order.discountCodes) expect(discount.amount).toMatch(MONEY);
  const times = order.events.map((e) => Date.parse(e.at));
  expect(times).toEqual([...times].sort((a, b) => a - b));
  expect(times.every((t) => t > created && t < ctx.endMs)).toBe(true);
  if (order.events.some((e) => e.type === "cancel")) expect(order.events).toHaveLength(1);
  const units = order.lines.reduce((sum, l) => sum + l.quantity, 0);
  for (const event of order.events) {
    if (event.type !== "refund") continue;
    const refunded = event.lines.reduce((sum, l) => sum + l.quantity, 0);
    expect(refunded).toBeLessThan(units);
    for (const l of event.lines) expect(l.quantity).toBeLessThanOrEqual(order.lines[l.lineIndex].quantity);
  }
}

describe("generateOrders", () => {
  it("yields valid orders, oldest first, for any seed", () => {
    fc.assert(
      fc.property(seeds, (seed) => {
        const catalog = generateCatalog(seed);
        const customers = generateCustomers(seed, 60, { endDate: END, days: 21 });
        const { startMs, endMs } = periodOf(END, 21);
        const ctx = {
          startMs,
          endMs,
          retail: new Set(catalog.locations.filter((l) => l.kind === "retail").map((l) => l.id)),
          prices: new Map(catalog.products.flatMap((p) => p.variants.map((v) => [v.id, v.price] as const))),
        };
        let previous = 0,
          index = 0;
        for (const order of generateOrders(seed, { catalog, customers, endDate: END, days: 21, ordersPerDay: 15 })) {
          expect(Date.parse(order.createdAt)).toBeGreaterThanOrEqual(previous);
          previous = Date.parse(order.createdAt);
          checkOrder(order, index++, ctx);
        }
        expect(index).toBeGreaterThan(150);
      }),
      { numRuns: 25 },
    );
  });

  it("yields guest orders only when there are no customers", () => {
    const orders = [...generateOrders(3, { catalog: generateCatalog(3), customers: [], endDate: END, days: 7, ordersPerDay: 10 })];
    expect(orders.length).toBeGreaterThan(30);
    expect(orders.every((o) => o.customerId === null)).toBe(true);
  });
});

describe("toPlaceOrderInput / toRefundInput", () => {
  it("turn an order and its refund into store inputs, refund lines resolved to the placed line item ids", () => {
    const catalog = generateCatalog(9);
    const customers = generateCustomers(9, 500, { endDate: END });
    const order = [...generateOrders(9, { catalog, customers, endDate: END, days: 30 })].find(
      (o) => o.customerId !== null && o.events.some((e) => e.type === "refund"),
    );
    if (!order) throw new Error("expected a refunded member order");
    expect(toPlaceOrderInput(order)).toMatchObject({ customer: { id: order.customerId }, email: order.email, createdAt: order.createdAt, lines: order.lines });
    const refund = order.events.find((e) => e.type === "refund");
    if (refund?.type !== "refund") throw new Error("unreachable");
    const lineItemIds = order.lines.map((_, i) => 1000 + i);
    expect(toRefundInput(refund, lineItemIds).lines).toEqual(refund.lines.map((l) => ({ lineItemId: 1000 + l.lineIndex, quantity: l.quantity })));
    expect(() => toRefundInput({ ...refund, lines: [{ lineIndex: 99, quantity: 1 }] }, lineItemIds)).toThrow(/line 99/);
  });
});
