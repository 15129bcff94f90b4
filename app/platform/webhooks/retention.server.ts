// Raw webhook payloads are kept only while useful: WEBHOOK_PAYLOAD_RETENTION_DAYS after processing, then the
// payload is emptied ('{}', as privacy erasure does). The row stays, so a late duplicate of the same webhook id
// is still recognised and answered without effect. Deliveries not yet processed (or dead-lettered) keep theirs.
import { connectDatabase } from "~/db.server";
import type { Schedule } from "~/platform/jobs/scheduler.server";

const BATCH = 5_000;

/** Empties the payloads of deliveries processed more than `retentionDays` before `now`; returns how many. */
export async function purgeProcessedPayloads(retentionDays: number, now: Date): Promise<number> {
  const cutoff = new Date(now.getTime() - retentionDays * 86_400_000);
  let purged = 0;
  // In batches, so no statement holds many row locks against the webhook worker for long.
  for (;;) {
    const result = await connectDatabase().pool.query(
      `UPDATE "WebhookDelivery" SET payload = '{}'::jsonb
       WHERE id IN (SELECT id FROM "WebhookDelivery"
                    WHERE "processedAt" < ($1::timestamptz AT TIME ZONE 'UTC') AND payload <> '{}'::jsonb
                    LIMIT $2 FOR UPDATE SKIP LOCKED)`,
      [cutoff, BATCH],
    );
    purged += result.rowCount ?? 0;
    if ((result.rowCount ?? 0) < BATCH) return purged;
  }
}

/** The retention job: hourly, judged on the scheduler's clock. */
export function webhookRetentionSchedules(options: { retentionDays: number; retryDelaySeconds: number }): Schedule[] {
  return [
    {
      name: "purge-webhook-payloads",
      cron: "5 * * * *",
      catchUp: "latest",
      retryLimit: 3,
      retryDelaySeconds: options.retryDelaySeconds,
      run: async ({ dueAt }) => void (await purgeProcessedPayloads(options.retentionDays, dueAt)),
    },
  ];
}
