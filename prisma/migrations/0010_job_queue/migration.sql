-- A real job queue (docs/decisions/008-job-queue.md): pg-boss keeps its own tables in the "pgboss" schema and
-- creates them at start. These are Loyalist own tables for scheduled work.

-- One row per (scheduled job, due time): the primary key is the claim that makes a run happen once across
-- every app instance, and the pg-boss job is sent in the same transaction.
CREATE TABLE "ScheduledRun" (
    "job" TEXT NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "claimedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "bossJobId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "lastError" TEXT,
    CONSTRAINT "ScheduledRun_pkey" PRIMARY KEY ("job", "dueAt")
);
CREATE INDEX "ScheduledRun_status_idx" ON "ScheduledRun"("status");

-- How far the due times of each schedule have been claimed.
CREATE TABLE "ScheduleCursor" (
    "job" TEXT NOT NULL,
    "tickedThrough" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "ScheduleCursor_pkey" PRIMARY KEY ("job")
);

-- The controllable clock of the sandbox and tests (LOYALIST_CONTROLLABLE_CLOCK=1): one row every instance reads.
CREATE TABLE "ControllableClock" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "offsetMs" BIGINT NOT NULL DEFAULT 0,
    CONSTRAINT "ControllableClock_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "ControllableClock_one_row" CHECK ("id" = 1)
);

-- Poison deliveries: after a few failed attempts a delivery is dead-lettered, no longer retried.
ALTER TABLE "WebhookDelivery" ADD COLUMN "deadAt" TIMESTAMP(3);
CREATE INDEX "WebhookDelivery_shopDomain_deadAt_idx" ON "WebhookDelivery"("shopDomain", "deadAt");
