/** The UTC days an order stream covers, how busy each one is, and when in the day orders arrive. */
import type { Rng } from "./random";

export const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** Where generated data ends when no end date is given, so output never depends on the wall clock. */
export const DEFAULT_END_DATE = "2026-11-01T00:00:00.000Z";

/** Relative order volume by UTC weekday, Sunday first (weekends busiest, Monday quietest). */
export const WEEKDAY_FACTORS = [1.6, 0.8, 0.9, 0.95, 1.0, 1.1, 1.6] as const;
const WEEKDAY_MEAN = WEEKDAY_FACTORS.reduce((a, b) => a + b, 0) / 7;

/** Growth from the first to the last day of the period (+12%), centred so the period's mean stays 1. */
const TREND = 0.12;

/** Web checkouts by UTC hour: quiet nights, a lunch bump, an evening peak. */
const WEB_HOURS = [2, 1, 1, 1, 1, 2, 3, 5, 7, 8, 9, 11, 12, 11, 9, 8, 8, 9, 11, 13, 13, 10, 6, 4];
const HOUR_TOTAL = WEB_HOURS.reduce((a, b) => a + b, 0);

/** Retail stores are open 08:00–19:59 UTC. */
export const STORE_HOURS = { open: 8, close: 20 } as const;

export interface Period {
  startMs: number;
  endMs: number;
  days: number;
}

/** The `days` whole UTC days that end where `endDate`'s UTC day begins. */
export function periodOf(endDate: string | Date = DEFAULT_END_DATE, days = 90): Period {
  const end = new Date(endDate).getTime();
  if (!Number.isFinite(end)) throw new Error(`Invalid endDate: ${String(endDate)}`);
  if (!Number.isInteger(days) || days < 1) throw new Error(`days must be a positive integer, got ${days}`);
  const endMs = Math.floor(end / DAY_MS) * DAY_MS;
  return { startMs: endMs - days * DAY_MS, endMs, days };
}

/** Expected volume of day `day` of the period relative to the period's mean day (weekday × trend). */
export function dayFactor(period: Period, day: number): number {
  const weekday = new Date(period.startMs + day * DAY_MS).getUTCDay();
  const progress = period.days > 1 ? day / (period.days - 1) : 0.5;
  return (WEEKDAY_FACTORS[weekday] / WEEKDAY_MEAN) * (1 + TREND * (progress - 0.5));
}

/** `count` order times within the UTC day starting at `dayStartMs`, whole seconds, oldest first. */
export function orderTimes(rng: Rng, dayStartMs: number, count: number): number[] {
  const times = new Array<number>(count);
  for (let i = 0; i < count; i++) {
    let r = rng.next() * HOUR_TOTAL,
      hour = 0;
    while (r >= WEB_HOURS[hour] && hour < 23) r -= WEB_HOURS[hour++];
    times[i] = dayStartMs + hour * HOUR_MS + rng.int(0, 3599) * 1000;
  }
  return times.sort((a, b) => a - b);
}

/** Whether a retail store is open at this time. */
export function storeIsOpen(atMs: number): boolean {
  const hour = new Date(atMs).getUTCHours();
  return hour >= STORE_HOURS.open && hour < STORE_HOURS.close;
}
