// The expiry capability's scheduled job: writes off expired points and records the reminders due, hourly on
// the scheduler's clock (the controllable one in the sandbox and tests).
import type { Schedule } from "~/platform/jobs/scheduler.server";
import { runPointsExpiry } from "~/expiry/expiry.server";

export function expirySchedules(options: { retryDelaySeconds: number }): Schedule[] {
  return [
    {
      name: "expire-points",
      cron: "5 * * * *",
      // A later sweep covers whatever an earlier one would have done.
      catchUp: "latest",
      retryLimit: 3,
      retryDelaySeconds: options.retryDelaySeconds,
      run: async ({ dueAt }) => void (await runPointsExpiry(dueAt)),
    },
  ];
}
