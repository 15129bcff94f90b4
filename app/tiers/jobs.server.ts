// The tiers capability's scheduled jobs: the daily review (the only time members move down) and applying the
// tier rule changes merchants confirmed after their preview.
import type { Schedule } from "~/platform/jobs/scheduler.server";
import { applyQueuedTierRuleChanges, reviewAllTiers } from "~/tiers/tiers.server";

export function tierSchedules(options: { retryDelaySeconds: number }): Schedule[] {
  return [
    {
      name: "review-tiers",
      cron: "0 0 * * *",
      catchUp: "latest",
      retryLimit: 3,
      retryDelaySeconds: options.retryDelaySeconds,
      run: ({ dueAt }) => reviewAllTiers(dueAt),
    },
    {
      name: "apply-tier-rule-changes",
      cron: "* * * * *",
      catchUp: "latest",
      retryLimit: 3,
      retryDelaySeconds: options.retryDelaySeconds,
      run: async ({ dueAt }) => void (await applyQueuedTierRuleChanges(dueAt)),
    },
  ];
}
