// ProductIndex and LocationIndex: what Loyalist knows of a shop's products (earning rules, Insight's categories)
// and locations. The catalogue only grows and updates: a product or location that goes is marked deleted, never
// dropped, because past orders still name it.
import prisma from "~/db.server";

export type ProductFactsRow = { productId: string; title: string | null; tags: string[]; collectionIds: string[]; productType?: string | null };

/** Upserts product facts for a shop (a sync): what the sync reads is there, so it is not deleted. */
export async function saveProductFacts(shopDomain: string, products: ProductFactsRow[]): Promise<void> {
  if (!products.length) return;
  await prisma.$transaction(
    products.map((p) => {
      const productType = p.productType === undefined ? {} : { productType: p.productType || null };
      return prisma.productIndex.upsert({
        where: { shopDomain_productId: { shopDomain, productId: p.productId } },
        create: { shopDomain, productId: p.productId, title: p.title, tags: p.tags, collectionIds: p.collectionIds, ...productType },
        update: { title: p.title, tags: p.tags, collectionIds: p.collectionIds, deletedAt: null, ...productType },
      });
    }),
  );
}

/**
 * A product as products/create|update sends it, known from the payload alone. The payload has no collections,
 * so the ones a sync read stay.
 */
export async function saveProductFromWebhook(
  shopDomain: string,
  product: { productId: string; title: string | null; productType: string | null; tags: string[] },
): Promise<void> {
  const productType = product.productType || null;
  await prisma.productIndex.upsert({
    where: { shopDomain_productId: { shopDomain, productId: product.productId } },
    create: { shopDomain, productId: product.productId, title: product.title, tags: product.tags, productType },
    // A delete is final (webhooks may be processed out of order); only a sync that finds the product again revives it.
    update: { title: product.title, tags: product.tags, productType },
  });
}

/** products/delete: marked, kept for the orders that name it (a delete of an unknown product is remembered too). */
export async function markProductDeleted(shopDomain: string, productId: string, at: Date): Promise<void> {
  await prisma.productIndex.upsert({
    where: { shopDomain_productId: { shopDomain, productId } },
    create: { shopDomain, productId, title: null, deletedAt: at },
    update: { deletedAt: at },
  });
}

/** Marks deleted every product of the shop a complete sync did not find. */
export async function markProductsMissing(shopDomain: string, seen: readonly string[], at: Date): Promise<number> {
  const result = await prisma.productIndex.updateMany({
    where: { shopDomain, deletedAt: null, productId: { notIn: [...seen] } },
    data: { deletedAt: at },
  });
  return result.count;
}

export type LocationRow = { locationId: string; name: string | null; active: boolean };

/** Upserts locations (locations/create|update, a sync). */
export async function saveLocations(shopDomain: string, locations: readonly LocationRow[]): Promise<void> {
  if (!locations.length) return;
  await prisma.$transaction(
    locations.map((l) =>
      prisma.locationIndex.upsert({
        where: { shopDomain_locationId: { shopDomain, locationId: l.locationId } },
        create: { shopDomain, locationId: l.locationId, name: l.name, active: l.active },
        update: { name: l.name, active: l.active, deletedAt: null },
      }),
    ),
  );
}

/** Marks deleted every location of the shop a complete sync did not find. */
export async function markLocationsMissing(shopDomain: string, seen: readonly string[], at: Date): Promise<number> {
  const result = await prisma.locationIndex.updateMany({
    where: { shopDomain, deletedAt: null, locationId: { notIn: [...seen] } },
    data: { deletedAt: at },
  });
  return result.count;
}
