import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { applyMultipliers, pointsForMoney, proportionalShare } from "~/earning/rounding";

describe("pointsForMoney", () => {
  it("GIVEN 12.99 at 1 point per unit THEN earns 12 (rounded down)", () => {
    expect(pointsForMoney(1299, 1, 2)).toBe(12);
  });

  it("multiplies by the rate before rounding down", () => {
    expect(pointsForMoney(1299, 10, 2)).toBe(129);
    expect(pointsForMoney(1, 100, 2)).toBe(1);
    expect(pointsForMoney(99, 1, 2)).toBe(0);
  });

  it("uses the currency's digits (JPY 0, KWD 3)", () => {
    expect(pointsForMoney(1500, 1, 0)).toBe(1500);
    expect(pointsForMoney(12_999, 1, 3)).toBe(12);
    expect(pointsForMoney(12_999, 1000, 3)).toBe(12_999);
  });

  it("earns nothing for no money, negative money or a zero rate", () => {
    expect(pointsForMoney(0, 5, 2)).toBe(0);
    expect(pointsForMoney(-500, 5, 2)).toBe(0);
    expect(pointsForMoney(500, 0, 2)).toBe(0);
  });

  it("stays exact where floats would not (large amounts)", () => {
    expect(pointsForMoney(Number.MAX_SAFE_INTEGER, 1000, 2)).toBe(Math.floor(Number((BigInt(Number.MAX_SAFE_INTEGER) * 1000n) / 100n)));
    expect(pointsForMoney(900_719_925_474_099, 10, 2)).toBe(90_071_992_547_409);
  });

  it("equals floor(minor * rate / 10^digits) and is monotone (property)", () => {
    fc.assert(
      fc.property(fc.nat({ max: 1e9 }), fc.nat({ max: 1e9 }), fc.nat({ max: 1000 }), fc.constantFrom(0, 2, 3), (a, b, rate, digits) => {
        expect(pointsForMoney(a, rate, digits)).toBe(Math.floor((a * rate) / 10 ** digits));
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(pointsForMoney(lo, rate, digits)).toBeLessThanOrEqual(pointsForMoney(hi, rate, digits));
        // Splitting money never earns more than keeping it together.
        expect(pointsForMoney(a, rate, digits) + pointsForMoney(b, rate, digits)).toBeLessThanOrEqual(pointsForMoney(a + b, rate, digits));
      }),
    );
  });
});

describe("applyMultipliers", () => {
  it("leaves points alone with no multipliers or 100%", () => {
    expect(applyMultipliers(37, [])).toBe(37);
    expect(applyMultipliers(37, [100])).toBe(37);
  });

  it("GIVEN 5 points at 150% twice THEN rounds once at the end (11, not 10)", () => {
    expect(applyMultipliers(5, [150, 150])).toBe(11);
    expect(Math.floor(Math.floor(5 * 1.5) * 1.5)).toBe(10);
  });

  it("rounds down a fractional result", () => {
    expect(applyMultipliers(3, [150])).toBe(4);
    expect(applyMultipliers(1, [199])).toBe(1);
  });

  it("treats negative percents as zero and truncates fractional percents", () => {
    expect(applyMultipliers(100, [-50])).toBe(0);
    expect(applyMultipliers(100, [150.9])).toBe(150);
  });

  it("gives nothing for no points", () => {
    expect(applyMultipliers(0, [200])).toBe(0);
    expect(applyMultipliers(-10, [200])).toBe(0);
  });

  it("does not depend on the order of the multipliers (property)", () => {
    fc.assert(
      fc.property(fc.nat({ max: 1e6 }), fc.array(fc.integer({ min: 0, max: 500 }), { maxLength: 4 }), (points, percents) => {
        expect(applyMultipliers(points, [...percents].reverse())).toBe(applyMultipliers(points, percents));
      }),
    );
  });
});

describe("proportionalShare", () => {
  it("GIVEN 10.00 for 3 items WHEN 1 is taken THEN 3.33 (rounded down)", () => {
    expect(proportionalShare(1000, 1, 3)).toBe(333);
    expect(proportionalShare(1000, 3, 3)).toBe(1000);
    expect(proportionalShare(1000, 0, 3)).toBe(0);
  });

  it("gives nothing for a line of no quantity", () => {
    expect(proportionalShare(1000, 1, 0)).toBe(0);
  });

  it("shares never exceed the whole and add up to at most it (property)", () => {
    fc.assert(
      fc.property(fc.nat({ max: 1e9 }), fc.integer({ min: 1, max: 100 }), fc.nat({ max: 100 }), (total, whole, rawPart) => {
        const part = rawPart % (whole + 1);
        const share = proportionalShare(total, part, whole);
        const rest = proportionalShare(total, whole - part, whole);
        expect(share).toBeLessThanOrEqual(total);
        expect(share + rest).toBeLessThanOrEqual(total);
        expect(total - (share + rest)).toBeLessThanOrEqual(1);
      }),
    );
  });
});
