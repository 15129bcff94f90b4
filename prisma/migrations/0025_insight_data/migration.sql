-- Insight analytics tables, weekly rollups, locations and product categories
ALTER TABLE "ProductIndex" ADD COLUMN     "deletedAt" TIMESTAMP(3),
ADD COLUMN     "productType" TEXT;

CREATE TABLE "LocationIndex" (
    "shopDomain" TEXT NOT NULL,
    "locationId" TEXT NOT NULL,
    "name" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "deletedAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LocationIndex_pkey" PRIMARY KEY ("shopDomain","locationId")
);

CREATE TABLE "InsightCustomer" (
    "shopDomain" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "memberSince" TIMESTAMP(3) NOT NULL,
    "memberSinceKnown" BOOLEAN NOT NULL DEFAULT false,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "InsightCustomer_pkey" PRIMARY KEY ("shopDomain","customerId")
);

CREATE TABLE "InsightOrder" (
    "shopDomain" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "customerId" TEXT,
    "locationId" TEXT,
    "occurredAt" TIMESTAMP(3) NOT NULL,
    "weekStart" DATE NOT NULL,
    "currency" TEXT NOT NULL,
    "grossMinor" BIGINT NOT NULL,
    "refundedMinor" BIGINT NOT NULL DEFAULT 0,
    "netMinor" BIGINT NOT NULL,
    "excluded" BOOLEAN NOT NULL DEFAULT false,
    "updatedAtShopify" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "InsightOrder_pkey" PRIMARY KEY ("shopDomain","orderId")
);

CREATE TABLE "InsightOrderLine" (
    "shopDomain" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "lineItemId" TEXT NOT NULL,
    "productId" TEXT,
    "variantId" TEXT,
    "title" TEXT,
    "category" TEXT,
    "locationId" TEXT,
    "customerId" TEXT,
    "occurredAt" TIMESTAMP(3) NOT NULL,
    "weekStart" DATE NOT NULL,
    "quantity" INTEGER NOT NULL,
    "grossMinor" BIGINT NOT NULL,
    "refundedQuantity" INTEGER NOT NULL DEFAULT 0,
    "refundedMinor" BIGINT NOT NULL DEFAULT 0,
    "netMinor" BIGINT NOT NULL,
    "excluded" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "InsightOrderLine_pkey" PRIMARY KEY ("shopDomain","orderId","lineItemId")
);

CREATE TABLE "InsightRefundLine" (
    "shopDomain" TEXT NOT NULL,
    "refundId" TEXT NOT NULL,
    "lineItemId" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,
    "amountMinor" BIGINT,
    "occurredAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "InsightRefundLine_pkey" PRIMARY KEY ("shopDomain","refundId","lineItemId")
);

CREATE TABLE "InsightDirtyWeek" (
    "shopDomain" TEXT NOT NULL,
    "weekStart" DATE NOT NULL,
    "markedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "InsightDirtyWeek_pkey" PRIMARY KEY ("shopDomain","weekStart")
);

CREATE TABLE "InsightWeekLocation" (
    "shopDomain" TEXT NOT NULL,
    "weekStart" DATE NOT NULL,
    "locationId" TEXT NOT NULL,
    "orders" INTEGER NOT NULL,
    "memberOrders" INTEGER NOT NULL,
    "guestOrders" INTEGER NOT NULL,
    "revenueMinor" BIGINT NOT NULL,
    "memberRevenueMinor" BIGINT NOT NULL,

    CONSTRAINT "InsightWeekLocation_pkey" PRIMARY KEY ("shopDomain","weekStart","locationId")
);

CREATE TABLE "InsightWeekCell" (
    "shopDomain" TEXT NOT NULL,
    "weekStart" DATE NOT NULL,
    "locationId" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "orders" INTEGER NOT NULL,
    "memberOrders" INTEGER NOT NULL,
    "quantity" INTEGER NOT NULL,
    "revenueMinor" BIGINT NOT NULL,
    "memberRevenueMinor" BIGINT NOT NULL,

    CONSTRAINT "InsightWeekCell_pkey" PRIMARY KEY ("shopDomain","weekStart","locationId","category")
);

CREATE TABLE "InsightCustomerWeek" (
    "shopDomain" TEXT NOT NULL,
    "weekStart" DATE NOT NULL,
    "customerId" TEXT NOT NULL,
    "orders" INTEGER NOT NULL,
    "revenueMinor" BIGINT NOT NULL,
    "memberOrders" INTEGER NOT NULL,
    "memberRevenueMinor" BIGINT NOT NULL,

    CONSTRAINT "InsightCustomerWeek_pkey" PRIMARY KEY ("shopDomain","weekStart","customerId")
);

CREATE TABLE "InsightBackfill" (
    "shopDomain" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "operationId" TEXT,
    "rows" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "InsightBackfill_pkey" PRIMARY KEY ("shopDomain","kind")
);

CREATE INDEX "InsightCustomer_shopDomain_memberSince_idx" ON "InsightCustomer"("shopDomain", "memberSince");

CREATE INDEX "InsightOrder_shopDomain_occurredAt_idx" ON "InsightOrder"("shopDomain", "occurredAt");

CREATE INDEX "InsightOrder_shopDomain_weekStart_idx" ON "InsightOrder"("shopDomain", "weekStart");

CREATE INDEX "InsightOrder_shopDomain_customerId_occurredAt_idx" ON "InsightOrder"("shopDomain", "customerId", "occurredAt");

CREATE INDEX "InsightOrderLine_shopDomain_weekStart_idx" ON "InsightOrderLine"("shopDomain", "weekStart");

CREATE INDEX "InsightOrderLine_shopDomain_productId_idx" ON "InsightOrderLine"("shopDomain", "productId");

CREATE INDEX "InsightOrderLine_shopDomain_customerId_idx" ON "InsightOrderLine"("shopDomain", "customerId");

CREATE INDEX "InsightRefundLine_shopDomain_orderId_idx" ON "InsightRefundLine"("shopDomain", "orderId");

CREATE INDEX "InsightCustomerWeek_shopDomain_customerId_idx" ON "InsightCustomerWeek"("shopDomain", "customerId");

ALTER TABLE "LocationIndex" ADD CONSTRAINT "LocationIndex_shopDomain_fkey" FOREIGN KEY ("shopDomain") REFERENCES "Shop"("domain") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "InsightCustomer" ADD CONSTRAINT "InsightCustomer_shopDomain_fkey" FOREIGN KEY ("shopDomain") REFERENCES "Shop"("domain") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "InsightOrder" ADD CONSTRAINT "InsightOrder_shopDomain_fkey" FOREIGN KEY ("shopDomain") REFERENCES "Shop"("domain") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "InsightOrderLine" ADD CONSTRAINT "InsightOrderLine_shopDomain_fkey" FOREIGN KEY ("shopDomain") REFERENCES "Shop"("domain") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "InsightRefundLine" ADD CONSTRAINT "InsightRefundLine_shopDomain_fkey" FOREIGN KEY ("shopDomain") REFERENCES "Shop"("domain") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "InsightDirtyWeek" ADD CONSTRAINT "InsightDirtyWeek_shopDomain_fkey" FOREIGN KEY ("shopDomain") REFERENCES "Shop"("domain") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "InsightWeekLocation" ADD CONSTRAINT "InsightWeekLocation_shopDomain_fkey" FOREIGN KEY ("shopDomain") REFERENCES "Shop"("domain") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "InsightWeekCell" ADD CONSTRAINT "InsightWeekCell_shopDomain_fkey" FOREIGN KEY ("shopDomain") REFERENCES "Shop"("domain") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "InsightCustomerWeek" ADD CONSTRAINT "InsightCustomerWeek_shopDomain_fkey" FOREIGN KEY ("shopDomain") REFERENCES "Shop"("domain") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "InsightBackfill" ADD CONSTRAINT "InsightBackfill_shopDomain_fkey" FOREIGN KEY ("shopDomain") REFERENCES "Shop"("domain") ON DELETE CASCADE ON UPDATE CASCADE;

