// A small closed-loop HTTP load generator: a fixed number of keep-alive connections, each sending its next
// request as soon as the previous answer is fully read. Bounded by a request count and a time limit, and
// refuses any target that is not loopback.
import http from "node:http";
import { performance } from "node:perf_hooks";

export type LoadRequest = {
  method?: string;
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
};

export type LoadOptions = {
  /** Base URL of the server under test (loopback only), e.g. http://127.0.0.1:3000. */
  url: string;
  /** The requests, sent in this order (each connection takes the next one). */
  requests: readonly LoadRequest[];
  /** Parallel keep-alive connections. */
  concurrency: number;
  /** The run stops issuing requests after this long, even if some were not sent. */
  timeLimitMs: number;
  /** One request giving up after this long counts as an error. */
  requestTimeoutMs?: number;
  /** Called with every answer (status and full body), e.g. to count duplicates the server reported. */
  onResponse?: (index: number, status: number, body: Buffer) => void;
};

export type LatencySummary = { p50: number; p90: number; p99: number; max: number; mean: number };

export type LoadResult = {
  /** Requests sent. */
  sent: number;
  /** Requests answered with a 2xx status. */
  ok: number;
  /** Answers by HTTP status (errors before an answer are under 0). */
  statuses: Record<number, number>;
  /** First few transport errors, for the report. */
  errors: string[];
  /** True when the time limit stopped the run before every request was sent. */
  timedOut: boolean;
  /** Wall time from the first request to the last answer, in ms. */
  durationMs: number;
  /** 2xx answers per second over the whole run. */
  throughput: number;
  /** Latency of answered requests (any status), from writing the request to reading the whole answer, in ms. */
  latency: LatencySummary;
  /** Every answered request's latency in ms, in completion order. */
  latencies: Float64Array;
};

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]", "::1"]);

/** Percentile (nearest rank) of an ascending-sorted array; 0 for an empty one. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

/** p50/p90/p99/max/mean of latencies in ms. */
export function summarizeLatencies(values: Float64Array): LatencySummary {
  const sorted = Float64Array.from(values).sort();
  const mean = sorted.length ? sorted.reduce((a, b) => a + b, 0) / sorted.length : 0;
  return {
    p50: percentile(sorted, 50),
    p90: percentile(sorted, 90),
    p99: percentile(sorted, 99),
    max: sorted.length ? sorted[sorted.length - 1] : 0,
    mean,
  };
}

function send(agent: http.Agent, target: URL, request: LoadRequest, timeoutMs: number): Promise<{ status: number; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        agent,
        host: target.hostname.replace(/^\[|\]$/g, ""),
        port: target.port,
        method: request.method ?? "POST",
        path: request.path,
        headers: request.body ? { ...request.headers, "Content-Length": String(request.body.length) } : request.headers,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
        res.on("error", reject);
      },
    );
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on("error", reject);
    req.end(request.body);
  });
}

/** Sends `requests` over `concurrency` keep-alive connections and measures throughput and latency. */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const target = new URL(options.url);
  if (target.protocol !== "http:" || !LOOPBACK.has(target.hostname)) {
    throw new Error(`The load generator only targets loopback http URLs, not ${options.url}`);
  }
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.concurrency, maxFreeSockets: options.concurrency });
  const requestTimeoutMs = options.requestTimeoutMs ?? 30_000;
  const total = options.requests.length;
  const latencies = new Float64Array(total);
  const statuses: Record<number, number> = {};
  const errors: string[] = [];
  let next = 0;
  let answered = 0;
  let ok = 0;
  let timedOut = false;
  const started = performance.now();
  const deadline = started + options.timeLimitMs;
  let lastAnswer = started;

  async function connection(): Promise<void> {
    while (next < total) {
      if (performance.now() > deadline) {
        timedOut = true;
        return;
      }
      const index = next++;
      const sentAt = performance.now();
      try {
        const { status, body } = await send(agent, target, options.requests[index], requestTimeoutMs);
        lastAnswer = performance.now();
        latencies[answered++] = lastAnswer - sentAt;
        statuses[status] = (statuses[status] ?? 0) + 1;
        if (status >= 200 && status < 300) ok++;
        options.onResponse?.(index, status, body);
      } catch (error) {
        lastAnswer = performance.now();
        statuses[0] = (statuses[0] ?? 0) + 1;
        if (errors.length < 5) errors.push(error instanceof Error ? error.message : String(error));
      }
    }
  }

  await Promise.all(Array.from({ length: Math.min(options.concurrency, total) }, connection));
  agent.destroy();
  const durationMs = lastAnswer - started;
  return {
    sent: next,
    ok,
    statuses,
    errors,
    timedOut,
    durationMs,
    throughput: durationMs > 0 ? (ok / durationMs) * 1000 : 0,
    latency: summarizeLatencies(latencies.subarray(0, answered)),
    latencies: latencies.slice(0, answered),
  };
}

/** Several runs as one: counts and durations added, throughput over the summed duration, latencies pooled. */
export function combineResults(results: readonly LoadResult[]): LoadResult {
  const statuses: Record<number, number> = {};
  for (const r of results) for (const [s, n] of Object.entries(r.statuses)) statuses[Number(s)] = (statuses[Number(s)] ?? 0) + n;
  const latencies = new Float64Array(results.reduce((a, r) => a + r.latencies.length, 0));
  let offset = 0;
  for (const r of results) {
    latencies.set(r.latencies, offset);
    offset += r.latencies.length;
  }
  const ok = results.reduce((a, r) => a + r.ok, 0);
  const durationMs = results.reduce((a, r) => a + r.durationMs, 0);
  return {
    sent: results.reduce((a, r) => a + r.sent, 0),
    ok,
    statuses,
    errors: results.flatMap((r) => r.errors).slice(0, 5),
    timedOut: results.some((r) => r.timedOut),
    durationMs,
    throughput: durationMs > 0 ? (ok / durationMs) * 1000 : 0,
    latency: summarizeLatencies(latencies),
    latencies,
  };
}
