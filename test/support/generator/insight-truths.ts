// Order histories with planted truths for Insight's health, trends and members analyses, straight in the shape
// Insight ingests (app/insight/orders.ts): customers join at staggered weeks (their earlier orders are linked
// guest orders, placed before the record's created_at), guests never join, and a mild 13-week season moves
// everyone alike. Planted: a holiday week in which staff stop asking for the loyalty id (most member orders go
// in as guest orders: a capture-rate dip), and members who buy more often and more per order once they join.
// With `planted: false` neither is there: a null dataset on which nothing should be found.
import type { InsightOrderInput } from "~/insight/orders";
import { createRng } from "./random";

export type InsightTruthOptions = {
  seed?: number;
  /** Monday of the first week (YYYY-MM-DD). */
  start?: string;
  weeks?: number;
  customers?: number;
  guestsPerWeek?: number;
  /** false: the null dataset (no dip, no member uplift). */
  planted?: boolean;
  /** Week index of the holiday dip. */
  dipWeek?: number;
  /** Share of member orders entered as guest orders in the dip week. */
  dipShare?: number;
  /** Once joined: order frequency × frequencyUplift, order value × valueUplift. */
  frequencyUplift?: number;
  valueUplift?: number;
};

export type InsightTruths = {
  orders: InsightOrderInput[];
  customers: { customerId: string; memberSince: Date }[];
  /** The dip week's Monday, when planted. */
  dipWeekStart: string | null;
  weekStarts: string[];
};

const DAY = 86_400_000;

export function generateInsightTruths(options: InsightTruthOptions = {}): InsightTruths {
  const rng = createRng(options.seed ?? 12);
  const start = Date.parse(`${options.start ?? "2026-01-05"}T00:00:00Z`);
  const weeks = options.weeks ?? 40;
  const planted = options.planted ?? true;
  const dipWeek = options.dipWeek ?? 30;
  const dipShare = planted ? (options.dipShare ?? 0.6) : 0;
  const frequencyUplift = planted ? (options.frequencyUplift ?? 1.5) : 1;
  const valueUplift = planted ? (options.valueUplift ?? 1.1) : 1;
  const season = (w: number) => 1 + 0.15 * Math.sin((2 * Math.PI * w) / 13);
  const orders: InsightOrderInput[] = [];
  let n = 0;
  const place = (at: number, customer: { id: string; since: Date } | null, valueMinor: number) => {
    n += 1;
    const occurredAt = new Date(at);
    const units = rng.int(1, 3);
    const unit = Math.max(100, Math.round(valueMinor / units));
    orders.push({
      orderId: `t-${n}`,
      customerId: customer?.id ?? null,
      customerCreatedAt: customer?.since ?? null,
      locationId: rng.chance(0.5) ? "store-1" : "store-2",
      occurredAt,
      currency: "USD",
      updatedAt: occurredAt,
      excluded: false,
      lines: [
        { lineItemId: `t-${n}-1`, productId: `p-${rng.int(1, 6)}`, variantId: null, title: null, quantity: units, grossMinor: unit * units, locationId: null },
      ],
      refunds: [],
    });
  };
  const customers: InsightTruths["customers"] = [];
  for (let c = 0; c < (options.customers ?? 600); c++) {
    const id = `c-${c + 1}`;
    const rate = rng.between(0.15, 0.45);
    const value = rng.between(3000, 6000);
    const joinWeek = rng.int(4, weeks - 5);
    const since = new Date(start + joinWeek * 7 * DAY + rng.int(0, 6) * DAY + rng.int(0, 86_399) * 1000);
    customers.push({ customerId: id, memberSince: since });
    for (let w = 0; w < weeks; w++) {
      for (let k = rng.poisson(rate * season(w) * frequencyUplift); k > 0; k--) {
        const at = start + w * 7 * DAY + rng.int(0, 7 * 86_400 - 1) * 1000;
        const member = at >= since.getTime();
        const count = member ? 1 : 1 / frequencyUplift;
        // Before joining the customer buys at the base rate: thin the uplifted draws.
        if (!member && !rng.chance(count)) continue;
        const minor = Math.round(value * (member ? valueUplift : 1) * rng.between(0.7, 1.3));
        // The holiday week: staff stop asking for the loyalty id, so the member checks out as a guest.
        const asGuest = member && w === dipWeek && rng.chance(dipShare);
        place(at, asGuest ? null : { id, since }, minor);
      }
    }
  }
  for (let w = 0; w < weeks; w++) {
    for (let k = rng.poisson((options.guestsPerWeek ?? 60) * season(w)); k > 0; k--) {
      place(start + w * 7 * DAY + rng.int(0, 7 * 86_400 - 1) * 1000, null, Math.round(rng.between(3000, 6000) * rng.between(0.7, 1.3)));
    }
  }
  orders.sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
  const weekStarts = Array.from({ length: weeks }, (_, w) => new Date(start + w * 7 * DAY).toISOString().slice(0, 10));
  return { orders, customers, dipWeekStart: planted ? weekStarts[dipWeek] : null, weekStarts };
}
