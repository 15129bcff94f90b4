// Loyalist's two halves measured apart: HTTP ingest with the queue worker held back (a trigger in the
// throwaway bench database records every new delivery of one shop as already processed, so the worker finds
// nothing to claim), then the worker alone once they are marked unprocessed again. Tells whether a miss comes
// from the door or from the queue. The worker still wakes and runs an (empty) claim after recorded deliveries.
import { performance } from "node:perf_hooks";
import type pg from "pg";
import type { BenchContext } from "./context";
import { runLoad, type LoadResult } from "./load";
import { describeCpu, measureCpu, type BackendLister, type CpuUsage } from "./machine";
import type { LoadRequest } from "./load";
import { summarizeProfiles, waitForProfiles } from "./profile";
import type { Row, Section } from "./report";

export const HELD_SHOP = "loyalist-bench-held.myshopify.com";

export type DiagnosisInput = {
  db: pg.Pool;
  appUrl: string;
  /** Deliveries for HELD_SHOP (installed, program on). */
  requests: readonly LoadRequest[];
  orders: number;
  concurrency: number;
  timeLimitMs: number;
  drainTimeLimitMs: number;
  /** The baseline's combined result and CPU from the main rounds, for comparison. */
  baseline: LoadResult;
  baselineCpu: CpuUsage;
  /** Starts or stops the app's CPU profile (no-op without --cpu-prof). */
  toggleAppProfile: () => void;
  /** How many app profiles were written before the diagnosis. */
  appProfilesBefore: number;
  /** The benchmarked database's backends (CPU accounting). */
  backends: BackendLister;
};

/** A trigger that records every new delivery of these shops as already processed (`'-infinity'`), so the worker leaves them. */
export const holdDeliveriesSql = (shops: readonly string[], trigger = "bench_hold", mark = "-infinity") => `
  CREATE OR REPLACE FUNCTION ${trigger}_delivery() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN NEW."processedAt" := '${mark}'; RETURN NEW; END $$;
  DROP TRIGGER IF EXISTS ${trigger} ON "WebhookDelivery";
  CREATE TRIGGER ${trigger} BEFORE INSERT ON "WebhookDelivery" FOR EACH ROW
    WHEN (NEW."shopDomain" IN (${shops.map((s) => `'${s.replace(/'/g, "''")}'`).join(", ")})) EXECUTE FUNCTION ${trigger}_delivery();`;

const HOLD_SQL = holdDeliveriesSql([HELD_SHOP]);

async function pendingFor(db: pg.Pool, shop: string): Promise<number> {
  const { rows } = await db.query<{ n: string }>(`SELECT count(*) AS n FROM "WebhookDelivery" WHERE "shopDomain" = $1 AND "processedAt" IS NULL`, [shop]);
  return Number(rows[0].n);
}

/** Measures ingest with the worker held back, then the worker alone; returns one report section. */
export async function diagnoseIngest(ctx: BenchContext, input: DiagnosisInput): Promise<Section> {
  const { db, backends } = input;
  await db.query(HOLD_SQL);
  await db.query("CHECKPOINT");
  ctx.log(`webhook ingest diagnosis: ${input.requests.length} deliveries with the worker held back`);
  input.toggleAppProfile();
  let cpu = await measureCpu(backends);
  const ingest = await runLoad({ url: input.appUrl, requests: input.requests, concurrency: input.concurrency, timeLimitMs: input.timeLimitMs });
  const ingestCpu = await cpu();
  input.toggleAppProfile();
  await db.query(`DROP TRIGGER bench_hold ON "WebhookDelivery"`);
  const { rows: heldRows } = await db.query<{ n: string }>(
    `SELECT count(*) AS n FROM "WebhookDelivery" WHERE "shopDomain" = $1 AND "processedAt" = '-infinity'`,
    [HELD_SHOP],
  );
  const held = Number(heldRows[0].n);

  ctx.log(`webhook ingest diagnosis: releasing ${held} held deliveries to the worker`);
  input.toggleAppProfile();
  cpu = await measureCpu(backends);
  const started = performance.now();
  await db.query(`UPDATE "WebhookDelivery" SET "processedAt" = NULL WHERE "shopDomain" = $1 AND "processedAt" = '-infinity'`, [HELD_SHOP]);
  let drainMs: number | null = null;
  while (performance.now() - started < input.drainTimeLimitMs) {
    if ((await pendingFor(db, HELD_SHOP)) === 0) {
      drainMs = performance.now() - started;
      break;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const drainCpu = await cpu();
  input.toggleAppProfile();

  const perThousand = (seconds: number | undefined, n: number) => (n ? ((seconds ?? 0) / n) * 1000 : null);
  const rows: Row[] = [
    { metric: "ingest alone: throughput", value: ingest.throughput, baseline: input.baseline.throughput, unit: "/s", target: { min: 1000, minRatio: 0.5 } },
    { metric: "ingest alone: latency p50", value: ingest.latency.p50, baseline: input.baseline.latency.p50, unit: "ms" },
    { metric: "ingest alone: latency p99", value: ingest.latency.p99, baseline: input.baseline.latency.p99, unit: "ms", target: { max: 50 } },
    {
      metric: "ingest alone: server CPU per 1,000 deliveries",
      value: perThousand(ingestCpu.seconds.app, ingest.sent),
      baseline: perThousand(input.baselineCpu.seconds.baseline, input.baseline.sent),
      unit: "s",
    },
    {
      metric: "ingest alone: database backends' CPU per 1,000 deliveries",
      value: perThousand(ingestCpu.seconds.database, ingest.sent),
      baseline: perThousand(input.baselineCpu.seconds.database, input.baseline.sent),
      unit: "s",
    },
    { metric: "worker alone: orders processed per second", value: drainMs ? (held / drainMs) * 1000 : "time limit", unit: "/s" },
    { metric: "worker alone: app CPU per 1,000 orders", value: perThousand(drainCpu.seconds.app, held), unit: "s" },
    { metric: "worker alone: database backends' CPU per 1,000 orders", value: perThousand(drainCpu.seconds.database, held), unit: "s" },
  ];
  const appendix: string[] = [];
  if (ctx.profileDir) {
    const files = await waitForProfiles(ctx.profileDir, "app", input.appProfilesBefore + 2);
    appendix.push(
      ...summarizeProfiles("Loyalist, ingest alone (worker held back)", files.slice(input.appProfilesBefore, input.appProfilesBefore + 1)),
      ...summarizeProfiles("Loyalist, worker alone (no HTTP traffic)", files.slice(input.appProfilesBefore + 1, input.appProfilesBefore + 2)),
    );
  }
  return {
    title: "Webhook ingest: diagnosis (Loyalist's HTTP ingest and queue worker measured apart)",
    description: [
      `${input.requests.length.toLocaleString("en-US")} more deliveries (${input.orders.toLocaleString("en-US")} orders) to a third shop, the worker held back (a trigger marks them processed); then the worker alone`,
      `ingest alone: ${describeCpu(ingestCpu)}`,
      `worker alone: ${describeCpu(drainCpu)}`,
    ],
    rows,
    notes: [
      `ingest alone: ${ingest.sent} sent, answers ${Object.entries(ingest.statuses)
        .map(([s, n]) => `${s}×${n}`)
        .join(" ")}`,
    ],
    appendix,
  };
}
