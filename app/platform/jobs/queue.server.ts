// The one pg-boss instance of this process (docs/decisions/008-job-queue.md). It runs on the app's own pg
// pool through pg-boss's `db` option, so it works on the embedded database, which has one pooled connection.
import PgBoss from "pg-boss";
import { connectDatabase } from "~/db.server";
import { logger } from "~/platform/logger.server";

declare global {
  var __loyalistBoss: Promise<PgBoss> | undefined;
}

/** The dead-letter queue every scheduled job's exhausted runs are copied to. */
export const DEAD_LETTER_QUEUE = "dead-letter";

/** Runs pg-boss's statements on the app's pool (also inside a transaction: pass that client). */
export function bossDb(client: { query: (text: string, values?: unknown[]) => Promise<{ rows: unknown[] }> } = connectDatabase().pool): PgBoss.Db {
  // pg-boss's Db type wants `any[]` rows.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return { executeSql: (text, values) => client.query(text, values) as Promise<{ rows: any[] }> };
}

/**
 * Starts (once per process) the pg-boss instance. `supervise` runs pg-boss's maintenance (expiring stuck
 * jobs, archiving); the HTTP process only sends and retries, so it skips it. pg-boss's own cron is off:
 * scheduling is ours (app/platform/jobs/scheduler.server.ts), on the controllable clock.
 */
export function jobQueue(options: { supervise?: boolean } = {}): Promise<PgBoss> {
  globalThis.__loyalistBoss ??= (async () => {
    const boss = new PgBoss({ db: bossDb(), schedule: false, supervise: options.supervise ?? false, migrate: true });
    boss.on("error", (error) => logger.error({ err: error }, "job queue error"));
    await boss.start();
    await ensureQueue(boss, DEAD_LETTER_QUEUE);
    return boss;
  })().catch((error) => {
    globalThis.__loyalistBoss = undefined;
    throw error;
  });
  return globalThis.__loyalistBoss;
}

/** Creates a queue unless it exists (several instances may race to create it at start). */
export async function ensureQueue(boss: PgBoss, name: string, options: Omit<PgBoss.Queue, "name"> = {}): Promise<void> {
  if (await boss.getQueue(name)) return;
  await boss.createQueue(name, { name, ...options }).catch(async (error) => {
    if (!(await boss.getQueue(name))) throw error;
  });
}

/** Stops this process's pg-boss instance, letting jobs in progress finish (up to `timeoutMs`). */
export async function stopJobQueue(timeoutMs = 10_000): Promise<void> {
  const pending = globalThis.__loyalistBoss;
  globalThis.__loyalistBoss = undefined;
  if (!pending) return;
  const boss = await pending.catch(() => undefined);
  await boss?.stop({ graceful: true, timeout: timeoutMs, close: false, wait: true });
}
