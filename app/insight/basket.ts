// Market basket rules: how often two things are bought in the same order, compared with chance.

/** Counts for one pair within a window: orders in the window, orders with a, with b, and with both. */
export type PairCounts = { orders: number; ordersA: number; ordersB: number; ordersBoth: number };

export type PairStats = {
  /** Share of all orders holding both. */
  support: number;
  /** Share of orders with a that also hold b. */
  confidence: number;
  /** Share of orders with b that also hold a. */
  confidenceReverse: number;
  /** How many times more often the two are bought together than if they were independent. */
  lift: number;
  /** True when "together" is well above chance (lift and a one-sided Poisson z-score both clear their bars). */
  significant: boolean;
};

/** Pairs bought together in fewer orders than this are not shown unless the merchant asks. */
export const DEFAULT_MIN_ORDERS = 5;
/** A pair is worth acting on when it is bought together at least this much more than by chance... */
export const SIGNIFICANT_LIFT = 1.5;
/** ...and the excess is this many standard deviations above the count expected by chance. */
export const SIGNIFICANT_Z = 4;

/** Support, confidence and lift of one pair; zero counts give zeros, never NaN. */
export function pairStats(c: PairCounts): PairStats {
  const ratio = (num: number, den: number) => (den > 0 ? num / den : 0);
  const expected = ratio(c.ordersA * c.ordersB, c.orders);
  const lift = ratio(c.ordersBoth, expected);
  const z = expected > 0 ? (c.ordersBoth - expected) / Math.sqrt(expected) : 0;
  return {
    support: ratio(c.ordersBoth, c.orders),
    confidence: ratio(c.ordersBoth, c.ordersA),
    confidenceReverse: ratio(c.ordersBoth, c.ordersB),
    lift,
    significant: lift >= SIGNIFICANT_LIFT && z >= SIGNIFICANT_Z,
  };
}

/** Highest lift first; ties by more orders together, then by the pair's keys so the order is stable. */
export function byLift<T extends { lift: number; orders: number; key: string }>(a: T, b: T): number {
  return b.lift - a.lift || b.orders - a.orders || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

// --- The basket analysis's answer (app/insight/basket.server.ts) ---

export type Item = { productId: string; title: string | null };

export type ProductPair = { a: Item; b: Item; orders: number } & PairStats;

export type CategoryPair = { a: string; b: string; orders: number } & PairStats;

export type Basket = { orders: number; minOrders: number; pairs: ProductPair[]; categoryPairs: CategoryPair[] };
