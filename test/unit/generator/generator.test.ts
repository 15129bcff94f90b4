/** Scale behaviour of the data generator: determinism, seasonality, co-purchases, personas, guests, streaming memory. */
import v8 from "node:v8";
import vm from "node:vm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  CO_PURCHASE_RULES,
  generateCatalog,
  generateCustomers,
  generateOrders,
  periodOf,
  type Catalog,
  type GeneratedCustomer,
  type GeneratedOrder,
  type Seed,
} from "../../support/generator";

const END = "2026-11-01T00:00:00.000Z";
const DAY_MS = 86_400_000;

function firstOrders(seed: Seed, count: number): GeneratedOrder[] {
  const catalog = generateCatalog(seed);
  const customers = generateCustomers(seed, 2_000, { endDate: END });
  const orders: GeneratedOrder[] = [];
  for (const order of generateOrders(seed, { catalog, customers, endDate: END })) {
    orders.push(order);
    if (orders.length === count) break;
  }
  return orders;
}

/** Lift of "an order holds a product tagged a" and "… tagged b": P(a and b) / (P(a) P(b)). */
function lift(orders: GeneratedOrder[], catalog: Catalog, a: string, b: string): number {
  const tags = new Map(catalog.products.map((p) => [p.id, p.tags]));
  const has = (o: GeneratedOrder, tag: string) => o.lines.some((l) => tags.get(l.productId)?.includes(tag));
  const share = (f: (o: GeneratedOrder) => boolean) => orders.filter(f).length / orders.length;
  return share((o) => has(o, a) && has(o, b)) / (share((o) => has(o, a)) * share((o) => has(o, b)));
}

describe("generateOrders over 90 days (3,000 customers)", () => {
  let catalog: Catalog, customers: GeneratedCustomer[], orders: GeneratedOrder[];
  beforeAll(() => {
    catalog = generateCatalog("scale");
    customers = generateCustomers("scale", 3_000, { endDate: END });
    orders = [...generateOrders("scale", { catalog, customers, endDate: END })];
  });

  it("gives the same first 1,000 orders for the same seed, byte for byte, and others for another seed", () => {
    const again = JSON.stringify(firstOrders(42, 1_000));
    expect(JSON.stringify(firstOrders(42, 1_000))).toBe(again);
    expect(JSON.stringify(firstOrders("42", 1_000))).toBe(again);
    expect(JSON.stringify(firstOrders(43, 1_000))).not.toBe(again);
  });

  it("makes weekends clearly busier than weekdays", () => {
    const perDay = new Map<string, number>();
    for (const o of orders) perDay.set(o.createdAt.slice(0, 10), (perDay.get(o.createdAt.slice(0, 10)) ?? 0) + 1);
    const mean = (weekend: boolean) => {
      const counts = [...perDay].filter(([day]) => [0, 6].includes(new Date(day).getUTCDay()) === weekend).map(([, n]) => n);
      return counts.reduce((a, b) => a + b, 0) / counts.length;
    };
    expect(perDay.size).toBe(90);
    expect(mean(true) / mean(false)).toBeGreaterThan(1.35);
  });

  it("puts the designed pairs in the same basket well above chance", () => {
    expect(CO_PURCHASE_RULES).toContainEqual(expect.objectContaining({ when: "beans", add: "filters" }));
    expect(lift(orders, catalog, "beans", "filters")).toBeGreaterThan(1.5);
    expect(lift(orders, catalog, "tea", "mug")).toBeGreaterThan(1.5);
    expect(lift(orders, catalog, "dripper", "filters")).toBeGreaterThan(2);
  });

  it("follows personas: lapsed stop before the last third, one-and-done order once, regulars about every two weeks", () => {
    const period = periodOf(END, 90);
    const persona = new Map(customers.map((c) => [c.id, c.persona]));
    const ordersOf = (p: string) => orders.filter((o) => o.customerId !== null && persona.get(o.customerId) === p);
    const lastThird = period.endMs - 30 * DAY_MS;
    expect(ordersOf("lapsed").length).toBeGreaterThan(100);
    expect(ordersOf("lapsed").filter((o) => Date.parse(o.createdAt) >= lastThird)).toEqual([]);
    const onceEach = new Set(ordersOf("oneAndDone").map((o) => o.customerId));
    expect(onceEach.size).toBe(ordersOf("oneAndDone").length);
    const regulars = customers.filter((c) => c.persona === "loyalRegular").length;
    expect(ordersOf("loyalRegular").length / regulars).toBeGreaterThan(4);
    expect(ordersOf("loyalRegular").length / regulars).toBeLessThan(9);
    const signup = new Map(customers.map((c) => [c.id, Date.parse(c.createdAt)]));
    expect(orders.filter((o) => o.customerId !== null && Date.parse(o.createdAt) < (signup.get(o.customerId) ?? 0))).toEqual([]);
  });

  it("keeps guest checkouts near the target share", () => {
    const guests = orders.filter((o) => o.customerId === null);
    expect(guests.length / orders.length).toBeGreaterThan(0.08);
    expect(guests.length / orders.length).toBeLessThan(0.12);
    const heavy = [...generateOrders("scale", { catalog, customers: customers.slice(0, 300), endDate: END, ordersPerDay: 60, guestShare: 0.3 })];
    expect(heavy.filter((o) => o.customerId === null).length / heavy.length).toBeCloseTo(0.3, 1);
  });

  it("has ~5% partial refunds, ~2% cancellations, and location gaps at the kiosk", () => {
    const share = (type: string) => orders.filter((o) => o.events.some((e) => e.type === type)).length / orders.length;
    expect(share("refund")).toBeGreaterThan(0.03);
    expect(share("refund")).toBeLessThan(0.07);
    expect(share("cancel")).toBeGreaterThan(0.01);
    expect(share("cancel")).toBeLessThan(0.03);
    const kiosk = catalog.locations.find((l) => l.name === "South Congress Kiosk");
    const gear = new Set(catalog.products.filter((p) => p.category === "gear").map((p) => p.id));
    const sellsGear = (o: GeneratedOrder) => o.lines.some((l) => gear.has(l.productId));
    expect(orders.filter((o) => o.locationId === kiosk?.id).length).toBeGreaterThan(50);
    expect(orders.filter((o) => o.locationId === kiosk?.id && sellsGear(o))).toEqual([]);
    expect(orders.filter((o) => o.sourceName === "web" && sellsGear(o)).length).toBeGreaterThan(100);
  });
});

describe("generateOrders at scale", () => {
  it("streams 200,000 orders without holding them", (ctx) => {
    v8.setFlagsFromString("--expose-gc");
    const gc = vm.runInNewContext("gc") as () => void;
    const catalog = generateCatalog("load");
    const customers = generateCustomers("load", 20_000, { endDate: END });
    gc();
    const before = process.memoryUsage().heapUsed;
    let count = 0,
      peak = before,
      units = 0;
    const started = performance.now();
    for (const order of generateOrders("load", { catalog, customers, endDate: END, ordersPerDay: 200_000 / 90 })) {
      count++;
      units += order.lines.length;
      if (count % 10_000 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed);
    }
    const seconds = (performance.now() - started) / 1000;
    gc();
    const retained = process.memoryUsage().heapUsed - before;
    console.info(`${ctx.task.name}: ${count} orders, ${Math.round(count / seconds)} orders/s, peak +${Math.round((peak - before) / 2 ** 20)} MiB`);
    expect(count).toBeGreaterThan(190_000);
    expect(count).toBeLessThan(210_000);
    expect(units).toBeGreaterThan(count);
    expect(retained).toBeLessThan(16 * 2 ** 20);
    expect(peak - before).toBeLessThan(128 * 2 ** 20);
  }, 120_000);
});
