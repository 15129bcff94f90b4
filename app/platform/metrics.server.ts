// Prometheus metrics (prom-client) at GET /metrics: what an operator needs to see how far behind Loyalist is
// and where time goes. Counters are counted where things happen; backlog, lag and queue depth are read from
// the database at scrape time, so they are right whichever process or instance did the work.
// Two copies of this module run in one process (server.ts and the Remix build): metrics are registered once,
// in prom-client's one default registry. The background-jobs process forwards its counts to the server over
// IPC (docs/decisions/012-metrics.md).
import type { IncomingMessage, ServerResponse } from "node:http";
import client, { type Counter, type Histogram } from "prom-client";
import { connectDatabase } from "~/db.server";
import { logger } from "~/platform/logger.server";

const registry = client.register;

function counter(name: string, help: string, labelNames: string[]): Counter {
  return (registry.getSingleMetric(name) as Counter | undefined) ?? new client.Counter({ name, help, labelNames });
}
function histogram(name: string, help: string, labelNames: string[], buckets: number[]): Histogram {
  return (registry.getSingleMetric(name) as Histogram | undefined) ?? new client.Histogram({ name, help, labelNames, buckets });
}

// Created at load, so every series is listed (at 0) before anything happened.
const COUNTERS = {
  webhookReceived: counter("loyalist_webhook_deliveries_received_total", "Webhook deliveries answered, by topic and outcome", ["topic", "outcome"]),
  webhookProcessed: counter("loyalist_webhook_deliveries_processed_total", "Webhook deliveries processed, by topic", ["topic"]),
  webhookFailed: counter("loyalist_webhook_deliveries_failed_total", "Webhook processing attempts that failed, by topic", ["topic"]),
  jobFailed: counter("loyalist_job_failures_total", "Scheduled job attempts that failed, by job", ["job"]),
  adminThrottleWaits: counter("loyalist_admin_api_throttle_waits_total", "Times an Admin API call waited for Shopify's throttle", []),
  adminThrottleSeconds: counter("loyalist_admin_api_throttle_wait_seconds_total", "Seconds spent waiting for Shopify's Admin API throttle", []),
} as const;

export type CounterName = keyof typeof COUNTERS;
type Count = { name: CounterName; labels: Record<string, string>; value: number };

let forward: ((counts: Count[]) => void) | undefined;
let pending: Count[] = [];
let flushTimer: NodeJS.Timeout | undefined;

/** Counts `value` on a counter: here, or sent on to the server when this is the background-jobs process. */
export function count(name: CounterName, labels: Record<string, string> = {}, value = 1): void {
  if (!forward) {
    COUNTERS[name].inc(labels, value);
    return;
  }
  pending.push({ name, labels, value });
  flushTimer ??= setTimeout(flushForwardedCounts, 1000);
}

/** Sends the counts gathered so far to the server (also on stop, so the last second is not lost). */
export function flushForwardedCounts(): void {
  if (flushTimer) clearTimeout(flushTimer);
  flushTimer = undefined;
  if (!forward || !pending.length) return;
  const batch = pending;
  pending = [];
  forward(batch);
}

/** In the background-jobs process: counts go to `send` (the IPC channel to the server) in 1-second batches. */
export function forwardCountsWith(send: (counts: Count[]) => void): void {
  forward = send;
}

/** In the server: applies counts the background-jobs process sent. Unknown names are ignored. */
export function applyForwardedCounts(counts: unknown): void {
  if (!Array.isArray(counts)) return;
  for (const c of counts as Count[]) if (c && c.name in COUNTERS && typeof c.value === "number") COUNTERS[c.name].inc(c.labels ?? {}, c.value);
}

const requestDuration = () =>
  histogram(
    "loyalist_http_request_duration_seconds",
    "HTTP request durations, by route, method and status",
    ["route", "method", "status"],
    [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  );

/** One URL path segment that is an id (numbers, cuids, uuids, gids), so routes stay few labels. */
const ID_SEGMENT = /^(\d+|[0-9a-f]{8}-[0-9a-f-]{27,}|c[a-z0-9]{20,}|[A-Za-z0-9_-]{24,})$/;

/** A route label for a path: ids become ":id", at most four segments, file names of assets folded. */
export function routeLabel(path: string, status: number): string {
  if (status === 404) return "(unmatched)";
  const clean = path.split("?")[0];
  if (clean.startsWith("/build/") || clean.startsWith("/assets/")) return "(static)";
  const segments = clean.split("/").filter(Boolean).slice(0, 4);
  return "/" + segments.map((s) => (ID_SEGMENT.test(s) ? ":id" : s)).join("/");
}

/** Observes one answered request. */
export function observeRequest(path: string, method: string, status: number, seconds: number): void {
  requestDuration().observe({ route: routeLabel(path, status), method, status: String(status) }, seconds);
}

// Read at scrape time from the database: the same answer on every instance.
const backlogGauge = () =>
  (registry.getSingleMetric("loyalist_webhook_backlog") as client.Gauge | undefined) ??
  new client.Gauge({ name: "loyalist_webhook_backlog", help: "Recorded webhook deliveries not yet processed (dead-lettered ones excluded)" });
const lagGauge = () =>
  (registry.getSingleMetric("loyalist_webhook_processing_lag_seconds") as client.Gauge | undefined) ??
  new client.Gauge({ name: "loyalist_webhook_processing_lag_seconds", help: "Age of the oldest unprocessed webhook delivery" });
const deadGauge = () =>
  (registry.getSingleMetric("loyalist_webhook_dead_deliveries") as client.Gauge | undefined) ??
  new client.Gauge({ name: "loyalist_webhook_dead_deliveries", help: "Webhook deliveries dead-lettered and waiting for a retry" });
const queueDepthGauge = () =>
  (registry.getSingleMetric("loyalist_job_queue_depth") as client.Gauge | undefined) ??
  new client.Gauge({ name: "loyalist_job_queue_depth", help: "Jobs waiting in the queue (created or to retry), by queue", labelNames: ["queue"] });
const jobsFailingGauge = () =>
  (registry.getSingleMetric("loyalist_jobs_failing") as client.Gauge | undefined) ??
  new client.Gauge({ name: "loyalist_jobs_failing", help: "Scheduled runs retrying or dead-lettered now, by job", labelNames: ["job"] });

async function readDatabaseGauges(): Promise<void> {
  const { pool } = connectDatabase();
  const [deliveries, queues, runs] = await Promise.all([
    pool.query<{ backlog: string; dead: string; lag: number | null }>(
      `SELECT count(*) FILTER (WHERE "deadAt" IS NULL) AS backlog, count(*) FILTER (WHERE "deadAt" IS NOT NULL) AS dead,
         EXTRACT(EPOCH FROM now() - min("receivedAt") FILTER (WHERE "deadAt" IS NULL))::float8 AS lag
       FROM "WebhookDelivery" WHERE "processedAt" IS NULL`,
    ),
    pool
      .query<{ name: string; n: string }>(`SELECT name, count(*) AS n FROM pgboss.job WHERE state IN ('created', 'retry') GROUP BY name`)
      .catch(() => ({ rows: [] as { name: string; n: string }[] })),
    pool.query<{ job: string; n: string }>(`SELECT job, count(*) AS n FROM "ScheduledRun" WHERE status IN ('retrying', 'dead') GROUP BY job`),
  ]);
  const row = deliveries.rows[0];
  backlogGauge().set(Number(row?.backlog ?? 0));
  deadGauge().set(Number(row?.dead ?? 0));
  lagGauge().set(Math.max(0, row?.lag ?? 0));
  queueDepthGauge().reset();
  for (const q of queues.rows) queueDepthGauge().set({ queue: q.name }, Number(q.n));
  jobsFailingGauge().reset();
  for (const r of runs.rows) jobsFailingGauge().set({ job: r.job }, Number(r.n));
}

/**
 * Answers GET /metrics. With METRICS_TOKEN set, only `Authorization: Bearer <token>` is answered (401
 * otherwise); without it the endpoint is open, for a private network's scraper.
 */
export async function handleMetricsRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const token = process.env.METRICS_TOKEN;
  if (token && req.headers.authorization !== `Bearer ${token}`) {
    res.writeHead(401, { "Content-Type": "application/json; charset=utf-8", "WWW-Authenticate": "Bearer" });
    res.end(JSON.stringify({ error: { code: "unauthorized", message: "A valid metrics token is required" } }));
    return;
  }
  try {
    await readDatabaseGauges();
  } catch (error) {
    // The counters still answer; the database's own health is /readyz's business.
    logger.warn({ err: error }, "metrics: database gauges unavailable");
  }
  res.writeHead(200, { "Content-Type": registry.contentType, "Cache-Control": "no-store" });
  res.end(await registry.metrics());
}
