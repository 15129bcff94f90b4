-- Insight's rollups are kept by order deltas instead of week recomputes (decision 044): a change marks its orders
-- dirty and snapshots them as the rollups counted them, and the job adds each dirty order's contribution now and
-- takes away its snapshot's. The dirty weeks go: nothing marks them any more.

DROP TABLE "InsightDirtyWeek";

CREATE TABLE "InsightDirtyOrder" (
    "shopDomain" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "markedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "InsightDirtyOrder_pkey" PRIMARY KEY ("shopDomain","orderId")
);

CREATE INDEX "InsightDirtyOrder_shopDomain_markedAt_idx" ON "InsightDirtyOrder"("shopDomain", "markedAt");

CREATE TABLE "InsightOrderSnapshot" (
    "shopDomain" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "customerId" TEXT,
    "locationId" TEXT,
    "occurredAt" TIMESTAMP(3) NOT NULL,
    "weekStart" DATE NOT NULL,
    "netMinor" BIGINT NOT NULL,
    "excluded" BOOLEAN NOT NULL,
    "memberSince" TIMESTAMP(3),

    CONSTRAINT "InsightOrderSnapshot_pkey" PRIMARY KEY ("shopDomain","orderId")
);

CREATE TABLE "InsightOrderLineSnapshot" (
    "shopDomain" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "lineItemId" TEXT NOT NULL,
    "productId" TEXT,
    "category" TEXT,
    "locationId" TEXT,
    "customerId" TEXT,
    "occurredAt" TIMESTAMP(3) NOT NULL,
    "weekStart" DATE NOT NULL,
    "quantity" INTEGER NOT NULL,
    "refundedQuantity" INTEGER NOT NULL,
    "netMinor" BIGINT NOT NULL,
    "excluded" BOOLEAN NOT NULL,
    "memberSince" TIMESTAMP(3),

    CONSTRAINT "InsightOrderLineSnapshot_pkey" PRIMARY KEY ("shopDomain","orderId","lineItemId")
);

ALTER TABLE "InsightDirtyOrder" ADD CONSTRAINT "InsightDirtyOrder_shopDomain_fkey" FOREIGN KEY ("shopDomain") REFERENCES "Shop"("domain") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "InsightOrderSnapshot" ADD CONSTRAINT "InsightOrderSnapshot_shopDomain_fkey" FOREIGN KEY ("shopDomain") REFERENCES "Shop"("domain") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "InsightOrderLineSnapshot" ADD CONSTRAINT "InsightOrderLineSnapshot_shopDomain_fkey" FOREIGN KEY ("shopDomain") REFERENCES "Shop"("domain") ON DELETE CASCADE ON UPDATE CASCADE;
