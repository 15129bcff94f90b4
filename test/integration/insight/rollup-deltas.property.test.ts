// The rollups kept by order deltas (decision 044) are exactly what a full recompute counts: random sequences of
// order snapshots (one by one and in batches), refunds, customer records moving join dates, and product
// categories changing, with the job folding at random points in between, on every rollup table.
import fc from "fast-check";
import { afterAll, beforeAll, expect, it } from "vitest";
import { anInsightShop, startInsightDb, type InsightDb } from "../../support/insight-db";
import { DAYS, snapshot } from "../../support/insight-arbitraries";

let db: InsightDb;
let ingest: typeof import("~/insight/ingest.server");
let rollups: typeof import("~/insight/rollups.server");
let catalogue: typeof import("~/catalogue/products.server");
let prisma: typeof import("~/db.server").default;

beforeAll(async () => {
  db = await startInsightDb();
  ingest = await import("~/insight/ingest.server");
  rollups = await import("~/insight/rollups.server");
  catalogue = await import("~/catalogue/products.server");
  prisma = (await import("~/db.server")).default;
});
afterAll(async () => db?.stop());

const TABLES: Record<string, string> = {
  InsightWeekLocation: `"weekStart", "locationId"`,
  InsightWeekCell: `"weekStart", "locationId", category`,
  InsightCustomerWeek: `"weekStart", "customerId"`,
  InsightWeekBasket: `span, "weekStart"`,
  InsightWeekItem: `kind, span, "weekStart", item`,
  InsightWeekPair: `kind, span, "weekStart", a, b`,
};

async function rollupRows(shop: string): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const [table, order] of Object.entries(TABLES)) {
    const rows = await prisma.$queryRawUnsafe<{ row: unknown }[]>(
      `SELECT to_jsonb(t) - 'shopDomain' AS row FROM "${table}" t WHERE "shopDomain" = $1 ORDER BY ${order}`,
      shop,
    );
    out[table] = rows.map((r) => r.row);
  }
  return out;
}

const step = fc.oneof(
  { arbitrary: snapshot.map((s) => ({ kind: "order" as const, s })), weight: 5 },
  { arbitrary: fc.array(snapshot, { minLength: 1, maxLength: 4 }).map((batch) => ({ kind: "batch" as const, batch })), weight: 2 },
  {
    arbitrary: fc.record({
      refundId: fc.constantFrom("x1", "x2"),
      orderId: fc.constantFrom("o1", "o2", "o3", "o4"),
      line: fc.constantFrom("l1", "l2", "l3"),
      quantity: fc.integer({ min: 1, max: 3 }),
    }),
    weight: 2,
  },
  {
    arbitrary: fc.record({ customerId: fc.constantFrom("c1", "c2", "c3"), joined: fc.constantFrom(...DAYS) }).map((c) => ({ kind: "customer" as const, ...c })),
    weight: 2,
  },
  {
    arbitrary: fc
      .record({ productId: fc.constantFrom("p1", "p2", "p3"), productType: fc.constantFrom("Coffee", "Kitchen", "") })
      .map((p) => ({ kind: "category" as const, ...p })),
    weight: 2,
  },
  { arbitrary: fc.constant({ kind: "fold" as const }), weight: 2 },
);

let run = 0;

it("GIVEN any sequence of orders, refunds, join dates and categories, folded at any points WHEN a full recompute runs THEN every rollup row is the same", async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 14 }), async (steps) => {
      run += 1;
      const shop = `deltas-${run}.myshopify.com`;
      await anInsightShop(shop);
      for (const s of steps) {
        if ("s" in s) await ingest.recordInsightOrder(shop, s.s);
        else if ("batch" in s) await ingest.recordInsightOrders(shop, s.batch);
        else if ("refundId" in s)
          await ingest.recordInsightRefund(shop, {
            refundId: `${s.orderId}-${s.refundId}`,
            orderId: s.orderId,
            occurredAt: new Date(DAYS[3]),
            lines: [{ lineItemId: `${s.orderId}-${s.line}`, quantity: s.quantity, amountMinor: null }],
          });
        else if (s.kind === "customer") await ingest.recordInsightCustomer(shop, s.customerId, new Date(s.joined));
        else if (s.kind === "category") {
          await catalogue.saveProductFromWebhook(shop, { productId: s.productId, title: null, productType: s.productType, tags: [] });
          await rollups.refreshLineCategories(shop, s.productId);
        } else await rollups.refreshInsightRollups({ shopDomain: shop, batch: 2 });
      }
      await rollups.refreshInsightRollups({ shopDomain: shop });
      const incremental = await rollupRows(shop);
      expect(await prisma.insightOrderSnapshot.count({ where: { shopDomain: shop } })).toBe(0);
      await rollups.recomputeInsightRollups(shop);
      expect(incremental).toEqual(await rollupRows(shop));
    }),
    { numRuns: 80 },
  );
}, 180_000);
