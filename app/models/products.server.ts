// ProductIndex: what Loyalist knows of a shop's products for earning rules.
import prisma from "~/db.server";

export type ProductFactsRow = { productId: string; title: string | null; tags: string[]; collectionIds: string[] };

/** Upserts product facts for a shop. */
export async function saveProductFacts(shopDomain: string, products: ProductFactsRow[]): Promise<void> {
  if (!products.length) return;
  await prisma.$transaction(
    products.map((p) =>
      prisma.productIndex.upsert({
        where: { shopDomain_productId: { shopDomain, productId: p.productId } },
        create: { shopDomain, productId: p.productId, title: p.title, tags: p.tags, collectionIds: p.collectionIds },
        update: { title: p.title, tags: p.tags, collectionIds: p.collectionIds },
      }),
    ),
  );
}
