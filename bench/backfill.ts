// `npm run bench -- --only backfill [--backfill-orders 100000]`: the install backfill's import of a big shop's
// year: a bulk operation's JSONL (grouped, ≈ 2.5 line items per order, as Shopify writes it for the backfill's
// query) served over HTTP by a child process that generates it as it streams, downloaded, parsed as a stream
// and written through the set-based bulk path (importBulkResult → recordInsightOrders, 1,000 orders per
// transaction), then the weekly rollups it marked stale refreshed. Peak memory is this process's resident set
// (the app's services run in it). What Shopify's side takes (the bulk operation itself) is not measured.
import { spawn } from "node:child_process";
import { performance } from "node:perf_hooks";
import type { BenchContext } from "./context";
import { ROOT } from "./harness";
import type { Row, Section } from "./report";
import { backfillJsonl, type JsonlTotals } from "./backfill-jsonl";

export type BackfillBenchOptions = { orders: number };
export const DEFAULT_BACKFILL_OPTIONS: BackfillBenchOptions = { orders: 1_000_000 };

const SHOP = "bench-backfill.myshopify.com";
const END = "2026-11-30T00:00:00Z";

export async function backfillBench(ctx: BenchContext, options: BackfillBenchOptions): Promise<Section[]> {
  const h = ctx.harness;
  await h.globalSetup();
  const db = await h.freshDatabase("loyalist_bench_backfill");
  ctx.onCleanup(() => h.dropDatabase(db.name));
  process.env.DATABASE_URL = db.url;
  const { connectDatabase, disconnectDatabase } = await import("../app/db.server");
  connectDatabase(db.url, 4);
  ctx.onCleanup(() => disconnectDatabase());
  const { default: prisma } = await import("../app/db.server");
  const { DEFAULT_PROGRAM } = await import("../app/program/program");
  const { importBulkResult } = await import("../app/insight/backfill.server");
  const { refreshInsightRollups } = await import("../app/insight/rollups.server");
  await prisma.shop.create({ data: { domain: SHOP, currency: "USD", program: DEFAULT_PROGRAM as never } });
  // The catalogue the backfill reads first: 200 products in 6 categories.
  await prisma.$executeRawUnsafe(
    `INSERT INTO "ProductIndex" ("shopDomain", "productId", title, "productType", tags, "collectionIds", "updatedAt")
     SELECT $1, (8000000000000 + i)::text, 'Product ' || i, 'Category ' || (i % 6), '{}', '{}', now() FROM generate_series(1, 200) i`,
    SHOP,
  );

  const server = spawn(process.execPath, ["--import", "tsx", "bench/backfill-jsonl.ts", String(options.orders), "0", END], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "inherit"],
  });
  ctx.onCleanup(() => void server.kill("SIGTERM"));
  const port = await new Promise<string>((resolve, reject) => {
    server.stdout.once("data", (chunk: Buffer) => resolve(chunk.toString().trim()));
    server.once("exit", (code) => reject(new Error(`JSONL server exited with ${code}`)));
  });

  let peak = process.memoryUsage().rss;
  const baseRss = peak;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  ctx.onCleanup(() => clearInterval(sampler));
  ctx.log(`backfill: importing ${options.orders} orders from http://127.0.0.1:${port}/`);
  const started = performance.now();
  let lastLog = started;
  const result = await importBulkResult(SHOP, `http://127.0.0.1:${port}/result.jsonl`, {
    onBatch: async (rows) => {
      if (performance.now() - lastLog > 30_000) {
        lastLog = performance.now();
        ctx.log(
          `backfill: ${rows} orders, ${((performance.now() - started) / 1000).toFixed(0)} s, rss ${(process.memoryUsage().rss / 1048576).toFixed(0)} MiB`,
        );
      }
    },
  });
  const importMs = performance.now() - started;
  ctx.log(`backfill: imported in ${(importMs / 1000).toFixed(1)} s; refreshing rollups`);
  const rollupStart = performance.now();
  const weeks = await refreshInsightRollups({ shopDomain: SHOP, batch: 1000 });
  const rollupMs = performance.now() - rollupStart;
  clearInterval(sampler);
  server.kill("SIGTERM");

  const expected: JsonlTotals = { orders: 0, lines: 0, grossMinor: 0 };
  for (const _ of backfillJsonl(options.orders, new Date(END), expected)) void _;
  const [got] = await prisma.$queryRawUnsafe<{ orders: bigint; gross: bigint }[]>(
    `SELECT count(*) AS orders, coalesce(sum("grossMinor"), 0) AS gross FROM "InsightOrder" WHERE "shopDomain" = $1`,
    SHOP,
  );
  const [gotLines] = await prisma.$queryRawUnsafe<{ n: bigint; uncategorised: bigint }[]>(
    `SELECT count(*) AS n, count(*) FILTER (WHERE category IS NULL) AS uncategorised FROM "InsightOrderLine" WHERE "shopDomain" = $1`,
    SHOP,
  );
  const total = importMs + rollupMs;
  const rows: Row[] = [
    { metric: "orders / line items in the JSONL", value: `${expected.orders} / ${expected.lines}` },
    { metric: "orders imported = orders in the file", value: Number(got.orders), target: { equals: expected.orders } },
    { metric: "line items imported = in the file", value: Number(gotLines.n), target: { equals: expected.lines } },
    { metric: "revenue imported = in the file (minor units)", value: String(got.gross), target: { equals: String(expected.grossMinor) } },
    { metric: "lines without a category", value: Number(gotLines.uncategorised), target: { equals: 0 } },
    { metric: "download + parse + set-based ingest", value: importMs / 1000, unit: "s" },
    { metric: "orders / s", value: Math.round(result.rows / (importMs / 1000)), unit: "/s" },
    { metric: `rollups of the ${weeks} weeks it marked`, value: rollupMs / 1000, unit: "s" },
    { metric: "backfill total", value: total / 1000 / 60, unit: "min", target: { max: 20 } },
    { metric: "peak memory (this process, RSS)", value: peak / 1048576, unit: "MiB", target: { max: 1024 } },
    { metric: "memory at start (RSS)", value: baseRss / 1048576, unit: "MiB" },
  ];
  return [
    {
      title: `Insight backfill: ${options.orders} orders from a bulk operation's JSONL`,
      description: [
        "JSONL generated and streamed over HTTP by a child process, as Shopify's grouped result for the backfill's query (orders, then their line items with __parentId).",
        "Read as a stream (readline over the response body) and written 1,000 orders per transaction through recordInsightOrders; no refunds (their follow-up reads are per order and need Shopify).",
      ],
      rows,
    },
  ];
}
