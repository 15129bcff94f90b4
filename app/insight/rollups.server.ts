// Insight's weekly rollups, kept by order deltas (decision 044). Every change to an order's analytics rows (a new
// snapshot, a refund, a customer's join date, a guest order linked, a product's category) marks the order dirty
// in its own transaction and, the first time, snapshots the order as the rollups counted it
// (InsightOrderSnapshot, InsightOrderLineSnapshot). The insight-rollups job then adds each dirty order's
// contribution as it is now and takes away its snapshot's, set-based, so its work follows the orders that
// changed, not the weeks they fall in. A full recompute (a repair, the bench) counts every order the same way.
// Writers and the job hold the shop's Insight lock (lockShopInsight): a snapshot is always of what was counted.
import { Prisma } from "@prisma/client";
import { sqlTransaction, type SqlTx as Tx } from "~/platform/db/raw-transaction.server";

/** A member order: the order has a customer whose record existed by the order's time (INTERFACES.md). */
export const MEMBER_ORDER = Prisma.sql`(c."memberSince" IS NOT NULL AND c."memberSince" <= o."occurredAt")`;

/** The first Monday of the aligned 4-week block holding `week` (blocks counted from Monday 2000-01-03). */
export const BLOCK_OF = (week: Prisma.Sql) => Prisma.sql`(${week} - ((${week} - DATE '2000-01-03') % 28))`;

/**
 * Serialises a shop's Insight writes and rollup folds (first statement of their transaction). Different shops
 * never wait for each other; one shop's writes wait for each other's commit, which a batch of 100 orders holds
 * for tens of milliseconds.
 */
export async function lockShopInsight(tx: Tx, shopDomain: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`insight:${shopDomain}`}))`;
}

/**
 * Marks the orders that `ids` selects (a query returning "orderId") dirty before they change, and snapshots the
 * ones not dirty yet as they are now: those are what the rollups counted. An order already dirty keeps its
 * first snapshot. One statement; the caller holds the shop's lock.
 */
export async function markOrdersDirty(tx: Tx, shopDomain: string, ids: Prisma.Sql): Promise<void> {
  await tx.$executeRaw`
    WITH marked AS (
      INSERT INTO "InsightDirtyOrder" ("shopDomain", "orderId") SELECT DISTINCT ${shopDomain}, i."orderId" FROM (${ids}) i
      ON CONFLICT ("shopDomain", "orderId") DO NOTHING RETURNING "orderId"),
    orders AS (
      INSERT INTO "InsightOrderSnapshot" ("shopDomain", "orderId", "customerId", "locationId", "occurredAt", "weekStart", "netMinor", excluded, "memberSince")
      SELECT o."shopDomain", o."orderId", o."customerId", o."locationId", o."occurredAt", o."weekStart", o."netMinor", o.excluded, c."memberSince"
      FROM marked m JOIN "InsightOrder" o ON o."shopDomain" = ${shopDomain} AND o."orderId" = m."orderId"
      LEFT JOIN "InsightCustomer" c ON c."shopDomain" = o."shopDomain" AND c."customerId" = o."customerId")
    INSERT INTO "InsightOrderLineSnapshot" ("shopDomain", "orderId", "lineItemId", "productId", category, "locationId", "customerId", "occurredAt",
      "weekStart", quantity, "refundedQuantity", "netMinor", excluded, "memberSince")
    SELECT l."shopDomain", l."orderId", l."lineItemId", l."productId", l.category, l."locationId", l."customerId", l."occurredAt",
      l."weekStart", l.quantity, l."refundedQuantity", l."netMinor", l.excluded, c."memberSince"
    FROM marked m JOIN "InsightOrderLine" l ON l."shopDomain" = ${shopDomain} AND l."orderId" = m."orderId"
    LEFT JOIN "InsightCustomer" c ON c."shopDomain" = l."shopDomain" AND c."customerId" = l."customerId"`;
}

/** Marks these order ids dirty (see markOrdersDirty). */
export async function markOrderIdsDirty(tx: Tx, shopDomain: string, orderIds: readonly string[]): Promise<void> {
  if (!orderIds.length) return;
  await markOrdersDirty(tx, shopDomain, Prisma.sql`SELECT unnest(${[...new Set(orderIds)]}::text[]) AS "orderId"`);
}

/**
 * The orders whose contributions a fold counts: those `scope` selects (a condition on alias `o`, which has
 * "orderId" and "weekStart"), as they are now (+1) and, when `withSnapshots`, as their snapshots say (−1).
 * Each side is the order's row (its member flag by the customer's memberSince then) and its lines.
 */
function sides(shopDomain: string, scope: Prisma.Sql, withSnapshots: boolean) {
  const orders = Prisma.sql`
    SELECT 1 AS sign, o."orderId", o."weekStart", COALESCE(o."locationId", '') AS location, o."customerId", o."netMinor" AS net, ${MEMBER_ORDER} AS member
    FROM "InsightOrder" o LEFT JOIN "InsightCustomer" c ON c."shopDomain" = o."shopDomain" AND c."customerId" = o."customerId"
    WHERE o."shopDomain" = ${shopDomain} AND NOT o.excluded AND ${scope}
    ${
      withSnapshots
        ? Prisma.sql`UNION ALL
    SELECT -1, o."orderId", o."weekStart", COALESCE(o."locationId", ''), o."customerId", o."netMinor", (o."memberSince" IS NOT NULL AND o."memberSince" <= o."occurredAt")
    FROM "InsightOrderSnapshot" o WHERE o."shopDomain" = ${shopDomain} AND NOT o.excluded AND ${scope}`
        : Prisma.empty
    }`;
  const lines = Prisma.sql`
    SELECT 1 AS sign, o."orderId", o."weekStart", COALESCE(o."locationId", '') AS location, COALESCE(o.category, '') AS category, o."productId",
      o.quantity - o."refundedQuantity" AS quantity, o."netMinor" AS net, ${MEMBER_ORDER} AS member
    FROM "InsightOrderLine" o LEFT JOIN "InsightCustomer" c ON c."shopDomain" = o."shopDomain" AND c."customerId" = o."customerId"
    WHERE o."shopDomain" = ${shopDomain} AND NOT o.excluded AND ${scope}
    ${
      withSnapshots
        ? Prisma.sql`UNION ALL
    SELECT -1, o."orderId", o."weekStart", COALESCE(o."locationId", ''), COALESCE(o.category, ''), o."productId",
      o.quantity - o."refundedQuantity", o."netMinor", (o."memberSince" IS NOT NULL AND o."memberSince" <= o."occurredAt")
    FROM "InsightOrderLineSnapshot" o WHERE o."shopDomain" = ${shopDomain} AND NOT o.excluded AND ${scope}`
        : Prisma.empty
    }`;
  return { orders, lines };
}

type Family = { table: string; keys: string[]; sum: string[] };

// Each rollup: its key columns (after shopDomain) and its additive measures. A row whose orders fall to zero is
// gone, as a recompute would never write it.
const FAMILIES = {
  location: {
    table: "InsightWeekLocation",
    keys: ["weekStart", "locationId"],
    sum: ["orders", "memberOrders", "guestOrders", "revenueMinor", "memberRevenueMinor"],
  },
  cell: {
    table: "InsightWeekCell",
    keys: ["weekStart", "locationId", "category"],
    sum: ["orders", "memberOrders", "quantity", "revenueMinor", "memberRevenueMinor"],
  },
  customer: { table: "InsightCustomerWeek", keys: ["weekStart", "customerId"], sum: ["orders", "revenueMinor", "memberOrders", "memberRevenueMinor"] },
  basket: { table: "InsightWeekBasket", keys: ["span", "weekStart"], sum: ["orders", "productOrders", "categoryOrders"] },
  item: { table: "InsightWeekItem", keys: ["kind", "span", "weekStart", "item"], sum: ["orders"] },
  pair: { table: "InsightWeekPair", keys: ["kind", "span", "weekStart", "a", "b"], sum: ["orders"] },
} satisfies Record<string, Family>;

const q = (column: string) => `"${column}"`;

/**
 * Adds `deltas` (a query with the family's keys and measures, possibly several rows per key) to the family's
 * rollup: summed per key, keys whose sums are all zero skipped, the rest upserted; rows left at zero orders deleted.
 */
async function addToRollup(tx: Tx, shopDomain: string, family: Family, deltas: Prisma.Sql): Promise<void> {
  const keys = family.keys.map(q).join(", ");
  const sums = family.sum.map((m) => `sum(${q(m)})::${m.endsWith("Minor") ? "bigint" : "int"} AS ${q(m)}`).join(", ");
  const nonZero = family.sum.map((m) => `sum(${q(m)}) <> 0`).join(" OR ");
  const update = family.sum.map((m) => `${q(m)} = r.${q(m)} + EXCLUDED.${q(m)}`).join(", ");
  const zero = await tx.$queryRaw<Record<string, unknown>[]>`
    WITH up AS (
      INSERT INTO ${Prisma.raw(q(family.table))} AS r ("shopDomain", ${Prisma.raw(keys)}, ${Prisma.raw(family.sum.map(q).join(", "))})
      SELECT ${shopDomain}, ${Prisma.raw(keys)}, ${Prisma.raw(sums)} FROM (${deltas}) d GROUP BY ${Prisma.raw(keys)} HAVING ${Prisma.raw(nonZero)}
      ON CONFLICT ("shopDomain", ${Prisma.raw(keys)}) DO UPDATE SET ${Prisma.raw(update)}
      RETURNING ${Prisma.raw(keys)}, orders)
    SELECT to_jsonb(up) - 'orders' AS key FROM up WHERE orders = 0`;
  if (!zero.length) return;
  const match = family.keys.map((k) => `r.${q(k)}::text = z.key->>'${k}'`).join(" AND ");
  await tx.$executeRaw`
    DELETE FROM ${Prisma.raw(q(family.table))} r USING jsonb_array_elements(${JSON.stringify(zero.map((z) => z.key))}::jsonb) AS z(key)
    WHERE r."shopDomain" = ${shopDomain} AND ${Prisma.raw(match)}`;
}

/** The contributions of the orders `scope` selects, now minus (when `withSnapshots`) as their snapshots say, added to every rollup. */
async function foldOrders(tx: Tx, shopDomain: string, scope: Prisma.Sql, withSnapshots: boolean): Promise<void> {
  const { orders, lines } = sides(shopDomain, scope, withSnapshots);
  await addToRollup(
    tx,
    shopDomain,
    FAMILIES.location,
    Prisma.sql`SELECT "weekStart", location AS "locationId", sign AS orders, CASE WHEN member THEN sign ELSE 0 END AS "memberOrders",
      CASE WHEN "customerId" IS NULL THEN sign ELSE 0 END AS "guestOrders", sign * net AS "revenueMinor", CASE WHEN member THEN sign * net ELSE 0 END AS "memberRevenueMinor"
      FROM (${orders}) s`,
  );
  await addToRollup(
    tx,
    shopDomain,
    FAMILIES.customer,
    Prisma.sql`SELECT "weekStart", "customerId", sign AS orders, sign * net AS "revenueMinor", CASE WHEN member THEN sign ELSE 0 END AS "memberOrders",
      CASE WHEN member THEN sign * net ELSE 0 END AS "memberRevenueMinor"
      FROM (${orders}) s WHERE "customerId" IS NOT NULL`,
  );
  // Lines of one order (one side) in one cell count one order.
  await addToRollup(
    tx,
    shopDomain,
    FAMILIES.cell,
    Prisma.sql`SELECT "weekStart", location AS "locationId", category, sign AS orders, CASE WHEN bool_or(member) THEN sign ELSE 0 END AS "memberOrders",
      sign * sum(quantity) AS quantity, sign * sum(net) AS "revenueMinor", sign * COALESCE(sum(net) FILTER (WHERE member), 0) AS "memberRevenueMinor"
      FROM (${lines}) s GROUP BY sign, "orderId", "weekStart", location, category`,
  );
  // The market basket counts orders over kept lines (not wholly refunded), per week and per aligned 4-week block.
  await tx.$executeRaw`
    CREATE TEMP TABLE basket_items ON COMMIT DROP AS
    SELECT DISTINCT sign, "orderId", "weekStart", kind, item FROM (${lines}) s
    CROSS JOIN LATERAL (VALUES ('product', s."productId"), ('category', NULLIF(s.category, ''))) AS k(kind, item)
    WHERE s.quantity > 0 AND item IS NOT NULL AND item <> ''`;
  const spans = Prisma.sql`CROSS JOIN LATERAL (VALUES (1, t."weekStart"), (4, ${BLOCK_OF(Prisma.sql`t."weekStart"`)})) AS p(span, "blockStart")`;
  await addToRollup(
    tx,
    shopDomain,
    FAMILIES.basket,
    Prisma.sql`SELECT p.span, p."blockStart" AS "weekStart", t.sign AS orders, CASE WHEN t.products THEN t.sign ELSE 0 END AS "productOrders",
      CASE WHEN t.categories THEN t.sign ELSE 0 END AS "categoryOrders"
      FROM (SELECT sign, "orderId", "weekStart", COALESCE(bool_or("productId" <> ''), false) AS products, bool_or(category <> '') AS categories
        FROM (${lines}) s WHERE quantity > 0 GROUP BY 1, 2, 3) t ${spans}`,
  );
  await addToRollup(
    tx,
    shopDomain,
    FAMILIES.item,
    Prisma.sql`SELECT t.kind, p.span, p."blockStart" AS "weekStart", t.item, t.sign AS orders FROM basket_items t ${spans}`,
  );
  await addToRollup(
    tx,
    shopDomain,
    FAMILIES.pair,
    Prisma.sql`SELECT t.kind, p.span, p."blockStart" AS "weekStart", t.item AS a, t.b, t.sign AS orders
      FROM (SELECT x.sign, x."weekStart", x.kind, x.item, y.item AS b FROM basket_items x
        JOIN basket_items y ON y.sign = x.sign AND y."orderId" = x."orderId" AND y.kind = x.kind AND y.item > x.item) t ${spans}`,
  );
  await tx.$executeRaw`DROP TABLE basket_items`;
}

const FOLD_OPTIONS = { timeoutMs: 120_000 };

/**
 * Folds the dirty orders (all shops, or one) into the rollups, `batch` orders per transaction, until none is left:
 * each order's contribution now, less its snapshot's. Returns how many orders were folded.
 */
export async function refreshInsightRollups(options: { shopDomain?: string; batch?: number } = {}): Promise<number> {
  const batch = options.batch ?? 5000;
  let total = 0;
  const shops = options.shopDomain
    ? [options.shopDomain]
    : (await sqlTransaction((tx) => tx.$queryRaw<{ shopDomain: string }[]>`SELECT DISTINCT "shopDomain" FROM "InsightDirtyOrder"`)).map((r) => r.shopDomain);
  for (const shopDomain of shops) {
    for (;;) {
      const done = await sqlTransaction(async (tx) => {
        await lockShopInsight(tx, shopDomain);
        const claimed = await tx.$queryRaw<{ orderId: string }[]>`
          DELETE FROM "InsightDirtyOrder" WHERE "shopDomain" = ${shopDomain} AND "orderId" IN (
            SELECT "orderId" FROM "InsightDirtyOrder" WHERE "shopDomain" = ${shopDomain} ORDER BY "markedAt" LIMIT ${batch})
          RETURNING "orderId"`;
        if (!claimed.length) return 0;
        const ids = claimed.map((c) => c.orderId);
        await foldOrders(tx, shopDomain, Prisma.sql`o."orderId" = ANY(${ids}::text[])`, true);
        await tx.$executeRaw`DELETE FROM "InsightOrderLineSnapshot" WHERE "shopDomain" = ${shopDomain} AND "orderId" = ANY(${ids}::text[])`;
        await tx.$executeRaw`DELETE FROM "InsightOrderSnapshot" WHERE "shopDomain" = ${shopDomain} AND "orderId" = ANY(${ids}::text[])`;
        return claimed.length;
      }, FOLD_OPTIONS);
      total += done;
      if (done < batch) break;
    }
  }
  return total;
}

const ROLLUP_TABLES = Object.values(FAMILIES).map((f) => f.table);

/**
 * Rebuilds every rollup of a shop from the analytics tables (a repair; the bench's full recompute): one
 * transaction holding the shop's lock (writers wait), counting the orders an aligned 4-week block at a time so
 * each statement's memory stays bounded, whatever the shop's size. Returns how many blocks it counted.
 */
export async function recomputeInsightRollups(shopDomain: string): Promise<number> {
  return sqlTransaction(
    async (tx) => {
      await lockShopInsight(tx, shopDomain);
      for (const table of [...ROLLUP_TABLES, "InsightDirtyOrder", "InsightOrderSnapshot", "InsightOrderLineSnapshot"]) {
        await tx.$executeRaw`DELETE FROM ${Prisma.raw(q(table))} WHERE "shopDomain" = ${shopDomain}`;
      }
      const blocks = await tx.$queryRaw<{ block: Date }[]>`
        SELECT DISTINCT ${BLOCK_OF(Prisma.sql`"weekStart"`)} AS block FROM "InsightOrder" WHERE "shopDomain" = ${shopDomain} ORDER BY 1`;
      for (const { block } of blocks) {
        const day = block.toISOString().slice(0, 10);
        await foldOrders(tx, shopDomain, Prisma.sql`o."weekStart" >= ${day}::date AND o."weekStart" < ${day}::date + 28`, false);
      }
      return blocks.length;
    },
    { timeoutMs: 30 * 60_000 },
  );
}

/** After a product's category changed, its lines carry the new one; their orders are folded again. */
export async function refreshLineCategories(shopDomain: string, productId: string): Promise<void> {
  await sqlTransaction(async (tx) => {
    await lockShopInsight(tx, shopDomain);
    const stale = Prisma.sql`
      SELECT DISTINCT l."orderId" FROM "InsightOrderLine" l JOIN "ProductIndex" p ON p."shopDomain" = l."shopDomain" AND p."productId" = l."productId"
      WHERE l."shopDomain" = ${shopDomain} AND l."productId" = ${productId} AND l.category IS DISTINCT FROM NULLIF(p."productType", '')`;
    await markOrdersDirty(tx, shopDomain, stale);
    await tx.$executeRaw`
      UPDATE "InsightOrderLine" l SET category = NULLIF(p."productType", '')
      FROM "ProductIndex" p
      WHERE l."shopDomain" = ${shopDomain} AND l."productId" = ${productId} AND p."shopDomain" = l."shopDomain"
        AND p."productId" = l."productId" AND l.category IS DISTINCT FROM NULLIF(p."productType", '')
`;
  }, FOLD_OPTIONS);
}
