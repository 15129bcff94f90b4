-- Personalised offers pushed to customer metafields and tags (one row per customer: the last pushed value)

CREATE TABLE "InsightOfferPush" (
    "shopDomain" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "kind" TEXT,
    "value" TEXT NOT NULL,
    "pushedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "InsightOfferPush_pkey" PRIMARY KEY ("shopDomain", "customerId")
);

ALTER TABLE "InsightOfferPush" ADD CONSTRAINT "InsightOfferPush_shopDomain_fkey" FOREIGN KEY ("shopDomain") REFERENCES "Shop"("domain") ON DELETE CASCADE ON UPDATE CASCADE;

-- Market basket rollups: pair and item order counts per week (span 1) and per aligned 4-week block (span 4)

CREATE TABLE "InsightWeekPair" (
    "shopDomain" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "span" INTEGER NOT NULL,
    "weekStart" DATE NOT NULL,
    "a" TEXT NOT NULL,
    "b" TEXT NOT NULL,
    "orders" INTEGER NOT NULL,

    CONSTRAINT "InsightWeekPair_pkey" PRIMARY KEY ("shopDomain", "kind", "span", "weekStart", "a", "b")
);

CREATE TABLE "InsightWeekItem" (
    "shopDomain" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "span" INTEGER NOT NULL,
    "weekStart" DATE NOT NULL,
    "item" TEXT NOT NULL,
    "orders" INTEGER NOT NULL,

    CONSTRAINT "InsightWeekItem_pkey" PRIMARY KEY ("shopDomain", "kind", "span", "weekStart", "item")
);

CREATE TABLE "InsightWeekBasket" (
    "shopDomain" TEXT NOT NULL,
    "span" INTEGER NOT NULL,
    "weekStart" DATE NOT NULL,
    "orders" INTEGER NOT NULL,
    "productOrders" INTEGER NOT NULL,
    "categoryOrders" INTEGER NOT NULL,

    CONSTRAINT "InsightWeekBasket_pkey" PRIMARY KEY ("shopDomain", "span", "weekStart")
);

ALTER TABLE "InsightWeekPair" ADD CONSTRAINT "InsightWeekPair_shopDomain_fkey" FOREIGN KEY ("shopDomain") REFERENCES "Shop"("domain") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "InsightWeekItem" ADD CONSTRAINT "InsightWeekItem_shopDomain_fkey" FOREIGN KEY ("shopDomain") REFERENCES "Shop"("domain") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "InsightWeekBasket" ADD CONSTRAINT "InsightWeekBasket_shopDomain_fkey" FOREIGN KEY ("shopDomain") REFERENCES "Shop"("domain") ON DELETE CASCADE ON UPDATE CASCADE;

-- Every week with orders is stale once: the insight-rollups job fills the basket rollups of shops installed before.
INSERT INTO "InsightDirtyWeek" ("shopDomain", "weekStart", "markedAt")
SELECT DISTINCT "shopDomain", "weekStart", now() FROM "InsightOrder"
ON CONFLICT ("shopDomain", "weekStart") DO NOTHING;
