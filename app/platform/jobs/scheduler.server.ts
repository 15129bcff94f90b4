// Scheduled work on pg-boss, once per due time across any number of instances (docs/decisions/008-job-queue.md).
// Every instance ticks: it computes each schedule's due times since the schedule's cursor up to clock.now(),
// claims each (job, dueAt) with INSERT ... ON CONFLICT DO NOTHING into ScheduledRun, and inserts the pg-boss
// job in the same transaction, so two instances never both run a due time and a crash cannot lose one.
import { randomUUID } from "node:crypto";
import type PgBoss from "pg-boss";
import type pg from "pg";
import { connectDatabase } from "~/db.server";
import { advanceClock, clockIsControllable, now } from "~/platform/clock.server";
import { logger } from "~/platform/logger.server";
import { count } from "~/platform/metrics.server";
import { DEAD_LETTER_QUEUE, bossDb, ensureQueue, jobQueue } from "~/platform/jobs/queue.server";
import { MAX_CLAIMS_PER_TICK, dueTimes, latestDueTime } from "~/platform/jobs/cron";

export type Schedule = {
  /** Also the pg-boss queue name. */
  name: string;
  /** A cron expression in UTC (5 fields, or 6 with seconds first). */
  cron: string;
  /** Retries after the first attempt before the run is dead-lettered. */
  retryLimit: number;
  /** Seconds before the first retry; doubles with each retry (pg-boss retryBackoff). */
  retryDelaySeconds: number;
  /**
   * "all" (default): every due time runs, also those missed while no instance was up. "latest": of the due
   * times one tick finds, only the most recent runs, for sweeps where a later run covers what the earlier would
   * have done (a minute-by-minute sweep does not replay a day of downtime).
   */
  catchUp?: "all" | "latest";
  /** Does the work; throwing fails the attempt. `dueAt` is the due time on the scheduler's clock. */
  run: (context: { dueAt: Date }) => Promise<void>;
};

export type RunStatus = "queued" | "running" | "completed" | "retrying" | "dead";

/**
 * Our tables keep UTC in `timestamp` columns (as Prisma does); node-postgres would read and write those in
 * the process's local time zone, so raw SQL converts explicitly.
 */
const UTC = (value: string) => `(${value}::timestamptz AT TIME ZONE 'UTC')`;

async function inTransaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await connectDatabase().pool.connect();
  try {
    await client.query("BEGIN");
    const result = await work(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** Claims and enqueues one schedule's due times up to `at`; returns how many this instance claimed. */
async function claimDue(boss: PgBoss, schedule: Schedule, at: Date): Promise<number> {
  return inTransaction(async (client) => {
    // A new schedule starts from now: it does not replay history.
    await client.query(`INSERT INTO "ScheduleCursor" (job, "tickedThrough") VALUES ($1, ${UTC("$2")}) ON CONFLICT (job) DO NOTHING`, [schedule.name, at]);
    const cursor = await client.query<{ tickedThrough: Date }>(
      `SELECT "tickedThrough" AT TIME ZONE 'UTC' AS "tickedThrough" FROM "ScheduleCursor" WHERE job = $1`,
      [schedule.name],
    );
    const from = cursor.rows[0]?.tickedThrough ?? at;
    const latest = schedule.catchUp === "latest" ? latestDueTime(schedule.cron, from, at) : undefined;
    const due = latest === undefined ? dueTimes(schedule.cron, from, at) : latest ? [latest] : [];
    const through = due.length === MAX_CLAIMS_PER_TICK ? due[due.length - 1]! : at;
    await client.query(`UPDATE "ScheduleCursor" SET "tickedThrough" = GREATEST("tickedThrough", ${UTC("$2")}) WHERE job = $1`, [schedule.name, through]);
    if (!due.length) return 0;
    const ids = due.map(() => randomUUID());
    const claimed = await client.query<{ dueAt: Date; bossJobId: string }>(
      `INSERT INTO "ScheduledRun" (job, "dueAt", "bossJobId")
       SELECT $1, d AT TIME ZONE 'UTC', i FROM unnest($2::timestamptz[], $3::text[]) AS t(d, i)
       ON CONFLICT (job, "dueAt") DO NOTHING
       RETURNING "dueAt" AT TIME ZONE 'UTC' AS "dueAt", "bossJobId"`,
      [schedule.name, due.map((d) => d.toISOString()), ids],
    );
    if (!claimed.rows.length) return 0;
    await boss.insert(
      claimed.rows.map((row) => ({
        id: row.bossJobId,
        name: schedule.name,
        data: { dueAt: row.dueAt.toISOString() },
        retryLimit: schedule.retryLimit,
        retryDelay: schedule.retryDelaySeconds,
        retryBackoff: true,
        deadLetter: DEAD_LETTER_QUEUE,
      })),
      { db: bossDb(client) },
    );
    return claimed.rows.length;
  });
}

/** One tick: claims and enqueues every schedule's due times up to clock.now(). Safe on any number of instances. */
export async function tick(schedules: Schedule[]): Promise<number> {
  const boss = await jobQueue();
  const at = await now();
  let claimed = 0;
  for (const schedule of schedules) claimed += await claimDue(boss, schedule, at);
  return claimed;
}

async function recordRun(name: string, dueAt: Date, status: RunStatus, error?: unknown): Promise<void> {
  const message = error === undefined ? null : (error instanceof Error ? error.message : String(error)).slice(0, 2000);
  await connectDatabase().pool.query(
    `UPDATE "ScheduledRun" SET status = $3,
       attempts = attempts + CASE WHEN $3 = 'running' THEN 1 ELSE 0 END,
       "startedAt" = CASE WHEN $3 = 'running' THEN ${UTC("now()")} ELSE "startedAt" END,
       "finishedAt" = CASE WHEN $3 IN ('completed', 'dead') THEN ${UTC("now()")} ELSE NULL END,
       "lastError" = CASE WHEN $3 = 'running' THEN "lastError" ELSE $4 END
     WHERE job = $1 AND "dueAt" = ${UTC("$2")}`,
    [name, dueAt, status, message],
  );
}

/** Runs one attempt of a scheduled run, keeping ScheduledRun's status in step; throws so pg-boss retries. */
async function attempt(schedule: Schedule, job: PgBoss.JobWithMetadata<{ dueAt: string }>): Promise<void> {
  const dueAt = new Date(job.data.dueAt);
  await recordRun(schedule.name, dueAt, "running");
  try {
    await schedule.run({ dueAt });
    await recordRun(schedule.name, dueAt, "completed");
  } catch (error) {
    const dead = job.retryCount >= job.retryLimit;
    count("jobFailed", { job: schedule.name });
    logger.warn(
      { job: schedule.name, dueAt, attempt: job.retryCount + 1, dead, err: error },
      dead ? "scheduled job dead-lettered" : "scheduled job failed; will retry",
    );
    await recordRun(schedule.name, dueAt, dead ? "dead" : "retrying", error);
    throw error;
  }
}

type SchedulerState = { timer?: NodeJS.Timeout; running: boolean; ticking?: Promise<unknown> };

declare global {
  var __loyalistScheduler: SchedulerState | undefined;
}

const state: SchedulerState = (globalThis.__loyalistScheduler ??= { running: false });

/** How often each instance ticks (real time): every second on the controllable clock, so tests move fast. */
function tickMs(): number {
  return clockIsControllable() ? 1_000 : 5_000;
}

/** Starts this instance's workers for every schedule and its ticking. */
export async function startScheduler(schedules: Schedule[]): Promise<void> {
  if (state.running) return;
  state.running = true;
  const boss = await jobQueue({ supervise: true });
  for (const schedule of schedules) {
    await ensureQueue(boss, schedule.name, {
      retryLimit: schedule.retryLimit,
      retryDelay: schedule.retryDelaySeconds,
      retryBackoff: true,
      deadLetter: DEAD_LETTER_QUEUE,
    });
    let workerId = "";
    workerId = await boss.work<{ dueAt: string }>(
      schedule.name,
      { includeMetadata: true, pollingIntervalSeconds: clockIsControllable() ? 0.5 : 2 },
      async ([job]) => {
        if (!job) return;
        // A job was there: fetch the next one at once instead of after the polling interval (a backlog
        // of due times, after downtime or an advanced clock, drains at database speed).
        boss.notifyWorker(workerId);
        await attempt(schedule, job);
      },
    );
  }
  const loop = async () => {
    if (!state.running) return;
    state.ticking = tick(schedules).catch((error) => logger.error({ err: error }, "scheduler tick failed"));
    await state.ticking;
    if (!state.running) return;
    state.timer = setTimeout(loop, tickMs());
    state.timer.unref();
  };
  await loop();
}

/** Stops ticking (pg-boss's workers stop with the queue: stopJobQueue). */
export async function stopScheduler(): Promise<void> {
  state.running = false;
  clearTimeout(state.timer);
  await state.ticking;
}

/**
 * Waits until every run due by clock.now() has been claimed and settled (completed or dead-lettered) by
 * some instance. With `runDueJobs` or the instances' own ticks, this is how tests and the sandbox see
 * scheduled work finish after `advanceClock`.
 */
export async function waitForDueRuns(jobs: string[], timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const pool = connectDatabase().pool;
  const at = await now();
  for (;;) {
    const { rows } = await pool.query<{ behind: number; open: number }>(
      `SELECT (SELECT count(*)::int FROM unnest($1::text[]) AS j(name)
                LEFT JOIN "ScheduleCursor" c ON c.job = j.name WHERE c."tickedThrough" IS NULL OR c."tickedThrough" < ${UTC("$2")}) AS behind,
              (SELECT count(*)::int FROM "ScheduledRun" WHERE job = ANY($1) AND status IN ('queued', 'running', 'retrying')) AS open`,
      [jobs, at],
    );
    if (rows[0]?.behind === 0 && rows[0]?.open === 0) return;
    if (Date.now() > deadline) throw new Error(`scheduled runs still open after ${timeoutMs} ms: ${JSON.stringify(rows[0])}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Claims what is due now on this instance and waits until it has run (on whichever instance took it). */
export async function runDueJobs(schedules: Schedule[], timeoutMs?: number): Promise<void> {
  await tick(schedules);
  await waitForDueRuns(
    schedules.map((s) => s.name),
    timeoutMs,
  );
}

/**
 * Moves the controllable clock forward and runs what fell due meanwhile. It ticks first: a schedule that has
 * never ticked (an instance just started) starts from the clock's present, so the moved-over hours count.
 */
export async function advanceClockAndRunDue(schedules: Schedule[], ms: number, timeoutMs?: number): Promise<void> {
  await tick(schedules);
  await advanceClock(ms);
  await runDueJobs(schedules, timeoutMs);
}

/** Sends a failed or dead-lettered run back for one more attempt (the admin's Retry). */
export async function retryRun(job: string, dueAt: Date): Promise<boolean> {
  const { rows } = await connectDatabase().pool.query<{ bossJobId: string | null }>(
    `UPDATE "ScheduledRun" SET status = 'queued', "finishedAt" = NULL WHERE job = $1 AND "dueAt" = ${UTC("$2")} AND status = 'dead' RETURNING "bossJobId"`,
    [job, dueAt],
  );
  const id = rows[0]?.bossJobId;
  if (!id) return false;
  const boss = await jobQueue();
  await boss.retry(job, id);
  return true;
}
