/** A seeded, streaming order history: seasonality, persona-driven customers, co-purchases, channels and follow-ups. */
import { BasketBuilder, type Shopper } from "./basket";
import { DAY_MS, dayFactor, orderTimes, periodOf, storeIsOpen, type Period } from "./calendar";
import { followUpEvents } from "./events";
import { centsToDecimal, decimalToCents } from "./ids";
import { createRng, pickCumulative, type Rng, type Seed } from "./random";
import type { AppliedDiscount, Catalog, GeneratedCustomer, GeneratedDiscount, GeneratedFinancialStatus, GeneratedLine, GeneratedOrder, Persona } from "./types";

export interface OrderOptions {
  customers: readonly GeneratedCustomer[];
  catalog: Catalog;
  /** Length of the period in whole UTC days (default 90). */
  days?: number;
  /** The period ends where this date's UTC day begins (default DEFAULT_END_DATE). */
  endDate?: string | Date;
  /**
   * Mean orders per day, guests included. Without it, volume follows the customers' own rhythm
   * (a regular every ~2 weeks, …) and grows with their number; with it, personas keep their relative rates.
   */
  ordersPerDay?: number;
  /** Share of guest checkouts (default 0.1). */
  guestShare?: number;
  /** Share of test orders (default 0.005). */
  testShare?: number;
}

/** Orders per day per customer of each persona while active. */
export const PERSONA_RATES: Record<Persona, number> = { loyalRegular: 1 / 14, occasional: 1 / 45, oneAndDone: 1 / 50, lapsed: 1 / 18, bargainHunter: 1 / 30 };
/** Lapsed customers stop ordering somewhere in this stretch of the period (so never in its last half). */
export const LAPSE_WINDOW = [0.1, 0.5] as const;

const POS_SHARE: Record<Shopper, number> = { loyalRegular: 0.35, occasional: 0.2, oneAndDone: 0.15, lapsed: 0.2, bargainHunter: 0.1, guest: 0.3 };
const DISCOUNT_SHARE: Record<Shopper, number> = { loyalRegular: 0.12, occasional: 0.08, oneAndDone: 0.25, lapsed: 0.1, bargainHunter: 0.65, guest: 0.06 };
const FAVOURITE_CODE: Record<Shopper, string> = {
  loyalRegular: "LOYAL5",
  occasional: "SAVE15",
  oneAndDone: "WELCOME10",
  lapsed: "SAVE15",
  bargainHunter: "BREW20",
  guest: "WELCOME10",
};

/** Per-customer state, in typed arrays so a day's choice is one pass over them. */
class Customers {
  readonly rate: Float64Array;
  readonly cumulative: Float64Array;
  /** First and past-last day of the period on which the customer may order. */
  readonly from: Int32Array;
  readonly until: Int32Array;
  /** Index of the customer's usual retail store. */
  readonly home: Int32Array;
  /** 1 once a one-and-done customer has ordered. */
  readonly done: Uint8Array;

  constructor(
    rng: Rng,
    readonly list: readonly GeneratedCustomer[],
    period: Period,
    stores: number,
  ) {
    const n = list.length;
    this.rate = new Float64Array(n);
    this.cumulative = new Float64Array(n);
    this.from = new Int32Array(n);
    this.until = new Int32Array(n);
    this.home = new Int32Array(n);
    this.done = new Uint8Array(n);
    list.forEach((customer, i) => {
      this.rate[i] = PERSONA_RATES[customer.persona];
      this.from[i] = Math.floor((new Date(customer.createdAt).getTime() - period.startMs) / DAY_MS) + 1;
      this.until[i] = customer.persona === "lapsed" ? Math.floor(period.days * rng.between(LAPSE_WINDOW[0], LAPSE_WINDOW[1])) : period.days;
      this.home[i] = rng.int(0, Math.max(0, stores - 1));
    });
  }

  /** Refreshes the running weights for `day`; returns their total (0 when nobody can order). */
  weigh(day: number): number {
    let total = 0;
    for (let i = 0; i < this.list.length; i++) {
      total += day >= this.from[i] && day < this.until[i] && this.done[i] === 0 ? this.rate[i] : 0;
      this.cumulative[i] = total;
    }
    return total;
  }

  /** A customer active today, by rate, or -1 when none is left; one-and-done customers are used up by their first order. */
  pick(rng: Rng): number {
    const n = this.list.length;
    const available = (i: number): boolean => this.done[i] === 0 && this.cumulative[i] > (i > 0 ? this.cumulative[i - 1] : 0);
    let i = pickCumulative(rng, this.cumulative, n);
    for (let retry = 0; retry < 4 && !available(i); retry++) i = pickCumulative(rng, this.cumulative, n);
    for (let step = 0; step < n && !available(i); step++) i = (i + 1) % n;
    if (!available(i)) return -1;
    if (this.list[i].persona === "oneAndDone") this.done[i] = 1;
    return i;
  }
}

function applyDiscount(rng: Rng, discounts: GeneratedDiscount[], shopper: Shopper, lines: GeneratedLine[], giftCards: Set<number>): AppliedDiscount[] {
  const subtotal = lines.filter((l) => !giftCards.has(l.productId)).reduce((sum, l) => sum + decimalToCents(l.price) * l.quantity, 0);
  if (subtotal === 0 || discounts.length === 0) return [];
  const discount = (rng.chance(0.7) && discounts.find((d) => d.code === FAVOURITE_CODE[shopper])) || rng.pick(discounts);
  const off = discount.type === "percentage" ? Math.round((subtotal * Number(discount.value)) / 100) : Math.min(subtotal, decimalToCents(discount.value));
  return [{ ...discount, amount: centsToDecimal(off) }];
}

/** Lazily yields the period's orders, oldest first; the same seed and options always give the same stream. */
export function* generateOrders(seed: Seed, opts: OrderOptions): Generator<GeneratedOrder, void, undefined> {
  const { catalog, guestShare = 0.1, testShare = 0.005 } = opts;
  if (guestShare < 0 || guestShare > 1) throw new Error(`guestShare must be within [0, 1], got ${guestShare}`);
  const rng = createRng(seed).fork("orders");
  const period = periodOf(opts.endDate, opts.days ?? 90);
  const stores = catalog.locations.filter((l) => l.kind === "retail");
  const customers = new Customers(rng.fork("customers"), opts.customers, period, stores.length);
  const basket = new BasketBuilder(catalog);
  const giftCards = new Set(catalog.products.filter((p) => p.giftCard).map((p) => p.id));
  let sequence = 0;
  for (let day = 0; day < period.days; day++) {
    const members = customers.weigh(day);
    const mean = opts.ordersPerDay ?? (guestShare < 1 ? members / (1 - guestShare) : 0);
    const dayStart = period.startMs + day * DAY_MS;
    for (const at of orderTimes(rng, dayStart, rng.poisson(mean * dayFactor(period, day)))) {
      const index = members === 0 || rng.chance(guestShare) ? -1 : customers.pick(rng);
      const customer = index < 0 ? null : customers.list[index];
      const shopper: Shopper = customer?.persona ?? "guest";
      const pos = stores.length > 0 && storeIsOpen(at) && rng.chance(POS_SHARE[shopper]);
      const location = !pos ? null : customer && rng.chance(0.85) ? stores[customers.home[index]] : rng.pick(stores);
      const lines = basket.build(rng, shopper, location);
      const financialStatus: GeneratedFinancialStatus = pos
        ? "paid"
        : rng.weighted(["paid", "pending", "authorized"] as const, (s) => (s === "paid" ? 96 : s === "pending" ? 3 : 1));
      const discountCodes = rng.chance(DISCOUNT_SHARE[shopper]) ? applyDiscount(rng, catalog.discounts, shopper, lines, giftCards) : [];
      const refundable = lines.map((line) => !giftCards.has(line.productId));
      yield {
        key: `order-${String(++sequence).padStart(7, "0")}`,
        createdAt: new Date(at).toISOString(),
        customerId: customer?.id ?? null,
        email: customer?.email ?? `guest.${rng.int(1, Math.max(50, Math.round(opts.customers.length / 2)))}@example.org`,
        lines,
        discountCodes,
        locationId: location?.id ?? null,
        sourceName: pos ? "pos" : "web",
        test: rng.chance(testShare),
        financialStatus,
        events: followUpEvents(rng, { createdMs: at, endMs: period.endMs, source: pos ? "pos" : "web", financialStatus, lines, refundable }),
      };
    }
  }
}
