-- The dead-letter list reads only dead deliveries, so its index holds only those. A full index made
-- every recorded delivery pay one more index insert on the webhook hot path (npm run bench).
DROP INDEX IF EXISTS "WebhookDelivery_shopDomain_deadAt_idx";
CREATE INDEX "WebhookDelivery_dead_idx" ON "WebhookDelivery"("shopDomain", "deadAt") WHERE "deadAt" IS NOT NULL;
