-- VIP tiers: the rules per shop, each member's tier, what each order counts towards it, and rule changes
CREATE TABLE "TierProgram" (
    "shopDomain" TEXT NOT NULL,
    "rules" JSONB NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "TierProgram_pkey" PRIMARY KEY ("shopDomain")
);
ALTER TABLE "TierProgram" ADD CONSTRAINT "TierProgram_shopDomain_fkey" FOREIGN KEY ("shopDomain") REFERENCES "Shop"("domain") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "MemberTier" (
    "memberId" TEXT NOT NULL,
    "shopDomain" TEXT NOT NULL,
    "tierId" TEXT,
    "since" TIMESTAMP(3) NOT NULL,
    "belowSince" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "MemberTier_pkey" PRIMARY KEY ("memberId")
);
CREATE INDEX "MemberTier_shopDomain_tierId_idx" ON "MemberTier"("shopDomain", "tierId");
ALTER TABLE "MemberTier" ADD CONSTRAINT "MemberTier_shopDomain_fkey" FOREIGN KEY ("shopDomain") REFERENCES "Shop"("domain") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "MemberTier" ADD CONSTRAINT "MemberTier_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "TierOrder" (
    "shopDomain" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "occurredAt" TIMESTAMP(3) NOT NULL,
    "spendMinor" INTEGER NOT NULL,
    "counts" BOOLEAN NOT NULL,
    CONSTRAINT "TierOrder_pkey" PRIMARY KEY ("shopDomain","orderId")
);
CREATE INDEX "TierOrder_shopDomain_memberId_occurredAt_idx" ON "TierOrder"("shopDomain", "memberId", "occurredAt");
ALTER TABLE "TierOrder" ADD CONSTRAINT "TierOrder_shopDomain_fkey" FOREIGN KEY ("shopDomain") REFERENCES "Shop"("domain") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "TierRuleChange" (
    "id" TEXT NOT NULL,
    "shopDomain" TEXT NOT NULL,
    "rules" JSONB NOT NULL,
    "status" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "movedUp" INTEGER NOT NULL DEFAULT 0,
    "movedDown" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "appliedAt" TIMESTAMP(3),
    CONSTRAINT "TierRuleChange_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "TierRuleChange_status_createdAt_idx" ON "TierRuleChange"("status", "createdAt");
CREATE INDEX "TierRuleChange_shopDomain_createdAt_idx" ON "TierRuleChange"("shopDomain", "createdAt");
ALTER TABLE "TierRuleChange" ADD CONSTRAINT "TierRuleChange_shopDomain_fkey" FOREIGN KEY ("shopDomain") REFERENCES "Shop"("domain") ON DELETE CASCADE ON UPDATE CASCADE;
