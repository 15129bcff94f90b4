-- Order time: a ledger entry records when the thing happened (the order's own time, the refund's time) as
-- well as when it was recorded (createdAt). History, last activity and analyses read occurredAt.
ALTER TABLE "LedgerEntry" ADD COLUMN "occurredAt" TIMESTAMP(3);

-- Backfill: an order's earning happened at the order's time, everything else when it was recorded.
UPDATE "LedgerEntry" e SET "occurredAt" = o."createdAtShopify"
FROM "OrderRecord" o
WHERE e.kind IN ('earn', 'pending_earn') AND e."orderId" IS NOT NULL
  AND o."shopDomain" = e."shopDomain" AND o."orderId" = e."orderId";
UPDATE "LedgerEntry" SET "occurredAt" = "createdAt" WHERE "occurredAt" IS NULL;

ALTER TABLE "LedgerEntry" ALTER COLUMN "occurredAt" SET NOT NULL, ALTER COLUMN "occurredAt" SET DEFAULT CURRENT_TIMESTAMP;

-- History reads the entries of a member newest first by occurredAt, period sums those of a shop.
DROP INDEX "LedgerEntry_memberId_createdAt_idx";
CREATE INDEX "LedgerEntry_memberId_occurredAt_idx" ON "LedgerEntry"("memberId", "occurredAt");
CREATE INDEX "LedgerEntry_shopDomain_occurredAt_idx" ON "LedgerEntry"("shopDomain", "occurredAt");

-- Last activity is the newest thing that happened to the member.
UPDATE "Member" m SET "lastActivityAt" = last."occurredAt"
FROM (SELECT "memberId", max("occurredAt") AS "occurredAt" FROM "LedgerEntry" GROUP BY "memberId") last
WHERE last."memberId" = m.id;

-- An order's own time (processed_at, else created_at), for the member page and every later analysis.
ALTER TABLE "OrderRecord" ADD COLUMN "occurredAt" TIMESTAMP(3);
UPDATE "OrderRecord" SET "occurredAt" = "createdAtShopify";
ALTER TABLE "OrderRecord" ALTER COLUMN "occurredAt" SET NOT NULL, ALTER COLUMN "occurredAt" SET DEFAULT CURRENT_TIMESTAMP;
CREATE INDEX "OrderRecord_shopDomain_occurredAt_idx" ON "OrderRecord"("shopDomain", "occurredAt");
