// Referrals' scheduled work: referrer points whose refund window has passed become available.
import type { Schedule } from "~/platform/jobs/scheduler.server";
import { releaseReferralPoints } from "~/referrals/referrals.server";

export function referralSchedules(options: { retryDelaySeconds: number }): Schedule[] {
  return [
    {
      name: "release-referral-points",
      cron: "* * * * *",
      catchUp: "latest",
      retryLimit: 2,
      retryDelaySeconds: options.retryDelaySeconds,
      run: async () => void (await releaseReferralPoints()),
    },
  ];
}
