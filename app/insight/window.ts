// The window every Insight analysis answers for: `from` and `to` are ISO dates, inclusive, in UTC; a window in
// the past is judged as of the end of its `to` day. Weeks are UTC weeks starting on Monday.
import { z } from "zod";

const DAY = 86_400_000;
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date (YYYY-MM-DD)")
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return Number.isFinite(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, "must be a real date");

export type InsightWindow = {
  /** YYYY-MM-DD, inclusive. */
  fromDate: string;
  toDate: string;
  /** 00:00 UTC of `from`. */
  from: Date;
  /** 00:00 UTC of the day after `to`: the window is [from, toExclusive), and it is judged as of this instant. */
  toExclusive: Date;
  /** The Monday (YYYY-MM-DD) of the week `from` falls in and of the week `to` falls in. */
  firstWeek: string;
  lastWeek: string;
  days: number;
};

/** Longest window an analysis answers for (ten years of weeks). */
export const MAX_WINDOW_DAYS = 3660;
/** Without `from`, the window is the last 12 full weeks' worth of days up to `to`. */
export const DEFAULT_WINDOW_DAYS = 84;

export const windowParamsSchema = z.object({ from: isoDate.optional(), to: isoDate.optional() });

export const dateOf = (at: Date): string => at.toISOString().slice(0, 10);
export const addDays = (date: string, days: number): string => dateOf(new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY));

/** The UTC Monday (YYYY-MM-DD) of the week a date falls in. */
export function mondayOf(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  return addDays(date, -((d.getUTCDay() + 6) % 7));
}

export type WindowResult = { ok: true; window: InsightWindow } | { ok: false; code: "invalid_request"; field: string; message: string };

/** The window of `from`/`to` (defaults: `to` today, `from` 84 days before it). */
export function insightWindow(params: { from?: string; to?: string }, today: Date): WindowResult {
  const toDate = params.to ?? dateOf(today);
  const fromDate = params.from ?? addDays(toDate, -(DEFAULT_WINDOW_DAYS - 1));
  if (fromDate > toDate) return { ok: false, code: "invalid_request", field: "from", message: "from must not be after to" };
  const from = new Date(`${fromDate}T00:00:00Z`);
  const toExclusive = new Date(Date.parse(`${toDate}T00:00:00Z`) + DAY);
  const days = Math.round((toExclusive.getTime() - from.getTime()) / DAY);
  if (days > MAX_WINDOW_DAYS) return { ok: false, code: "invalid_request", field: "from", message: `the window may span at most ${MAX_WINDOW_DAYS} days` };
  return { ok: true, window: { fromDate, toDate, from, toExclusive, firstWeek: mondayOf(fromDate), lastWeek: mondayOf(toDate), days } };
}

/** The window of the same length just before `window` (the "previous period" comparison). */
export function previousWindow(window: InsightWindow): InsightWindow {
  const toDate = addDays(window.fromDate, -1);
  const fromDate = addDays(toDate, -(window.days - 1));
  const result = insightWindow({ from: fromDate, to: toDate }, window.from);
  if (!result.ok) throw new Error("a previous window is as valid as its window");
  return result.window;
}

/** Every Monday (YYYY-MM-DD) from the week of `from` to the week of `to`. */
export function weeksOf(window: InsightWindow): string[] {
  const weeks: string[] = [];
  for (let w = window.firstWeek; w <= window.lastWeek; w = addDays(w, 7)) weeks.push(w);
  return weeks;
}
