import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { byLift, pairStats } from "~/insight/basket";

describe("basket pair statistics", () => {
  it("GIVEN 1000 orders, 100 with a, 100 with b, 30 with both WHEN scored THEN support 0.03, confidence 0.3, lift 3, significant", () => {
    const s = pairStats({ orders: 1000, ordersA: 100, ordersB: 100, ordersBoth: 30 });
    expect(s.support).toBeCloseTo(0.03, 12);
    expect(s.confidence).toBeCloseTo(0.3, 12);
    expect(s.confidenceReverse).toBeCloseTo(0.3, 12);
    expect(s.lift).toBeCloseTo(3, 12);
    expect(s.significant).toBe(true);
  });

  it("GIVEN independent products (both = a·b/n) WHEN scored THEN lift 1 and not significant", () => {
    const s = pairStats({ orders: 1000, ordersA: 200, ordersB: 100, ordersBoth: 20 });
    expect(s.lift).toBeCloseTo(1, 12);
    expect(s.significant).toBe(false);
  });

  it("GIVEN no orders WHEN scored THEN zeros, never NaN", () => {
    expect(pairStats({ orders: 0, ordersA: 0, ordersB: 0, ordersBoth: 0 })).toEqual({
      support: 0,
      confidence: 0,
      confidenceReverse: 0,
      lift: 0,
      significant: false,
    });
  });

  it("PROPERTY: support and confidences are fractions, lift = confidence / P(b), symmetric in a and b", () => {
    const counts = fc
      .record({
        orders: fc.integer({ min: 1, max: 100_000 }),
        a: fc.double({ min: 0, max: 1, noNaN: true }),
        b: fc.double({ min: 0, max: 1, noNaN: true }),
        both: fc.double({ min: 0, max: 1, noNaN: true }),
      })
      .map(({ orders, a, b, both }) => {
        const ordersA = Math.round(a * orders);
        const ordersB = Math.round(b * orders);
        return { orders, ordersA, ordersB, ordersBoth: Math.round(both * Math.min(ordersA, ordersB)) };
      });
    fc.assert(
      fc.property(counts, (c) => {
        const s = pairStats(c);
        const r = pairStats({ ...c, ordersA: c.ordersB, ordersB: c.ordersA });
        for (const v of [s.support, s.confidence, s.confidenceReverse]) expect(v >= 0 && v <= 1).toBe(true);
        expect(s.lift).toBeCloseTo(r.lift, 9);
        expect(s.confidence).toBeCloseTo(r.confidenceReverse, 12);
        if (c.ordersB > 0 && c.ordersA > 0) expect(s.lift).toBeCloseTo(s.confidence / (c.ordersB / c.orders), 9);
        expect(Number.isFinite(s.lift)).toBe(true);
      }),
    );
  });

  it("PROPERTY: byLift sorts highest lift first and is a total order", () => {
    const row = fc.record({ lift: fc.double({ min: 0, max: 10, noNaN: true }), orders: fc.nat(100), key: fc.string({ maxLength: 4 }) });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 30 }), (rows) => {
        const sorted = [...rows].sort(byLift);
        for (let i = 1; i < sorted.length; i++) expect(sorted[i - 1].lift).toBeGreaterThanOrEqual(sorted[i].lift);
        expect([...rows].reverse().sort(byLift)).toEqual(sorted);
      }),
    );
  });
});
