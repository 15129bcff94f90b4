// Earning actions' scheduled work: birthday and anniversary bonuses on the day in each shop's time zone (hourly,
// so every zone's day is reached within its first hour), and challenges completed by orders (every 10 minutes).
import type { Schedule } from "~/platform/jobs/scheduler.server";
import { awardCompletedChallenges, awardYearlyBonuses } from "~/actions/actions.server";

export function actionSchedules(options: { retryDelaySeconds: number }): Schedule[] {
  return [
    {
      name: "award-birthdays-anniversaries",
      cron: "0 * * * *",
      catchUp: "latest",
      retryLimit: 3,
      retryDelaySeconds: options.retryDelaySeconds,
      run: async () => void (await awardYearlyBonuses()),
    },
    {
      name: "award-completed-challenges",
      cron: "*/10 * * * *",
      catchUp: "latest",
      retryLimit: 3,
      retryDelaySeconds: options.retryDelaySeconds,
      run: async () => void (await awardCompletedChallenges()),
    },
  ];
}
