// Keeps ProductIndex (tags and collections per product) in step with Shopify, so earning exclusions by
// tag or collection are decided locally: an order never waits on, or fails with, an Admin API call.
import { logger } from "~/logger.server";
import { saveProductFacts } from "~/models/products.server";
import { offlineAdminClient, type AdminClient } from "./admin-client.server";
import { PRODUCTS_FOR_RULES_QUERY } from "./documents";
import { legacyId } from "./gid";

type ProductsPage = {
  products: {
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    nodes: { id: string; title: string; tags: string[]; collections: { nodes: { id: string }[] } }[];
  };
};

/** Reads every product of the shop (40 per page, under Shopify's per-query cost limit) into ProductIndex. */
export async function syncProducts(shop: string, client?: AdminClient): Promise<number> {
  const admin = client ?? (await offlineAdminClient(shop));
  let after: string | null = null;
  let count = 0;
  for (let page = 0; page < 2_500; page++) {
    const data: ProductsPage = await admin.request<ProductsPage>(PRODUCTS_FOR_RULES_QUERY, { first: 40, after });
    await saveProductFacts(
      shop,
      data.products.nodes.map((p) => ({
        productId: legacyId(p.id),
        title: p.title,
        tags: p.tags,
        collectionIds: p.collections.nodes.map((c) => legacyId(c.id)),
      })),
    );
    count += data.products.nodes.length;
    if (!data.products.pageInfo.hasNextPage) break;
    after = data.products.pageInfo.endCursor;
  }
  logger.info({ shop, products: count }, "product rules index synced");
  return count;
}
