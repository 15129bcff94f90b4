// Scheduled jobs on pg-boss: several app instances on one database run each due time exactly once, driven
// through a simulated day by the controllable clock; and the embedded database runs them too.
import parser from "cron-parser";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app-server";
import { BROWSER_USER_AGENT, startSandbox, type Sandbox } from "../support/sandbox";
import { dropDatabase, freshDatabase } from "../support/postgres";
import { CONTROLLABLE_CLOCK_ENV, scheduledWork, type ScheduledWork } from "../support/scheduled-work";

const HOUR = 3_600_000;

/** Cron due times in (after, through], straight from cron-parser. */
function cronTimes(cron: string, after: Date, through: Date): string[] {
  const interval = parser.parseExpression(cron, { currentDate: after, endDate: through, tz: "UTC" });
  const times: string[] = [];
  while (interval.hasNext()) times.push(interval.next().toDate().toISOString());
  return times;
}

describe("two app instances on one database", () => {
  let database: { name: string; url: string };
  let apps: TestApp[] = [];
  let work: ScheduledWork;
  let db: pg.Pool;

  beforeAll(async () => {
    database = await freshDatabase();
    // Both instances on the same database (the second finds pg-boss's schema the first installed, or races it).
    apps = await Promise.all([0, 1].map(() => startTestApp({ databaseUrl: database.url, env: CONTROLLABLE_CLOCK_ENV })));
    work = scheduledWork(database.url);
    db = new pg.Pool({ connectionString: database.url, max: 2 });
  });
  afterAll(async () => {
    await work?.close();
    await db?.end();
    await Promise.all(apps.map((app) => app.stop()));
    if (database) await dropDatabase(database.name);
  });

  it("runs every scheduled job exactly once per due time through a simulated day", { timeout: 240_000 }, async () => {
    // GIVEN both instances ticking on the controllable clock, each schedule's cursor set by the first tick
    await work.settle();
    const cursors = async () =>
      new Map(
        (await db.query<{ job: string; at: Date }>(`SELECT job, "tickedThrough" AT TIME ZONE 'UTC' AS at FROM "ScheduleCursor"`)).rows.map((r) => [
          r.job,
          r.at,
        ]),
      );
    const start = await cursors();
    expect([...start.keys()].sort()).toEqual(work.schedules.map((s) => s.name).sort());

    // WHEN the clock moves through a day, four hours at a time
    for (let step = 0; step < 6; step++) await work.advance(4 * HOUR);

    // THEN each claimed run was sent to pg-boss once and ran once, successfully
    const end = await cursors();
    const runs = await db.query<{ job: string; dueAt: Date; status: string; attempts: number; bossJobId: string }>(
      `SELECT job, "dueAt" AT TIME ZONE 'UTC' AS "dueAt", status, attempts, "bossJobId" FROM "ScheduledRun"`,
    );
    expect(runs.rows.filter((r) => r.status !== "completed" || r.attempts !== 1)).toEqual([]);
    const bossJobs = await db.query<{ name: string; id: string }>(
      `SELECT name, id::text FROM pgboss.job WHERE name <> 'dead-letter' UNION ALL SELECT name, id::text FROM pgboss.archive WHERE name <> 'dead-letter'`,
    );
    expect(bossJobs.rows.map((j) => j.id).sort()).toEqual(runs.rows.map((r) => r.bossJobId).sort());
    expect(bossJobs.rows.every((j) => runs.rows.some((r) => r.bossJobId === j.id && r.job === j.name))).toBe(true);

    for (const schedule of work.schedules) {
      const ran = runs.rows
        .filter((r) => r.job === schedule.name)
        .map((r) => r.dueAt.toISOString())
        .sort();
      const due = cronTimes(schedule.cron, start.get(schedule.name)!, end.get(schedule.name)!);
      if (schedule.catchUp === "latest") {
        // A sweep runs at most once per tick: every run is at one of its due times, and at least once a step
        // (a daily sweep: once).
        expect(
          ran.every((at) => due.includes(at)),
          schedule.name,
        ).toBe(true);
        expect(ran.length, schedule.name).toBeGreaterThanOrEqual(Math.min(6, due.length));
        expect(due.length, schedule.name).toBeGreaterThan(0);
      } else {
        // THEN every due time of the day ran, once
        expect(ran, schedule.name).toEqual(due);
      }
    }
    // The day held 96 reconciliations and 12 product syncs (their cron), so the check above is not empty.
    expect(runs.rows.filter((r) => r.job === "reconcile-orders").length).toBeGreaterThanOrEqual(96);
    expect(runs.rows.filter((r) => r.job === "sync-products").length).toBeGreaterThanOrEqual(12);
  });
});

describe("on the embedded default database (PGlite, one pooled connection)", () => {
  const SHOP = "embedded-jobs.myshopify.com";
  let sandbox: Sandbox;
  beforeAll(async () => {
    // Hourly reconciliation: a day of the default 15-minute one (96 runs) on one embedded connection, beside
    // every other schedule's sweep, outlasts the wait below on a loaded machine; the count is not what this tests.
    sandbox = await startSandbox({ database: "embedded", env: { ...CONTROLLABLE_CLOCK_ENV, RECONCILE_SCHEDULE: "0 * * * *" } });
    await sandbox.install(SHOP);
  });
  afterAll(async () => sandbox?.stop());

  it("runs what becomes due when the sandbox clock is advanced from the jobs page", { timeout: 300_000 }, async () => {
    const jobsPage = (init: RequestInit = {}) =>
      fetch(`${sandbox.app.url}/app/jobs?_data=routes%2Fapp.jobs`, {
        ...init,
        headers: {
          Authorization: `Bearer ${sandbox.emulator.sessionToken(SHOP)}`,
          "User-Agent": BROWSER_USER_AGENT,
          "Content-Type": "application/x-www-form-urlencoded",
        },
      });
    // WHEN staff advance the sandbox clock by a day
    const advanced = await jobsPage({ method: "POST", body: new URLSearchParams({ intent: "advance-clock", hours: "24" }).toString() });
    expect(advanced.status).toBe(200);
    expect(await advanced.json()).toEqual({ ok: true, code: "clock_advanced" });
    // THEN every scheduled job soon has a completed last run and a next run after the moved clock (a day of due
    // times on one embedded connection can outlast the action's own 30 s wait; the rest finishes in the background)
    type Overview = { now: string; jobs: { name: string; lastRun: { status: string } | null; nextRunAt: string }[] };
    let overview = (await (await jobsPage()).json()) as Overview;
    for (const deadline = Date.now() + 200_000; Date.now() < deadline && overview.jobs.some((j) => j.lastRun?.status !== "completed");) {
      await new Promise((r) => setTimeout(r, 500));
      overview = (await (await jobsPage()).json()) as Overview;
    }
    expect(new Date(overview.now).getTime()).toBeGreaterThan(Date.now() + 23 * HOUR);
    for (const job of overview.jobs) {
      expect(job.lastRun?.status, `${job.name}: ${JSON.stringify(overview.jobs.map((j) => [j.name, j.lastRun?.status]))}`).toBe("completed");
      expect(new Date(job.nextRunAt).getTime(), job.name).toBeGreaterThan(new Date(overview.now).getTime());
    }
  });
});
