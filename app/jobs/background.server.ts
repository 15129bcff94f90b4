// Every background job of the app, started and stopped together (in the background-jobs process, or in-process
// on the embedded database).
import { disconnectDatabase } from "~/db.server";
import { env } from "~/env.server";
import { startOrderReconciliation, stopOrderReconciliation } from "./scheduler.server";
import { startRedemptionJobs, stopRedemptionJobs } from "./redemption-jobs.server";
import { startWebhookWorker, stopWebhookWorker } from "./webhook-worker.server";

/** Starts the webhook worker, order reconciliation and redemption upkeep in this thread. */
export function startBackgroundJobs(): void {
  startWebhookWorker(process.env.LOYALIST_DATABASE_KIND === "embedded" ? 1 : env().WEBHOOK_WORKERS);
  startOrderReconciliation(env().RECONCILE_INTERVAL_MINUTES * 60_000);
  startRedemptionJobs();
}

/** Stops every background job and closes this thread's database connections. */
export async function stopBackgroundJobs(): Promise<void> {
  stopOrderReconciliation();
  stopRedemptionJobs();
  await stopWebhookWorker();
  await disconnectDatabase();
}
