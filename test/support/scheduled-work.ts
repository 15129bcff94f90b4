// Drives the app's scheduled work from a test: the test process connects to the app's database with the
// app's own clock and scheduler modules (the controllable clock is one row every instance reads).
import { vi } from "vitest";
import { connectDatabase, disconnectDatabase } from "~/db.server";
import { advanceClock } from "~/platform/clock.server";
import { waitForDueRuns } from "~/platform/jobs/scheduler.server";
import { schedules } from "~/platform/jobs/schedules.server";
import { TEST_API_KEY, TEST_API_SECRET } from "./app-server";

/** The environment an app started for scheduled-work tests gets (and this process, to read the registry). */
export const CONTROLLABLE_CLOCK_ENV = { LOYALIST_CONTROLLABLE_CLOCK: "1", JOB_RETRY_DELAY_SECONDS: "1" };

export type ScheduledWork = {
  /** The app's schedule registry, as the app builds it. */
  schedules: ReturnType<typeof schedules>;
  /** Moves every instance's clock forward by `ms`, then waits until what became due has run. */
  advance(ms: number, timeoutMs?: number): Promise<void>;
  /** Waits until every run due by now is settled (completed or dead-lettered). */
  settle(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
};

/** Connects this test process to `databaseUrl` for driving the clock. */
export function scheduledWork(databaseUrl: string): ScheduledWork {
  vi.stubEnv("LOYALIST_CONTROLLABLE_CLOCK", "1");
  vi.stubEnv("SHOPIFY_API_KEY", TEST_API_KEY);
  vi.stubEnv("SHOPIFY_API_SECRET", TEST_API_SECRET);
  vi.stubEnv("SHOPIFY_APP_URL", "http://127.0.0.1:1");
  // The process's one client may still point at an earlier test file's database: start from this one (the
  // old client is forgotten at once and closes in the background).
  void disconnectDatabase();
  connectDatabase(databaseUrl, 4);
  const registry = schedules();
  const names = registry.map((s) => s.name);
  return {
    schedules: registry,
    async advance(ms, timeoutMs) {
      await advanceClock(ms);
      await waitForDueRuns(names, timeoutMs);
    },
    settle: (timeoutMs) => waitForDueRuns(names, timeoutMs),
    async close() {
      await disconnectDatabase();
      vi.unstubAllEnvs();
    },
  };
}
