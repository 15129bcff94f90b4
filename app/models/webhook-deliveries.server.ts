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

/**
 * Stores a delivery; returns false when the same webhook id was already recorded for the shop.
 * Runs on the pg pool directly: this is the one query on the webhook hot path, and Prisma's query
 * compiler costs several times the statement itself (measured in npm run bench).
 */
export async function recordDelivery(delivery: NewDelivery): Promise<boolean> {
  const result = await connectDatabase().pool.query(
    `INSERT INTO "WebhookDelivery" ("shopDomain", "webhookId", topic, "eventId", "triggeredAt", "apiVersion", payload, "receivedAt")
     VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, now())
     ON CONFLICT ("shopDomain", "webhookId") DO NOTHING`,
    [delivery.shopDomain, delivery.webhookId, delivery.topic, delivery.eventId, delivery.triggeredAt, delivery.apiVersion, delivery.rawBody],
  );
  return (result.rowCount ?? 0) > 0;
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
       WHERE "processedAt" IS NULL AND ("lockedUntil" IS NULL OR "lockedUntil" < now())
       ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED)
     RETURNING id, "shopDomain", "webhookId", topic, payload, attempts`,
    [LEASE_SECONDS, limit],
  );
  return result.rows;
}

/** Marks a delivery done. */
export async function markDeliveryProcessed(id: bigint | string): Promise<void> {
  await connectDatabase().pool.query(
    `UPDATE "WebhookDelivery" SET "processedAt" = now(), "lockedUntil" = NULL, "lastError" = NULL WHERE id = $1`,
    [String(id)],
  );
}

/** Records a failed attempt; the delivery is retried after a backoff that grows with its attempts. */
export async function markDeliveryFailed(id: string, attempts: number, error: string): Promise<void> {
  const backoffSeconds = Math.min(3600, 2 ** Math.min(attempts, 12));
  await connectDatabase().pool.query(
    `UPDATE "WebhookDelivery" SET "lockedUntil" = now() + make_interval(secs => $1), "lastError" = $2 WHERE id = $3`,
    [backoffSeconds, error.slice(0, 2000), id],
  );
}

/** How many deliveries are waiting (health and tests). */
export async function pendingDeliveryCount(shopDomain?: string): Promise<number> {
  const rows = shopDomain
    ? await prisma.$queryRaw<{ n: bigint }[]>`SELECT COUNT(*) AS n FROM "WebhookDelivery" WHERE "processedAt" IS NULL AND "shopDomain" = ${shopDomain}`
    : await prisma.$queryRaw<{ n: bigint }[]>`SELECT COUNT(*) AS n FROM "WebhookDelivery" WHERE "processedAt" IS NULL`;
  return Number(rows[0]?.n ?? 0);
}
