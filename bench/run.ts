// `npm run bench`: builds the app (npm script), runs each benchmark section against the built app on the
// local PostgreSQL, and prints one table per section: metric | Loyalist | baseline | ratio | target | result.
//
//   npm run bench -- --deliveries 5000 --concurrency 64     smaller or harder runs
//   npm run bench -- --cpu-prof                              profiles the app and the baseline in each measured window
//   npm run bench -- --json bench/.results/latest.json       also writes the results as JSON
//   npm run bench -- --only widget --widget-member-only      times only the proxy member answer (no Lighthouse)
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { createContext, type BenchContext } from "./context";
import { loadHarness, ROOT } from "./harness";
import { machineInfo } from "./machine";
import { renderSection, tally, toJson, type Section } from "./report";
import { DEFAULT_INGEST_OPTIONS, webhookIngest } from "./webhook-ingest";
import { DEFAULT_WIDGET_OPTIONS, widgetBench } from "./widget";
import { redemptionBench } from "./redemption";
import { adminVitals } from "./admin-vitals";
import { DEFAULT_INSIGHT_OPTIONS, insightBench } from "./insight";
import { DEFAULT_LEDGER_SCALE_OPTIONS, ledgerScaleBench } from "./ledger-scale";
import { backfillBench, DEFAULT_BACKFILL_OPTIONS } from "./backfill";
import { DEFAULT_SCALE_OPTIONS, scaleBench } from "./scale";
import { DEFAULT_PROCESSING_OPTIONS, processingBench } from "./processing";

const { values: args } = parseArgs({
  options: {
    only: { type: "string" },
    deliveries: { type: "string" },
    concurrency: { type: "string" },
    rounds: { type: "string" },
    warmup: { type: "string" },
    duplicates: { type: "string" },
    seed: { type: "string" },
    "cpu-prof": { type: "boolean", default: false },
    json: { type: "string" },
    strict: { type: "boolean", default: false },
    "skip-diagnosis": { type: "boolean", default: false },
    "time-limit": { type: "string" },
    "insight-orders": { type: "string" },
    "insight-members": { type: "string" },
    "backfill-orders": { type: "string" },
    "insight-keep": { type: "boolean", default: false },
    "processing-deliveries": { type: "string" },
    "widget-member-only": { type: "boolean", default: false },
    "ledger-entries": { type: "string" },
    "ledger-members": { type: "string" },
    help: { type: "boolean", short: "h", default: false },
  },
});

if (args.help) {
  process.stdout.write(`npm run bench -- [--only webhook-ingest] [--deliveries 20000] [--concurrency 32] [--rounds 4] [--warmup 500]
  [--duplicates 0.1] [--seed N] [--skip-diagnosis] [--cpu-prof] [--json FILE] [--strict] [--time-limit MINUTES]
  [--insight-orders 1000000] [--insight-members 100000] [--insight-keep] [--backfill-orders 1000000]
  [--processing-deliveries 10000] [--widget-member-only] [--ledger-entries 10000000] [--ledger-members 100000]
--widget-member-only: in the widget section, time only the app proxy member answer (skips asset sizes' rows and Lighthouse).
--insight-keep: build the insight data once into database loyalist_bench_insight_keep (or LOYALIST_INSIGHT_KEEP_DB) and reuse it on later runs.
--strict: exit 1 when a target is missed (a failed correctness check always exits 1).\n`);
  process.exit(0);
}

function num(value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed < 0) throw new Error(`not a number: ${value}`);
  return parsed;
}

process.chdir(ROOT);
const profileDir = args["cpu-prof"] ? path.join(ROOT, "bench/.profiles", new Date().toISOString().replace(/[:.]/g, "-")) : null;
if (profileDir) fs.mkdirSync(profileDir, { recursive: true });

/** Every section: a name for --only and a function returning report sections. Later sections go here. */
const sections: Array<{ name: string; run: (ctx: BenchContext) => Promise<Section[]> }> = [
  {
    name: "webhook-ingest",
    run: (ctx) =>
      webhookIngest(ctx, {
        ...DEFAULT_INGEST_OPTIONS,
        deliveries: num(args.deliveries, DEFAULT_INGEST_OPTIONS.deliveries),
        concurrency: num(args.concurrency, DEFAULT_INGEST_OPTIONS.concurrency),
        rounds: num(args.rounds, DEFAULT_INGEST_OPTIONS.rounds),
        diagnose: !args["skip-diagnosis"],
        warmup: num(args.warmup, DEFAULT_INGEST_OPTIONS.warmup),
        duplicateRatio: num(args.duplicates, DEFAULT_INGEST_OPTIONS.duplicateRatio),
        seed: num(args.seed, DEFAULT_INGEST_OPTIONS.seed),
      }),
  },
  {
    name: "processing",
    run: (ctx) =>
      processingBench(ctx, {
        ...DEFAULT_PROCESSING_OPTIONS,
        deliveries: num(args["processing-deliveries"], DEFAULT_PROCESSING_OPTIONS.deliveries),
        ingest: Math.round(num(args["processing-deliveries"], DEFAULT_PROCESSING_OPTIONS.deliveries) / 2),
        warmup: num(args.warmup, DEFAULT_PROCESSING_OPTIONS.warmup),
        concurrency: num(args.concurrency, DEFAULT_PROCESSING_OPTIONS.concurrency),
      }),
  },
  { name: "redemption", run: (ctx) => redemptionBench(ctx) },
  { name: "admin-vitals", run: (ctx) => adminVitals(ctx) },
  { name: "widget", run: (ctx) => widgetBench(ctx, { ...DEFAULT_WIDGET_OPTIONS, lighthouse: !args["widget-member-only"] }) },
  {
    name: "insight",
    run: (ctx) =>
      insightBench(ctx, {
        orders: num(args["insight-orders"], DEFAULT_INSIGHT_OPTIONS.orders),
        members: num(args["insight-members"], DEFAULT_INSIGHT_OPTIONS.members),
        keep: args["insight-keep"] ?? false,
      }),
  },
  {
    name: "ledger-scale",
    run: (ctx) =>
      ledgerScaleBench(ctx, {
        ...DEFAULT_LEDGER_SCALE_OPTIONS,
        entries: num(args["ledger-entries"], DEFAULT_LEDGER_SCALE_OPTIONS.entries),
        members: num(args["ledger-members"], DEFAULT_LEDGER_SCALE_OPTIONS.members),
      }),
  },
  { name: "backfill", run: (ctx) => backfillBench(ctx, { orders: num(args["backfill-orders"], DEFAULT_BACKFILL_OPTIONS.orders) }) },
  {
    name: "scale",
    run: (ctx) =>
      scaleBench(ctx, {
        ...DEFAULT_SCALE_OPTIONS,
        deliveries: num(args.deliveries, DEFAULT_SCALE_OPTIONS.deliveries),
        concurrency: num(args.concurrency, DEFAULT_SCALE_OPTIONS.concurrency),
      }),
  },
];

const selected = args.only ? sections.filter((s) => args.only!.split(",").includes(s.name)) : sections;
if (!selected.length) throw new Error(`--only ${args.only}: no such section (${sections.map((s) => s.name).join(", ")})`);

const harness = await loadHarness();
const { context, cleanup } = createContext(harness, profileDir);

// The whole run is bounded: past the limit, clean up (stop the children, drop the database) and exit.
const limitMs = num(args["time-limit"], 30) * 60_000;
const guard = setTimeout(() => {
  context.log(`time limit of ${limitMs / 60_000} min reached; stopping`);
  void cleanup().finally(() => process.exit(2));
}, limitMs);
guard.unref();
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    context.log(`${signal}: stopping`);
    void cleanup().finally(() => process.exit(130));
  });
}

const before = machineInfo();
const results: Section[] = [];
let failure: unknown;
try {
  for (const section of selected) results.push(...(await section.run(context)));
} catch (error) {
  failure = error;
} finally {
  await cleanup();
}
const after = machineInfo();

const out: string[] = [
  "",
  `Loyalist benchmarks, ${new Date().toISOString()}`,
  `machine: ${before.cpus} × ${before.model}, ${before.memoryGiB} GiB, ${before.platform}, Node ${before.node}`,
  `load average (1/5/15 min): before ${before.loadavg.join(" / ")}, after ${after.loadavg.join(" / ")}`,
  "",
];
for (const section of results) out.push(renderSection(section), "");
if (profileDir) out.push(`CPU profiles kept in ${path.relative(ROOT, profileDir)} (open them in Chrome DevTools or speedscope)`, "");
const counts = tally(results);
out.push(`targets: ${counts.PASS} PASS, ${counts.MISS} MISS; correctness checks failed: ${counts.FAIL}`);
process.stdout.write(`${out.join("\n")}\n`);

if (args.json) {
  fs.mkdirSync(path.dirname(path.resolve(args.json)), { recursive: true });
  fs.writeFileSync(args.json, JSON.stringify({ at: new Date().toISOString(), machine: { before, after }, sections: toJson(results) }, null, 2));
}
if (failure) {
  process.stderr.write(`\nbench failed: ${failure instanceof Error ? (failure.stack ?? failure.message) : String(failure)}\n`);
  process.exit(1);
}
process.exit(counts.FAIL > 0 || (args.strict && counts.MISS > 0) ? 1 : 0);
