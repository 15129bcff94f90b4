// Insight's ingestion: orders, refunds, customers and products land in the analytics tables by order time,
// idempotently and in any order, and the rollup job folds in exactly the orders they changed.
import { afterAll, beforeAll, expect, it } from "vitest";
import { anInsightShop, startInsightDb, type InsightDb } from "../../support/insight-db";
import type { InsightOrderInput } from "~/insight/orders";

const SHOP = "insight-ingest.myshopify.com";
let db: InsightDb;
let ingest: typeof import("~/insight/ingest.server");
let rollups: typeof import("~/insight/rollups.server");
let prisma: typeof import("~/db.server").default;

beforeAll(async () => {
  db = await startInsightDb();
  await anInsightShop(SHOP);
  ingest = await import("~/insight/ingest.server");
  rollups = await import("~/insight/rollups.server");
  prisma = (await import("~/db.server")).default;
});
afterAll(async () => db?.stop());

const order = (id: string, at: string, spec: Partial<InsightOrderInput> = {}): InsightOrderInput => ({
  orderId: id,
  customerId: null,
  customerCreatedAt: null,
  locationId: "loc-1",
  occurredAt: new Date(at),
  currency: "USD",
  updatedAt: new Date(at),
  excluded: false,
  lines: [
    { lineItemId: `${id}-1`, productId: "p1", variantId: "v1", title: "Beans", quantity: 2, grossMinor: 2000, locationId: null },
    { lineItemId: `${id}-2`, productId: "p2", variantId: "v2", title: "Mug", quantity: 1, grossMinor: 1500, locationId: null },
  ],
  refunds: [],
  ...spec,
});

async function weekRow(week: string) {
  return prisma.insightWeekLocation.findMany({ where: { shopDomain: SHOP, weekStart: new Date(`${week}T00:00:00Z`) } });
}

it("GIVEN a member's order and a guest order in one week WHEN the rollups refresh THEN the week counts two orders, one a member's, by order time", async () => {
  await ingest.recordInsightCustomer(SHOP, "c1", new Date("2026-03-01T00:00:00Z"));
  // Wednesday 2026-03-11: its UTC Monday is 2026-03-09.
  await ingest.recordInsightOrder(SHOP, order("o1", "2026-03-11T10:00:00Z", { customerId: "c1" }));
  await ingest.recordInsightOrder(SHOP, order("o2", "2026-03-15T23:59:00Z"));
  // The job folds the two orders it was given, nothing else.
  expect(await rollups.refreshInsightRollups({ shopDomain: SHOP })).toBe(2);
  const [row] = await weekRow("2026-03-09");
  expect(row).toMatchObject({ locationId: "loc-1", orders: 2, memberOrders: 1, guestOrders: 1, revenueMinor: 7000n, memberRevenueMinor: 3500n });
});

it("GIVEN a refund that arrives before its order WHEN the order lands THEN the refund is netted into the order's own week, once", async () => {
  const refund = {
    refundId: "r1",
    orderId: "o3",
    occurredAt: new Date("2026-04-20T00:00:00Z"),
    lines: [{ lineItemId: "o3-1", quantity: 1, amountMinor: null }],
  };
  await ingest.recordInsightRefund(SHOP, refund);
  await ingest.recordInsightOrder(SHOP, order("o3", "2026-03-12T10:00:00Z", { refunds: [{ ...refund, occurredAt: refund.occurredAt }] }));
  await ingest.recordInsightRefund(SHOP, refund);
  const stored = await prisma.insightOrder.findUniqueOrThrow({ where: { shopDomain_orderId: { shopDomain: SHOP, orderId: "o3" } } });
  // One of two units of the 20.00 line: 10.00, prorated because the refund gave no amount.
  expect([stored.grossMinor, stored.refundedMinor, stored.netMinor]).toEqual([3500n, 1000n, 2500n]);
  await rollups.refreshInsightRollups({ shopDomain: SHOP });
  const [row] = await weekRow("2026-03-09");
  expect(row).toMatchObject({ orders: 3, revenueMinor: 9500n });
});

it("GIVEN an order WHEN an older snapshot arrives after a newer, cancelled one THEN the newer one stands and the order counts nowhere", async () => {
  await ingest.recordInsightOrder(SHOP, order("o4", "2026-03-13T10:00:00Z", { excluded: true, updatedAt: new Date("2026-03-14T00:00:00Z") }));
  await ingest.recordInsightOrder(SHOP, order("o4", "2026-03-13T10:00:00Z", { updatedAt: new Date("2026-03-13T10:00:00Z") }));
  await rollups.refreshInsightRollups({ shopDomain: SHOP });
  const [row] = await weekRow("2026-03-09");
  expect(row.orders).toBe(3);
});

it("GIVEN a customer first seen in an order WHEN their record says they joined later THEN that earlier order becomes a non-member order", async () => {
  await ingest.recordInsightOrder(SHOP, order("o5", "2026-05-06T10:00:00Z", { customerId: "c2", locationId: null }));
  await rollups.refreshInsightRollups({ shopDomain: SHOP });
  expect((await weekRow("2026-05-04"))[0]).toMatchObject({ locationId: "", orders: 1, memberOrders: 1 });
  await ingest.recordInsightCustomer(SHOP, "c2", new Date("2026-05-20T00:00:00Z"));
  expect(await prisma.insightDirtyOrder.findMany({ where: { shopDomain: SHOP }, select: { orderId: true } })).toEqual([{ orderId: "o5" }]);
  await rollups.refreshInsightRollups({ shopDomain: SHOP });
  expect((await weekRow("2026-05-04"))[0]).toMatchObject({ orders: 1, memberOrders: 0 });
});

it("GIVEN lines of a product without a category WHEN the product's category arrives THEN the cell rollup moves them to it", async () => {
  const { saveProductFromWebhook } = await import("~/catalogue/products.server");
  await saveProductFromWebhook(SHOP, { productId: "p2", title: "Mug", productType: "Kitchen", tags: [] });
  await rollups.refreshLineCategories(SHOP, "p2");
  await rollups.refreshInsightRollups({ shopDomain: SHOP });
  const cells = await prisma.insightWeekCell.findMany({
    where: { shopDomain: SHOP, weekStart: new Date("2026-03-09T00:00:00Z") },
    orderBy: { category: "asc" },
  });
  expect(cells.map((c) => [c.category, c.orders, c.revenueMinor])).toEqual([
    ["", 3, 5000n],
    ["Kitchen", 3, 4500n],
  ]);
});

it("GIVEN the incremental rollups WHEN a full recompute runs THEN it gives the same rows", async () => {
  const read = async () =>
    JSON.stringify(
      await prisma.insightWeekCell.findMany({ where: { shopDomain: SHOP }, orderBy: [{ weekStart: "asc" }, { locationId: "asc" }, { category: "asc" }] }),
      (_k, v) => (typeof v === "bigint" ? String(v) : v),
    );
  const incremental = await read();
  await rollups.recomputeInsightRollups(SHOP);
  expect(await read()).toBe(incremental);
});
