-- Referrals: the shop's referral program, members' codes and friends' referrals with their fraud checks
CREATE TABLE "ReferralProgram" (
    "shopDomain" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT false,
    "referrerPoints" INTEGER NOT NULL DEFAULT 0,
    "friendRewardKind" TEXT NOT NULL DEFAULT 'amount_off',
    "friendRewardValue" INTEGER NOT NULL DEFAULT 0,
    "refundWindowDays" INTEGER NOT NULL DEFAULT 30,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "ReferralProgram_pkey" PRIMARY KEY ("shopDomain")
);
ALTER TABLE "ReferralProgram" ADD CONSTRAINT "ReferralProgram_shopDomain_fkey" FOREIGN KEY ("shopDomain") REFERENCES "Shop"("domain") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "ReferralCode" (
    "shopDomain" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ReferralCode_pkey" PRIMARY KEY ("shopDomain","code")
);
CREATE UNIQUE INDEX "ReferralCode_shopDomain_memberId_key" ON "ReferralCode"("shopDomain", "memberId");
ALTER TABLE "ReferralCode" ADD CONSTRAINT "ReferralCode_shopDomain_fkey" FOREIGN KEY ("shopDomain") REFERENCES "Shop"("domain") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "ReferralCode" ADD CONSTRAINT "ReferralCode_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "Referral" (
    "id" TEXT NOT NULL,
    "shopDomain" TEXT NOT NULL,
    "referrerMemberId" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "friendEmail" TEXT NOT NULL,
    "friendEmailKey" TEXT NOT NULL,
    "friendCustomerId" TEXT,
    "ipHash" TEXT,
    "status" TEXT NOT NULL,
    "reasons" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "discountCode" TEXT,
    "discountShopifyId" TEXT,
    "friendReward" JSONB NOT NULL,
    "referrerPoints" INTEGER NOT NULL,
    "refundWindowDays" INTEGER NOT NULL,
    "orderId" TEXT,
    "paidAt" TIMESTAMP(3),
    "releasesAt" TIMESTAMP(3),
    "completedAt" TIMESTAMP(3),
    "reviewedBy" TEXT,
    "reviewedAt" TIMESTAMP(3),
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "Referral_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "Referral_shopDomain_friendEmailKey_key" ON "Referral"("shopDomain", "friendEmailKey");
CREATE UNIQUE INDEX "Referral_shopDomain_discountCode_key" ON "Referral"("shopDomain", "discountCode");
CREATE INDEX "Referral_shopDomain_status_createdAt_idx" ON "Referral"("shopDomain", "status", "createdAt");
CREATE INDEX "Referral_shopDomain_referrerMemberId_createdAt_idx" ON "Referral"("shopDomain", "referrerMemberId", "createdAt");
CREATE INDEX "Referral_shopDomain_ipHash_createdAt_idx" ON "Referral"("shopDomain", "ipHash", "createdAt");
CREATE INDEX "Referral_status_releasesAt_idx" ON "Referral"("status", "releasesAt");
ALTER TABLE "Referral" ADD CONSTRAINT "Referral_shopDomain_fkey" FOREIGN KEY ("shopDomain") REFERENCES "Shop"("domain") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "Referral" ADD CONSTRAINT "Referral_referrerMemberId_fkey" FOREIGN KEY ("referrerMemberId") REFERENCES "Member"("id") ON DELETE CASCADE ON UPDATE CASCADE;
