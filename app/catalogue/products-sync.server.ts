// Keeps ProductIndex (tags, collections and category per product) and LocationIndex in step with Shopify, so
// earning exclusions by tag or collection are decided locally (an order never waits on, or fails with, an Admin
// API call) and Insight groups by category and location. What a complete sync no longer finds is marked deleted.
import { logger } from "~/platform/logger.server";
import { markLocationsMissing, markProductsMissing, saveLocations, saveProductFacts } from "~/catalogue/products.server";
import { LOCATIONS_QUERY } from "~/catalogue/documents";
import { offlineAdminClient, type AdminClient } from "~/platform/shopify/admin-client.server";
import { PRODUCTS_FOR_RULES_QUERY } from "~/earning/documents";
import { legacyId } from "~/platform/shopify/gid";
import { now } from "~/platform/clock.server";
import type { LoyalistLocationsQuery, LoyalistProductsForRulesQuery } from "~/types/admin.generated";

const MAX_PAGES = 2_500;

/** Reads every product of the shop (40 per page, under Shopify's per-query cost limit) into ProductIndex. */
export async function syncProducts(shop: string, client?: AdminClient): Promise<number> {
  const admin = client ?? (await offlineAdminClient(shop));
  let after: string | null = null;
  const seen: string[] = [];
  let complete = false;
  for (let page = 0; page < MAX_PAGES; page++) {
    const data: LoyalistProductsForRulesQuery = await admin.request(PRODUCTS_FOR_RULES_QUERY, { first: 40, after });
    const rows = data.products.nodes.map((p) => ({
      productId: legacyId(p.id),
      title: p.title,
      productType: p.productType,
      tags: p.tags,
      collectionIds: p.collections.nodes.map((c) => legacyId(c.id)),
    }));
    await saveProductFacts(shop, rows);
    seen.push(...rows.map((r) => r.productId));
    if (!data.products.pageInfo.hasNextPage) {
      complete = true;
      break;
    }
    after = data.products.pageInfo.endCursor ?? null;
  }
  if (complete) await markProductsMissing(shop, seen, await now());
  logger.info({ shop, products: seen.length }, "product index synced");
  return seen.length;
}

/** Reads every location of the shop (active or not) into LocationIndex. */
export async function syncLocations(shop: string, client?: AdminClient): Promise<number> {
  const admin = client ?? (await offlineAdminClient(shop));
  let after: string | null = null;
  const seen: string[] = [];
  for (let page = 0; page < MAX_PAGES; page++) {
    const data: LoyalistLocationsQuery = await admin.request(LOCATIONS_QUERY, { first: 100, after });
    const rows = data.locations.nodes.map((l) => ({ locationId: legacyId(l.id), name: l.name, active: l.isActive }));
    await saveLocations(shop, rows);
    seen.push(...rows.map((r) => r.locationId));
    if (!data.locations.pageInfo.hasNextPage) {
      await markLocationsMissing(shop, seen, await now());
      break;
    }
    after = data.locations.pageInfo.endCursor ?? null;
  }
  return seen.length;
}
