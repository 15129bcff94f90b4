// Cron due times, pure (cron-parser, UTC): what the scheduler claims between two ticks.
import parser from "cron-parser";

/** At most this many due times are claimed per schedule per tick; the rest follow on the next tick. */
export const MAX_CLAIMS_PER_TICK = 2_000;

/** The schedule's due times after `after` up to and including `through`, oldest first (at most `limit`). */
export function dueTimes(cron: string, after: Date, through: Date, limit = MAX_CLAIMS_PER_TICK): Date[] {
  if (through <= after) return [];
  const interval = parser.parseExpression(cron, { currentDate: after, endDate: through, tz: "UTC" });
  const times: Date[] = [];
  while (times.length < limit && interval.hasNext()) times.push(interval.next().toDate());
  return times;
}

/** Throws unless `cron` is a valid expression (used when the registry is built, so a typo fails at start). */
export function assertCron(cron: string): void {
  parser.parseExpression(cron, { tz: "UTC" });
}

/** The last due time after `after` up to and including `through`, or null; one step, for "latest" catch-up. */
export function latestDueTime(cron: string, after: Date, through: Date): Date | null {
  if (through <= after) return null;
  // prev() looks strictly before its start: start a second past `through`, and drop what lies beyond it.
  const interval = parser.parseExpression(cron, { currentDate: new Date(through.getTime() + 1_000), tz: "UTC" });
  let latest = interval.prev().toDate();
  if (latest > through) latest = interval.prev().toDate();
  return latest > after ? latest : null;
}
