// The market basket answered from its rollups (weeks and aligned 4-week blocks, partial weeks from the lines) gives
// exactly the counts of one plain query over the window's kept lines, for windows of every shape, and stays exact
// after refunds and cancellations mark their weeks stale.
import { Prisma } from "@prisma/client";
import { afterAll, beforeAll, expect, it } from "vitest";
import { anInsightShop, startInsightDb, type InsightDb } from "../../support/insight-db";
import type { InsightOrderInput } from "~/insight/orders";

const SHOP = "insight-basket-rollup.myshopify.com";
const DAY = 86_400_000;
// Monday 2026-01-05 + 20 weeks of orders.
const START = Date.UTC(2026, 0, 5);
let db: InsightDb;
let prisma: typeof import("~/db.server").default;
let run: typeof import("~/insight/insight.server").runAnalysis;
let ingest: typeof import("~/insight/ingest.server");

/** A small deterministic generator (mulberry32). */
function random(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

beforeAll(async () => {
  db = await startInsightDb();
  await anInsightShop(SHOP);
  prisma = (await import("~/db.server")).default;
  run = (await import("~/insight/insight.server")).runAnalysis;
  ingest = await import("~/insight/ingest.server");
  await prisma.productIndex.createMany({
    data: Array.from({ length: 8 }, (_, p) => ({ shopDomain: SHOP, productId: `p${p}`, title: `Product ${p}`, productType: p === 7 ? null : `cat${p % 3}` })),
  });
  const rand = random(42);
  const orders: InsightOrderInput[] = Array.from({ length: 1500 }, (_, i) => {
    const at = new Date(START + Math.floor(rand() * 140 * DAY));
    const k = 1 + Math.floor(rand() * 4);
    return {
      orderId: `o${i}`,
      customerId: rand() < 0.3 ? null : `c${Math.floor(rand() * 200)}`,
      customerCreatedAt: null,
      locationId: "loc-1",
      occurredAt: at,
      currency: "USD",
      updatedAt: at,
      excluded: rand() < 0.03,
      lines: Array.from({ length: k }, (_, j) => ({
        lineItemId: `o${i}-${j}`,
        productId: `p${Math.floor(rand() * 8)}`,
        variantId: null,
        title: null,
        quantity: 1,
        grossMinor: 1000,
        locationId: null,
      })),
      refunds: [],
    };
  });
  for (let i = 0; i < orders.length; i += 500) await ingest.recordInsightOrders(SHOP, orders.slice(i, i + 500));
});
afterAll(async () => db?.stop());

type Counts = { pairs: [string, string, number][]; items: Record<string, number>; orders: number };

/** The window's pair and item counts as one plain query over the kept lines (no rollups). */
async function plain(kind: "productId" | "category", from: string, to: string): Promise<Counts> {
  const item = Prisma.raw(`l."${kind}"`);
  const lines = Prisma.sql`SELECT DISTINCT l."orderId", ${item} AS item FROM "InsightOrderLine" l
    WHERE l."shopDomain" = ${SHOP} AND l."occurredAt" >= ${new Date(`${from}T00:00:00Z`)} AND l."occurredAt" < ${new Date(new Date(`${to}T00:00:00Z`).getTime() + DAY)}
      AND NOT l.excluded AND l.quantity > l."refundedQuantity" AND ${item} <> ''`;
  const pairs = await prisma.$queryRaw<{ a: string; b: string; n: number }[]>`
    WITH l AS (${lines}) SELECT x.item AS a, y.item AS b, count(*)::int AS n FROM l x JOIN l y ON y."orderId" = x."orderId" AND y.item > x.item GROUP BY 1, 2`;
  const items = await prisma.$queryRaw<{ item: string; n: number }[]>`WITH l AS (${lines}) SELECT item, count(*)::int AS n FROM l GROUP BY 1`;
  const orders = await prisma.$queryRaw<{ n: number }[]>`WITH l AS (${lines}) SELECT count(DISTINCT "orderId")::int AS n FROM l`;
  return {
    pairs: pairs.map((p) => [p.a, p.b, p.n] as [string, string, number]).sort(),
    items: Object.fromEntries(items.map((i) => [i.item, i.n])),
    orders: orders[0].n,
  };
}

type Pair = { a: unknown; b: unknown; orders: number; support: number; confidence: number };
/** What the analysis answers, back as counts: orders of both, of each side (orders × support / confidence), and all. */
async function answered(from: string, to: string) {
  const answer = await run(SHOP, "basket", new URLSearchParams({ from, to, minOrders: "1", limit: "500" }));
  if (!answer.ok) throw new Error(JSON.stringify(answer));
  return answer.result as {
    orders: number;
    pairs: (Pair & { a: { productId: string }; b: { productId: string } })[];
    categoryPairs: (Pair & { a: string; b: string })[];
  };
}

const sorted = (pairs: { a: string; b: string; orders: number }[]) =>
  pairs.map((p) => [p.a < p.b ? p.a : p.b, p.a < p.b ? p.b : p.a, p.orders] as [string, string, number]).sort();

async function expectExact(from: string, to: string) {
  const result = await answered(from, to);
  const products = await plain("productId", from, to);
  const categories = await plain("category", from, to);
  expect(sorted(result.pairs.map((p) => ({ a: p.a.productId, b: p.b.productId, orders: p.orders })))).toEqual(products.pairs);
  expect(sorted(result.categoryPairs)).toEqual(categories.pairs);
  // Support = both / orders with a product: the rollup's order count is the plain one.
  for (const p of result.pairs) expect(p.support).toBeCloseTo(p.orders / products.orders, 12);
  for (const p of result.pairs) expect(p.confidence).toBeCloseTo(p.orders / Math.min(products.items[p.a.productId], products.items[p.b.productId]), 12);
}

it("GIVEN 20 weeks of orders WHEN the basket is asked for windows with partial weeks, whole weeks and 4-week blocks THEN every count is the plain query's", async () => {
  // Whole range; mid-week to mid-week (partial edges, blocks inside); exactly one block; one partial week; one day.
  for (const [from, to] of [
    ["2026-01-05", "2026-05-24"],
    ["2026-01-07", "2026-04-16"],
    ["2026-02-02", "2026-03-01"],
    ["2026-03-03", "2026-03-06"],
    ["2026-03-04", "2026-03-04"],
  ]) {
    await expectExact(from, to);
  }
});

it("GIVEN refunds and a cancellation land WHEN the basket is asked again THEN it is still the plain query's", async () => {
  const row = await prisma.insightOrderLine.findFirstOrThrow({ where: { shopDomain: SHOP, excluded: false }, orderBy: { orderId: "asc" } });
  await ingest.recordInsightRefund(SHOP, {
    refundId: "r1",
    orderId: row.orderId,
    occurredAt: new Date(START + 100 * DAY),
    lines: [{ lineItemId: row.lineItemId, quantity: 1, amountMinor: null }],
  });
  const other = await prisma.insightOrder.findFirstOrThrow({
    where: { shopDomain: SHOP, excluded: false, orderId: { not: row.orderId } },
    orderBy: { orderId: "desc" },
  });
  const { markOrderIdsDirty } = await import("~/insight/rollups.server");
  await prisma.$transaction(async (tx) => {
    // As a writer does: the order marked (and snapshotted) before it changes.
    await markOrderIdsDirty(tx, SHOP, [other.orderId]);
    await tx.insightOrder.update({ where: { shopDomain_orderId: { shopDomain: SHOP, orderId: other.orderId } }, data: { excluded: true } });
    await tx.insightOrderLine.updateMany({ where: { shopDomain: SHOP, orderId: other.orderId }, data: { excluded: true } });
  });
  await expectExact("2026-01-05", "2026-05-24");
  await expectExact("2026-01-07", "2026-04-16");
});
