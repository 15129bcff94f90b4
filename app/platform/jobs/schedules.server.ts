// Every scheduled job of the app, in one registry: each capability declares its own (name, cron, retries,
// handler) and this list is what the scheduler ticks and works (app/platform/jobs/scheduler.server.ts).
import { actionSchedules } from "~/actions/jobs.server";
import { catalogueSchedules } from "~/catalogue/jobs.server";
import { earningSchedules } from "~/earning/jobs.server";
import { expirySchedules } from "~/expiry/jobs.server";
import { insightSchedules } from "~/insight/jobs.server";
import { env } from "~/platform/env.server";
import { assertCron } from "~/platform/jobs/cron";
import { runHistorySchedules } from "~/platform/jobs/history.server";
import type { Schedule } from "~/platform/jobs/scheduler.server";
import { webhookRetentionSchedules } from "~/platform/webhooks/retention.server";
import { redemptionSchedules } from "~/rewards/jobs.server";
import { notificationSchedules } from "~/notifications/jobs.server";
import { tierSchedules } from "~/tiers/jobs.server";
import { referralSchedules } from "~/referrals/jobs.server";

/** The app's schedules, from the environment; throws at start on an invalid cron expression. */
export function schedules(): Schedule[] {
  const config = env();
  const retryDelaySeconds = config.JOB_RETRY_DELAY_SECONDS;
  const all = [
    ...earningSchedules({ reconcileCron: config.RECONCILE_SCHEDULE, retryDelaySeconds }),
    ...catalogueSchedules({ retryDelaySeconds }),
    ...redemptionSchedules({ staleSeconds: config.REDEMPTION_RETRY_SECONDS, retryDelaySeconds }),
    ...webhookRetentionSchedules({ retentionDays: config.WEBHOOK_PAYLOAD_RETENTION_DAYS, retryDelaySeconds }),
    ...actionSchedules({ retryDelaySeconds }),
    ...referralSchedules({ retryDelaySeconds }),
    ...runHistorySchedules({ retryDelaySeconds }),
    ...notificationSchedules({ retryDelaySeconds }),
    ...expirySchedules({ retryDelaySeconds }),
    ...tierSchedules({ retryDelaySeconds }),
    ...insightSchedules({ retryDelaySeconds }),
  ];
  for (const schedule of all) assertCron(schedule.cron);
  return all;
}
