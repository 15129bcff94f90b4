import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DAY_MS, isLapsed, lapseAfterDays, MIN_LAPSE_DAYS, usualIntervalDays } from "~/insight/lapse";

const days = (...d: number[]) => d.map((x) => x * DAY_MS);

describe("lapse relative to the member's own interval", () => {
  it("GIVEN orders every 10 days WHEN 20 days pass THEN not lapsed; 26 days THEN lapsed", () => {
    const usual = usualIntervalDays(days(0, 10, 20, 30));
    expect(usual).toBe(10);
    expect(isLapsed(usual, 20)).toBe(false);
    expect(isLapsed(usual, 26)).toBe(true);
  });

  it("GIVEN a monthly buyer silent for 40 days WHEN judged THEN not lapsed (a fixed 30-day rule would say so)", () => {
    expect(isLapsed(usualIntervalDays(days(0, 30, 61, 90)), 40)).toBe(false);
  });

  it("GIVEN a daily buyer WHEN silent for a week THEN not lapsed (a minimum applies)", () => {
    expect(isLapsed(usualIntervalDays(days(0, 1, 2, 3, 4)), 7)).toBe(false);
    expect(lapseAfterDays(1)).toBe(MIN_LAPSE_DAYS);
  });

  it("GIVEN fewer than three orders WHEN judged THEN no usual interval, never lapsed", () => {
    expect(usualIntervalDays(days(0, 10))).toBeNull();
    expect(isLapsed(null, 1000)).toBe(false);
  });

  it("PROPERTY: the usual interval lies between the shortest and longest gap, ignores order; lapse is monotone in silence", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 3650 }), { minLength: 3, maxLength: 20 }), fc.nat(5000), fc.nat(5000), (times, s1, s2) => {
        const sorted = [...times].sort((a, b) => a - b);
        const gaps = sorted.slice(1).map((t, i) => t - sorted[i]);
        const usual = usualIntervalDays(times.map((t) => t * DAY_MS));
        expect(usual).not.toBeNull();
        expect(usual!).toBeGreaterThanOrEqual(Math.min(...gaps));
        expect(usual!).toBeLessThanOrEqual(Math.max(...gaps));
        expect(usualIntervalDays([...times].reverse().map((t) => t * DAY_MS))).toBe(usual);
        const [short, long] = s1 <= s2 ? [s1, s2] : [s2, s1];
        if (isLapsed(usual, short)) expect(isLapsed(usual, long)).toBe(true);
      }),
    );
  });
});
