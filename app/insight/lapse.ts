// Win-back: a member has lapsed when their silence is much longer than their own usual gap between orders.

/** A member needs this many orders before they have a "usual" interval (two gaps). */
export const MIN_ORDERS_FOR_INTERVAL = 3;
/** Lapsed once the days since the last order exceed this many usual intervals... */
export const LAPSE_FACTOR = 2.5;
/** ...and at least this many days, so a daily buyer is not lapsed after a long weekend. */
export const MIN_LAPSE_DAYS = 14;

export const DAY_MS = 86_400_000;

/** The median gap in days between consecutive order times (sorted or not); null with fewer than two gaps. */
export function usualIntervalDays(orderTimes: readonly number[]): number | null {
  if (orderTimes.length < MIN_ORDERS_FOR_INTERVAL) return null;
  const sorted = [...orderTimes].sort((a, b) => a - b);
  const gaps = sorted
    .slice(1)
    .map((t, i) => (t - sorted[i]) / DAY_MS)
    .sort((a, b) => a - b);
  const mid = gaps.length / 2;
  return gaps.length % 2 === 1 ? gaps[Math.floor(mid)] : (gaps[mid - 1] + gaps[mid]) / 2;
}

/** The days of silence after which this member counts as lapsed. */
export function lapseAfterDays(usualDays: number): number {
  return Math.max(MIN_LAPSE_DAYS, LAPSE_FACTOR * usualDays);
}

/** Lapsed as of a moment: silent for longer than lapseAfterDays of their usual interval. */
export function isLapsed(usualDays: number | null, daysSince: number): boolean {
  return usualDays !== null && daysSince > lapseAfterDays(usualDays);
}

// --- The winback analysis's answer (app/insight/winback.server.ts) ---

export type LapsedMember = {
  customerId: string;
  lastOrderAt: string;
  usualIntervalDays: number;
  daysSince: number;
  /** Silence after which this member counts as lapsed (LAPSE_FACTOR × their interval, at least MIN_LAPSE_DAYS). */
  lapseAfterDays: number;
  orders: number;
  revenueMinor: number;
  /** When a win-back offer went to this member for this silence, if one did. */
  offeredAt: string | null;
};

export type Winback = {
  asOf: string;
  lapsedCount: number;
  lapsed: LapsedMember[];
  rule: { factor: number; minDays: number; minOrders: number };
  /** Offers sent before `to`: how many, how many members ordered again after theirs, and the share. */
  offers: { sent: number; returned: number; returnRate: number };
};
