// Properties of limit windows: whatever the instant and time zone, instants on the same local day share the
// day's key, windows only move forward in time, and one day later is always another day window.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ACTION_LIMITS, challengeProgress, localDate, windowKey } from "~/actions/actions";

const ZONES = ["UTC", "America/New_York", "Asia/Tokyo", "Asia/Kolkata", "Pacific/Auckland", "America/St_Johns", "Europe/Helsinki"];
const instant = fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) }).map((ms) => new Date(ms));
const zone = fc.constantFrom(...ZONES);

describe("limit windows", () => {
  it("GIVEN two instants on the same local day THEN every window key agrees", () => {
    fc.assert(
      fc.property(instant, zone, fc.integer({ min: 0, max: 23 * 3_600_000 }), (a, tz, gap) => {
        const b = new Date(a.getTime() + gap);
        fc.pre(JSON.stringify(localDate(a, tz)) === JSON.stringify(localDate(b, tz)));
        for (const limit of ACTION_LIMITS) expect(windowKey(limit, a, tz)).toBe(windowKey(limit, b, tz));
      }),
    );
  });

  it("GIVEN an instant and one 25 hours later THEN the day keys differ and day, month and year keys never go backwards", () => {
    fc.assert(
      fc.property(instant, zone, (a, tz) => {
        const b = new Date(a.getTime() + 25 * 3_600_000);
        expect(windowKey("day", b, tz)).not.toBe(windowKey("day", a, tz));
        for (const limit of ["day", "month", "year"] as const) expect(windowKey(limit, b, tz) >= windowKey(limit, a, tz)).toBe(true);
      }),
    );
  });

  it("GIVEN an instant and one 8 days later THEN the week keys differ", () => {
    fc.assert(
      fc.property(instant, zone, (a, tz) => {
        expect(windowKey("week", new Date(a.getTime() + 8 * 86_400_000), tz)).not.toBe(windowKey("week", a, tz));
      }),
    );
  });
});

describe("challenge progress", () => {
  it("GIVEN any orders in any arrival order THEN progress and completion are the same", () => {
    const order = fc.record({
      occurredAt: instant,
      subtotalMinor: fc.integer({ min: 0, max: 100_000 }),
      categories: fc.array(fc.constantFrom("a", "b", "c", "d"), { maxLength: 3 }),
    });
    fc.assert(
      fc.property(
        fc.array(order, { maxLength: 12 }),
        fc.constantFrom("orders", "categories", "spend" as const),
        fc.integer({ min: 1, max: 5 }),
        (orders, goal, target) => {
          const forward = challengeProgress(goal, target, orders);
          const reversed = challengeProgress(goal, target, [...orders].reverse());
          expect(reversed.current).toBe(forward.current);
          expect(reversed.completedAt?.getTime()).toBe(forward.completedAt?.getTime());
          expect(forward.current <= target).toBe(true);
          expect(forward.completedAt !== null).toBe(forward.current >= target);
        },
      ),
    );
  });
});
