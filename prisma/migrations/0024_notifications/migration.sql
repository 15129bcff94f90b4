-- Delivery of program events to Shopify (Flow triggers, customer metafields and tags), and the Flow triggers each shop uses
ALTER TABLE "ProgramEvent" ADD COLUMN "attempts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN "lockedUntil" TIMESTAMP(3),
ADD COLUMN "triggerOutcome" TEXT,
ADD COLUMN "customerSyncedAt" TIMESTAMP(3),
ADD COLUMN "lastError" TEXT,
ADD COLUMN "deadAt" TIMESTAMP(3);

CREATE TABLE "FlowTriggerUsage" (
    "shopDomain" TEXT NOT NULL,
    "trigger" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL,
    "reportedAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "FlowTriggerUsage_pkey" PRIMARY KEY ("shopDomain","trigger")
);
ALTER TABLE "FlowTriggerUsage" ADD CONSTRAINT "FlowTriggerUsage_shopDomain_fkey" FOREIGN KEY ("shopDomain") REFERENCES "Shop"("domain") ON DELETE CASCADE ON UPDATE CASCADE;
