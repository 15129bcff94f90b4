// Redemption upkeep, as scheduled jobs (app/platform/jobs/schedules.server.ts): retries reservations a crash
// or an unreachable Shopify left behind, and expires unused codes.
import type { Schedule } from "~/platform/jobs/scheduler.server";
import { expireUnusedCodes, retryReservedRedemptions } from "~/rewards/redemptions.server";

/** Seconds that divide a minute, so a "every N seconds" cron keeps an even pace. */
const EVEN_SECONDS = [1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30];

/** Looks for stale reservations twice per staleness period (at most every 30 s), as a seconds cron. */
export function redemptionRetryCron(staleSeconds: number): string {
  const wanted = Math.min(30, Math.max(1, staleSeconds / 2));
  const every = EVEN_SECONDS.filter((s) => s <= wanted).at(-1) ?? 1;
  return `*/${every} * * * * *`;
}

/** The rewards capability's schedules. `staleSeconds`: a reservation untouched this long is retried. */
export function redemptionSchedules(options: { staleSeconds: number; retryDelaySeconds: number }): Schedule[] {
  return [
    {
      name: "retry-reserved-redemptions",
      cron: redemptionRetryCron(options.staleSeconds),
      catchUp: "latest",
      retryLimit: 2,
      retryDelaySeconds: options.retryDelaySeconds,
      run: async () => void (await retryReservedRedemptions(options.staleSeconds)),
    },
    {
      name: "expire-unused-codes",
      cron: "*/10 * * * *",
      catchUp: "latest",
      retryLimit: 3,
      retryDelaySeconds: options.retryDelaySeconds,
      run: async () => void (await expireUnusedCodes()),
    },
  ];
}
