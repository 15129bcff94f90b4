import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { isNewerSnapshot, type OrderFacts } from "~/earning/orders";
import { aLine, anOrder } from "./factories";

const at = (updatedAt: string, overrides: Partial<OrderFacts> = {}) => anOrder({ updatedAt, ...overrides });

describe("isNewerSnapshot", () => {
  it("GIVEN a later updated_at THEN the incoming snapshot wins, whatever its state", () => {
    const stored = at("2025-03-01T10:00:00Z", { financialStatus: "paid", fulfillmentStatus: "fulfilled" });
    const incoming = at("2025-03-01T10:00:01Z", { financialStatus: "pending" });

    expect(isNewerSnapshot(incoming, stored)).toBe(true);
    expect(isNewerSnapshot(stored, incoming)).toBe(false);
  });

  it("compares instants, not strings (the same moment in two time zones is a tie)", () => {
    const utc = at("2025-03-01T15:00:00Z", { financialStatus: "pending" });
    const eastern = at("2025-03-01T10:00:00-05:00", { financialStatus: "paid" });
    const earlierButLaterString = at("2025-03-01T11:00:00-05:00", { financialStatus: "pending" });

    expect(isNewerSnapshot(eastern, utc)).toBe(true);
    expect(isNewerSnapshot(utc, eastern)).toBe(false);
    expect(isNewerSnapshot(earlierButLaterString, utc)).toBe(true);
  });

  it("GIVEN the same snapshot twice THEN neither is newer", () => {
    const order = at("2025-03-01T10:00:00Z");

    expect(isNewerSnapshot({ ...order }, order)).toBe(false);
  });

  it("GIVEN the same content with its keys in another order (as read back from jsonb) THEN neither is newer", () => {
    const order = at("2025-03-01T10:00:00Z");
    const reordered = Object.fromEntries(Object.entries(order).reverse()) as OrderFacts;

    expect(isNewerSnapshot(reordered, order)).toBe(false);
    expect(isNewerSnapshot(order, reordered)).toBe(false);
  });

  it("GIVEN equal updated_at and equal progress but different content THEN the same one wins whichever arrives first", () => {
    const a = at("2025-03-01T10:00:00Z", { customerId: "c-1" });
    const b = at("2025-03-01T10:00:00Z", { customerId: "c-2" });

    expect(isNewerSnapshot(a, b)).not.toBe(isNewerSnapshot(b, a));
  });

  it.each([
    ["cancellation", { cancelledAt: "2025-03-01T10:00:00Z", financialStatus: "pending" }, { financialStatus: "refunded" }],
    ["payment", { financialStatus: "paid" }, { financialStatus: "pending" }],
    ["a refund", { financialStatus: "partially_refunded" }, { financialStatus: "paid" }],
    ["fulfillment", { fulfillmentStatus: "fulfilled" }, { fulfillmentStatus: "partial" }],
    ["a customer attached to a guest order", { customerId: "c-1" }, { customerId: null }],
  ] as [string, Partial<OrderFacts>, Partial<OrderFacts>][])("GIVEN equal updated_at THEN %s wins the tie", (_, ahead, behind) => {
    const a = at("2025-03-01T10:00:00Z", ahead);
    const b = at("2025-03-01T10:00:00Z", behind);

    expect(isNewerSnapshot(a, b)).toBe(true);
    expect(isNewerSnapshot(b, a)).toBe(false);
  });

  const snapshotArb = fc
    .record({
      second: fc.integer({ min: 0, max: 2 }),
      cancelled: fc.boolean(),
      financialStatus: fc.constantFrom(null, "pending", "authorized", "paid", "partially_refunded", "refunded", "voided"),
      fulfillmentStatus: fc.constantFrom(null, "partial", "fulfilled", "restocked"),
      customerId: fc.constantFrom(null, "c-1", "c-2"),
      netMinor: fc.constantFrom(1000, 2000),
    })
    .map((s) =>
      at(`2025-03-01T10:00:0${s.second}Z`, {
        cancelledAt: s.cancelled ? "2025-03-01T09:59:00Z" : null,
        financialStatus: s.financialStatus,
        fulfillmentStatus: s.fulfillmentStatus,
        customerId: s.customerId,
        lines: [aLine({ lineItemId: "l1", productId: "p1", variantId: "v1", netMinor: s.netMinor })],
      }),
    );

  /** What a store keeps after receiving `snapshots` in this order. */
  const keptAfter = (snapshots: OrderFacts[]) => snapshots.reduce((stored, incoming) => (isNewerSnapshot(incoming, stored) ? incoming : stored));

  it("keeps the same snapshot whatever order the snapshots arrive in (property)", () => {
    fc.assert(
      fc.property(
        fc
          .array(snapshotArb, { minLength: 1, maxLength: 6 })
          .chain((snapshots) => fc.tuple(fc.constant(snapshots), fc.shuffledSubarray(snapshots, { minLength: snapshots.length }))),
        ([snapshots, shuffled]) => {
          expect(keptAfter(shuffled)).toEqual(keptAfter(snapshots));
        },
      ),
      { numRuns: 500 },
    );
  });

  it("is a strict order: never both ways, and exactly one way for different snapshots (property)", () => {
    fc.assert(
      fc.property(snapshotArb, snapshotArb, (a, b) => {
        expect(isNewerSnapshot(a, b) && isNewerSnapshot(b, a)).toBe(false);
        expect(isNewerSnapshot(a, a)).toBe(false);
        if (JSON.stringify(a) !== JSON.stringify(b)) expect(isNewerSnapshot(a, b) || isNewerSnapshot(b, a)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
