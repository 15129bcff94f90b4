// Order processing: how fast the app's worker turns a backlog of recorded orders/paid deliveries into ledger
// entries and member totals with the HTTP side idle, against a baseline that writes the same rows with one
// set-based SQL statement per batch (the limit: claim, compute the points in SQL, upsert the members with
// their totals, insert the order, its entry, lot, tier order, program event and insight order, mark the
// deliveries processed); then the app's ingest while its worker drains another backlog, against the bare
// receiver (bench/baseline-server.ts). Deliveries reach the queue through the app's HTTP door, held back by a
// trigger (bench/webhook-ingest-diagnosis.ts) until the measured window starts.
import { performance } from "node:perf_hooks";
import type pg from "pg";
import { startBaselineServer } from "./baseline-server";
import type { BenchContext } from "./context";
import { queryNumber } from "./ingest-checks";
import { runLoad, type LoadRequest } from "./load";
import { childPid, describeCpu, measureCpu, workerPid, type BackendLister } from "./machine";
import { planOrderDeliveries, type DeliveryPlan } from "./order-deliveries";
import { summarizeProfiles, toggleProfiler, waitForProfiles } from "./profile";
import type { Row, Section } from "./report";
import { holdDeliveriesSql } from "./webhook-ingest-diagnosis";

export type ProcessingOptions = {
  /** Deliveries in the backlog the worker drains (10% of them re-sends, recorded once). */
  deliveries: number;
  /** Deliveries sent over HTTP while the worker drains a second backlog of `deliveries`. */
  ingest: number;
  concurrency: number;
  /** Orders per set-based statement, and parallel connections, of the baseline. */
  baselineBatch: number;
  baselineConnections: number;
  customers: number;
  /** Deliveries drained first to warm up the worker (JIT, pools). */
  warmup: number;
  seed: number;
  /** Per load or drain phase. */
  timeLimitMs: number;
};

export const DEFAULT_PROCESSING_OPTIONS: ProcessingOptions = {
  deliveries: 10_000,
  ingest: 5_000,
  concurrency: 32,
  baselineBatch: 100,
  baselineConnections: 2,
  customers: 2_000,
  warmup: 500,
  seed: 20261202,
  timeLimitMs: 900_000,
};

const WORKER_SHOP = "loyalist-proc-worker.myshopify.com";
const BASELINE_SHOP = "loyalist-proc-baseline.myshopify.com";
const WARMUP_SHOP = "loyalist-proc-warmup.myshopify.com";
const BACKLOG_SHOP = "loyalist-proc-backlog.myshopify.com";
const INGEST_SHOP = "loyalist-proc-ingest.myshopify.com";
const HELD = [WORKER_SHOP, BASELINE_SHOP, WARMUP_SHOP, BACKLOG_SHOP];
const PROGRAM = { enabled: "on", pointsPerUnit: "1", awardOn: "paid", pendingDays: "0" };

/**
 * The limit: one statement per batch writes what processing an order writes (for a paid order earning at
 * 1 point per unit, no exclusions): claims the batch, computes each order's points from its payload, upserts
 * the members with their new totals, inserts OrderRecord, LedgerEntry, PointLot, TierOrder, ProgramEvent and
 * InsightOrder rows, and marks the deliveries processed. Returns how many deliveries it claimed.
 */
const BASELINE_BATCH_SQL = `
WITH claimed AS (
  UPDATE "WebhookDelivery" SET "processedAt" = now(), attempts = attempts + 1
  WHERE id IN (SELECT id FROM "WebhookDelivery" WHERE "shopDomain" = $1 AND "processedAt" = 'infinity'
               ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED)
  RETURNING payload),
o AS (
  SELECT c.payload->>'id' AS order_id, c.payload->>'name' AS name, c.payload->'customer'->>'id' AS customer_id,
    c.payload->'customer'->>'email' AS email, c.payload->>'currency' AS currency,
    (c.payload->>'updated_at')::timestamptz AS updated, (c.payload->>'created_at')::timestamptz AS created,
    COALESCE((c.payload->>'processed_at')::timestamptz, (c.payload->>'created_at')::timestamptz) AS at, c.payload,
    (SELECT COALESCE(sum(round((l->>'price')::numeric * 100) * (l->>'quantity')::int
       - (SELECT COALESCE(sum(round((d->>'amount')::numeric * 100)), 0) FROM jsonb_array_elements(l->'discount_allocations') d)), 0)
     FROM jsonb_array_elements(c.payload->'line_items') l)::bigint AS net
  FROM claimed c),
op AS (SELECT *, (GREATEST(net, 0) / 100)::int AS points FROM o),
per_customer AS (
  SELECT customer_id, max(email) AS email, sum(points)::int AS points, max(at) AS last FROM op GROUP BY customer_id),
members AS (
  INSERT INTO "Member" (id, "shopDomain", "customerId", email, balance, "lifetimeEarned", "createdAt", "lastActivityAt")
  SELECT gen_random_uuid()::text, $1, customer_id, email, points, points, now(), last FROM per_customer
  ON CONFLICT ("shopDomain", "customerId") DO UPDATE SET balance = "Member".balance + EXCLUDED.balance,
    "lifetimeEarned" = "Member"."lifetimeEarned" + EXCLUDED."lifetimeEarned",
    "lastActivityAt" = GREATEST("Member"."lastActivityAt", EXCLUDED."lastActivityAt")
  RETURNING id, "customerId", balance),
orders AS (
  INSERT INTO "OrderRecord" ("shopDomain", "orderId", "customerId", email, currency, "updatedAtShopify", "createdAtShopify",
    "occurredAt", snapshot, rule, "eligibleAt", "memberId", "targetPoints", "subtotalMinor", "createdAt", "updatedAt")
  SELECT $1, op.order_id, op.customer_id, op.email, op.currency, op.updated, op.created, op.at, op.payload, '{}'::jsonb, op.updated,
    m.id, op.points, op.net, now(), now()
  FROM op JOIN members m ON m."customerId" = op.customer_id
  RETURNING 1),
entries AS (
  INSERT INTO "LedgerEntry" (id, "shopDomain", "memberId", kind, points, reason, source, "sourceId", "orderId", "idempotencyKey", "occurredAt", "createdAt")
  SELECT gen_random_uuid()::text, $1, m.id, 'earn', op.points, 'Earned on order ' || op.name, 'order', op.order_id, op.order_id,
    'order:' || op.order_id || ':' || m.id || ':1', op.at, now()
  FROM op JOIN members m ON m."customerId" = op.customer_id WHERE op.points > 0
  RETURNING id, "memberId", points, "orderId", "occurredAt"),
lots AS (
  INSERT INTO "PointLot" (id, "shopDomain", "memberId", "entryId", "orderId", points, remaining, "earnedAt")
  SELECT id, $1, "memberId", id, "orderId", points, points, "occurredAt" FROM entries RETURNING 1),
tier_orders AS (
  INSERT INTO "TierOrder" ("shopDomain", "orderId", "memberId", "occurredAt", "spendMinor", counts)
  SELECT $1, op.order_id, m.id, op.at, op.net, op.net > 0 FROM op JOIN members m ON m."customerId" = op.customer_id RETURNING 1),
events AS (
  INSERT INTO "ProgramEvent" (id, "shopDomain", "customerId", type, payload, "idempotencyKey", "occurredAt")
  SELECT gen_random_uuid()::text, $1, op.customer_id, 'points_earned', jsonb_build_object('points', op.points, 'balance', m.balance, 'orderName', op.name),
    'points_earned:order:' || op.order_id || ':' || m.id || ':1', op.at
  FROM op JOIN members m ON m."customerId" = op.customer_id WHERE op.points > 0 RETURNING 1),
insight AS (
  INSERT INTO "InsightOrder" ("shopDomain", "orderId", "customerId", "occurredAt", "weekStart", currency, "grossMinor", "netMinor", "updatedAtShopify")
  SELECT $1, op.order_id, op.customer_id, op.at, date_trunc('week', op.at)::date, op.currency, op.net, op.net, op.updated FROM op RETURNING 1)
SELECT (SELECT count(*) FROM claimed) + 0 * ((SELECT count(*) FROM orders) + (SELECT count(*) FROM lots) + (SELECT count(*) FROM tier_orders)
  + (SELECT count(*) FROM events) + (SELECT count(*) FROM insight)) AS n`;

async function runBaseline(db: pg.Pool, options: ProcessingOptions): Promise<number> {
  const started = performance.now();
  const loop = async () => {
    for (;;) {
      const n = await queryNumber(db, BASELINE_BATCH_SQL, [BASELINE_SHOP, options.baselineBatch]);
      if (n === 0) return;
    }
  };
  await Promise.all(Array.from({ length: options.baselineConnections }, loop));
  return performance.now() - started;
}

async function heldCount(db: pg.Pool, shop: string): Promise<number> {
  return queryNumber(db, `SELECT count(*) AS n FROM "WebhookDelivery" WHERE "shopDomain" = $1 AND "processedAt" = 'infinity'`, [shop]);
}

/** Releases a shop's held deliveries to the worker; resolves with the ms until none is left unprocessed (null: time limit). */
async function releaseAndDrain(db: pg.Pool, shop: string, timeLimitMs: number): Promise<number | null> {
  const started = performance.now();
  await db.query(`UPDATE "WebhookDelivery" SET "processedAt" = NULL WHERE "shopDomain" = $1 AND "processedAt" = 'infinity'`, [shop]);
  while (performance.now() - started < timeLimitMs) {
    const left = await queryNumber(db, `SELECT count(*) AS n FROM "WebhookDelivery" WHERE "shopDomain" = $1 AND "processedAt" IS NULL`, [shop]);
    if (left === 0) return performance.now() - started;
    await new Promise((r) => setTimeout(r, 50));
  }
  return null;
}

/** Correctness of one shop's outcome: the expected points, one earn entry per earning order, totals = ledger. */
async function outcome(db: pg.Pool, plan: DeliveryPlan, label: string): Promise<Row[]> {
  const q = (sql: string) => queryNumber(db, sql, [plan.shop]);
  const [points, earnEntries, balances, mismatched, lots, unprocessed] = await Promise.all([
    q(`SELECT sum(points) AS n FROM "LedgerEntry" WHERE "shopDomain" = $1`),
    q(`SELECT count(*) AS n FROM "LedgerEntry" WHERE "shopDomain" = $1 AND kind = 'earn'`),
    q(`SELECT sum(balance) AS n FROM "Member" WHERE "shopDomain" = $1`),
    q(`SELECT count(*) AS n FROM "Member" m WHERE m."shopDomain" = $1
         AND m.balance <> (SELECT COALESCE(sum(points), 0) FROM "LedgerEntry" e WHERE e."memberId" = m.id)`),
    q(`SELECT sum(remaining) AS n FROM "PointLot" WHERE "shopDomain" = $1`),
    q(`SELECT count(*) AS n FROM "WebhookDelivery" WHERE "shopDomain" = $1 AND ("processedAt" IS NULL OR "processedAt" = 'infinity')`),
  ]);
  return [
    { metric: `${label}: points earned`, value: points, target: { equals: plan.expectedPoints } },
    { metric: `${label}: earn entries`, value: earnEntries, target: { equals: plan.earningOrders } },
    { metric: `${label}: members' balances (sum)`, value: balances, target: { equals: plan.expectedPoints } },
    { metric: `${label}: members whose balance ≠ their ledger`, value: mismatched, target: { equals: 0 } },
    { metric: `${label}: points in lots (sum)`, value: lots, target: { equals: plan.expectedPoints } },
    { metric: `${label}: deliveries left unprocessed`, value: unprocessed, target: { equals: 0 } },
  ];
}

/** Runs the processing benchmark and returns its report section. */
export async function processingBench(ctx: BenchContext, options: ProcessingOptions = DEFAULT_PROCESSING_OPTIONS): Promise<Section[]> {
  const h = ctx.harness;
  ctx.log("processing: preparing the template database and starting the app and the emulator");
  await h.globalSetup();
  const sandbox = await h.startSandbox({ env: ctx.childEnv("app") });
  ctx.onCleanup(() => sandbox.stop());
  for (const shop of [...HELD, INGEST_SHOP]) {
    await sandbox.install(shop);
    const saved = await sandbox.saveProgram(shop, PROGRAM);
    if (saved.status !== 200) throw new Error(`saving the program of ${shop} answered ${saved.status}`);
  }
  const receiver = await startBaselineServer(sandbox.app.databaseUrl, h.TEST_API_SECRET, ctx.childEnv("baseline"));
  ctx.onCleanup(() => receiver.stop());
  const db = sandbox.db;
  // Held as processed at 'infinity', not '-infinity': the hourly payload-retention job empties the payloads of
  // deliveries processed long enough ago, which '-infinity' is (a held backlog then fails to parse).
  await db.query(holdDeliveriesSql(HELD, "bench_hold_processing", "infinity"));
  const backends: BackendLister = async () =>
    (await db.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE datname = current_database()`)).rows.map((r) => r.pid);
  const appPid = childPid("server.ts");
  // The worker runs in the app's background-jobs child: both are profiled over each measured window.
  const jobsPid = workerPid();
  const profileApp = () => {
    if (!ctx.profileDir) return;
    toggleProfiler(appPid);
    toggleProfiler(jobsPid);
  };

  const config = h.readAppConfig();
  const path = h.webhookUri(config, "orders/paid");
  if (!path) throw new Error("shopify.app.toml does not subscribe to orders/paid");
  const common = { secret: h.TEST_API_SECRET, apiVersion: config.webhookApiVersion, path, customers: options.customers, duplicateRatio: 0.1 };
  const plans = {
    worker: planOrderDeliveries(h, { ...common, shop: WORKER_SHOP, count: options.deliveries, seed: options.seed }),
    // The same orders and customers for the baseline (another shop's rows), so both write the same rows.
    baseline: planOrderDeliveries(h, { ...common, shop: BASELINE_SHOP, count: options.deliveries, seed: options.seed }),
    warmup: planOrderDeliveries(h, { ...common, shop: WARMUP_SHOP, count: options.warmup, seed: options.seed + 1, customers: 200 }),
    backlog: planOrderDeliveries(h, { ...common, shop: BACKLOG_SHOP, count: options.deliveries, seed: options.seed + 2 }),
    ingest: planOrderDeliveries(h, { ...common, shop: INGEST_SHOP, count: options.ingest, seed: options.seed + 3 }),
  };
  const send = async (requests: readonly LoadRequest[], url = sandbox.app.url) => {
    const result = await runLoad({ url, requests, concurrency: options.concurrency, timeLimitMs: options.timeLimitMs });
    if (result.ok !== result.sent || result.sent !== requests.length) throw new Error(`processing: ${result.sent - result.ok} deliveries not answered 2xx`);
    return result;
  };
  ctx.log(`processing: recording ${plans.worker.requests.length} + ${plans.baseline.requests.length} + ${plans.backlog.requests.length} held deliveries`);
  for (const plan of [plans.warmup, plans.worker, plans.baseline, plans.backlog]) await send(plan.requests);

  ctx.log("processing: warming up the worker");
  if ((await releaseAndDrain(db, WARMUP_SHOP, options.timeLimitMs)) === null) throw new Error("the worker did not drain the warm-up backlog");

  const held = await heldCount(db, WORKER_SHOP);
  ctx.log(`processing: worker alone drains ${held} deliveries`);
  await db.query("CHECKPOINT");
  profileApp();
  let cpu = await measureCpu(backends);
  const workerMs = await releaseAndDrain(db, WORKER_SHOP, options.timeLimitMs);
  const workerCpu = await cpu();
  profileApp();

  const baselineHeld = await heldCount(db, BASELINE_SHOP);
  ctx.log(`processing: baseline drains ${baselineHeld} deliveries, ${options.baselineBatch} per statement on ${options.baselineConnections} connections`);
  await db.query("CHECKPOINT");
  cpu = await measureCpu(backends);
  const baselineMs = await runBaseline(db, options);
  const baselineCpu = await cpu();

  ctx.log(`processing: bare receiver takes ${plans.ingest.requests.length} deliveries (idle machine)`);
  await db.query("CHECKPOINT");
  const receiverLoad = await send(plans.ingest.requests, receiver.url);
  const backlogHeld = await heldCount(db, BACKLOG_SHOP);
  ctx.log(`processing: Loyalist takes ${plans.ingest.requests.length} deliveries while its worker drains ${backlogHeld}`);
  await db.query("CHECKPOINT");
  profileApp();
  cpu = await measureCpu(backends);
  const draining = releaseAndDrain(db, BACKLOG_SHOP, options.timeLimitMs);
  const appLoad = await send(plans.ingest.requests);
  const ingestCpu = await cpu();
  profileApp();
  const backlogMs = await draining;
  if ((await releaseAndDrain(db, INGEST_SHOP, options.timeLimitMs)) === null) throw new Error("the worker did not process the ingest deliveries");

  const perSecond = (n: number, ms: number | null) => (ms ? (n / ms) * 1000 : "time limit");
  const perThousand = (seconds: number | undefined, n: number) => (n ? ((seconds ?? 0) / n) * 1000 : null);
  const workerRate = perSecond(held, workerMs);
  const baselineRate = perSecond(baselineHeld, baselineMs);
  const rows: Row[] = [
    {
      metric: "worker alone: orders processed per second",
      value: workerRate,
      baseline: typeof baselineRate === "number" ? baselineRate : null,
      unit: "/s",
      target: { min: 1000, minRatio: 0.5 },
    },
    { metric: "worker alone: worker process CPU per 1,000 orders", value: perThousand(workerCpu.seconds.worker, held), unit: "s" },
    {
      metric: "worker alone: database backends' CPU per 1,000 orders",
      value: perThousand(workerCpu.seconds.database, held),
      baseline: perThousand(baselineCpu.seconds.database, baselineHeld),
      unit: "s",
    },
    {
      metric: "ingest while the worker drains: throughput",
      value: appLoad.throughput,
      baseline: receiverLoad.throughput,
      unit: "/s",
      target: { minRatio: 0.7 },
    },
    { metric: "ingest while the worker drains: latency p50", value: appLoad.latency.p50, baseline: receiverLoad.latency.p50, unit: "ms" },
    { metric: "ingest while the worker drains: latency p99", value: appLoad.latency.p99, baseline: receiverLoad.latency.p99, unit: "ms", target: { max: 50 } },
    { metric: "backlog drained while ingesting: orders per second", value: perSecond(backlogHeld, backlogMs), unit: "/s" },
    ...(await outcome(db, plans.worker, "worker")),
    ...(await outcome(db, plans.baseline, "baseline")),
    ...(await outcome(db, plans.backlog, "backlog")),
    ...(await outcome(db, plans.ingest, "ingest")),
  ];
  const appendix: string[] = [];
  if (ctx.profileDir) {
    const files = await waitForProfiles(ctx.profileDir, "app", 2);
    const jobs = await waitForProfiles(ctx.profileDir, "jobs-app", 2);
    appendix.push(
      ...summarizeProfiles("Loyalist's worker process, worker alone", jobs.slice(0, 1)),
      ...summarizeProfiles("Loyalist, ingest while the worker drains", files.slice(1, 2)),
      ...summarizeProfiles("Loyalist's worker process, while ingesting", jobs.slice(1, 2)),
    );
  }
  const n = (x: number) => x.toLocaleString("en-US");
  return [
    {
      title: "Order processing (Loyalist's worker vs one set-based statement per batch; ingest while draining vs node:http + INSERT)",
      description: [
        `worker: a backlog of ${n(held)} recorded orders/paid deliveries (${n(plans.worker.distinctCustomers)} customers), HTTP idle`,
        `baseline: the same ${n(baselineHeld)} orders for another shop, ${options.baselineBatch} per statement, ${options.baselineConnections} connections`,
        `ingest: ${n(plans.ingest.requests.length)} deliveries on ${options.concurrency} connections while the worker drains ${n(backlogHeld)}; baseline: the bare receiver, idle machine`,
        `worker alone: ${describeCpu(workerCpu)}`,
        `baseline: ${describeCpu(baselineCpu)}`,
        `ingest while draining: ${describeCpu(ingestCpu)}`,
      ],
      rows,
      notes: [
        `worker drained in ${workerMs === null ? "-" : `${(workerMs / 1000).toFixed(1)} s`}, baseline in ${(baselineMs / 1000).toFixed(1)} s, ` +
          `the second backlog in ${backlogMs === null ? "-" : `${(backlogMs / 1000).toFixed(1)} s`} (ingest took ${(appLoad.durationMs / 1000).toFixed(1)} s of it)`,
      ],
      appendix,
    },
  ];
}
