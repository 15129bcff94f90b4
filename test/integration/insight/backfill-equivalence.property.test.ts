// The backfill's bulk path (recordInsightOrders, set-based) ends in exactly the state the webhook path
// (recordInsightOrder, one snapshot at a time) reaches for the same snapshots in the same order: random
// sequences of order snapshots (repeated, stale, re-timed, lines dropped and re-added, titles missing, guest
// and member orders, refunds before and after), cut into random batches, on two shops of one database.
import fc from "fast-check";
import { afterAll, beforeAll, expect, it } from "vitest";
import { anInsightShop, startInsightDb, type InsightDb } from "../../support/insight-db";
import { snapshot } from "../../support/insight-arbitraries";

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

const TABLES: Record<string, string> = {
  InsightOrder: `"orderId"`,
  InsightOrderLine: `"orderId", "lineItemId"`,
  InsightRefundLine: `"refundId", "lineItemId"`,
  InsightCustomer: `"customerId"`,
  InsightWeekLocation: `"weekStart", "locationId"`,
  InsightWeekCell: `"weekStart"::text || coalesce("locationId", '') || coalesce(category, '')`,
  InsightCustomerWeek: `"customerId", "weekStart"`,
  InsightDirtyOrder: `"orderId"`,
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
