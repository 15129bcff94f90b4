// ScheduledRun keeps a row per due time (about 3,000 a day); completed runs are only history after a while.
import { connectDatabase } from "~/db.server";
import type { Schedule } from "~/platform/jobs/scheduler.server";

/** Completed runs are kept this long (pg-boss archives its own jobs sooner), so the jobs page has a history. */
export const RUN_HISTORY_DAYS = 14;

/** Deletes completed runs due more than RUN_HISTORY_DAYS before `now`; failed and dead runs stay until retried. */
export async function pruneRunHistory(now: Date): Promise<number> {
  const result = await connectDatabase().pool.query(
    `DELETE FROM "ScheduledRun" WHERE status = 'completed' AND "dueAt" < ($1::timestamptz AT TIME ZONE 'UTC')`,
    [new Date(now.getTime() - RUN_HISTORY_DAYS * 86_400_000)],
  );
  return result.rowCount ?? 0;
}

/** The scheduler's own upkeep: daily. */
export function runHistorySchedules(options: { retryDelaySeconds: number }): Schedule[] {
  return [
    {
      name: "prune-run-history",
      cron: "40 3 * * *",
      catchUp: "latest",
      retryLimit: 2,
      retryDelaySeconds: options.retryDelaySeconds,
      run: async ({ dueAt }) => void (await pruneRunHistory(dueAt)),
    },
  ];
}
