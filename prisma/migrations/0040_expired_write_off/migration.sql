-- A refund or cancellation never takes back points of its order that already expired: the part they cover
-- is written off and recorded on the clawback entry (docs/decisions/040-clawback-after-expiry.md).
ALTER TABLE "LedgerEntry" ADD COLUMN "expiredWriteOff" INTEGER NOT NULL DEFAULT 0;
