// Dips and spikes in a weekly series against a robust baseline (docs/decisions/025-insight-anomalies.md): each
// week's residual from the median of its neighbours (up to 4 weeks either side, itself left out), scored by the
// residuals' median and MAD. A single odd week cannot move a median, so it cannot hide itself or its neighbours,
// and a trend or a slow season moves the baseline with it. The scale has a floor from the series' own noise
// (a count's Poisson spread, a rate's binomial spread), so a flat, quiet series flags nothing.

export type Anomaly = { index: number; direction: "dip" | "spike"; score: number };

/** A week's score must reach this (in robust standard deviations) to be flagged. */
export const ANOMALY_THRESHOLD = 4;
/** Fewer scored weeks than this: too little history to call anything unusual. */
export const MIN_WEEKS = 8;
const NEIGHBOURS = 4;
/** 1.4826 × MAD estimates a normal standard deviation. */
const MAD_TO_SD = 1.4826;

export function median(values: readonly number[]): number {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Flags the weeks of `values` (null: a week not to score, e.g. a partial week or a rate with no orders) whose
 * residual from their neighbours' median is at least ANOMALY_THRESHOLD robust deviations away. `floor` is the
 * least plausible noise of one week at a baseline level (e.g. √level for counts).
 */
export function robustAnomalies(values: readonly (number | null)[], floor: (baseline: number, index: number) => number): Anomaly[] {
  const scored = values.map((v, i) => ({ v, i })).filter((x): x is { v: number; i: number } => x.v !== null && Number.isFinite(x.v));
  if (scored.length < MIN_WEEKS) return [];
  const residuals = scored.map(({ v }, k) => {
    const around = [...scored.slice(Math.max(0, k - NEIGHBOURS), k), ...scored.slice(k + 1, k + 1 + NEIGHBOURS)].map((x) => x.v);
    const baseline = median(around);
    return { r: v - baseline, baseline };
  });
  const center = median(residuals.map((x) => x.r));
  const mad = median(residuals.map((x) => Math.abs(x.r - center)));
  const out: Anomaly[] = [];
  residuals.forEach(({ r, baseline }, k) => {
    const scale = Math.max(MAD_TO_SD * mad, floor(baseline, scored[k].i), Number.EPSILON);
    const score = (r - center) / scale;
    if (Math.abs(score) >= ANOMALY_THRESHOLD) out.push({ index: scored[k].i, direction: score < 0 ? "dip" : "spike", score: Math.round(score * 100) / 100 });
  });
  return out;
}

/** A count's week-to-week noise floor: its Poisson spread at the baseline level. */
export const countFloor = (baseline: number) => Math.sqrt(Math.max(baseline, 1));

/** A rate's noise floor at `n` trials: its binomial spread at the baseline rate. */
export const rateFloor = (n: number) => (baseline: number) => Math.sqrt(Math.max(baseline * (1 - baseline), 0.01) / Math.max(n, 1));

/** An average's noise floor: a share of its level (order values vary; a few percent is ordinary). */
export const averageFloor = (share: number) => (baseline: number) => Math.abs(baseline) * share;
