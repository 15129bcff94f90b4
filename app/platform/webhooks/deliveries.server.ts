// The durable record of webhook deliveries, which is also the processing queue: a delivery is stored
// (once per webhook id) before Loyalist answers 200, and processed from here, surviving crashes.
import prisma, { connectDatabase } from "~/db.server";

export type NewDelivery = {
  shopDomain: string;
  webhookId: string;
  topic: string;
  eventId: string | null;
  triggeredAt: Date | null;
  apiVersion: string | null;
  rawBody: string;
};

export type StoredDelivery = {
  /** bigint column; pg returns it as a string. */
  id: string;
  shopDomain: string;
  webhookId: string;
  topic: string;
  payload: unknown;
  attempts: number;
};

export class DeliveryNotRecordedError extends Error {}

/**
 * Stores a delivery: "duplicate" when the same webhook id was already recorded for the shop, "unknown_shop"
 * when the shop has no row (erased a moment ago: a delivery left now would outlive shop/redact). Throws
 * DeliveryNotRecordedError when the statement answers nothing, so a 200 always means a row exists.
 * Runs on the pg pool directly: this is the one query on the webhook hot path, and Prisma's query
 * compiler costs several times the statement itself (measured in npm run bench).
 */
export async function recordDelivery(delivery: NewDelivery): Promise<"recorded" | "duplicate" | "unknown_shop"> {
  const result = await connectDatabase().pool.query<{ known: boolean; recorded: boolean }>(
    `WITH shop AS (SELECT 1 FROM "Shop" WHERE domain = $1),
     recorded AS (
       INSERT INTO "WebhookDelivery" ("shopDomain", "webhookId", topic, "eventId", "triggeredAt", "apiVersion", payload, "receivedAt")
       SELECT $1, $2, $3, $4, $5, $6, $7::jsonb, now() FROM shop
       ON CONFLICT ("shopDomain", "webhookId") DO NOTHING
       RETURNING 1)
     SELECT EXISTS (SELECT 1 FROM shop) AS known, EXISTS (SELECT 1 FROM recorded) AS recorded`,
    [delivery.shopDomain, delivery.webhookId, delivery.topic, delivery.eventId, delivery.triggeredAt, delivery.apiVersion, delivery.rawBody],
  );
  const row = result.rows[0];
  if (!row) throw new DeliveryNotRecordedError(`delivery ${delivery.webhookId} was neither inserted nor found`);
  return row.recorded ? "recorded" : row.known ? "duplicate" : "unknown_shop";
}

const LEASE_SECONDS = 60;

// The queue's own statements run on the pg pool: they are on every delivery's path, and Prisma's query
// compiler costs several times the statements themselves (npm run bench).

/**
 * Claims up to `limit` unprocessed deliveries for this worker for a lease period, oldest first.
 * A worker that dies leaves its claims to expire; they are claimed again afterwards.
 */
export async function claimDeliveries(limit: number): Promise<StoredDelivery[]> {
  const result = await connectDatabase().pool.query<StoredDelivery>(
    `UPDATE "WebhookDelivery" SET "lockedUntil" = now() + make_interval(secs => $1), attempts = attempts + 1
     WHERE id IN (
       SELECT id FROM "WebhookDelivery"
       WHERE "processedAt" IS NULL AND "deadAt" IS NULL AND ("lockedUntil" IS NULL OR "lockedUntil" < now())
       ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED)
     RETURNING id, "shopDomain", "webhookId", topic, payload, attempts`,
    [LEASE_SECONDS, limit],
  );
  return result.rows;
}

/** Marks a delivery done. */
export async function markDeliveryProcessed(id: bigint | string): Promise<void> {
  await connectDatabase().pool.query(`UPDATE "WebhookDelivery" SET "processedAt" = now(), "lockedUntil" = NULL, "lastError" = NULL WHERE id = $1`, [
    String(id),
  ]);
}

/** Marks several deliveries done in one statement (a batch the worker processed as one). */
export async function markDeliveriesProcessed(ids: ReadonlyArray<bigint | string>): Promise<void> {
  if (!ids.length) return;
  await connectDatabase().pool.query(
    `UPDATE "WebhookDelivery" SET "processedAt" = now(), "lockedUntil" = NULL, "lastError" = NULL WHERE id = ANY($1::bigint[])`,
    [ids.map(String)],
  );
}

/** A delivery whose processing failed this many times is dead-lettered (a poison payload), not retried. */
export const MAX_DELIVERY_ATTEMPTS = 5;

/**
 * Records a failed attempt: retried after a backoff that doubles with its attempts (2, 4, 8, 16 s), and
 * dead-lettered after MAX_DELIVERY_ATTEMPTS, until staff retry it from the jobs page.
 */
export async function markDeliveryFailed(id: string, attempts: number, error: string): Promise<void> {
  const backoffSeconds = Math.min(3600, 2 ** Math.min(attempts, 12));
  await connectDatabase().pool.query(
    `UPDATE "WebhookDelivery" SET "lockedUntil" = now() + make_interval(secs => $1), "lastError" = $2,
       "deadAt" = CASE WHEN attempts >= $4 THEN now() ELSE NULL END
     WHERE id = $3`,
    [backoffSeconds, error.slice(0, 2000), id, MAX_DELIVERY_ATTEMPTS],
  );
}

export type DeadDelivery = { id: string; webhookId: string; topic: string; attempts: number; lastError: string | null; receivedAt: Date; deadAt: Date };

/** The shop's dead-lettered deliveries, newest first, and how many there are. */
export async function deadDeliveries(shopDomain: string, take = 50): Promise<{ count: number; deliveries: DeadDelivery[] }> {
  const where = { shopDomain, deadAt: { not: null }, processedAt: null };
  const [count, rows] = await Promise.all([
    prisma.webhookDelivery.count({ where }),
    prisma.webhookDelivery.findMany({
      where,
      orderBy: { deadAt: "desc" },
      take,
      select: { id: true, webhookId: true, topic: true, attempts: true, lastError: true, receivedAt: true, deadAt: true },
    }),
  ]);
  return { count, deliveries: rows.map((r) => ({ ...r, id: String(r.id), deadAt: r.deadAt! })) };
}

/** Sends a dead-lettered delivery of this shop back to the queue with fresh attempts; false when there is none. */
export async function retryDeadDelivery(shopDomain: string, id: string): Promise<boolean> {
  if (!/^\d{1,19}$/.test(id)) return false;
  const result = await connectDatabase().pool.query(
    `UPDATE "WebhookDelivery" SET "deadAt" = NULL, attempts = 0, "lockedUntil" = NULL
     WHERE id = $1 AND "shopDomain" = $2 AND "deadAt" IS NOT NULL AND "processedAt" IS NULL`,
    [id, shopDomain],
  );
  return (result.rowCount ?? 0) > 0;
}

/** How many deliveries are waiting (health and tests); dead-lettered ones wait for staff, not for the worker. */
export async function pendingDeliveryCount(shopDomain?: string): Promise<number> {
  const rows = shopDomain
    ? await prisma.$queryRaw<
        { n: bigint }[]
      >`SELECT COUNT(*) AS n FROM "WebhookDelivery" WHERE "processedAt" IS NULL AND "deadAt" IS NULL AND "shopDomain" = ${shopDomain}`
    : await prisma.$queryRaw<{ n: bigint }[]>`SELECT COUNT(*) AS n FROM "WebhookDelivery" WHERE "processedAt" IS NULL AND "deadAt" IS NULL`;
  return Number(rows[0]?.n ?? 0);
}
