-- The install backfill's progress and its lease (docs/decisions/032-install-backfill.md): how many root objects
-- (orders) the bulk operation produced, and until when one job run holds the import (a run that dies lets the
-- lease lapse and the next run resumes after the orders already counted in "rows").
ALTER TABLE "InsightBackfill" ADD COLUMN "total" INTEGER;
ALTER TABLE "InsightBackfill" ADD COLUMN "leaseUntil" TIMESTAMP(3);
ALTER TABLE "InsightBackfill" ADD COLUMN "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;
