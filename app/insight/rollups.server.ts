// Insight's weekly rollups, kept incrementally: ingestion marks the weeks it touched (InsightDirtyWeek, same
// transaction), and the insight-rollups job recomputes exactly those weeks with set-based SQL. Analyses read
// the rollups; a full recompute (the bench, a repair) rebuilds every week of a shop the same way.
import { Prisma } from "@prisma/client";
import prisma from "~/db.server";
import type { Tx } from "~/ledger/ledger.server";
import { markWeeksDirty } from "~/insight/ingest.server";

const TX_OPTIONS = { timeout: 120_000, maxWait: 30_000 };

/** A member order: the order has a customer whose record existed by the order's time (INTERFACES.md). */
export const MEMBER_ORDER = Prisma.sql`(c."memberSince" IS NOT NULL AND c."memberSince" <= o."occurredAt")`;

type Week = { shopDomain: string; weekStart: Date };

/** Recomputes every rollup row of the given (shop, week) pairs from the analytics tables. */
async function recomputeWeeks(tx: Tx, weeks: readonly Week[]): Promise<void> {
  if (!weeks.length) return;
  const shops = weeks.map((w) => w.shopDomain);
  const starts = weeks.map((w) => w.weekStart.toISOString().slice(0, 10));
  const scope = Prisma.sql`unnest(${shops}::text[], ${starts}::date[]) AS d(shop, week)`;
  for (const table of ["InsightWeekLocation", "InsightWeekCell", "InsightCustomerWeek"]) {
    await tx.$executeRaw`DELETE FROM ${Prisma.raw(`"${table}"`)} r USING ${scope} WHERE r."shopDomain" = d.shop AND r."weekStart" = d.week`;
  }
  await recomputeBasketWeeks(tx, shops, starts);
  await tx.$executeRaw`
    INSERT INTO "InsightWeekLocation" ("shopDomain", "weekStart", "locationId", orders, "memberOrders", "guestOrders", "revenueMinor", "memberRevenueMinor")
    SELECT o."shopDomain", o."weekStart", COALESCE(o."locationId", ''), count(*)::int,
      (count(*) FILTER (WHERE ${MEMBER_ORDER}))::int, (count(*) FILTER (WHERE o."customerId" IS NULL))::int,
      COALESCE(sum(o."netMinor"), 0)::bigint, COALESCE(sum(o."netMinor") FILTER (WHERE ${MEMBER_ORDER}), 0)::bigint
    FROM ${scope}
    JOIN "InsightOrder" o ON o."shopDomain" = d.shop AND o."weekStart" = d.week
    LEFT JOIN "InsightCustomer" c ON c."shopDomain" = o."shopDomain" AND c."customerId" = o."customerId"
    WHERE NOT o.excluded
    GROUP BY 1, 2, 3`;
  await tx.$executeRaw`
    INSERT INTO "InsightWeekCell" ("shopDomain", "weekStart", "locationId", category, orders, "memberOrders", quantity, "revenueMinor", "memberRevenueMinor")
    SELECT o."shopDomain", o."weekStart", COALESCE(o."locationId", ''), COALESCE(o.category, ''), count(DISTINCT o."orderId")::int,
      (count(DISTINCT o."orderId") FILTER (WHERE ${MEMBER_ORDER}))::int, COALESCE(sum(o.quantity - o."refundedQuantity"), 0)::int,
      COALESCE(sum(o."netMinor"), 0)::bigint, COALESCE(sum(o."netMinor") FILTER (WHERE ${MEMBER_ORDER}), 0)::bigint
    FROM ${scope}
    JOIN "InsightOrderLine" o ON o."shopDomain" = d.shop AND o."weekStart" = d.week
    LEFT JOIN "InsightCustomer" c ON c."shopDomain" = o."shopDomain" AND c."customerId" = o."customerId"
    WHERE NOT o.excluded
    GROUP BY 1, 2, 3, 4`;
  await tx.$executeRaw`
    INSERT INTO "InsightCustomerWeek" ("shopDomain", "weekStart", "customerId", orders, "revenueMinor", "memberOrders", "memberRevenueMinor")
    SELECT o."shopDomain", o."weekStart", o."customerId", count(*)::int, COALESCE(sum(o."netMinor"), 0)::bigint,
      (count(*) FILTER (WHERE ${MEMBER_ORDER}))::int, COALESCE(sum(o."netMinor") FILTER (WHERE ${MEMBER_ORDER}), 0)::bigint
    FROM ${scope}
    JOIN "InsightOrder" o ON o."shopDomain" = d.shop AND o."weekStart" = d.week
    LEFT JOIN "InsightCustomer" c ON c."shopDomain" = o."shopDomain" AND c."customerId" = o."customerId"
    WHERE NOT o.excluded AND o."customerId" IS NOT NULL
    GROUP BY 1, 2, 3`;
}

/** The first Monday of the aligned 4-week block holding `week` (blocks counted from Monday 2000-01-03). */
export const BLOCK_OF = (week: Prisma.Sql) => Prisma.sql`(${week} - ((${week} - DATE '2000-01-03') % 28))`;

/**
 * The market basket rollups of the given weeks (span 1) and of the 4-week blocks holding them (span 4, summed
 * from the weeks): order counts of each item and each pair a < b over kept lines, products and categories.
 */
async function recomputeBasketWeeks(tx: Tx, shops: string[], starts: string[]): Promise<void> {
  const scope = Prisma.sql`unnest(${shops}::text[], ${starts}::date[]) AS d(shop, week)`;
  // Two refreshes may claim different weeks of one block: a shop's basket rollups are rebuilt one at a time, so
  // each block sums its weeks as the last one left them.
  for (const shop of [...new Set(shops)].sort()) await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`insight-basket:${shop}`}))`;
  const blocks = Prisma.sql`(SELECT DISTINCT shop, ${BLOCK_OF(Prisma.sql`week`)} AS block FROM ${scope}) AS k`;
  for (const table of ["InsightWeekPair", "InsightWeekItem", "InsightWeekBasket"]) {
    await tx.$executeRaw`DELETE FROM ${Prisma.raw(`"${table}"`)} r USING ${scope} WHERE r."shopDomain" = d.shop AND r.span = 1 AND r."weekStart" = d.week`;
    await tx.$executeRaw`DELETE FROM ${Prisma.raw(`"${table}"`)} r USING ${blocks} WHERE r."shopDomain" = k.shop AND r.span = 4 AND r."weekStart" = k.block`;
  }
  // The window's lines as the basket analysis keeps them (windowLines): not excluded, not wholly refunded.
  const kept = Prisma.sql`FROM ${scope} JOIN "InsightOrderLine" l ON l."shopDomain" = d.shop AND l."weekStart" = d.week
    WHERE NOT l.excluded AND l.quantity > l."refundedQuantity"`;
  await tx.$executeRaw`
    INSERT INTO "InsightWeekBasket" ("shopDomain", span, "weekStart", orders, "productOrders", "categoryOrders")
    SELECT l."shopDomain", 1, l."weekStart", count(DISTINCT l."orderId")::int,
      (count(DISTINCT l."orderId") FILTER (WHERE l."productId" <> ''))::int, (count(DISTINCT l."orderId") FILTER (WHERE l.category <> ''))::int
    ${kept} GROUP BY 1, 3`;
  for (const [kind, column] of [
    ["product", Prisma.sql`l."productId"`],
    ["category", Prisma.sql`l.category`],
  ] as const) {
    await tx.$executeRaw`
      CREATE TEMP TABLE basket_items ON COMMIT DROP AS
      SELECT DISTINCT l."shopDomain" AS shop, l."weekStart" AS week, l."orderId", ${column} AS item ${kept} AND ${column} <> ''`;
    await tx.$executeRaw`
      INSERT INTO "InsightWeekItem" ("shopDomain", kind, span, "weekStart", item, orders)
      SELECT shop, ${kind}, 1, week, item, count(*)::int FROM basket_items GROUP BY shop, week, item`;
    await tx.$executeRaw`
      INSERT INTO "InsightWeekPair" ("shopDomain", kind, span, "weekStart", a, b, orders)
      SELECT x.shop, ${kind}, 1, x.week, x.item, y.item, count(*)::int
      FROM basket_items x JOIN basket_items y ON y.shop = x.shop AND y."orderId" = x."orderId" AND y.item > x.item
      GROUP BY x.shop, x.week, x.item, y.item`;
    await tx.$executeRaw`DROP TABLE basket_items`;
  }
  // The blocks: sums of their weeks' rows.
  const weeksOfBlock = Prisma.sql`r."shopDomain" = k.shop AND r.span = 1 AND r."weekStart" >= k.block AND r."weekStart" < k.block + 28`;
  await tx.$executeRaw`
    INSERT INTO "InsightWeekBasket" ("shopDomain", span, "weekStart", orders, "productOrders", "categoryOrders")
    SELECT k.shop, 4, k.block, sum(r.orders)::int, sum(r."productOrders")::int, sum(r."categoryOrders")::int
    FROM ${blocks} JOIN "InsightWeekBasket" r ON ${weeksOfBlock} GROUP BY 1, 3`;
  await tx.$executeRaw`
    INSERT INTO "InsightWeekItem" ("shopDomain", kind, span, "weekStart", item, orders)
    SELECT k.shop, r.kind, 4, k.block, r.item, sum(r.orders)::int FROM ${blocks} JOIN "InsightWeekItem" r ON ${weeksOfBlock} GROUP BY 1, 2, 4, 5`;
  await tx.$executeRaw`
    INSERT INTO "InsightWeekPair" ("shopDomain", kind, span, "weekStart", a, b, orders)
    SELECT k.shop, r.kind, 4, k.block, r.a, r.b, sum(r.orders)::int FROM ${blocks} JOIN "InsightWeekPair" r ON ${weeksOfBlock} GROUP BY 1, 2, 4, 5, 6`;
}

/**
 * Recomputes the stale weeks (all shops, or one), a batch at a time, until none is left. Claimed weeks are
 * deleted and recomputed in one transaction; a week marked again meanwhile waits for it and is claimed next.
 * Returns how many weeks were recomputed.
 */
export async function refreshInsightRollups(options: { shopDomain?: string; batch?: number } = {}): Promise<number> {
  const batch = options.batch ?? 50;
  const shopFilter = options.shopDomain ? Prisma.sql`AND "shopDomain" = ${options.shopDomain}` : Prisma.empty;
  let total = 0;
  for (;;) {
    const done = await prisma.$transaction(async (tx) => {
      const claimed = await tx.$queryRaw<Week[]>`
        DELETE FROM "InsightDirtyWeek" WHERE ("shopDomain", "weekStart") IN (
          SELECT "shopDomain", "weekStart" FROM "InsightDirtyWeek" WHERE true ${shopFilter}
          ORDER BY "markedAt" LIMIT ${batch} FOR UPDATE SKIP LOCKED)
        RETURNING "shopDomain", "weekStart"`;
      await recomputeWeeks(tx, claimed);
      return claimed.length;
    }, TX_OPTIONS);
    total += done;
    if (done < batch) return total;
  }
}

/** Rebuilds every rollup of a shop from the analytics tables (a repair; the bench's full recompute). */
export async function recomputeInsightRollups(shopDomain: string): Promise<number> {
  await prisma.$transaction(async (tx) => {
    const weeks = await tx.$queryRaw<{ weekStart: Date }[]>`SELECT DISTINCT "weekStart" FROM "InsightOrder" WHERE "shopDomain" = ${shopDomain}`;
    await tx.$executeRaw`DELETE FROM "InsightWeekLocation" WHERE "shopDomain" = ${shopDomain}`;
    await tx.$executeRaw`DELETE FROM "InsightWeekCell" WHERE "shopDomain" = ${shopDomain}`;
    await tx.$executeRaw`DELETE FROM "InsightCustomerWeek" WHERE "shopDomain" = ${shopDomain}`;
    for (const table of ["InsightWeekPair", "InsightWeekItem", "InsightWeekBasket"]) {
      await tx.$executeRaw`DELETE FROM ${Prisma.raw(`"${table}"`)} WHERE "shopDomain" = ${shopDomain}`;
    }
    await markWeeksDirty(
      tx,
      shopDomain,
      weeks.map((w) => w.weekStart.toISOString().slice(0, 10)),
    );
  }, TX_OPTIONS);
  // A few weeks per transaction: each stays short and its memory bounded, whatever the shop's size.
  return refreshInsightRollups({ shopDomain, batch: 4 });
}

/** After a product's category changed, its lines carry the new one and their weeks are recomputed. */
export async function refreshLineCategories(shopDomain: string, productId: string): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const weeks = await tx.$queryRaw<{ weekStart: Date }[]>`
      UPDATE "InsightOrderLine" l SET category = NULLIF(p."productType", '')
      FROM "ProductIndex" p
      WHERE l."shopDomain" = ${shopDomain} AND l."productId" = ${productId} AND p."shopDomain" = l."shopDomain"
        AND p."productId" = l."productId" AND l.category IS DISTINCT FROM NULLIF(p."productType", '')
      RETURNING l."weekStart"`;
    await markWeeksDirty(
      tx,
      shopDomain,
      weeks.map((w) => w.weekStart.toISOString().slice(0, 10)),
    );
  }, TX_OPTIONS);
}
