-- Admin at 100k members: keyset pagination by each sort (with id as the tie-breaker), the home page's period
-- sums over the ledger, the activity log's filters, and import lookups by file hash.
CREATE INDEX "Member_shopDomain_lastActivityAt_id_idx" ON "Member"("shopDomain", "lastActivityAt", "id");
CREATE INDEX "Member_shopDomain_balance_id_idx" ON "Member"("shopDomain", "balance", "id");
CREATE INDEX "Member_shopDomain_createdAt_id_idx" ON "Member"("shopDomain", "createdAt", "id");
CREATE INDEX "LedgerEntry_shopDomain_createdAt_idx" ON "LedgerEntry"("shopDomain", "createdAt");
CREATE INDEX "LedgerEntry_shopDomain_sourceId_idx" ON "LedgerEntry"("shopDomain", "sourceId");
CREATE INDEX "AuditEvent_shopDomain_action_createdAt_idx" ON "AuditEvent"("shopDomain", "action", "createdAt");
CREATE INDEX "AuditEvent_shopDomain_actor_createdAt_idx" ON "AuditEvent"("shopDomain", "actor", "createdAt");
CREATE INDEX "MemberImport_shopDomain_fileHash_idx" ON "MemberImport"("shopDomain", "fileHash");
