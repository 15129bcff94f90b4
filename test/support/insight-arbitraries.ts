// Random Insight inputs for property tests: order snapshots (repeated, stale, re-timed, lines dropped and
// re-added, titles missing, guest and member orders, refunds) over a handful of ids, so they collide.
import fc from "fast-check";
import type { InsightOrderInput } from "~/insight/orders";

export const DAYS = ["2026-01-05T10:00:00Z", "2026-01-07T23:30:00Z", "2026-01-12T00:10:00Z", "2026-02-20T12:00:00Z"];
const UPDATED = ["2026-03-01T00:00:00Z", "2026-03-02T00:00:00Z", "2026-03-03T00:00:00Z"];

const line = (orderId: string) =>
  fc.record({
    lineItemId: fc.constantFrom("l1", "l2", "l3").map((l) => `${orderId}-${l}`),
    productId: fc.option(fc.constantFrom("p1", "p2", "p3"), { nil: null }),
    variantId: fc.option(fc.constantFrom("v1", "v2"), { nil: null }),
    title: fc.option(fc.constantFrom("Beans", "Mug", "Grinder"), { nil: null }),
    quantity: fc.integer({ min: 1, max: 4 }),
    grossMinor: fc.integer({ min: 0, max: 50_000 }),
    locationId: fc.option(fc.constantFrom("loc-2"), { nil: null }),
  });

/** One order snapshot as a webhook or the backfill delivers it: orders o1–o4, customers c1–c3, products p1–p3, four days across weeks. */
export const snapshot: fc.Arbitrary<InsightOrderInput> = fc.constantFrom("o1", "o2", "o3", "o4").chain((orderId) =>
  fc.record({
    orderId: fc.constant(orderId),
    customerId: fc.option(fc.constantFrom("c1", "c2", "c3"), { nil: null }),
    customerCreatedAt: fc.option(
      fc.constantFrom(...DAYS).map((d) => new Date(new Date(d).getTime() - 86_400_000 * 3)),
      { nil: null },
    ),
    locationId: fc.option(fc.constantFrom("loc-1", "loc-2"), { nil: null }),
    occurredAt: fc.constantFrom(...DAYS).map((d) => new Date(d)),
    currency: fc.constant("USD"),
    updatedAt: fc.constantFrom(...UPDATED).map((d) => new Date(d)),
    excluded: fc.boolean(),
    lines: fc.uniqueArray(line(orderId), { maxLength: 3, selector: (l) => l.lineItemId }),
    refunds: fc.array(
      fc.record({
        refundId: fc.constantFrom("r1", "r2").map((r) => `${orderId}-${r}`),
        orderId: fc.constant(orderId),
        occurredAt: fc.constantFrom(...DAYS).map((d) => new Date(d)),
        lines: fc.uniqueArray(
          fc.record({
            lineItemId: fc.constantFrom("l1", "l2", "l3").map((l) => `${orderId}-${l}`),
            quantity: fc.integer({ min: 1, max: 3 }),
            amountMinor: fc.option(fc.integer({ min: 0, max: 20_000 }), { nil: null }),
          }),
          { maxLength: 2, selector: (l) => l.lineItemId },
        ),
      }),
      { maxLength: 1 },
    ),
  }),
);
