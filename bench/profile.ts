// Summaries of the V8 CPU profiles the children write with --cpu-prof: where the busy time went, by
// package (or app file) and by function, plus the time spent under a few app functions of interest.
import fs from "node:fs";
import path from "node:path";

type CallFrame = { functionName: string; url: string; lineNumber: number; columnNumber: number };
type ProfileNode = { id: number; callFrame: CallFrame; children?: number[] };
type CpuProfile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number };

/** Functions whose inclusive time is reported (synchronous stacks only: time after an await is not under them). */
const MARKERS = [
  "receiveWebhook",
  "readBodyWithLimit",
  "isValidWebhookHmac",
  "safeParse",
  "recordDelivery",
  "shopStatus",
  "drain",
  "processWebhook",
  "applyOrderSnapshot",
  "reconcileOrder",
  "claimDeliveries",
  "markDeliveryProcessed",
  "createRequestHandler",
  "requestHandler",
  "$transaction",
  "JSON.parse",
  "parse",
  "stringify",
];

/** The package (node_modules/<pkg>), app file, or Node/V8 bucket a frame belongs to. */
export function bucketOf(frame: CallFrame, root: string): string {
  const url = frame.url;
  if (!url) return frame.functionName.startsWith("(") ? frame.functionName : "(native)";
  if (url.startsWith("node:")) return `node:${url.slice(5).split("/")[0]}`;
  const file = url.startsWith("file://") ? decodeURIComponent(url.slice(7)) : url;
  const nm = file.lastIndexOf("node_modules/");
  if (nm >= 0) {
    const parts = file.slice(nm + "node_modules/".length).split("/");
    return parts[0].startsWith("@") ? `${parts[0]}/${parts[1]}` : parts[0];
  }
  return path.relative(root, file) || file;
}

function frameLabel(frame: CallFrame, root: string): string {
  const url = frame.url.startsWith("file://") ? path.relative(root, decodeURIComponent(frame.url.slice(7))) : frame.url;
  return `${frame.functionName || "(anonymous)"} ${url ? `${url.replace(/^.*node_modules\//, "")}:${frame.lineNumber + 1}` : ""}`.trim();
}

function top(map: Map<string, number>, n: number): Array<[string, number]> {
  return [...map.entries()].sort((a, b) => b[1] - a[1]).slice(0, n);
}

/** Busy time by package and function, and under each marker, over one or more profiles of one window. */
export function summarizeProfiles(title: string, files: readonly string[], root = process.cwd(), topN = 25): string[] {
  if (!files.length) return [`-- ${title}: no profile written`];
  const buckets = new Map<string, number>();
  const functions = new Map<string, number>();
  const markers = new Map<string, number>();
  let busy = 0;
  let idle = 0;
  let wall = 0;
  for (const file of files) {
    const profile = JSON.parse(fs.readFileSync(file, "utf8")) as CpuProfile;
    wall += profile.endTime - profile.startTime;
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const parent = new Map<number, number>();
    for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    const self = new Map<number, number>();
    for (let i = 0; i < profile.samples.length; i++) {
      // timeDeltas[i + 1] is the time until the next sample: the time sample i stands for.
      const dt = profile.timeDeltas[i + 1] ?? 0;
      self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + dt);
    }
    for (const [id, us] of self) {
      const node = byId.get(id)!;
      if (node.callFrame.functionName === "(idle)") {
        idle += us;
        continue;
      }
      busy += us;
      const bucket = bucketOf(node.callFrame, root);
      buckets.set(bucket, (buckets.get(bucket) ?? 0) + us);
      const label = frameLabel(node.callFrame, root);
      functions.set(label, (functions.get(label) ?? 0) + us);
      const seen = new Set<string>();
      for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
        const name = byId.get(cur)!.callFrame.functionName;
        if (MARKERS.includes(name) && !seen.has(name)) {
          seen.add(name);
          markers.set(name, (markers.get(name) ?? 0) + us);
        }
      }
    }
  }
  const pct = (us: number) => `${((us / Math.max(1, busy)) * 100).toFixed(1).padStart(5)}%  ${(us / 1e6).toFixed(2).padStart(7)} s`;
  return [
    `-- ${title}: ${(busy / 1e6).toFixed(1)} s busy on the main thread, ${(idle / 1e6).toFixed(1)} s idle, over ${(wall / 1e6).toFixed(1)} s (${files.length} profile${files.length > 1 ? "s" : ""})`,
    "   busy time by package / file (self time):",
    ...top(buckets, 15).map(([k, v]) => `     ${pct(v)}  ${k}`),
    `   top ${topN} functions (self time):`,
    ...top(functions, topN).map(([k, v]) => `     ${pct(v)}  ${k}`),
    "   under app functions (inclusive; synchronous part only, time after an await is not counted):",
    ...top(markers, MARKERS.length).map(([k, v]) => `     ${pct(v)}  ${k}`),
  ];
}

/** Sends SIGUSR2 to a child preloaded with bench/cpu-profiler.mjs: starts, or stops and writes, a profile. */
export function toggleProfiler(pid: number | undefined): void {
  if (pid) process.kill(pid, "SIGUSR2");
}

/** Waits (up to `timeoutMs`) until `dir` holds `count` finished profiles whose names start with `label`; returns them. */
export async function waitForProfiles(dir: string, label: string, count: number, timeoutMs = 30_000): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const files = fs
      .readdirSync(dir)
      .filter((f) => f.startsWith(`${label}-`) && f.endsWith(".cpuprofile"))
      .sort((a, b) => sequence(a) - sequence(b));
    if (files.length >= count || Date.now() > deadline) return files.map((f) => path.join(dir, f));
    await new Promise((r) => setTimeout(r, 100));
  }
}

function sequence(file: string): number {
  return Number(/-(\d+)\.cpuprofile$/.exec(file)?.[1] ?? 0);
}
