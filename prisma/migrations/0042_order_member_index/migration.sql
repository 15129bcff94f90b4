-- A member's orders, newest first: the member page's last orders and count, privacy requests, referral checks
-- (npm run bench -- --only ledger-scale: the member page took 3.8 s at 10M orders without it).
CREATE INDEX "OrderRecord_shopDomain_memberId_occurredAt_idx" ON "OrderRecord"("shopDomain", "memberId", "occurredAt");
