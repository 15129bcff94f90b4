// What the webhook-ingest run must leave behind: one delivery row per webhook id, all processed without
// retries, one earn entry per earning order, the expected points, and members' totals equal to the ledger.
import type pg from "pg";
import type { DeliveryPlan } from "./order-deliveries";
import type { Row } from "./report";

/** A single number from a query (`n` column; 0 for NULL). */
export async function queryNumber(db: pg.Pool, sql: string, params: unknown[] = []): Promise<number> {
  const { rows } = await db.query<{ n: string | null }>(sql, params);
  return Number(rows[0]?.n ?? 0);
}

/** Correctness rows (FAIL when a value differs) for the plan's shop, once the queue is drained. */
export async function checkIngestOutcome(db: pg.Pool, plan: DeliveryPlan, duplicatesAnswered: number): Promise<Row[]> {
  const shop = [plan.shop];
  const q = (sql: string) => queryNumber(db, sql, shop);
  const [recorded, rows, unprocessed, retried, earnEntries, ordersEarning, otherEntries, points, members, balances, baselineRows] = await Promise.all([
    q(`SELECT count(DISTINCT "webhookId") AS n FROM "WebhookDelivery" WHERE "shopDomain" = $1`),
    q(`SELECT count(*) AS n FROM "WebhookDelivery" WHERE "shopDomain" = $1`),
    q(`SELECT count(*) AS n FROM "WebhookDelivery" WHERE "shopDomain" = $1 AND "processedAt" IS NULL`),
    q(`SELECT count(*) AS n FROM "WebhookDelivery" WHERE "shopDomain" = $1 AND (attempts > 1 OR "lastError" IS NOT NULL)`),
    q(`SELECT count(*) AS n FROM "LedgerEntry" WHERE "shopDomain" = $1 AND kind = 'earn'`),
    q(`SELECT count(DISTINCT "orderId") AS n FROM "LedgerEntry" WHERE "shopDomain" = $1 AND kind = 'earn'`),
    q(`SELECT count(*) AS n FROM "LedgerEntry" WHERE "shopDomain" = $1 AND kind <> 'earn'`),
    q(`SELECT sum(points) AS n FROM "LedgerEntry" WHERE "shopDomain" = $1`),
    q(`SELECT count(*) AS n FROM "Member" WHERE "shopDomain" = $1`),
    q(`SELECT sum(balance) AS n FROM "Member" WHERE "shopDomain" = $1`),
    q(`SELECT count(*) AS n FROM bench_baseline WHERE shop_domain = $1`),
  ]);
  return [
    { metric: "distinct deliveries recorded", value: recorded, baseline: baselineRows, target: { equals: plan.unique } },
    { metric: "delivery rows (one per webhook id)", value: rows, target: { equals: plan.unique } },
    { metric: "re-sends answered as duplicates", value: duplicatesAnswered, target: { equals: plan.duplicates } },
    { metric: "deliveries unprocessed", value: unprocessed, target: { equals: 0 } },
    { metric: "deliveries retried or failed", value: retried, target: { equals: 0 } },
    { metric: "earn entries (orders earning ≥ 1 point)", value: earnEntries, target: { equals: plan.earningOrders } },
    { metric: "orders with an earn entry", value: ordersEarning, target: { equals: plan.earningOrders } },
    { metric: "other ledger entries", value: otherEntries, target: { equals: 0 } },
    { metric: "points earned", value: points, target: { equals: plan.expectedPoints } },
    { metric: "members enrolled", value: members, target: { equals: plan.distinctCustomers } },
    { metric: "members' balances (sum)", value: balances, target: { equals: plan.expectedPoints } },
  ];
}
