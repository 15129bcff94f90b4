// The robust baseline: a planted dip or spike is found in its week, flat or noisy series without one flag
// nothing, and no single week can hide from (or be hidden by) the median of its neighbours.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { countFloor, rateFloor, robustAnomalies, MIN_WEEKS } from "~/insight/anomalies";
import { trendAnomalies, trendWeek } from "~/insight/trends";

describe("robustAnomalies", () => {
  it("GIVEN a steady rate with one week far below it THEN exactly that week is a dip", () => {
    const values = [0.6, 0.62, 0.59, 0.61, 0.6, 0.58, 0.3, 0.61, 0.6, 0.62, 0.59, 0.6];
    const flagged = robustAnomalies(values, rateFloor(150));
    expect(flagged.map((a) => [a.index, a.direction])).toEqual([[6, "dip"]]);
  });

  it("GIVEN fewer weeks than the minimum THEN nothing is judged", () => {
    expect(robustAnomalies([10, 10, 10, 0], countFloor)).toEqual([]);
  });

  it("PROPERTY: a series without outliers (Poisson-like noise around a trend) flags nothing", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 20, max: 400 }),
        // The trend moves the level by at most half over the series, so no week is clipped at zero: a series
        // that trends into the floor and sits there is not noise around a trend.
        fc.double({ min: -1, max: 1, noNaN: true }),
        fc.array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: MIN_WEEKS, maxLength: 52 }),
        (level, drift, noise) => {
          const slope = (drift * level) / (2 * noise.length);
          const values = noise.map((z, i) => Math.max(0, level + slope * i + z * Math.sqrt(level)));
          return robustAnomalies(values, countFloor).length === 0;
        },
      ),
    );
  });

  it("PROPERTY: one week moved 10 noise spreads away from an otherwise flat series is flagged, with its direction", () => {
    fc.assert(
      fc.property(fc.integer({ min: 25, max: 400 }), fc.integer({ min: MIN_WEEKS, max: 52 }), fc.nat(), fc.boolean(), (level, weeks, at, up) => {
        const index = at % weeks;
        const values = Array.from({ length: weeks }, () => level);
        values[index] = level + (up ? 10 : -10) * Math.sqrt(level);
        const flagged = robustAnomalies(values, countFloor);
        return flagged.length === 1 && flagged[0].index === index && flagged[0].direction === (up ? "spike" : "dip");
      }),
    );
  });

  it("PROPERTY: partial (null) weeks are never flagged", () => {
    fc.assert(
      fc.property(fc.array(fc.option(fc.integer({ min: 0, max: 500 }), { nil: null }), { minLength: 0, maxLength: 40 }), (values) =>
        robustAnomalies(values, countFloor).every((a) => values[a.index] !== null),
      ),
    );
  });
});

describe("trendWeek", () => {
  it("GIVEN totals THEN capture rate and average orders are shares and rounded minor units, zero when undefined", () => {
    expect(
      trendWeek("2026-03-09", { orders: 3, memberOrders: 1, revenue: 7001, memberRevenue: 2000 }, { enrolments: 0, redemptions: 0, partial: false }),
    ).toMatchObject({
      captureRate: 1 / 3,
      aovMemberMinor: 2000,
      aovNonMemberMinor: 2501,
    });
    expect(
      trendWeek("2026-03-09", { orders: 0, memberOrders: 0, revenue: 0, memberRevenue: 0 }, { enrolments: 0, redemptions: 0, partial: false }),
    ).toMatchObject({
      captureRate: 0,
      aovMemberMinor: 0,
      aovNonMemberMinor: 0,
    });
  });

  it("GIVEN a quiet shop with all-zero weeks THEN no anomalies", () => {
    const weeks = Array.from({ length: 20 }, (_, i) =>
      trendWeek(
        `2026-01-${String(i + 1).padStart(2, "0")}`,
        { orders: 0, memberOrders: 0, revenue: 0, memberRevenue: 0 },
        { enrolments: 0, redemptions: 0, partial: false },
      ),
    );
    expect(trendAnomalies(weeks)).toEqual([]);
  });
});
