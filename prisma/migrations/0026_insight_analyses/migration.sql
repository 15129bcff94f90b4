-- Win-back offers sent to lapsed members, one per silence

CREATE TABLE "WinbackOffer" (
    "id" TEXT NOT NULL,
    "shopDomain" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "lastOrderAt" TIMESTAMP(3) NOT NULL,
    "usualIntervalDays" DOUBLE PRECISION NOT NULL,
    "rewardId" TEXT,
    "sentAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WinbackOffer_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "WinbackOffer_shopDomain_customerId_lastOrderAt_key" ON "WinbackOffer"("shopDomain", "customerId", "lastOrderAt");

CREATE INDEX "WinbackOffer_shopDomain_sentAt_idx" ON "WinbackOffer"("shopDomain", "sentAt");

ALTER TABLE "WinbackOffer" ADD CONSTRAINT "WinbackOffer_shopDomain_fkey" FOREIGN KEY ("shopDomain") REFERENCES "Shop"("domain") ON DELETE CASCADE ON UPDATE CASCADE;
