// The earning capability's scheduled jobs: order reconciliation (repairs lost webhooks) and the release of
// pending points whose waiting period has passed.
import type { Schedule } from "~/platform/jobs/scheduler.server";
import { reconcileAllShops } from "~/earning/orders-sync.server";
import { releaseMaturedPoints } from "~/earning/orders.server";

/** How far back each reconciliation re-reads orders. */
const RECONCILE_HOURS = 48;

/** The earning capability's schedules; `reconcileCron` empty: no reconciliation. */
export function earningSchedules(options: { reconcileCron: string; retryDelaySeconds: number }): Schedule[] {
  const schedules: Schedule[] = [
    {
      name: "release-matured-points",
      cron: "* * * * *",
      catchUp: "latest",
      retryLimit: 2,
      retryDelaySeconds: options.retryDelaySeconds,
      run: async () => void (await releaseMaturedPoints()),
    },
  ];
  if (options.reconcileCron) {
    schedules.push({
      name: "reconcile-orders",
      cron: options.reconcileCron,
      retryLimit: 3,
      retryDelaySeconds: options.retryDelaySeconds,
      run: () => reconcileAllShops(RECONCILE_HOURS),
    });
  }
  return schedules;
}
