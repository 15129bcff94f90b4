// Several instances: signed orders/paid deliveries through nginx into two app instances on one PostgreSQL and
// one Redis, beside the same load through nginx into one instance (test/support/cluster.ts), then how long the
// instances' workers take to process what was recorded, and whether the ledger is right (docs/decisions/030).
import { performance } from "node:perf_hooks";
import type { BenchContext } from "./context";
import { queryNumber } from "./ingest-checks";
import { runLoad, type LoadResult } from "./load";
import { planOrderDeliveries, type DeliveryPlan } from "./order-deliveries";
import type { Row, Section } from "./report";
import { waitForQueue } from "./webhook-ingest";

export type ScaleOptions = { deliveries: number; concurrency: number; customers: number; seed: number; timeLimitMs: number; drainTimeLimitMs: number };

export const DEFAULT_SCALE_OPTIONS: ScaleOptions = {
  deliveries: 6_000,
  concurrency: 32,
  customers: 1_000,
  seed: 20261202,
  timeLimitMs: 180_000,
  drainTimeLimitMs: 600_000,
};

const PROGRAM = { enabled: "on", pointsPerUnit: "1", awardOn: "paid", pendingDays: "0" };
const ONE = "loyalist-scale-one.myshopify.com";
const TWO = "loyalist-scale-two.myshopify.com";
const WARM = "loyalist-scale-warm.myshopify.com";

type Measured = { load: LoadResult; drainMs: number | null; plan: DeliveryPlan };

/** Two instances behind nginx beside one instance behind nginx: answers/s, latency, and orders processed/s. */
export async function scaleBench(ctx: BenchContext, options: ScaleOptions = DEFAULT_SCALE_OPTIONS): Promise<Section[]> {
  const h = ctx.harness;
  ctx.log("scale: preparing the template database, starting two instances, Redis and nginx");
  await h.globalSetup();
  const { startCluster } = await import("../test/support/cluster");
  const { startReverseProxy } = await import("../test/support/reverse-proxy");
  const cluster = await startCluster({ env: ctx.childEnv("app") });
  ctx.onCleanup(() => cluster.stop());
  for (const shop of [ONE, TWO, WARM]) {
    await cluster.install(shop);
    const saved = await cluster.saveProgram(shop, PROGRAM);
    if (saved.status !== 200) throw new Error(`saving the program of ${shop} answered ${saved.status}`);
  }
  // The one-instance figure goes through nginx too, so both sides pay the proxy's hop.
  const single = await startReverseProxy([cluster.instances[0].port]);
  ctx.onCleanup(() => single.stop());

  const config = h.readAppConfig();
  const path = h.webhookUri(config, "orders/paid");
  if (!path) throw new Error("shopify.app.toml does not subscribe to orders/paid");
  const plan = (shop: string, count: number, seed: number) =>
    planOrderDeliveries(h, {
      shop,
      count,
      duplicateRatio: 0.1,
      seed,
      secret: h.TEST_API_SECRET,
      apiVersion: config.webhookApiVersion,
      path,
      customers: options.customers,
    });
  const db = cluster.db;

  const measure = async (url: string, deliveries: DeliveryPlan): Promise<Measured> => {
    const load = await runLoad({ url, requests: deliveries.requests, concurrency: options.concurrency, timeLimitMs: options.timeLimitMs });
    const drainMs = await waitForQueue(db, options.drainTimeLimitMs);
    ctx.log(
      `scale: ${deliveries.shop}: ${load.ok}/${load.sent} answered 2xx at ${load.throughput.toFixed(0)}/s (p99 ${load.latency.p99.toFixed(1)} ms), queue drained ${drainMs === null ? "not within the limit" : `${(drainMs / 1000).toFixed(1)} s`} after the load`,
    );
    return { load, drainMs, plan: deliveries };
  };

  ctx.log("scale: warming up both instances through nginx");
  await runLoad({
    url: cluster.proxy.url,
    requests: plan(WARM, 500, options.seed + 9).requests,
    concurrency: options.concurrency,
    timeLimitMs: options.timeLimitMs,
  });
  if ((await waitForQueue(db, options.drainTimeLimitMs)) === null) throw new Error("the instances did not process the warm-up deliveries");

  ctx.log(`scale: ${options.deliveries} deliveries through nginx into one instance (the other stopped)`);
  await cluster.stopInstance(1);
  const one = await measure(single.url, plan(ONE, options.deliveries, options.seed));
  await cluster.startInstance(1);
  ctx.log(`scale: ${options.deliveries} deliveries through nginx into two instances`);
  const two = await measure(cluster.proxy.url, plan(TWO, options.deliveries, options.seed + 1));

  const ordersPerSecond = (m: Measured) => (m.drainMs === null ? null : m.plan.unique / ((m.load.durationMs + m.drainMs) / 1000));
  const correctness = async (m: Measured): Promise<Row[]> => {
    const shop = [m.plan.shop];
    const [recorded, unprocessed, points, balances] = await Promise.all([
      queryNumber(db, `SELECT count(*) AS n FROM "WebhookDelivery" WHERE "shopDomain" = $1`, shop),
      queryNumber(db, `SELECT count(*) AS n FROM "WebhookDelivery" WHERE "shopDomain" = $1 AND "processedAt" IS NULL`, shop),
      queryNumber(db, `SELECT sum(points) AS n FROM "LedgerEntry" WHERE "shopDomain" = $1`, shop),
      queryNumber(db, `SELECT sum(balance) AS n FROM "Member" WHERE "shopDomain" = $1`, shop),
    ]);
    const label = m === two ? "two instances" : "one instance";
    return [
      { metric: `${label}: delivery rows (one per webhook id)`, value: recorded, target: { equals: m.plan.unique } },
      { metric: `${label}: deliveries unprocessed`, value: unprocessed, target: { equals: 0 } },
      { metric: `${label}: points earned`, value: points, target: { equals: m.plan.expectedPoints } },
      { metric: `${label}: members' balances (sum)`, value: balances, target: { equals: m.plan.expectedPoints } },
    ];
  };
  const unanswered = (m: Measured) => m.load.sent - m.load.ok + (options.deliveries - m.load.sent);
  const rows: Row[] = [
    { metric: "webhook answers (2xx/s)", value: two.load.throughput, baseline: one.load.throughput, unit: "/s" },
    { metric: "latency p50", value: two.load.latency.p50, baseline: one.load.latency.p50, unit: "ms" },
    { metric: "latency p99", value: two.load.latency.p99, baseline: one.load.latency.p99, unit: "ms" },
    { metric: "time to send all deliveries", value: two.load.durationMs / 1000, baseline: one.load.durationMs / 1000, unit: "s" },
    {
      metric: "queue drained after the load",
      value: two.drainMs === null ? "time limit" : two.drainMs / 1000,
      baseline: one.drainMs === null ? null : one.drainMs / 1000,
      unit: "s",
    },
    { metric: "orders processed (first delivery to empty queue, /s)", value: ordersPerSecond(two), baseline: ordersPerSecond(one), unit: "/s" },
    { metric: "deliveries not answered 2xx", value: unanswered(two), baseline: unanswered(one), target: { equals: 0 } },
  ];
  const started = performance.now();
  const checks = [...(await correctness(one)), ...(await correctness(two))];
  ctx.log(`scale: checked the ledger in ${Math.round(performance.now() - started)} ms`);
  return [
    {
      title: "Several instances: two behind nginx (value) beside one behind nginx (baseline)",
      description: [
        `${options.deliveries} signed orders/paid deliveries each (10% re-sent under the same id), ${options.concurrency} keep-alive connections, into nginx (Debian) round-robin`,
        "over app instances on one PostgreSQL and one Redis; each instance has its own webhook worker process. Both sides share this machine's cores,",
        "so the second instance adds processes, not CPUs: on more machines it adds both.",
      ],
      rows: [...rows, ...checks],
    },
  ];
}
