/** What goes in a basket: categories by location and shopper, products by popularity, and designed co-purchases. */
import { CATEGORIES, CATEGORY_KEYS } from "./catalog-data";
import type { Rng } from "./random";
import type { Catalog, CategoryKey, GeneratedLine, GeneratedLocation, GeneratedProduct, Persona } from "./types";

/** Who is buying: a customer's persona, or a guest checkout. */
export type Shopper = Persona | "guest";

/** When a basket holds a product tagged `when`, a product tagged `add` joins it with this probability. */
export interface CoPurchaseRule {
  when: string;
  add: string;
  probability: number;
}

/** The designed pairs: "items bought together" analytics should find these well above chance. */
export const CO_PURCHASE_RULES: readonly CoPurchaseRule[] = [
  { when: "beans", add: "filters", probability: 0.4 },
  { when: "tea", add: "mug", probability: 0.35 },
  { when: "dripper", add: "filters", probability: 0.6 },
  { when: "grinder", add: "beans", probability: 0.5 },
  { when: "beans", add: "snack", probability: 0.1 },
];

/** Category tastes per shopper, on top of the shop-wide shares (missing = 1). */
const TASTE: Record<Shopper, Partial<Record<CategoryKey, number>>> = {
  loyalRegular: { coffee: 1.3, giftCards: 0.6 },
  occasional: {},
  oneAndDone: { giftCards: 2.5, gear: 1.3 },
  lapsed: { tea: 1.2 },
  bargainHunter: { gear: 0.4, giftCards: 0.3, snacks: 1.5 },
  guest: { giftCards: 1.8 },
};

/** Chance of each further distinct item after the first (at most five picks). */
const MORE_ITEMS: Record<Shopper, number> = { loyalRegular: 0.4, occasional: 0.3, oneAndDone: 0.2, lapsed: 0.3, bargainHunter: 0.2, guest: 0.25 };

/** Builds baskets from one catalog. */
export class BasketBuilder {
  private readonly byCategory = new Map<CategoryKey, GeneratedProduct[]>();
  private readonly byTag = new Map<string, GeneratedProduct[]>();

  constructor(catalog: Catalog) {
    const append = <K>(map: Map<K, GeneratedProduct[]>, key: K, product: GeneratedProduct) =>
      map
        .set(key, map.get(key) ?? [])
        .get(key)
        ?.push(product);
    for (const product of catalog.products) {
      append(this.byCategory, product.category, product);
      for (const tag of product.tags) append(this.byTag, tag, product);
    }
  }

  /** One basket (at least one line, one line per variant) for a shopper at a retail location, or online when null. */
  build(rng: Rng, shopper: Shopper, location: GeneratedLocation | null): GeneratedLine[] {
    const stocked = (key: CategoryKey): number => (location ? location.categoryWeights[key] : 1) * (this.byCategory.has(key) ? 1 : 0);
    const categories = CATEGORY_KEYS.filter((key) => stocked(key) > 0);
    if (categories.length === 0) throw new Error(`Nothing to sell${location ? ` at ${location.name}` : ""}: the catalog has no products`);
    const lines = new Map<number, GeneratedLine>();
    let picks = 0;
    do {
      const category = rng.weighted(categories, (key) => CATEGORIES[key].share * stocked(key) * (TASTE[shopper][key] ?? 1));
      const product = rng.weighted(this.byCategory.get(category) ?? [], (p) => p.popularity);
      this.add(rng, lines, product, shopper);
      for (const rule of CO_PURCHASE_RULES) {
        if (!product.tags.includes(rule.when) || !rng.chance(rule.probability)) continue;
        const partners = (this.byTag.get(rule.add) ?? []).filter((p) => p.id !== product.id && stocked(p.category) > 0);
        if (partners.length > 0)
          this.add(
            rng,
            lines,
            rng.weighted(partners, (p) => p.popularity),
            shopper,
          );
      }
    } while (++picks < 5 && rng.chance(MORE_ITEMS[shopper]));
    return [...lines.values()];
  }

  private add(rng: Rng, lines: Map<number, GeneratedLine>, product: GeneratedProduct, shopper: Shopper): void {
    const variant = rng.chance(shopper === "bargainHunter" ? 0.85 : 0.55) ? product.variants[0] : rng.pick(product.variants);
    const multiples = product.giftCard ? 0 : product.tags.includes("snack") || product.tags.includes("filters") ? 0.3 : 0.12;
    const quantity = 1 + (rng.chance(multiples) ? 1 : 0) + (rng.chance(multiples / 3) ? 1 : 0);
    const line = lines.get(variant.id);
    if (line) line.quantity += quantity;
    else lines.set(variant.id, { productId: product.id, variantId: variant.id, title: product.title, quantity, price: variant.price });
  }
}
