-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "isOnline" BOOLEAN NOT NULL DEFAULT false,
    "scope" TEXT,
    "expires" TIMESTAMP(3),
    "accessToken" TEXT NOT NULL,
    "userId" BIGINT,
    "firstName" TEXT,
    "lastName" TEXT,
    "email" TEXT,
    "accountOwner" BOOLEAN NOT NULL DEFAULT false,
    "locale" TEXT,
    "collaborator" BOOLEAN DEFAULT false,
    "emailVerified" BOOLEAN DEFAULT false,
    "refreshToken" TEXT,
    "refreshTokenExpires" TIMESTAMP(3),

    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Shop" (
    "domain" TEXT NOT NULL,
    "name" TEXT,
    "currency" TEXT NOT NULL DEFAULT 'USD',
    "installedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "uninstalledAt" TIMESTAMP(3),
    "scopes" TEXT,
    "program" JSONB NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Shop_pkey" PRIMARY KEY ("domain")
);

-- CreateTable
CREATE TABLE "Member" (
    "id" TEXT NOT NULL,
    "shopDomain" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "email" TEXT,
    "firstName" TEXT,
    "lastName" TEXT,
    "balance" INTEGER NOT NULL DEFAULT 0,
    "pending" INTEGER NOT NULL DEFAULT 0,
    "lifetimeEarned" INTEGER NOT NULL DEFAULT 0,
    "shortfall" INTEGER NOT NULL DEFAULT 0,
    "lastActivityAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "redactedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Member_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LedgerEntry" (
    "id" TEXT NOT NULL,
    "shopDomain" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "points" INTEGER NOT NULL,
    "pendingPoints" INTEGER NOT NULL DEFAULT 0,
    "shortfall" INTEGER NOT NULL DEFAULT 0,
    "reason" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "sourceId" TEXT,
    "orderId" TEXT,
    "actor" TEXT,
    "note" TEXT,
    "idempotencyKey" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LedgerEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OrderRecord" (
    "shopDomain" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "customerId" TEXT,
    "email" TEXT,
    "currency" TEXT NOT NULL,
    "updatedAtShopify" TIMESTAMP(3) NOT NULL,
    "createdAtShopify" TIMESTAMP(3) NOT NULL,
    "snapshot" JSONB NOT NULL,
    "rule" JSONB NOT NULL,
    "eligibleAt" TIMESTAMP(3),
    "memberId" TEXT,
    "targetPoints" INTEGER NOT NULL DEFAULT 0,
    "subtotalMinor" BIGINT NOT NULL DEFAULT 0,
    "locationId" TEXT,
    "discountCodes" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "OrderRecord_pkey" PRIMARY KEY ("shopDomain","orderId")
);

-- CreateTable
CREATE TABLE "OrderRefund" (
    "shopDomain" TEXT NOT NULL,
    "refundId" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OrderRefund_pkey" PRIMARY KEY ("shopDomain","refundId")
);

-- CreateTable
CREATE TABLE "WebhookDelivery" (
    "id" BIGSERIAL NOT NULL,
    "shopDomain" TEXT NOT NULL,
    "webhookId" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "eventId" TEXT,
    "triggeredAt" TIMESTAMP(3),
    "apiVersion" TEXT,
    "payload" JSONB NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processedAt" TIMESTAMP(3),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lockedUntil" TIMESTAMP(3),
    "lastError" TEXT,

    CONSTRAINT "WebhookDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" TEXT NOT NULL,
    "shopDomain" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "subjectType" TEXT,
    "subjectId" TEXT,
    "reason" TEXT,
    "before" JSONB,
    "after" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProductIndex" (
    "shopDomain" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "title" TEXT,
    "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "collectionIds" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ProductIndex_pkey" PRIMARY KEY ("shopDomain","productId")
);

-- CreateIndex
CREATE INDEX "Session_shop_idx" ON "Session"("shop");

-- CreateIndex
CREATE INDEX "Member_shopDomain_email_idx" ON "Member"("shopDomain", "email");

-- CreateIndex
CREATE INDEX "Member_shopDomain_balance_idx" ON "Member"("shopDomain", "balance");

-- CreateIndex
CREATE INDEX "Member_shopDomain_lastActivityAt_idx" ON "Member"("shopDomain", "lastActivityAt");

-- CreateIndex
CREATE UNIQUE INDEX "Member_shopDomain_customerId_key" ON "Member"("shopDomain", "customerId");

-- CreateIndex
CREATE INDEX "LedgerEntry_memberId_createdAt_idx" ON "LedgerEntry"("memberId", "createdAt");

-- CreateIndex
CREATE INDEX "LedgerEntry_shopDomain_orderId_idx" ON "LedgerEntry"("shopDomain", "orderId");

-- CreateIndex
CREATE UNIQUE INDEX "LedgerEntry_shopDomain_idempotencyKey_key" ON "LedgerEntry"("shopDomain", "idempotencyKey");

-- CreateIndex
CREATE INDEX "OrderRecord_shopDomain_customerId_idx" ON "OrderRecord"("shopDomain", "customerId");

-- CreateIndex
CREATE INDEX "OrderRecord_shopDomain_email_idx" ON "OrderRecord"("shopDomain", "email");

-- CreateIndex
CREATE INDEX "OrderRecord_shopDomain_createdAtShopify_idx" ON "OrderRecord"("shopDomain", "createdAtShopify");

-- CreateIndex
CREATE INDEX "OrderRefund_shopDomain_orderId_idx" ON "OrderRefund"("shopDomain", "orderId");

-- CreateIndex
CREATE INDEX "WebhookDelivery_processedAt_id_idx" ON "WebhookDelivery"("processedAt", "id");

-- CreateIndex
CREATE UNIQUE INDEX "WebhookDelivery_shopDomain_webhookId_key" ON "WebhookDelivery"("shopDomain", "webhookId");

-- CreateIndex
CREATE INDEX "AuditEvent_shopDomain_createdAt_idx" ON "AuditEvent"("shopDomain", "createdAt");

-- AddForeignKey
ALTER TABLE "Member" ADD CONSTRAINT "Member_shopDomain_fkey" FOREIGN KEY ("shopDomain") REFERENCES "Shop"("domain") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LedgerEntry" ADD CONSTRAINT "LedgerEntry_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Ledger invariants the database enforces itself: no negative balance or pending points.
ALTER TABLE "Member" ADD CONSTRAINT "Member_balance_nonnegative" CHECK (balance >= 0);
ALTER TABLE "Member" ADD CONSTRAINT "Member_pending_nonnegative" CHECK (pending >= 0);

-- The worker's queue scan only looks at unprocessed deliveries.
CREATE INDEX "WebhookDelivery_unprocessed_idx" ON "WebhookDelivery" (id) WHERE "processedAt" IS NULL;
