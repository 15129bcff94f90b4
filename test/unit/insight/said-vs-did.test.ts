import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { frequencyMismatch, mismatchRate, parseStatedFrequency, sameCategory } from "~/insight/said-vs-did";

describe("said vs did", () => {
  it("GIVEN stated frequencies WHEN parsed THEN numbers, ranges and open ranges are understood; words are not", () => {
    expect(parseStatedFrequency("2")).toEqual({ low: 2, high: 2 });
    expect(parseStatedFrequency(" 2-3 ")).toEqual({ low: 2, high: 3 });
    expect(parseStatedFrequency("4+")).toEqual({ low: 4, high: Number.POSITIVE_INFINITY });
    expect(parseStatedFrequency("0.5")).toEqual({ low: 0.5, high: 0.5 });
    expect(parseStatedFrequency("often")).toBeNull();
    expect(parseStatedFrequency("3-1")).toBeNull();
  });

  it("GIVEN 'four a month' WHEN the customer really orders 0.5 a month THEN mismatch; 3.5 a month THEN consistent", () => {
    expect(frequencyMismatch({ low: 4, high: 4 }, 0.5)).toBe(true);
    expect(frequencyMismatch({ low: 4, high: 4 }, 3.5)).toBe(false);
  });

  it("GIVEN category names spelled differently WHEN compared THEN equal; different categories THEN not", () => {
    expect(sameCategory("Gift cards", "gift-cards")).toBe(true);
    expect(sameCategory("Café", "cafe")).toBe(true);
    expect(sameCategory("Tea", "Coffee")).toBe(false);
    expect(sameCategory("", "")).toBe(false);
  });

  it("PROPERTY: a stated number always matches itself; the mismatch rate is a fraction", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100 }), fc.nat(50), fc.nat(50), (n, a, b) => {
        const stated = parseStatedFrequency(String(n));
        expect(stated).not.toBeNull();
        expect(frequencyMismatch(stated!, n)).toBe(false);
        const rate = mismatchRate(Math.min(a, b), Math.max(a, b));
        expect(rate >= 0 && rate <= 1).toBe(true);
      }),
    );
  });
});
