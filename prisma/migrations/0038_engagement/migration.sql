-- A tier set by a Flow action (or staff) is kept until heldUntil, the scheduled review does not move the
-- member below it before then (docs/decisions/038-held-tiers-and-balance-metafields.md).
ALTER TABLE "MemberTier" ADD COLUMN "heldUntil" TIMESTAMP(3);

-- Every balance change marks the metafields of the member due, the delivery job sends and clears them. Only due
-- members are in the index.
ALTER TABLE "Member" ADD COLUMN "metafieldsDueAt" TIMESTAMP(3);
CREATE INDEX "Member_metafieldsDueAt_idx" ON "Member" ("metafieldsDueAt") WHERE "metafieldsDueAt" IS NOT NULL;
