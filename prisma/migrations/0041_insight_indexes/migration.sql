-- Win-back reads every customer's orders in time order with their amounts: with netMinor and excluded in the
-- index it is an index-only scan in that order (no sort, no heap). It replaces the narrower index, whose
-- lookups its prefix serves, so ingestion still keeps one index here.

DROP INDEX "InsightOrder_shopDomain_customerId_occurredAt_idx";

CREATE INDEX "InsightOrder_customerId_orders_idx" ON "InsightOrder"("shopDomain", "customerId", "occurredAt", "netMinor", "excluded");
