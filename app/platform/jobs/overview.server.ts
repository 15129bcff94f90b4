// What the admin's jobs page shows: each scheduled job's last and next run and its failures, and the shop's
// dead-lettered webhook deliveries. Scheduled jobs serve every shop; deliveries are the signed-in shop's only.
import prisma from "~/db.server";
import { now } from "~/platform/clock.server";
import { dueTimes } from "~/platform/jobs/cron";
import type { RunStatus, Schedule } from "~/platform/jobs/scheduler.server";
import { deadDeliveries, type DeadDelivery } from "~/platform/webhooks/deliveries.server";

export type RunView = { dueAt: Date; status: RunStatus; attempts: number; finishedAt: Date | null; lastError: string | null };

export type JobView = {
  name: string;
  cron: string;
  lastRun: RunView | null;
  nextRunAt: Date | null;
  /** Runs that failed for good (dead-lettered) and wait for a retry, newest first. */
  dead: RunView[];
  /** Runs failing right now: dead-lettered, or between retries. */
  failing: number;
  /** The newest error of a failing run. */
  lastError: string | null;
};

const RUN_FIELDS = { dueAt: true, status: true, attempts: true, finishedAt: true, lastError: true } as const;
const YEAR_MS = 366 * 86_400_000;

function runView(run: { dueAt: Date; status: string; attempts: number; finishedAt: Date | null; lastError: string | null }): RunView {
  return { ...run, status: run.status as RunStatus };
}

/** Every scheduled job's state, and this shop's dead-lettered deliveries. */
export async function jobsOverview(
  shopDomain: string,
  schedules: Schedule[],
): Promise<{ now: Date; jobs: JobView[]; deliveries: { count: number; deliveries: DeadDelivery[] } }> {
  const at = await now();
  const jobs = await Promise.all(
    schedules.map(async (schedule): Promise<JobView> => {
      const [last, dead, failing] = await Promise.all([
        prisma.scheduledRun.findFirst({ where: { job: schedule.name, status: { not: "queued" } }, orderBy: { dueAt: "desc" }, select: RUN_FIELDS }),
        prisma.scheduledRun.findMany({ where: { job: schedule.name, status: "dead" }, orderBy: { dueAt: "desc" }, take: 20, select: RUN_FIELDS }),
        prisma.scheduledRun.findMany({
          where: { job: schedule.name, status: { in: ["dead", "retrying"] } },
          orderBy: { dueAt: "desc" },
          select: { lastError: true },
        }),
      ]);
      return {
        name: schedule.name,
        cron: schedule.cron,
        lastRun: last ? runView(last) : null,
        nextRunAt: dueTimes(schedule.cron, at, new Date(at.getTime() + YEAR_MS), 1)[0] ?? null,
        dead: dead.map(runView),
        failing: failing.length,
        lastError: failing[0]?.lastError ?? null,
      };
    }),
  );
  return { now: at, jobs, deliveries: await deadDeliveries(shopDomain) };
}
