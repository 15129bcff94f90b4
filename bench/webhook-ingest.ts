// Webhook ingest: signed orders/paid deliveries over HTTP into the running app on PostgreSQL, against a
// minimal node:http receiver on the same database (bench/baseline-server.ts), with the same payloads and
// the same load generator; then how long the app takes to process its queue, and whether the ledger is right.
import { performance } from "node:perf_hooks";
import type pg from "pg";
import { startBaselineServer } from "./baseline-server";
import type { BenchContext } from "./context";
import { checkIngestOutcome, queryNumber } from "./ingest-checks";
import { combineResults, runLoad, type LoadRequest, type LoadResult } from "./load";
import { childPid, combineCpu, describeCpu, measureCpu, type BackendLister, type CpuUsage } from "./machine";
import { planOrderDeliveries, type DeliveryPlan } from "./order-deliveries";
import { summarizeProfiles, toggleProfiler, waitForProfiles } from "./profile";
import type { Row, Section } from "./report";
import { diagnoseIngest, HELD_SHOP } from "./webhook-ingest-diagnosis";

export type IngestOptions = {
  deliveries: number;
  duplicateRatio: number;
  warmup: number;
  concurrency: number;
  /** The deliveries are sent in this many blocks, baseline and app alternately (fairer on a shared machine). */
  rounds: number;
  /** Afterwards, measure the app's ingest and worker apart (bench/webhook-ingest-diagnosis.ts). */
  diagnose: boolean;
  customers: number;
  seed: number;
  /** Per load phase. */
  timeLimitMs: number;
  /** For the app to process its queue after a load phase. */
  drainTimeLimitMs: number;
};

export const DEFAULT_INGEST_OPTIONS: IngestOptions = {
  deliveries: 20_000,
  duplicateRatio: 0.1,
  warmup: 500,
  concurrency: 32,
  rounds: 4,
  diagnose: true,
  customers: 4_000,
  seed: 20261001,
  timeLimitMs: 180_000,
  drainTimeLimitMs: 600_000,
};

const SHOP = "loyalist-bench.myshopify.com";
const WARMUP_SHOP = "loyalist-bench-warmup.myshopify.com";
const PROGRAM = { enabled: "on", pointsPerUnit: "1", awardOn: "paid", pendingDays: "0" };

/** Waits until the app has processed every recorded delivery; returns the wait in ms (null on time-out). */
export async function waitForQueue(db: pg.Pool, timeLimitMs: number): Promise<number | null> {
  const started = performance.now();
  for (;;) {
    const pending = await queryNumber(db, `SELECT count(*) AS n FROM "WebhookDelivery" WHERE "processedAt" IS NULL`);
    if (pending === 0) return performance.now() - started;
    if (performance.now() - started > timeLimitMs) return null;
    await new Promise((r) => setTimeout(r, 100));
  }
}

type Servers = { appUrl: string; baselineUrl: string; db: pg.Pool; backends: BackendLister; profileApp: () => void; profileBaseline: () => void };

type Rounds = {
  base: LoadResult[];
  app: LoadResult[];
  baseCpu: CpuUsage[];
  appCpu: CpuUsage[];
  drainCpu: CpuUsage[];
  /** Per round: ms from the end of the app's load until its queue was empty (null: time limit). */
  drains: Array<number | null>;
  /** Per round: deliveries still unprocessed when the app's load ended. */
  backlogs: number[];
  duplicatesAnswered: number;
};

/**
 * Sends the deliveries in `rounds` blocks: a block to the baseline, the same block to the app, then waits
 * for the app's queue to drain, so neither server works while the other is measured.
 */
async function measureRounds(ctx: BenchContext, s: Servers, requests: readonly LoadRequest[], options: IngestOptions): Promise<Rounds> {
  const out: Rounds = { base: [], app: [], baseCpu: [], appCpu: [], drainCpu: [], drains: [], backlogs: [], duplicatesAnswered: 0 };
  const rounds = Math.max(1, Math.min(options.rounds, requests.length));
  const blockSize = Math.ceil(requests.length / rounds);
  const load = (url: string, block: readonly LoadRequest[], onResponse?: (i: number, status: number, body: Buffer) => void) =>
    runLoad({ url, requests: block, concurrency: options.concurrency, timeLimitMs: options.timeLimitMs, onResponse });
  const countDuplicates = (_i: number, status: number, body: Buffer) => {
    if (status === 200 && body.includes('"duplicate":true')) out.duplicatesAnswered++;
  };

  for (let round = 0; round < rounds; round++) {
    const block = requests.slice(round * blockSize, (round + 1) * blockSize);
    ctx.log(`webhook ingest: round ${round + 1}/${rounds}: ${block.length} deliveries to the baseline, then to Loyalist`);
    await s.db.query("CHECKPOINT");
    s.profileBaseline();
    let cpu = await measureCpu(s.backends);
    out.base.push(await load(s.baselineUrl, block));
    out.baseCpu.push(await cpu());
    s.profileBaseline();

    await s.db.query("CHECKPOINT");
    s.profileApp();
    cpu = await measureCpu(s.backends);
    out.app.push(await load(s.appUrl, block, countDuplicates));
    out.appCpu.push(await cpu());
    s.profileApp();
    out.backlogs.push(await queryNumber(s.db, `SELECT count(*) AS n FROM "WebhookDelivery" WHERE "processedAt" IS NULL`));

    s.profileApp();
    cpu = await measureCpu(s.backends);
    out.drains.push(await waitForQueue(s.db, options.drainTimeLimitMs));
    out.drainCpu.push(await cpu());
    s.profileApp();
    const drain = out.drains[round];
    ctx.log(
      `webhook ingest: round ${round + 1}: baseline ${out.base[round].throughput.toFixed(0)}/s, Loyalist ${out.app[round].throughput.toFixed(0)}/s; ${out.backlogs[round]} waiting, drained in ${drain === null ? "-" : `${(drain / 1000).toFixed(1)} s`}`,
    );
    if (drain === null) break;
  }
  return out;
}

function describeLoad(name: string, result: LoadResult): string {
  const statuses = Object.entries(result.statuses)
    .map(([s, n]) => `${s === "0" ? "error" : s}×${n}`)
    .join(" ");
  return `${name}: ${result.sent} sent in ${(result.durationMs / 1000).toFixed(1)} s, answers ${statuses}${result.timedOut ? " (time limit reached)" : ""}${result.errors.length ? `; first errors: ${result.errors.join("; ")}` : ""}`;
}

const perThousand = (seconds: number | undefined, n: number) => (n ? ((seconds ?? 0) / n) * 1000 : null);

/** Runs the webhook-ingest benchmark and returns its report sections. */
export async function webhookIngest(ctx: BenchContext, options: IngestOptions = DEFAULT_INGEST_OPTIONS): Promise<Section[]> {
  const h = ctx.harness;
  ctx.log("webhook ingest: preparing the template database and starting the app and the emulator");
  await h.globalSetup();
  const sandbox = await h.startSandbox({ env: ctx.childEnv("app") });
  ctx.onCleanup(() => sandbox.stop());
  for (const shop of [SHOP, WARMUP_SHOP, ...(options.diagnose ? [HELD_SHOP] : [])]) {
    await sandbox.install(shop);
    const saved = await sandbox.saveProgram(shop, PROGRAM);
    if (saved.status !== 200) throw new Error(`saving the program of ${shop} answered ${saved.status}`);
  }
  const baseline = await startBaselineServer(sandbox.app.databaseUrl, h.TEST_API_SECRET, ctx.childEnv("baseline"));
  ctx.onCleanup(() => baseline.stop());

  const db = sandbox.db;
  // With --cpu-prof the children preload bench/cpu-profiler.mjs: SIGUSR2 starts or stops a profile (without
  // it, SIGUSR2 would end them, so it is only sent when profiling).
  const appPid = childPid("server.ts");
  const toggle = (pid: number | undefined) => () => void (ctx.profileDir && toggleProfiler(pid));
  const servers: Servers = {
    appUrl: sandbox.app.url,
    baselineUrl: baseline.url,
    db,
    backends: async () => (await db.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE datname = current_database()`)).rows.map((r) => r.pid),
    profileApp: toggle(appPid),
    profileBaseline: toggle(baseline.pid),
  };

  const config = h.readAppConfig();
  const path = h.webhookUri(config, "orders/paid");
  if (!path) throw new Error("shopify.app.toml does not subscribe to orders/paid");
  const common = { secret: h.TEST_API_SECRET, apiVersion: config.webhookApiVersion, path, customers: options.customers };
  const plan: DeliveryPlan = planOrderDeliveries(h, {
    ...common,
    shop: SHOP,
    count: options.deliveries,
    duplicateRatio: options.duplicateRatio,
    seed: options.seed,
  });
  const warm = planOrderDeliveries(h, { ...common, shop: WARMUP_SHOP, count: options.warmup, duplicateRatio: 0, seed: options.seed + 1, customers: 200 });
  ctx.log(
    `webhook ingest: ${plan.requests.length} deliveries planned (${plan.unique} orders, ${plan.duplicates} re-sends, ${plan.distinctCustomers} customers, mean body ${Math.round(plan.meanBodyBytes)} B)`,
  );

  // Warm-up: JIT, connection pools, caches, on both servers; the app's queue is drained before measuring.
  ctx.log(`webhook ingest: warming up both servers (${options.warmup} deliveries each)`);
  for (const url of [baseline.url, sandbox.app.url])
    await runLoad({ url, requests: warm.requests, concurrency: options.concurrency, timeLimitMs: options.timeLimitMs });
  if ((await waitForQueue(db, options.drainTimeLimitMs)) === null) throw new Error("the app did not process the warm-up deliveries");

  const r = await measureRounds(ctx, servers, plan.requests, options);
  const base = combineResults(r.base);
  const app = combineResults(r.app);
  const baseUsage = combineCpu(r.baseCpu);
  const ingestUsage = combineCpu(r.appCpu);
  const drainUsage = combineCpu(r.drainCpu);
  const drained = r.drains.every((d) => d !== null);
  const drainTotalMs = r.drains.reduce<number>((a, d) => a + (d ?? 0), 0);
  const lastDrain = r.drains[r.drains.length - 1];
  const appProfiles = r.app.length + r.drains.length;

  const diagnosis: Section[] = [];
  if (options.diagnose && drained) {
    const count = Math.ceil(plan.requests.length / r.app.length);
    const held = planOrderDeliveries(h, { ...common, shop: HELD_SHOP, count, duplicateRatio: options.duplicateRatio, seed: options.seed + 2 });
    diagnosis.push(
      await diagnoseIngest(ctx, {
        db,
        appUrl: sandbox.app.url,
        requests: held.requests,
        orders: held.unique,
        concurrency: options.concurrency,
        timeLimitMs: options.timeLimitMs,
        drainTimeLimitMs: options.drainTimeLimitMs,
        baseline: base,
        baselineCpu: baseUsage,
        toggleAppProfile: servers.profileApp,
        appProfilesBefore: appProfiles,
        backends: servers.backends,
      }),
    );
  }

  const unanswered = (x: LoadResult) => x.sent - x.ok + (options.deliveries - x.sent);
  const http: Row[] = [
    { metric: "throughput (2xx answers/s)", value: app.throughput, baseline: base.throughput, unit: "/s", target: { min: 1000, minRatio: 0.5 } },
    { metric: "latency p50", value: app.latency.p50, baseline: base.latency.p50, unit: "ms" },
    { metric: "latency p90", value: app.latency.p90, baseline: base.latency.p90, unit: "ms" },
    { metric: "latency p99", value: app.latency.p99, baseline: base.latency.p99, unit: "ms", target: { max: 50 } },
    { metric: "latency max", value: app.latency.max, baseline: base.latency.max, unit: "ms" },
    { metric: "time to send all deliveries", value: app.durationMs / 1000, baseline: base.durationMs / 1000, unit: "s" },
    { metric: "deliveries not answered 2xx", value: unanswered(app), baseline: unanswered(base), target: { equals: 0 } },
    {
      metric: "server CPU per 1,000 deliveries",
      value: perThousand(ingestUsage.seconds.app, app.sent),
      baseline: perThousand(baseUsage.seconds.baseline, base.sent),
      unit: "s",
    },
    {
      metric: "database backends' CPU per 1,000 deliveries",
      value: perThousand(ingestUsage.seconds.database, app.sent),
      baseline: perThousand(baseUsage.seconds.database, base.sent),
      unit: "s",
    },
  ];
  const processing: Row[] = [
    { metric: "queue backlog when a round's load ended (max)", value: Math.max(...r.backlogs), unit: "" },
    { metric: "queue drained, after the last round's load", value: lastDrain === null || lastDrain === undefined ? "time limit" : lastDrain / 1000, unit: "s" },
    { metric: "queue draining, all rounds", value: drained ? drainTotalMs / 1000 : "time limit", unit: "s" },
    { metric: "orders processed per second (ingest + drain)", value: drained ? plan.unique / ((app.durationMs + drainTotalMs) / 1000) : null, unit: "/s" },
    { metric: "app CPU per 1,000 orders (while draining)", value: perThousand(drainUsage.seconds.app, plan.unique), unit: "s" },
    ...(await checkIngestOutcome(db, plan, r.duplicatesAnswered)),
  ];

  const n = (x: number) => x.toLocaleString("en-US");
  const perRound = r.base.map((b, i) => {
    const a = r.app[i];
    const drain = r.drains[i];
    return `round ${i + 1}: baseline ${b.throughput.toFixed(0)}/s p99 ${b.latency.p99.toFixed(0)} ms; Loyalist ${a.throughput.toFixed(0)}/s p99 ${a.latency.p99.toFixed(0)} ms (${(a.throughput / b.throughput).toFixed(2)}×); backlog ${r.backlogs[i]}, drained in ${drain === null ? "-" : `${(drain / 1000).toFixed(1)} s`}`;
  });
  const appendix: string[] = [];
  if (ctx.profileDir) {
    const baseFiles = await waitForProfiles(ctx.profileDir, "baseline", r.base.length);
    const appFiles = (await waitForProfiles(ctx.profileDir, "app", appProfiles)).slice(0, appProfiles);
    appendix.push(
      "CPU profiles (sampled wall time of the main thread while not idle, so a syscall such as writev also counts the time",
      "the process waited for a CPU after waking PostgreSQL; every 0.5 ms):",
      ...summarizeProfiles("baseline, load", baseFiles),
      ...summarizeProfiles(
        "Loyalist, load (HTTP ingest and the worker together)",
        appFiles.filter((_f, i) => i % 2 === 0),
      ),
      ...summarizeProfiles(
        "Loyalist, draining the queue after the load (worker only)",
        appFiles.filter((_f, i) => i % 2 === 1),
      ),
    );
  }
  return [
    {
      title: "Webhook ingest: HTTP (Loyalist POST /webhooks/orders vs node:http + HMAC + INSERT … ON CONFLICT DO NOTHING)",
      description: [
        `${n(plan.requests.length)} signed orders/paid deliveries per server (${n(plan.unique)} orders + ${n(plan.duplicates)} re-sent webhook ids), ` +
          `${n(plan.distinctCustomers)} customers, mean body ${(plan.meanBodyBytes / 1024).toFixed(1)} KiB`,
        `${options.concurrency} keep-alive connections (closed loop), ${r.base.length} round${r.base.length > 1 ? "s" : ""} alternating baseline and Loyalist, after ${n(options.warmup)} warm-up deliveries each`,
        "latency: request written to answer fully read, at saturation; both servers on the same PostgreSQL database, pool of 10",
        `baseline load: ${describeCpu(baseUsage)}`,
        `Loyalist load: ${describeCpu(ingestUsage)} (its worker processes the queue meanwhile)`,
      ],
      rows: http,
      notes: [...perRound, describeLoad("baseline", base), describeLoad("Loyalist", app)],
    },
    {
      title: "Webhook ingest: processing and correctness (Loyalist)",
      description: [`draining after each round: ${describeCpu(drainUsage)}`],
      rows: processing,
      appendix,
    },
    ...diagnosis,
  ];
}
