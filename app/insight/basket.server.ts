// Market basket over the window: products (and categories) bought in the same order, with support,
// confidence and lift. Counted in SQL from the basket rollups (weeks and 4-week blocks, rollups.server.ts) plus
// the window's partial weeks from its order lines; only pairs above minOrders come back.
import { Prisma } from "@prisma/client";
import { z } from "zod";
import prisma from "~/db.server";
import { defineAnalysis, type InsightContext } from "~/insight/analysis";
import { byLift, DEFAULT_MIN_ORDERS, pairStats, type Basket, type Item } from "~/insight/basket";
import { BLOCK_OF } from "~/insight/rollups.server";
import { num, partialWeekLines } from "~/insight/window-sql.server";

export const basketParams = z
  .object({
    minOrders: z.coerce.number().int().min(1).max(1_000_000).default(DEFAULT_MIN_ORDERS),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();

type Row = { a: string; b: string; both: bigint; ordersA: bigint; ordersB: bigint; orders: bigint };

/**
 * The window's rollup pieces: aligned 4-week blocks wholly inside it (span 4), its other whole weeks (span 1);
 * the days of its partial weeks at either end come from the lines.
 */
function pieces({ window }: InsightContext): Prisma.Sql {
  return Prisma.sql`whole AS (
      SELECT w::date AS week FROM generate_series(${window.firstWeek}::date, ${window.lastWeek}::date, interval '7 days') AS w
      WHERE w >= ${window.from} AND w + interval '7 days' <= ${window.toExclusive}),
    blocks AS (SELECT ${BLOCK_OF(Prisma.sql`week`)} AS week FROM whole GROUP BY 1 HAVING count(*) = 4),
    piece AS (
      SELECT 4 AS span, week FROM blocks
      UNION ALL SELECT 1, week FROM whole WHERE ${BLOCK_OF(Prisma.sql`week`)} NOT IN (SELECT week FROM blocks))`;
}

/** Pairs of `item` (a column of the line) bought together in at least minOrders orders, most lifted first. */
async function pairCounts(ctx: InsightContext, kind: "product" | "category", minOrders: number, limit: number): Promise<Row[]> {
  const item = kind === "product" ? Prisma.sql`l."productId"` : Prisma.sql`l.category`;
  const kindOrders = kind === "product" ? Prisma.sql`"productOrders"` : Prisma.sql`"categoryOrders"`;
  return prisma.$queryRaw<Row[]>`
    WITH ${pieces(ctx)},
    l AS (
      SELECT DISTINCT l."orderId", ${item} AS item FROM "InsightOrderLine" l
      WHERE ${partialWeekLines(ctx)} AND ${item} IS NOT NULL AND ${item} <> ''),
    n AS (
      SELECT COALESCE((SELECT sum(r.${kindOrders}) FROM "InsightWeekBasket" r JOIN piece ON piece.span = r.span AND piece.week = r."weekStart"
        WHERE r."shopDomain" = ${ctx.shopDomain}), 0) + (SELECT count(DISTINCT "orderId") FROM l) AS orders),
    i AS (
      SELECT item, sum(orders) AS orders FROM (
        SELECT r.item, r.orders FROM "InsightWeekItem" r JOIN piece ON piece.span = r.span AND piece.week = r."weekStart"
        WHERE r."shopDomain" = ${ctx.shopDomain} AND r.kind = ${kind}
        UNION ALL SELECT item, count(*) FROM l GROUP BY item) x GROUP BY item),
    p AS (
      SELECT a, b, sum(orders) AS both FROM (
        SELECT r.a, r.b, r.orders FROM "InsightWeekPair" r JOIN piece ON piece.span = r.span AND piece.week = r."weekStart"
        WHERE r."shopDomain" = ${ctx.shopDomain} AND r.kind = ${kind}
        UNION ALL SELECT x.item, y.item, count(*) FROM l x JOIN l y ON y."orderId" = x."orderId" AND y.item > x.item GROUP BY 1, 2) x
      GROUP BY 1, 2 HAVING sum(orders) >= ${minOrders})
    SELECT p.a, p.b, p.both, ia.orders AS "ordersA", ib.orders AS "ordersB", n.orders
    FROM p JOIN i ia ON ia.item = p.a JOIN i ib ON ib.item = p.b CROSS JOIN n
    ORDER BY p.both::float8 * n.orders / (ia.orders * ib.orders) DESC, p.both DESC, p.a, p.b
    LIMIT ${limit}`;
}

/** Orients each pair so that `a` is the less bought item: "buyers of a also buy b" reads as the confidence. */
function scored(rows: Row[]) {
  return rows.map((r) => {
    const [a, b, ordersA, ordersB] = num(r.ordersA) <= num(r.ordersB) ? [r.a, r.b, r.ordersA, r.ordersB] : [r.b, r.a, r.ordersB, r.ordersA];
    const stats = pairStats({ orders: num(r.orders), ordersA: num(ordersA), ordersB: num(ordersB), ordersBoth: num(r.both) });
    return { a, b, orders: num(r.both), key: `${a}/${b}`, ...stats };
  });
}

export async function basket(ctx: InsightContext, params: z.infer<typeof basketParams>): Promise<Basket> {
  const [products, categories, total] = await Promise.all([
    pairCounts(ctx, "product", params.minOrders, params.limit),
    pairCounts(ctx, "category", params.minOrders, params.limit),
    prisma.$queryRaw<{ orders: bigint }[]>`
      WITH ${pieces(ctx)}
      SELECT COALESCE((SELECT sum(r.orders) FROM "InsightWeekBasket" r JOIN piece ON piece.span = r.span AND piece.week = r."weekStart"
        WHERE r."shopDomain" = ${ctx.shopDomain}), 0)
        + (SELECT count(DISTINCT l."orderId") FROM "InsightOrderLine" l WHERE ${partialWeekLines(ctx)}) AS orders`,
  ]);
  const productPairs = scored(products).sort(byLift);
  const ids = [...new Set(productPairs.flatMap((p) => [p.a, p.b]))];
  const titles = new Map(
    (
      await prisma.$queryRaw<{ productId: string; title: string | null }[]>`
        SELECT id.id AS "productId",
          COALESCE(p.title, (SELECT max(l.title) FROM "InsightOrderLine" l WHERE l."shopDomain" = ${ctx.shopDomain} AND l."productId" = id.id)) AS title
        FROM unnest(${ids}::text[]) AS id(id) LEFT JOIN "ProductIndex" p ON p."shopDomain" = ${ctx.shopDomain} AND p."productId" = id.id`
    ).map((r) => [r.productId, r.title]),
  );
  const item = (productId: string): Item => ({ productId, title: titles.get(productId) ?? null });
  return {
    orders: num(total[0]?.orders),
    minOrders: params.minOrders,
    pairs: productPairs.map(({ key: _key, a, b, ...rest }) => ({ a: item(a), b: item(b), ...rest })),
    categoryPairs: scored(categories)
      .sort(byLift)
      .map(({ key: _key, ...rest }) => rest),
  };
}

export const basketAnalysis = defineAnalysis({ params: basketParams, compute: basket });
