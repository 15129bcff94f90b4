-- CreateTable
CREATE TABLE "Reward" (
    "id" TEXT NOT NULL,
    "shopDomain" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "kind" TEXT NOT NULL,
    "pointsCost" INTEGER NOT NULL,
    "config" JSONB NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "activeFrom" TIMESTAMP(3),
    "activeUntil" TIMESTAMP(3),
    "perCustomerLimit" INTEGER,
    "combinesWith" JSONB NOT NULL,
    "codeValidityDays" INTEGER NOT NULL DEFAULT 30,
    "minimumTier" TEXT,
    "onlyNonBuyersOfCollectionId" TEXT,
    "archivedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Reward_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Redemption" (
    "id" TEXT NOT NULL,
    "shopDomain" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "rewardId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "points" INTEGER NOT NULL,
    "valueMinor" INTEGER,
    "currency" TEXT NOT NULL,
    "code" TEXT,
    "shopifyId" TEXT,
    "causeId" TEXT,
    "idempotencyKey" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "usedOrderId" TEXT,
    "expiresAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "issuedAt" TIMESTAMP(3),
    "usedAt" TIMESTAMP(3),
    "cancelledAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Redemption_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DonationCause" (
    "id" TEXT NOT NULL,
    "shopDomain" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "matchPercent" INTEGER NOT NULL DEFAULT 0,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DonationCause_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DonationPayout" (
    "id" TEXT NOT NULL,
    "shopDomain" TEXT NOT NULL,
    "causeId" TEXT NOT NULL,
    "amountMinor" INTEGER NOT NULL,
    "actor" TEXT NOT NULL,
    "note" TEXT,
    "paidAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DonationPayout_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MemberImport" (
    "id" TEXT NOT NULL,
    "shopDomain" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "fileHash" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "totalRows" INTEGER NOT NULL DEFAULT 0,
    "validRows" INTEGER NOT NULL DEFAULT 0,
    "errors" JSONB NOT NULL,
    "rows" JSONB NOT NULL,
    "actor" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "committedAt" TIMESTAMP(3),

    CONSTRAINT "MemberImport_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Reward_shopDomain_enabled_idx" ON "Reward"("shopDomain", "enabled");

-- CreateIndex
CREATE INDEX "Redemption_shopDomain_memberId_createdAt_idx" ON "Redemption"("shopDomain", "memberId", "createdAt");

-- CreateIndex
CREATE INDEX "Redemption_shopDomain_status_idx" ON "Redemption"("shopDomain", "status");

-- CreateIndex
CREATE UNIQUE INDEX "Redemption_shopDomain_idempotencyKey_key" ON "Redemption"("shopDomain", "idempotencyKey");

-- CreateIndex
CREATE UNIQUE INDEX "Redemption_shopDomain_code_key" ON "Redemption"("shopDomain", "code");

-- CreateIndex
CREATE INDEX "DonationCause_shopDomain_idx" ON "DonationCause"("shopDomain");

-- CreateIndex
CREATE INDEX "DonationPayout_shopDomain_causeId_idx" ON "DonationPayout"("shopDomain", "causeId");

-- CreateIndex
CREATE INDEX "MemberImport_shopDomain_createdAt_idx" ON "MemberImport"("shopDomain", "createdAt");

-- AddForeignKey
ALTER TABLE "Redemption" ADD CONSTRAINT "Redemption_rewardId_fkey" FOREIGN KEY ("rewardId") REFERENCES "Reward"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DonationPayout" ADD CONSTRAINT "DonationPayout_causeId_fkey" FOREIGN KEY ("causeId") REFERENCES "DonationCause"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Reward costs and redemption points are positive, donations and payouts never negative (no semicolons in comments: the migration runner splits on them).
ALTER TABLE "Reward" ADD CONSTRAINT "Reward_pointsCost_positive" CHECK ("pointsCost" > 0);
ALTER TABLE "Redemption" ADD CONSTRAINT "Redemption_points_positive" CHECK (points > 0);
ALTER TABLE "DonationPayout" ADD CONSTRAINT "DonationPayout_amount_positive" CHECK ("amountMinor" > 0);
