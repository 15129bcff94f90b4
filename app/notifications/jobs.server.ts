// Notifications' scheduled work (app/platform/jobs/schedules.server.ts): delivering the program event outbox
// to Shopify every few seconds. Each event keeps its own attempts and backoff; the run itself retries only when
// something unexpected (the database) failed.
import type { Schedule } from "~/platform/jobs/scheduler.server";
import { deliverProgramEvents } from "~/notifications/delivery.server";
import { syncDueBalances } from "~/notifications/balance-sync.server";

export function notificationSchedules(options: { retryDelaySeconds: number }): Schedule[] {
  return [
    {
      name: "deliver-program-events",
      cron: "*/5 * * * * *",
      catchUp: "latest",
      retryLimit: 2,
      retryDelaySeconds: options.retryDelaySeconds,
      // Events first (their triggers and tier metafields), then the balances every ledger entry marked due.
      run: async () => {
        await deliverProgramEvents();
        await syncDueBalances();
      },
    },
  ];
}
