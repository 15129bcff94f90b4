-- Point lots (expiry spends the oldest first) and fulfilment tasks of experiential rewards
CREATE TABLE "PointLot" (
    "id" TEXT NOT NULL,
    "shopDomain" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "entryId" TEXT NOT NULL,
    "orderId" TEXT,
    "points" INTEGER NOT NULL,
    "remaining" INTEGER NOT NULL,
    "earnedAt" TIMESTAMP(3) NOT NULL,
    "expiredAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "PointLot_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "PointLot_remaining_check" CHECK ("remaining" >= 0 AND "remaining" <= "points")
);
CREATE INDEX "PointLot_memberId_remaining_earnedAt_idx" ON "PointLot"("memberId", "remaining", "earnedAt");
CREATE INDEX "PointLot_shopDomain_remaining_earnedAt_idx" ON "PointLot"("shopDomain", "remaining", "earnedAt");
ALTER TABLE "PointLot" ADD CONSTRAINT "PointLot_shopDomain_fkey" FOREIGN KEY ("shopDomain") REFERENCES "Shop"("domain") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "PointLot" ADD CONSTRAINT "PointLot_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Balances from before lots existed become one lot per member, earned at their last activity
INSERT INTO "PointLot" ("id", "shopDomain", "memberId", "entryId", "points", "remaining", "earnedAt")
SELECT 'lot-' || m."id", m."shopDomain", m."id", 'opening-balance', m."balance", m."balance", m."lastActivityAt"
FROM "Member" m WHERE m."balance" > 0;

CREATE TABLE "FulfilmentTask" (
    "id" TEXT NOT NULL,
    "shopDomain" TEXT NOT NULL,
    "redemptionId" TEXT NOT NULL,
    "rewardId" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "what" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "bookedFor" TIMESTAMP(3),
    "completedAt" TIMESTAMP(3),
    "cancelledAt" TIMESTAMP(3),
    "actor" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "FulfilmentTask_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "FulfilmentTask_redemptionId_key" ON "FulfilmentTask"("redemptionId");
CREATE INDEX "FulfilmentTask_shopDomain_status_createdAt_idx" ON "FulfilmentTask"("shopDomain", "status", "createdAt");
CREATE INDEX "FulfilmentTask_shopDomain_rewardId_status_idx" ON "FulfilmentTask"("shopDomain", "rewardId", "status");
CREATE INDEX "FulfilmentTask_shopDomain_customerId_idx" ON "FulfilmentTask"("shopDomain", "customerId");
ALTER TABLE "FulfilmentTask" ADD CONSTRAINT "FulfilmentTask_shopDomain_fkey" FOREIGN KEY ("shopDomain") REFERENCES "Shop"("domain") ON DELETE CASCADE ON UPDATE CASCADE;
