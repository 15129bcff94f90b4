// The backfill's bulk path (recordInsightOrders, set-based) ends in exactly the state the webhook path
// (recordInsightOrder, one snapshot at a time) reaches for the same snapshots in the same order: random
// sequences of order snapshots (repeated, stale, re-timed, lines dropped and re-added, titles missing, guest
// and member orders, refunds before and after), cut into random batches, on two shops of one database.
import fc from "fast-check";
import { afterAll, beforeAll, expect, it } from "vitest";
import { anInsightShop, startInsightDb, type InsightDb } from "../../support/insight-db";
import type { InsightOrderInput } from "~/insight/orders";

let db: InsightDb;
let ingest: typeof import("~/insight/ingest.server");
let rollups: typeof import("~/insight/rollups.server");
let prisma: typeof import("~/db.server").default;

beforeAll(async () => {
  db = await startInsightDb();
  ingest = await import("~/insight/ingest.server");
  rollups = await import("~/insight/rollups.server");
  prisma = (await import("~/db.server")).default;
});
afterAll(async () => db?.stop());

const DAYS = ["2026-01-05T10:00:00Z", "2026-01-07T23:30:00Z", "2026-01-12T00:10:00Z", "2026-02-20T12:00:00Z"];
const UPDATED = ["2026-03-01T00:00:00Z", "2026-03-02T00:00:00Z", "2026-03-03T00:00:00Z"];

const line = (orderId: string) =>
  fc.record({
    lineItemId: fc.constantFrom("l1", "l2", "l3").map((l) => `${orderId}-${l}`),
    productId: fc.option(fc.constantFrom("p1", "p2", "p3"), { nil: null }),
    variantId: fc.option(fc.constantFrom("v1", "v2"), { nil: null }),
    title: fc.option(fc.constantFrom("Beans", "Mug", "Grinder"), { nil: null }),
    quantity: fc.integer({ min: 1, max: 4 }),
    grossMinor: fc.integer({ min: 0, max: 50_000 }),
    locationId: fc.option(fc.constantFrom("loc-2"), { nil: null }),
  });

const snapshot: fc.Arbitrary<InsightOrderInput> = fc.constantFrom("o1", "o2", "o3", "o4").chain((orderId) =>
  fc.record({
    orderId: fc.constant(orderId),
    customerId: fc.option(fc.constantFrom("c1", "c2", "c3"), { nil: null }),
    customerCreatedAt: fc.option(
      fc.constantFrom(...DAYS).map((d) => new Date(new Date(d).getTime() - 86_400_000 * 3)),
      { nil: null },
    ),
    locationId: fc.option(fc.constantFrom("loc-1", "loc-2"), { nil: null }),
    occurredAt: fc.constantFrom(...DAYS).map((d) => new Date(d)),
    currency: fc.constant("USD"),
    updatedAt: fc.constantFrom(...UPDATED).map((d) => new Date(d)),
    excluded: fc.boolean(),
    lines: fc.uniqueArray(line(orderId), { maxLength: 3, selector: (l) => l.lineItemId }),
    refunds: fc.array(
      fc.record({
        refundId: fc.constantFrom("r1", "r2").map((r) => `${orderId}-${r}`),
        orderId: fc.constant(orderId),
        occurredAt: fc.constantFrom(...DAYS).map((d) => new Date(d)),
        lines: fc.uniqueArray(
          fc.record({
            lineItemId: fc.constantFrom("l1", "l2", "l3").map((l) => `${orderId}-${l}`),
            quantity: fc.integer({ min: 1, max: 3 }),
            amountMinor: fc.option(fc.integer({ min: 0, max: 20_000 }), { nil: null }),
          }),
          { maxLength: 2, selector: (l) => l.lineItemId },
        ),
      }),
      { maxLength: 1 },
    ),
  }),
);

const TABLES: Record<string, string> = {
  InsightOrder: `"orderId"`,
  InsightOrderLine: `"orderId", "lineItemId"`,
  InsightRefundLine: `"refundId", "lineItemId"`,
  InsightCustomer: `"customerId"`,
  InsightWeekLocation: `"weekStart", "locationId"`,
  InsightWeekCell: `"weekStart"::text || coalesce("locationId", '') || coalesce(category, '')`,
  InsightCustomerWeek: `"customerId", "weekStart"`,
  InsightDirtyWeek: `"weekStart"`,
};

async function state(shop: string): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const [table, order] of Object.entries(TABLES)) {
    const rows = await prisma.$queryRawUnsafe<{ row: Record<string, unknown> }[]>(
      `SELECT to_jsonb(t) - 'shopDomain' - 'updatedAt' - 'markedAt' AS row FROM "${table}" t WHERE "shopDomain" = $1 ORDER BY ${order}`,
      shop,
    );
    out[table] = rows.map((r) => r.row);
  }
  return out;
}

let run = 0;

it("GIVEN any sequence of order snapshots WHEN recorded one by one (webhooks) and in set-based batches (backfill) THEN both shops end in the same Insight state, rollups included", async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(snapshot, { minLength: 1, maxLength: 12 }),
      fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 12, maxLength: 12 }),
      async (snapshots, cuts) => {
        run += 1;
        const webhookShop = `eq-webhook-${run}.myshopify.com`;
        const bulkShop = `eq-bulk-${run}.myshopify.com`;
        await anInsightShop(webhookShop);
        await anInsightShop(bulkShop);
        for (const s of snapshots) await ingest.recordInsightOrder(webhookShop, s);
        let at = 0;
        for (const size of cuts) {
          if (at >= snapshots.length) break;
          await ingest.recordInsightOrders(bulkShop, snapshots.slice(at, at + size));
          at += size;
        }
        if (at < snapshots.length) await ingest.recordInsightOrders(bulkShop, snapshots.slice(at));
        await rollups.refreshInsightRollups({ shopDomain: webhookShop });
        await rollups.refreshInsightRollups({ shopDomain: bulkShop });
        const [a, b] = await Promise.all([state(webhookShop), state(bulkShop)]);
        expect(b).toEqual(a);
        expect(a.InsightOrder.length).toBe(new Set(snapshots.map((s) => s.orderId)).size);
      },
    ),
    { numRuns: 60 },
  );
}, 120_000);
