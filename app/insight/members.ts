// Members vs non-members, pure: the difference-in-differences estimate of what joining adds per member-week, its
// bootstrap interval, and ROI. Each joining customer's own revenue change (K weeks after joining vs K before) is
// compared with the change, over the same calendar weeks, of customers who had not joined yet (staggered joins:
// every cohort gets its own not-yet-joined controls), so seasonality and trends cancel out.

export type CohortDid = {
  /** The cohort's join week (YYYY-MM-DD Monday). */
  joinWeek: string;
  /** Each joining customer's revenue after minus before, in minor units over K weeks. */
  treatedChanges: number[];
  /** The mean change of the cohort's controls over the same weeks (null: no controls). */
  controlChange: number | null;
};

export type DidEstimate = {
  /** Extra revenue per member-week, minor units. */
  perMemberWeek: number;
  low: number;
  high: number;
  treated: number;
};

/** A small deterministic generator (mulberry32) so the same data gives the same interval. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const quantile = (sorted: readonly number[], q: number) => {
  if (!sorted.length) return 0;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
};

/**
 * The per-member-week effect of joining over K weeks: the mean over joining customers of their change less
 * their cohort's control change, divided by K; a 95% percentile bootstrap interval resampling customers.
 */
export function didEstimate(cohorts: readonly CohortDid[], weeks: number, replicates = 400): DidEstimate | null {
  const effects: number[] = [];
  for (const cohort of cohorts) {
    if (cohort.controlChange === null) continue;
    for (const change of cohort.treatedChanges) effects.push(change - cohort.controlChange);
  }
  if (effects.length < 2 || weeks <= 0) return null;
  const mean = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
  const random = rng(effects.length * 7919 + weeks);
  const means: number[] = [];
  for (let r = 0; r < replicates; r++) {
    let sum = 0;
    for (let i = 0; i < effects.length; i++) sum += effects[Math.floor(random() * effects.length)];
    means.push(sum / effects.length);
  }
  means.sort((a, b) => a - b);
  return { perMemberWeek: mean(effects) / weeks, low: quantile(means, 0.025) / weeks, high: quantile(means, 0.975) / weeks, treated: effects.length };
}

/** ROI = (incremental gross margin − reward cost − app cost) / (reward cost + app cost); null without any cost. */
export function roiOf(input: { incrementalRevenueMinor: number; grossMargin: number; rewardCostMinor: number; appCostMinor: number }): number | null {
  const cost = input.rewardCostMinor + input.appCostMinor;
  if (cost <= 0) return null;
  return (input.incrementalRevenueMinor * input.grossMargin - cost) / cost;
}

export type GroupFigures = { customers: number; orders: number; revenueMinor: number; aovMinor: number; ordersPerCustomer: number };

export function groupFigures(customers: number, orders: number, revenueMinor: number): GroupFigures {
  return {
    customers,
    orders,
    revenueMinor,
    aovMinor: orders ? Math.round(revenueMinor / orders) : 0,
    ordersPerCustomer: customers ? orders / customers : 0,
  };
}

export type MembersVsNonMembers = {
  members: GroupFigures;
  nonMembers: GroupFigures;
  incrementalRevenueMinor: number;
  interval: [number, number];
  roi: number | null;
  rewardCostMinor: number;
  memberWeeks: number;
  /** Joining customers the estimate rests on (0: not enough history; the estimate and interval are 0). */
  treatedCustomers: number;
  weeks: number;
  /** The research's reference range for members' extra revenue, for the page's reference line (not an input). */
  referenceUplift: [number, number];
};
