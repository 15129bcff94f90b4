// `npm run bench -- --only insight [--insight-orders 1000000] [--insight-members 100000] [--insight-keep]`:
// Insight on a big shop. Builds the analytics tables set-based in SQL (orders ≈ 2.5 lines each, members staggered
// over a year, guests; members' ledger, rewards, redemptions, survey answers, win-back offers), then times the full
// recompute of the rollups, every analysis of the registry answered from the rollups (a 52-week window, median of
// 5) beside a baseline (the same aggregate as one plain SQL query over the raw tables), and the incremental
// upkeep's share of webhook processing. Peak memory is this process's resident set (the app's services run in
// it) sampled through the run, and PostgreSQL's largest backend.
import { performance } from "node:perf_hooks";
import { LAPSE_FACTOR, MIN_LAPSE_DAYS, MIN_ORDERS_FOR_INTERVAL } from "../app/insight/lapse";
import type { BenchContext } from "./context";
import type { Row, Section } from "./report";

export type InsightBenchOptions = { orders: number; members: number; keep?: boolean };
export const DEFAULT_INSIGHT_OPTIONS: InsightBenchOptions = { orders: 1_000_000, members: 100_000 };

const SHOP = "bench-insight.myshopify.com";
const WEEKS = 52;
/** The kept database (`--insight-keep`); LOYALIST_INSIGHT_KEEP_DB names another, e.g. a migrated copy to try a change on. */
const KEEP_DB = process.env.LOYALIST_INSIGHT_KEEP_DB ?? "loyalist_bench_insight_keep";
/** Shopify-like numeric customer ids: customer i is 7000000000 + i. */
const CUSTOMER = (i: string) => `(7000000000 + ${i})::text`;

async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await run();
  return { ms: performance.now() - start, value };
}

async function median(runs: number, run: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push((await timed(run)).ms);
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

type Prisma = (typeof import("../app/db.server"))["default"];

/** The shop's data, built in PostgreSQL. */
async function build(prisma: Prisma, options: InsightBenchOptions, start: Date, end: Date): Promise<void> {
  const { DEFAULT_PROGRAM } = await import("../app/program/program");
  await prisma.shop.create({ data: { domain: SHOP, currency: "USD", program: DEFAULT_PROGRAM as never } });
  await prisma.$executeRawUnsafe(`SELECT setseed(0.12)`);
  await prisma.$executeRawUnsafe(
    `INSERT INTO "ProductIndex" ("shopDomain", "productId", title, "productType", "updatedAt")
     SELECT $1, (8000000000 + p)::text, 'Product ' || p, 'cat' || (p % 6), now() FROM generate_series(1, 200) p`,
    SHOP,
  );
  await prisma.$executeRawUnsafe(
    `INSERT INTO "InsightCustomer" ("shopDomain", "customerId", "memberSince", "memberSinceKnown", "updatedAt")
     SELECT $1, ${CUSTOMER("i")}, $2::timestamp + (random() * ($3::timestamp - $2::timestamp)), true, now() FROM generate_series(1, $4::int) i`,
    SHOP,
    start,
    end,
    options.members,
  );
  // A quarter of the orders are guests'; the rest are customers', spread over the year.
  await prisma.$executeRawUnsafe(
    `INSERT INTO "InsightOrder" ("shopDomain", "orderId", "customerId", "locationId", "occurredAt", "weekStart", currency, "grossMinor", "refundedMinor", "netMinor", excluded, "updatedAtShopify")
     SELECT $1, (5000000000 + i)::text, CASE WHEN random() < 0.25 THEN NULL ELSE ${CUSTOMER("(1 + floor(random() * $4::int))::int")} END,
       'loc' || (1 + floor(random() * 4))::int, t, date_trunc('week', t)::date, 'USD', 0, 0, 0, random() < 0.01, t
     FROM (SELECT i, $2::timestamp + (random() * ($3::timestamp - $2::timestamp)) AS t FROM generate_series(1, $5::int) i) s`,
    SHOP,
    start,
    end,
    options.members,
    options.orders,
  );
  await prisma.$executeRawUnsafe(
    `INSERT INTO "InsightOrderLine" ("shopDomain", "orderId", "lineItemId", "productId", title, category, "locationId", "customerId", "occurredAt", "weekStart", quantity, "grossMinor", "netMinor", excluded)
     SELECT o."shopDomain", o."orderId", o."orderId" || '-' || k, (8000000000 + p)::text, 'Product ' || p, 'cat' || (p % 6), o."locationId", o."customerId", o."occurredAt", o."weekStart", 1, v, v, o.excluded
     FROM "InsightOrder" o, LATERAL (SELECT k, (1 + floor(random() * 200))::int AS p, (500 + floor(random() * 5000))::bigint AS v
       -- o.orderId in the expressions makes the subquery run per order (else PostgreSQL evaluates it once).
       FROM generate_series(1, 1 + floor(random() * 4 + 0 * length(o."orderId"))::int) k WHERE o."orderId" IS NOT NULL) l
     WHERE o."shopDomain" = $1`,
    SHOP,
  );
  await prisma.$executeRawUnsafe(
    `UPDATE "InsightOrder" o SET "grossMinor" = s.total, "netMinor" = s.total FROM (
       SELECT "orderId", sum("netMinor") AS total FROM "InsightOrderLine" WHERE "shopDomain" = $1 GROUP BY "orderId") s
     WHERE o."shopDomain" = $1 AND o."orderId" = s."orderId"`,
    SHOP,
  );
  // The program's side: every customer a member with points (earned over the year, a tenth spent on a reward),
  // three rewards, some abandoned redemptions, survey answers from 5% and win-back offers to 2%.
  await prisma.$executeRawUnsafe(
    `INSERT INTO "Member" (id, "shopDomain", "customerId", balance, "lifetimeEarned", "lastActivityAt", "createdAt")
     SELECT 'm' || i, $1, ${CUSTOMER("i")}, 0, 0, now(), now() FROM generate_series(1, $2::int) i`,
    SHOP,
    options.members,
  );
  await prisma.$executeRawUnsafe(
    `INSERT INTO "LedgerEntry" (id, "shopDomain", "memberId", kind, points, reason, source, "idempotencyKey", "occurredAt", "expiresAt")
     SELECT 'le' || i, $1, 'm' || i, 'earn', p, 'order', 'order', 'earn:' || i, t, t + interval '365 days'
     FROM (SELECT i, (50 + floor(random() * 1500))::int AS p, $2::timestamp + random() * ($3::timestamp - $2::timestamp) AS t FROM generate_series(1, $4::int) i) s`,
    SHOP,
    start,
    end,
    options.members,
  );
  await prisma.$executeRawUnsafe(
    `INSERT INTO "LedgerEntry" (id, "shopDomain", "memberId", kind, points, reason, source, "idempotencyKey", "occurredAt")
     SELECT 'lr' || e."memberId", $1, e."memberId", 'redeem', -LEAST(e.points, 500), 'reward', 'redemption', 'redeem:' || e."memberId", e."occurredAt" + interval '1 day'
     FROM "LedgerEntry" e WHERE e."shopDomain" = $1 AND e.kind = 'earn' AND random() < 0.1`,
    SHOP,
  );
  await prisma.$executeRawUnsafe(
    `UPDATE "Member" m SET balance = s.b, "lifetimeEarned" = s.earned FROM (
       SELECT "memberId", sum(points)::int AS b, sum(points) FILTER (WHERE points > 0)::int AS earned FROM "LedgerEntry" WHERE "shopDomain" = $1 GROUP BY 1) s
     WHERE m.id = s."memberId"`,
    SHOP,
  );
  for (const [i, cost] of [500, 1000, 2000].entries()) {
    await prisma.reward.create({
      data: {
        id: `reward-${i}`,
        shopDomain: SHOP,
        name: `${cost} points reward`,
        kind: "amount_off",
        pointsCost: cost,
        config: { amountMinor: cost },
        combinesWith: {},
      },
    });
  }
  await prisma.$executeRawUnsafe(
    `INSERT INTO "Redemption" (id, "shopDomain", "memberId", "rewardId", status, points, currency, "idempotencyKey", "createdAt", "updatedAt")
     SELECT 'rd' || i, $1, 'm' || i, 'reward-0', 'cancelled', 500, 'USD', 'rd:' || i, $3::timestamp - random() * interval '200 days', now()
     FROM generate_series(1, $2::int, 50) i`,
    SHOP,
    options.members,
    end,
  );
  await prisma.$executeRawUnsafe(
    `INSERT INTO "SurveyAnswer" (id, "shopDomain", "customerId", "surveyId", question, answer, source, "answeredAt")
     SELECT 'sa' || q || i, $1, ${CUSTOMER("i")}, 'bench', q, CASE q WHEN 'favourite_category' THEN 'cat' || (i % 6) ELSE ((i % 4) + 1)::text END, 'import',
       $2::timestamp + interval '7 days'
     FROM generate_series(1, $3::int, 20) i, unnest(ARRAY['favourite_category', 'orders_per_month']) q`,
    SHOP,
    start,
    options.members,
  );
  await prisma.$executeRawUnsafe(
    `INSERT INTO "WinbackOffer" (id, "shopDomain", "customerId", "lastOrderAt", "usualIntervalDays", "sentAt")
     SELECT 'wb' || i, $1, ${CUSTOMER("i")}, $2::timestamp - interval '120 days', 30, $2::timestamp - interval '60 days' FROM generate_series(1, $3::int, 50) i`,
    SHOP,
    end,
    options.members,
  );
  await prisma.$executeRawUnsafe(`ANALYZE`);
}

/** The same aggregate as each analysis's core, as one plain SQL query over the raw tables ($1 shop, $2 from, $3 to exclusive). */
const BASELINES: Record<string, string> = {
  health: `SELECT count(DISTINCT o."customerId") FROM "InsightOrder" o JOIN "InsightCustomer" c ON c."shopDomain" = o."shopDomain" AND c."customerId" = o."customerId"
    WHERE o."shopDomain" = $1 AND o."occurredAt" >= $2 AND o."occurredAt" < $3 AND NOT o.excluded AND c."memberSince" <= o."occurredAt"`,
  trends: `SELECT o."weekStart", o."locationId", count(*), count(*) FILTER (WHERE c."memberSince" <= o."occurredAt"), sum(o."netMinor")
    FROM "InsightOrder" o LEFT JOIN "InsightCustomer" c ON c."shopDomain" = o."shopDomain" AND c."customerId" = o."customerId"
    WHERE o."shopDomain" = $1 AND o."occurredAt" >= $2 AND o."occurredAt" < $3 AND NOT o.excluded GROUP BY 1, 2`,
  members: `SELECT (c."memberSince" <= o."occurredAt") AS member, count(DISTINCT o."customerId"), count(*), sum(o."netMinor")
    FROM "InsightOrder" o LEFT JOIN "InsightCustomer" c ON c."shopDomain" = o."shopDomain" AND c."customerId" = o."customerId"
    WHERE o."shopDomain" = $1 AND o."occurredAt" >= $2 AND o."occurredAt" < $3 AND NOT o.excluded GROUP BY 1`,
  basket: `WITH l AS (SELECT DISTINCT "orderId", "productId" FROM "InsightOrderLine" WHERE "shopDomain" = $1 AND "occurredAt" >= $2 AND "occurredAt" < $3 AND NOT excluded)
    SELECT x."productId", y."productId", count(*) FROM l x JOIN l y ON y."orderId" = x."orderId" AND y."productId" > x."productId" GROUP BY 1, 2 HAVING count(*) >= 5`,
  locations: `SELECT "locationId", category, sum("netMinor"), sum(quantity) FROM "InsightOrderLine"
    WHERE "shopDomain" = $1 AND "occurredAt" >= $2 AND "occurredAt" < $3 AND NOT excluded GROUP BY 1, 2`,
  breakage: `SELECT m.id, m.balance, count(o."orderId") FROM "Member" m LEFT JOIN "InsightOrder" o ON o."shopDomain" = m."shopDomain" AND o."customerId" = m."customerId"
      AND o."occurredAt" >= $3::timestamp - interval '365 days' AND o."occurredAt" < $3 AND NOT o.excluded
    WHERE m."shopDomain" = $1 AND m.balance > 0 AND $2::timestamp IS NOT NULL GROUP BY 1, 2`,
  // Gaps in days as float8, as the analysis has them: an interval column cannot be deserialised by Prisma.
  winback: `SELECT "customerId", orders, revenue, last, usual FROM (
      SELECT "customerId", count(*) AS orders, sum("netMinor") AS revenue, max("occurredAt") AS last, percentile_cont(0.5) WITHIN GROUP (ORDER BY gap) AS usual FROM (
        SELECT o."customerId", o."occurredAt", o."netMinor",
          extract(epoch FROM o."occurredAt" - lag(o."occurredAt") OVER (PARTITION BY o."customerId" ORDER BY o."occurredAt"))::float8 / 86400 AS gap
        FROM "InsightOrder" o JOIN "InsightCustomer" c ON c."shopDomain" = o."shopDomain" AND c."customerId" = o."customerId"
        WHERE o."shopDomain" = $1 AND NOT o.excluded AND o."occurredAt" < $3 AND c."memberSince" < $3 AND $2::timestamp IS NOT NULL) o
      GROUP BY 1 HAVING count(*) >= ${MIN_ORDERS_FOR_INTERVAL}) s
    WHERE extract(epoch FROM $3::timestamp - last)::float8 / 86400 > GREATEST(${MIN_LAPSE_DAYS}, ${LAPSE_FACTOR} * usual)`,
  offers: `SELECT "customerId", category, count(DISTINCT "orderId") FROM "InsightOrderLine"
    WHERE "shopDomain" = $1 AND "occurredAt" >= $2 AND "occurredAt" < $3 AND NOT excluded AND "customerId" IS NOT NULL GROUP BY 1, 2`,
  "said-vs-did": `SELECT l."customerId", l.category, count(DISTINCT l."orderId") FROM "InsightOrderLine" l
    WHERE l."shopDomain" = $1 AND l."occurredAt" >= $2 AND l."occurredAt" < $3 AND NOT l.excluded
      AND l."customerId" IN (SELECT "customerId" FROM "SurveyAnswer" WHERE "shopDomain" = $1) GROUP BY 1, 2`,
};

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error)).replace(/\s+/g, " ").trim().slice(0, 200);

/**
 * One analysis's row: its answer's median time beside the baseline's, against the 300 ms target. A failure (the
 * analysis refusing or throwing, or its baseline throwing) is a row of its own that fails the run as a
 * correctness check, so one analysis never stops the others from being timed.
 */
async function analysisRows(name: string, answer: () => Promise<{ ok: boolean }>, baseline: (() => Promise<unknown>) | null): Promise<Row[]> {
  const metric = `${name}: answer from rollups (52 weeks)`;
  let answerMs: number;
  try {
    const check = await answer();
    if (!check.ok) return [{ metric, value: `refused: ${errorText(JSON.stringify(check))}`, target: { equals: "ok" } }];
    answerMs = await median(5, answer);
  } catch (error) {
    return [{ metric, value: `error: ${errorText(error)}`, target: { equals: "ok" } }];
  }
  if (!baseline) return [{ metric, value: answerMs, unit: "ms", baseline: null, target: { max: 300 } }];
  try {
    return [{ metric, value: answerMs, unit: "ms", baseline: await median(3, baseline), target: { max: 300 } }];
  } catch (error) {
    return [
      { metric, value: answerMs, unit: "ms", baseline: null, target: { max: 300 } },
      { metric: `${name}: baseline query`, value: `error: ${errorText(error)}`, target: { equals: "ok" } },
    ];
  }
}

/** PostgreSQL's largest backend resident set now (Linux /proc), in bytes; 0 when it cannot be read. */
async function postgresPeakRss(prisma: Prisma): Promise<number> {
  const fs = await import("node:fs");
  try {
    const pids = (await prisma.$queryRawUnsafe<{ pid: number }[]>(`SELECT pid FROM pg_stat_activity WHERE datname = current_database()`)).map((r) => r.pid);
    let peak = 0;
    for (const pid of pids) {
      const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
      const hwm = /VmHWM:\s+(\d+) kB/.exec(status);
      if (hwm) peak = Math.max(peak, Number(hwm[1]) * 1024);
    }
    return peak;
  } catch {
    return 0;
  }
}

export async function insightBench(ctx: BenchContext, options: InsightBenchOptions): Promise<Section[]> {
  const h = ctx.harness;
  await h.globalSetup();
  let db: { name: string; url: string };
  let fresh = true;
  if (options.keep) {
    fresh = !(await h.databaseExists(KEEP_DB));
    db = { name: KEEP_DB, url: fresh ? await h.createDatabase(KEEP_DB, process.env.LOYALIST_TEMPLATE_DB ?? h.templateName()) : h.databaseUrl(KEEP_DB) };
  } else {
    db = await h.freshDatabase("loyalist_bench_insight");
    ctx.onCleanup(() => h.dropDatabase(db.name));
  }
  process.env.DATABASE_URL = db.url;
  const { connectDatabase, disconnectDatabase } = await import("../app/db.server");
  connectDatabase(db.url, 4);
  ctx.onCleanup(() => disconnectDatabase());
  const { default: prisma } = await import("../app/db.server");
  const { recomputeInsightRollups, refreshInsightRollups } = await import("../app/insight/rollups.server");
  const { runAnalysis, analysisNames } = await import("../app/insight/insight.server");
  const { recordInsightOrder } = await import("../app/insight/ingest.server");

  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  ctx.onCleanup(() => clearInterval(sampler));

  const end = new Date(Date.UTC(2026, 10, 30));
  const start = new Date(end.getTime() - WEEKS * 7 * 86_400_000);
  let buildMs: number | null = null;
  if (fresh) {
    ctx.log(`insight: building ${options.members} members and ${options.orders} orders in SQL`);
    buildMs = (await timed(() => build(prisma, options, start, end))).ms;
  } else ctx.log(`insight: reusing ${KEEP_DB}`);
  const counted = await prisma.$queryRawUnsafe<{ orders: bigint; lines: bigint; members: bigint }[]>(
    `SELECT (SELECT count(*) FROM "InsightOrder") AS orders, (SELECT count(*) FROM "InsightOrderLine") AS lines, (SELECT count(*) FROM "Member") AS members`,
  );
  const orders = Number(counted[0].orders);
  const lines = Number(counted[0].lines);
  const members = Number(counted[0].members);
  ctx.log(`insight: ${orders} orders, ${lines} lines; full recompute of the rollups`);
  const recompute = await timed(() => recomputeInsightRollups(SHOP));
  // As autovacuum leaves a live shop's tables: statistics, and the visibility map that index-only scans need
  // (freshly bulk-written tables have none).
  await prisma.$executeRawUnsafe(`VACUUM ANALYZE`);

  const query = new URLSearchParams({ from: start.toISOString().slice(0, 10), to: new Date(end.getTime() - 86_400_000).toISOString().slice(0, 10) });
  const window = [start, end] as const;
  const rows: Row[] = [
    { metric: "orders / lines / members", value: `${orders} / ${lines} / ${members}` },
    ...(buildMs === null ? [] : [{ metric: "build (set-based SQL)", value: buildMs / 1000, unit: "s" }]),
    { metric: "full recompute of the rollups", value: recompute.ms / 1000, unit: "s", target: { max: 60 } },
  ];
  for (const name of analysisNames()) {
    ctx.log(`insight: ${name}`);
    rows.push(
      ...(await analysisRows(
        name,
        () => runAnalysis(SHOP, name, query),
        BASELINES[name] ? () => prisma.$queryRawUnsafe(BASELINES[name], SHOP, ...window) : null,
      )),
    );
  }

  // Incremental upkeep: webhook orders recorded one by one as the webhook path does (each marks its order dirty), then
  // the insight-rollups job's pass over the weeks they marked. The share is the job's time over the ingestion's.
  ctx.log("insight: incremental upkeep");
  const { upkeepRows } = await upkeep(prisma, recordInsightOrder, refreshInsightRollups, end);
  rows.push(...upkeepRows);

  clearInterval(sampler);
  rows.push({ metric: "peak memory (this process, RSS)", value: peak / 1024 / 1024, unit: "MiB", target: { max: 1024 } });
  rows.push({
    metric: "peak memory (largest PostgreSQL backend, VmHWM)",
    value: (await postgresPeakRss(prisma)) / 1024 / 1024,
    unit: "MiB",
    target: { max: 1024 },
  });
  return [
    {
      title: "Insight: analyses from rollups vs plain SQL over raw tables",
      description: [
        `${orders} orders (${lines} lines), ${members} members over ${WEEKS} weeks, 4 locations, 6 categories, 200 products, built in PostgreSQL.`,
        "Answer: GET /app/insights/<name>.json's work (runAnalysis), median of 5, a 52-week window. Baseline: the analysis's core aggregate as one plain SQL query over the raw tables (no rollups), median of 3.",
        "Upkeep: the insight-rollups job's pass after a minute's webhook orders, as a share of the time those orders took to record (which includes marking and snapshotting them).",
      ],
      rows,
    },
  ];
}

type Recorder = (typeof import("../app/insight/ingest.server"))["recordInsightOrder"];
type Refresher = (typeof import("../app/insight/rollups.server"))["refreshInsightRollups"];

/** A minute of webhook orders (in this week and a refund-like update of last week's), recorded and then rolled up. */
async function upkeep(prisma: Prisma, record: Recorder, refresh: Refresher, end: Date): Promise<{ upkeepRows: Row[] }> {
  const perMinute = 300;
  const orders = Array.from({ length: perMinute }, (_, i) => {
    const at = new Date(end.getTime() - 3 * 86_400_000 + i * 1000);
    const customerId = i % 4 === 0 ? null : String(7000000000 + 1 + ((i * 7919) % 1000));
    return {
      orderId: String(6000000000 + i),
      customerId,
      customerCreatedAt: null,
      locationId: `loc${1 + (i % 4)}`,
      occurredAt: at,
      updatedAt: at,
      currency: "USD",
      excluded: false,
      lines: [1, 2].map((k) => ({
        lineItemId: `${6000000000 + i}-${k}`,
        productId: String(8000000000 + 1 + ((i * k * 31) % 200)),
        variantId: null,
        title: null,
        locationId: null,
        quantity: 1,
        grossMinor: 1000 + k * 100,
      })),
      refunds: [],
    };
  });
  const ingest = await timed(async () => {
    for (const o of orders) await record(SHOP, o);
  });
  const job = await timed(() => refresh());
  // The minute's orders go again as a writer would take them away (marked before they go), so a kept database
  // stays as it was built.
  const { lockShopInsight, markOrderIdsDirty } = await import("../app/insight/rollups.server");
  const ids = orders.map((o) => o.orderId);
  await prisma.$transaction(async (tx) => {
    await lockShopInsight(tx, SHOP);
    await markOrderIdsDirty(tx, SHOP, ids);
    await tx.$executeRawUnsafe(`DELETE FROM "InsightOrderLine" WHERE "shopDomain" = $1 AND "orderId" = ANY($2::text[])`, SHOP, ids);
    await tx.$executeRawUnsafe(`DELETE FROM "InsightOrder" WHERE "shopDomain" = $1 AND "orderId" = ANY($2::text[])`, SHOP, ids);
  });
  await refresh();
  return {
    upkeepRows: [
      { metric: `webhook orders recorded (${perMinute}, one by one)`, value: ingest.ms / perMinute, unit: "ms/order" },
      { metric: "insight-rollups job pass over the weeks they marked", value: job.ms, unit: "ms" },
      { metric: "incremental upkeep / webhook processing", value: (100 * job.ms) / ingest.ms, unit: "%", target: { max: 10 } },
    ],
  };
}
