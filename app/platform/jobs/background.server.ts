// Every background job of the app, started and stopped together (in the background-jobs process, or in-process
// on the embedded database): the webhook worker on its own SKIP LOCKED queue, and every scheduled job on pg-boss.
import { disconnectDatabase } from "~/db.server";
import { env } from "~/platform/env.server";
import { logger } from "~/platform/logger.server";
import { stopJobQueue } from "~/platform/jobs/queue.server";
import { startScheduler, stopScheduler } from "~/platform/jobs/scheduler.server";
import { schedules } from "~/platform/jobs/schedules.server";
import { startWebhookWorker, stopWebhookWorker } from "~/platform/webhooks/worker.server";

let starting: Promise<void> | undefined;

/** Starts the webhook worker and the scheduler (with its pg-boss workers) in this thread. */
export function startBackgroundJobs(): void {
  startWebhookWorker(process.env.LOYALIST_DATABASE_KIND === "embedded" ? 1 : env().WEBHOOK_WORKERS);
  starting = startScheduler(schedules()).catch((error) => logger.error({ err: error }, "the scheduler could not start"));
}

/** Stops every background job and closes this thread's database connections. */
export async function stopBackgroundJobs(): Promise<void> {
  await starting;
  await stopScheduler();
  await stopJobQueue();
  await stopWebhookWorker();
  await disconnectDatabase();
}
