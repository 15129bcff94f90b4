// What the admin shows for a chosen product, variant or collection: its title and image, read from the Admin API
// by id (forms store ids; the merchant sees names).
import type { AdminClient } from "~/platform/shopify/admin-client.server";
import { RESOURCE_SUMMARIES_QUERY } from "~/catalogue/documents";
import { logger } from "~/platform/logger.server";
import type { PickedResource } from "~/catalogue/resources";

const PAGE = 100;

/** Each known id's title and image (ids Shopify no longer has are left out; an unreachable API leaves all out). */
export async function resourceSummaries(admin: AdminClient, ids: string[]): Promise<Record<string, PickedResource>> {
  const wanted = [...new Set(ids.filter((id) => id.startsWith("gid://shopify/")))];
  const found: Record<string, PickedResource> = {};
  try {
    for (let i = 0; i < wanted.length; i += PAGE) {
      const data = await admin.request(RESOURCE_SUMMARIES_QUERY, { ids: wanted.slice(i, i + PAGE) });
      for (const node of data.nodes) {
        if (!node) continue;
        if (node.__typename === "Product") found[node.id] = { id: node.id, title: node.title, imageUrl: node.featuredMedia?.preview?.image?.url ?? null };
        if (node.__typename === "ProductVariant")
          found[node.id] = { id: node.id, title: node.displayName, imageUrl: node.product.featuredMedia?.preview?.image?.url ?? null };
        if (node.__typename === "Collection") found[node.id] = { id: node.id, title: node.title, imageUrl: node.image?.url ?? null };
      }
    }
  } catch (error) {
    logger.warn({ shop: admin.shop, err: error }, "resource titles unavailable");
  }
  return found;
}
