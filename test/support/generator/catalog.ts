/** A seeded catalog: products with variants per category, collections, locations and discount codes. */
import { DAY_MS, DEFAULT_END_DATE } from "./calendar";
import { CATEGORIES, CATEGORY_KEYS, DISCOUNTS, LOCATIONS, type CategorySpec, type ProductSpec } from "./catalog-data";
import { centsToDecimal, generatedId } from "./ids";
import { createRng, type Rng, type Seed } from "./random";
import type { Catalog, CategoryKey, GeneratedCollection, GeneratedProduct } from "./types";

export interface CatalogOptions {
  /** Products per category (gift cards stay at their built-in two); defaults to each category's built-in lines. */
  productsPerCategory?: number;
  /** When the products were created; defaults to a year before DEFAULT_END_DATE. */
  createdAt?: string;
}

/** Lowercase, dash-separated handle of a title ("Pour-Over Dripper" → "pour-over-dripper"). */
function handleOf(title: string): string {
  return title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

/** A shelf price near `dollars`: whole, half, or just under ("17.00", "17.50", "16.95"). */
function shelfCents(rng: Rng, dollars: number): number {
  return Math.round(dollars) * 100 + rng.pick([0, 0, 50, -5]);
}

/** The category's product specs: the built-in lines, then "<first> <second>" names up to `count`. */
function specsOf(spec: CategorySpec, count: number | undefined): ProductSpec[] {
  const specs = [...spec.fixed];
  const { first, second, tags, price, variants } = spec.extra;
  for (let i = 0; specs.length < (count ?? 0) && i < first.length * second.length; i++) {
    specs.push({ title: `${first[i % first.length]} ${second[Math.floor(i / first.length)]}`, tags, price, variants });
  }
  return specs;
}

function buildProducts(rng: Rng, key: CategoryKey, specs: ProductSpec[], firstNumber: number, createdAt: string): GeneratedProduct[] {
  const category = CATEGORIES[key];
  return specs.map((spec, index) => {
    const n = firstNumber + index;
    const id = generatedId("product", n);
    const base = rng.between(spec.price[0], spec.price[1]);
    const cents = new Map<number, number>(); // one price per size, shared by colours
    const priceOf = (factor: number): number => cents.get(factor) ?? cents.set(factor, shelfCents(rng, base * factor)).get(factor) ?? 0;
    const variants = (spec.variants ?? [{ title: "Default Title", factor: 1 }]).map((v, vi) => ({
      id: generatedId("variant", n * 10 + vi),
      productId: id,
      title: v.title,
      price: centsToDecimal(key === "giftCards" ? spec.price[0] * v.factor * 100 : priceOf(v.factor)),
      sku: `${category.skuPrefix}-${String(index + 1).padStart(3, "0")}-${vi + 1}`,
    }));
    return {
      id,
      title: spec.title,
      handle: handleOf(spec.title),
      vendor: category.vendor,
      productType: category.title,
      category: key,
      tags: [...spec.tags],
      giftCard: key === "giftCards",
      createdAt,
      variants,
      popularity: Math.round((rng.between(0.75, 1.25) / (index + 1) ** 0.8) * 1e4) / 1e4,
    };
  });
}

/** The same seed and options always give the same catalog: ~25 products over six categories, collections, 4 locations, discount codes. */
export function generateCatalog(seed: Seed, opts: CatalogOptions = {}): Catalog {
  const rng = createRng(seed).fork("catalog");
  const createdAt = opts.createdAt ?? new Date(new Date(DEFAULT_END_DATE).getTime() - 365 * DAY_MS).toISOString();
  const products: GeneratedProduct[] = [];
  for (const key of CATEGORY_KEYS)
    products.push(...buildProducts(rng, key, specsOf(CATEGORIES[key], opts.productsPerCategory), products.length + 1, createdAt));

  const collections: GeneratedCollection[] = CATEGORY_KEYS.map((key, i) => ({
    id: generatedId("collection", i + 1),
    title: CATEGORIES[key].title,
    handle: handleOf(CATEGORIES[key].title),
    productIds: products.filter((p) => p.category === key).map((p) => p.id),
  }));
  const bestSellers = CATEGORY_KEYS.filter((key) => key !== "giftCards").flatMap((key) =>
    products
      .filter((p) => p.category === key)
      .sort((a, b) => b.popularity - a.popularity)
      .slice(0, 2)
      .map((p) => p.id),
  );
  collections.push({ id: generatedId("collection", collections.length + 1), title: "Best sellers", handle: "best-sellers", productIds: bestSellers });

  const locations = LOCATIONS.map((location, i) => ({ ...location, id: generatedId("location", i + 1), categoryWeights: { ...location.categoryWeights } }));
  return { products, collections, locations, discounts: DISCOUNTS.map((d) => ({ ...d })) };
}
