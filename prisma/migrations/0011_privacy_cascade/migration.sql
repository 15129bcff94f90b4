-- Privacy by structure (docs/decisions/009-privacy-by-structure.md): every table of shop data cascades
-- from its Shop row, so shop/redact deletes one row and a new table cannot be forgotten.

-- Rows left behind by the old hand-kept erasure belong to shops that were already erased: drop them so the keys hold.
-- Children before parents, so the restricting keys below never see a dangling row.
DELETE FROM "DonationPayout" WHERE "shopDomain" NOT IN (SELECT domain FROM "Shop");
DELETE FROM "Redemption" WHERE "shopDomain" NOT IN (SELECT domain FROM "Shop");
DELETE FROM "LedgerEntry" WHERE "shopDomain" NOT IN (SELECT domain FROM "Shop");
DELETE FROM "OrderRecord" WHERE "shopDomain" NOT IN (SELECT domain FROM "Shop");
DELETE FROM "OrderRefund" WHERE "shopDomain" NOT IN (SELECT domain FROM "Shop");
DELETE FROM "AuditEvent" WHERE "shopDomain" NOT IN (SELECT domain FROM "Shop");
DELETE FROM "ProductIndex" WHERE "shopDomain" NOT IN (SELECT domain FROM "Shop");
DELETE FROM "Reward" WHERE "shopDomain" NOT IN (SELECT domain FROM "Shop");
DELETE FROM "DonationCause" WHERE "shopDomain" NOT IN (SELECT domain FROM "Shop");
DELETE FROM "MemberImport" WHERE "shopDomain" NOT IN (SELECT domain FROM "Shop");

-- NO ACTION is checked at the end of the statement: deleting a shop removes its rewards and redemptions together,
-- while deleting a reward that has redemptions (or a cause with payouts) on its own is still refused.
ALTER TABLE "Redemption" DROP CONSTRAINT "Redemption_rewardId_fkey";
ALTER TABLE "Redemption" ADD CONSTRAINT "Redemption_rewardId_fkey" FOREIGN KEY ("rewardId") REFERENCES "Reward"("id") ON DELETE NO ACTION ON UPDATE CASCADE;
ALTER TABLE "DonationPayout" DROP CONSTRAINT "DonationPayout_causeId_fkey";
ALTER TABLE "DonationPayout" ADD CONSTRAINT "DonationPayout_causeId_fkey" FOREIGN KEY ("causeId") REFERENCES "DonationCause"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

ALTER TABLE "LedgerEntry" ADD CONSTRAINT "LedgerEntry_shopDomain_fkey" FOREIGN KEY ("shopDomain") REFERENCES "Shop"("domain") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "OrderRecord" ADD CONSTRAINT "OrderRecord_shopDomain_fkey" FOREIGN KEY ("shopDomain") REFERENCES "Shop"("domain") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "OrderRefund" ADD CONSTRAINT "OrderRefund_shopDomain_fkey" FOREIGN KEY ("shopDomain") REFERENCES "Shop"("domain") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_shopDomain_fkey" FOREIGN KEY ("shopDomain") REFERENCES "Shop"("domain") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "ProductIndex" ADD CONSTRAINT "ProductIndex_shopDomain_fkey" FOREIGN KEY ("shopDomain") REFERENCES "Shop"("domain") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "Reward" ADD CONSTRAINT "Reward_shopDomain_fkey" FOREIGN KEY ("shopDomain") REFERENCES "Shop"("domain") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "Redemption" ADD CONSTRAINT "Redemption_shopDomain_fkey" FOREIGN KEY ("shopDomain") REFERENCES "Shop"("domain") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "DonationCause" ADD CONSTRAINT "DonationCause_shopDomain_fkey" FOREIGN KEY ("shopDomain") REFERENCES "Shop"("domain") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "DonationPayout" ADD CONSTRAINT "DonationPayout_shopDomain_fkey" FOREIGN KEY ("shopDomain") REFERENCES "Shop"("domain") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "MemberImport" ADD CONSTRAINT "MemberImport_shopDomain_fkey" FOREIGN KEY ("shopDomain") REFERENCES "Shop"("domain") ON DELETE CASCADE ON UPDATE CASCADE;
