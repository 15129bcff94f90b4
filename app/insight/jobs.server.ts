// Insight's scheduled work: recompute the weekly rollups of the weeks ingestion marked stale; move install
// backfills on; push the personalised offers to customer metafields and tags once a day.
import type { Schedule } from "~/platform/jobs/scheduler.server";
import { pushAllOffers } from "~/insight/offers-push.server";
import { refreshInsightRollups } from "~/insight/rollups.server";
import { advanceInsightBackfills } from "~/insight/backfill.server";

/** The insight capability's schedules. */
export function insightSchedules(options: { retryDelaySeconds: number }): Schedule[] {
  return [
    {
      name: "insight-rollups",
      cron: "* * * * *",
      // One recompute covers every stale week: missed minutes are not run one by one.
      catchUp: "latest",
      retryLimit: 4,
      retryDelaySeconds: options.retryDelaySeconds,
      run: async () => {
        await refreshInsightRollups();
      },
    },
    {
      // Moves every install backfill on: starts its bulk query, polls it, imports its result (a few minutes at a
      // time, resuming where the last run stopped). Frequent, so a newly installed shop sees its year soon.
      name: "insight-backfill",
      cron: "* * * * *",
      catchUp: "latest",
      retryLimit: 2,
      retryDelaySeconds: options.retryDelaySeconds,
      run: async () => {
        await advanceInsightBackfills();
      },
    },
    {
      name: "insight-offers",
      cron: "30 4 * * *",
      // A day missed is not worth two runs: the latest offers replace the ones before.
      catchUp: "latest",
      retryLimit: 2,
      retryDelaySeconds: options.retryDelaySeconds,
      run: async () => {
        await pushAllOffers();
      },
    },
  ];
}
