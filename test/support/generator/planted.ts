/**
 * A small shop history with planted truths for Insight's analyses, and its null twin without them:
 * - a product pair bought together three times more often than chance (lift ≈ 3);
 * - one location selling a category 30% below what the chain-wide mix predicts (gap ≈ −0.3);
 * - members who stopped ordering long after their own, known, usual interval;
 * - frequent buyers whose balances stall just below a reward's cost (balances to set), beside passive holders;
 * - a survey cohort whose stated favourite category and frequency contradict what they buy.
 * The null twin has the same shape and volume: independent products, the same mix everywhere, nobody lapsed,
 * balances far from the reward, truthful answers. Every order is paid and kept (no refunds, no tests), so the
 * truths are exactly what was planted.
 */
import { DAY_MS, DEFAULT_END_DATE, periodOf } from "./calendar";
import { generateCatalog } from "./catalog";
import { CATEGORIES } from "./catalog-data";
import { generatedId } from "./ids";
import { createRng, type Rng, type Seed } from "./random";
import type { Catalog, CategoryKey, GeneratedCustomer, GeneratedLine, GeneratedOrder, GeneratedProduct, Persona } from "./types";

export interface PlantedOptions {
  /** True: the null twin, with no truth planted. */
  null?: boolean;
  /** Length of the history in whole UTC days (default 365), ending where `endDate`'s UTC day begins. */
  days?: number;
  endDate?: string;
  /** Regular members (default 240); 20 lapsed and 30 passive members come on top. */
  regulars?: number;
}

export interface PlantedTruths {
  /** The last day of the history (the `to` an analysis of the whole period is asked with), YYYY-MM-DD. */
  to: string;
  from: string;
  /** Products bought together three times more often than chance (null in the null twin). */
  pair: { a: GeneratedProduct; b: GeneratedProduct; lift: number } | null;
  /** The under-selling location × category (category as Shopify's product_type). */
  underSold: { locationId: number; category: string; gapRatio: number } | null;
  /** Members who stopped ordering; usualIntervalDays as planted (orders come every interval ± 20%). */
  lapsed: { customerId: number; usualIntervalDays: number; lastOrderAt: string }[];
  /** What a reward costs in points; balances below are set against it. */
  rewardCost: number;
  /** Frequent buyers to hold 80–98% of rewardCost (10–40% in the null twin). */
  nearThreshold: { customerId: number; balance: number }[];
  /** Members with one order in the year holding a few points (harmless breakage). */
  passive: { customerId: number; balance: number }[];
  /** Survey answers (question keys favourite_category and orders_per_month), one pair per respondent. */
  survey: { customerId: number; question: "favourite_category" | "orders_per_month"; answer: string }[];
  /** Respondents whose answers contradict their purchases (empty in the null twin). */
  surveyCohort: number[];
}

export interface PlantedDataset {
  catalog: Catalog;
  customers: GeneratedCustomer[];
  /** Oldest first. */
  orders: GeneratedOrder[];
  truths: PlantedTruths;
}

/** Categories the planted baskets draw from (gift cards are left out: they are not merchandise). */
const SOLD: CategoryKey[] = ["coffee", "tea", "gear", "mugs", "snacks"];
const INTERVALS = [7, 10, 14, 21, 30];
const PAIR_A_SHARE = 0.1;
const PAIR_B_SHARE = 0.1;
const PAIR_LIFT = 3;
const GAP = -0.3;
const FAVOURITE_SHARE = 0.6;
const LAPSED = 20;
const PASSIVE = 30;
const NEAR_THRESHOLD = 12;
const RESPONDENTS = 100;
const COHORT = 40;
const REWARD_COST = 500;

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The same seed and options always give the same dataset. */
export function generatePlanted(seed: Seed, opts: PlantedOptions = {}): PlantedDataset {
  const planted = !opts.null;
  const rng = createRng(seed).fork(planted ? "planted" : "planted-null");
  const period = periodOf(opts.endDate ?? DEFAULT_END_DATE, opts.days ?? 365);
  const catalog = generateCatalog(seed);
  for (const location of catalog.locations) location.categoryWeights = { coffee: 1, tea: 1, gear: 1, mugs: 1, giftCards: 1, snacks: 1 };
  const byCategory = new Map(SOLD.map((key) => [key, catalog.products.filter((p) => p.category === key)]));
  const pairA = byCategory.get("mugs")![0];
  const pairB = byCategory.get("snacks")![0];
  // The pair's products are only ever added by the pair rule, so their shares and lift are exactly as planted.
  for (const key of SOLD)
    byCategory.set(
      key,
      byCategory.get(key)!.filter((p) => p !== pairA && p !== pairB),
    );
  const gapLocation = catalog.locations[2];
  // Substituting a share p of tea lines at one of k equal stores gives (1 − p) / (1 − p / k) − 1 = GAP.
  const substitute = planted ? -GAP / (1 - (1 + GAP) / catalog.locations.length) : 0;
  const bGivenA = planted ? PAIR_LIFT * PAIR_B_SHARE : PAIR_B_SHARE;
  const bGivenNotA = (PAIR_B_SHARE - PAIR_A_SHARE * bGivenA) / (1 - PAIR_A_SHARE);

  const pickProduct = (r: Rng, category: CategoryKey) => r.weighted(byCategory.get(category)!, (p) => p.popularity);
  const baseCategory = (r: Rng, favourite: CategoryKey | null): CategoryKey =>
    favourite && r.chance(FAVOURITE_SHARE) ? favourite : r.weighted(SOLD, (key) => CATEGORIES[key].share);
  const line = (r: Rng, product: GeneratedProduct): GeneratedLine => {
    const variant = product.variants[0];
    return { productId: product.id, variantId: variant.id, title: product.title, quantity: 1, price: variant.price };
  };

  function basket(r: Rng, favourite: CategoryKey | null, locationIndex: number): GeneratedLine[] {
    const count = r.weighted([1, 2, 3], (n) => [0.55, 0.3, 0.15][n - 1]);
    const products = new Map<number, GeneratedProduct>();
    while (products.size < count) {
      // Only the first line leans to the customer's favourite: a taste shared by every line of a basket would
      // tie products of one category together (a real association, which the null twin must not have).
      let category = baseCategory(r, products.size === 0 ? favourite : null);
      if (category === "tea" && catalog.locations[locationIndex] === gapLocation && r.chance(substitute)) {
        category = r.weighted(
          SOLD.filter((key) => key !== "tea"),
          (key) => CATEGORIES[key].share,
        );
      }
      const product = pickProduct(r, category);
      products.set(product.id, product);
    }
    const hasA = r.chance(PAIR_A_SHARE);
    if (hasA) products.set(pairA.id, pairA);
    if (r.chance(hasA ? bGivenA : bGivenNotA)) products.set(pairB.id, pairB);
    return [...products.values()].map((p) => line(r, p));
  }

  const customers: GeneratedCustomer[] = [];
  const orders: GeneratedOrder[] = [];
  const addCustomer = (persona: Persona): GeneratedCustomer => {
    const n = customers.length + 1;
    const customer: GeneratedCustomer = {
      id: generatedId("customer", n),
      email: `planted.${n}@example.com`,
      firstName: "Planted",
      lastName: `Customer ${n}`,
      createdAt: new Date(Math.floor((period.startMs - rng.between(30, 400) * DAY_MS) / 1000) * 1000).toISOString(),
      acceptsMarketing: true,
      tags: [],
      persona,
    };
    customers.push(customer);
    return customer;
  };
  const addOrder = (r: Rng, at: number, customer: GeneratedCustomer | null, favourite: CategoryKey | null) => {
    const locationIndex = r.int(0, catalog.locations.length - 1);
    const location = catalog.locations[locationIndex];
    const dayStart = Math.floor(at / DAY_MS) * DAY_MS;
    orders.push({
      key: "",
      // Store hours, whole seconds.
      createdAt: new Date(dayStart + Math.floor(r.between(9, 18) * 3600) * 1000).toISOString(),
      customerId: customer?.id ?? null,
      email: customer?.email ?? `planted.guest.${r.int(1, 200)}@example.org`,
      lines: basket(r, favourite, locationIndex),
      discountCodes: [],
      locationId: location.id,
      sourceName: location.kind === "retail" ? "pos" : "web",
      test: false,
      financialStatus: "paid",
      events: [],
    });
  };
  /** Orders every `interval` days ± 20% from a random start until `until`; returns the last order's time. */
  const rhythm = (r: Rng, customer: GeneratedCustomer, interval: number, until: number, favourite: CategoryKey | null): number => {
    let at = period.startMs + r.between(0, interval) * DAY_MS;
    let last = at;
    while (at < until) {
      addOrder(r, at, customer, favourite);
      last = Math.floor(at / DAY_MS) * DAY_MS;
      at += interval * r.between(0.8, 1.2) * DAY_MS;
    }
    return last;
  };

  const truths: PlantedTruths = {
    from: isoDay(period.startMs),
    to: isoDay(period.endMs - DAY_MS),
    pair: planted ? { a: pairA, b: pairB, lift: PAIR_LIFT } : null,
    underSold: planted ? { locationId: gapLocation.id, category: CATEGORIES.tea.title, gapRatio: GAP } : null,
    lapsed: [],
    rewardCost: REWARD_COST,
    nearThreshold: [],
    passive: [],
    survey: [],
    surveyCohort: [],
  };

  const regulars = opts.regulars ?? 240;
  for (let i = 0; i < regulars; i++) {
    const r = rng.fork(`regular-${i}`);
    const customer = addCustomer("loyalRegular");
    const responds = i < RESPONDENTS;
    // Respondents buy at 10–30 days (a stated frequency a month can be checked); the near-threshold ones often.
    const interval = responds ? r.pick(INTERVALS.slice(1)) : i < RESPONDENTS + NEAR_THRESHOLD ? r.pick([7, 10]) : r.pick(INTERVALS);
    const favourite = r.pick(SOLD);
    rhythm(r, customer, interval, period.endMs, favourite);
    if (responds) {
      const lies = planted && i < COHORT;
      const stated = lies ? r.pick(SOLD.filter((key) => key !== favourite)) : favourite;
      truths.survey.push(
        { customerId: customer.id, question: "favourite_category", answer: CATEGORIES[stated].title },
        { customerId: customer.id, question: "orders_per_month", answer: lies ? "8" : String(Math.round(30 / interval)) },
      );
      if (lies) truths.surveyCohort.push(customer.id);
    } else if (i < RESPONDENTS + NEAR_THRESHOLD) {
      const share = planted ? r.between(0.8, 0.98) : r.between(0.1, 0.4);
      truths.nearThreshold.push({ customerId: customer.id, balance: Math.round(REWARD_COST * share) });
    }
  }
  for (let i = 0; i < LAPSED; i++) {
    const r = rng.fork(`lapsed-${i}`);
    const customer = addCustomer(planted ? "lapsed" : "loyalRegular");
    const interval = r.pick([7, 10, 14]);
    const silence = planted ? interval * r.between(4, 6) : 0;
    const last = rhythm(r, customer, interval, period.endMs - silence * DAY_MS, r.pick(SOLD));
    if (planted) truths.lapsed.push({ customerId: customer.id, usualIntervalDays: interval, lastOrderAt: new Date(last).toISOString() });
  }
  for (let i = 0; i < PASSIVE; i++) {
    const r = rng.fork(`passive-${i}`);
    const customer = addCustomer("oneAndDone");
    addOrder(r, period.startMs + r.between(0, period.days - 1) * DAY_MS, customer, null);
    truths.passive.push({ customerId: customer.id, balance: r.int(20, 150) });
  }
  // Guests: a tenth of the members' volume, spread over the period.
  const guests = rng.fork("guests");
  const guestOrders = Math.round(orders.length / 9);
  for (let i = 0; i < guestOrders; i++) addOrder(guests, period.startMs + guests.between(0, period.days) * DAY_MS, null, null);

  orders.sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));
  orders.forEach((order, i) => (order.key = `order-${String(i + 1).padStart(7, "0")}`));
  for (const lapsed of truths.lapsed) {
    // The last order's own time (the rhythm reports its day).
    const last = orders.filter((o) => o.customerId === lapsed.customerId).at(-1);
    if (last) lapsed.lastOrderAt = last.createdAt;
  }
  return { catalog, customers, orders, truths };
}
