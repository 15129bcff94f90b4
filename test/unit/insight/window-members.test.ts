// The window's rules (inclusive UTC dates, Monday weeks, the previous period) and the members estimate's
// arithmetic (difference in differences, its interval, ROI), pure.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { insightWindow, mondayOf, previousWindow, weeksOf } from "~/insight/window";
import { didEstimate, groupFigures, roiOf } from "~/insight/members";
import { toCsv } from "~/components/insight/csv";

describe("insight window", () => {
  it("GIVEN from and to THEN the window runs from 00:00 UTC of from to the end of to, over the Mondays it touches", () => {
    const result = insightWindow({ from: "2026-03-04", to: "2026-03-16" }, new Date("2026-12-01T00:00:00Z"));
    if (!result.ok) throw new Error("refused");
    expect(result.window.from.toISOString()).toBe("2026-03-04T00:00:00.000Z");
    expect(result.window.toExclusive.toISOString()).toBe("2026-03-17T00:00:00.000Z");
    expect(weeksOf(result.window)).toEqual(["2026-03-02", "2026-03-09", "2026-03-16"]);
    expect(previousWindow(result.window)).toMatchObject({ fromDate: "2026-02-19", toDate: "2026-03-03", days: 13 });
  });

  it("GIVEN from after to THEN refused", () => {
    expect(insightWindow({ from: "2026-03-05", to: "2026-03-04" }, new Date())).toMatchObject({ ok: false, code: "invalid_request", field: "from" });
  });

  it("PROPERTY: mondayOf is a Monday at most 6 days before the date", () => {
    fc.assert(
      fc.property(fc.date({ min: new Date("2000-01-01"), max: new Date("2099-12-31"), noInvalidDate: true }), (d) => {
        const date = d.toISOString().slice(0, 10);
        const monday = mondayOf(date);
        const gap = (Date.parse(date) - Date.parse(monday)) / 86_400_000;
        return new Date(`${monday}T00:00:00Z`).getUTCDay() === 1 && gap >= 0 && gap <= 6;
      }),
    );
  });
});

describe("members estimate", () => {
  it("GIVEN members whose revenue rose by 800 over 8 weeks while controls rose by 160 THEN 80 per member-week", () => {
    const estimate = didEstimate([{ joinWeek: "2026-03-02", treatedChanges: [800, 800, 800, 800], controlChange: 160 }], 8);
    expect(estimate).toMatchObject({ perMemberWeek: 80, low: 80, high: 80, treated: 4 });
  });

  it("GIVEN a cohort without controls THEN it is left out, and with too few members there is no estimate", () => {
    expect(didEstimate([{ joinWeek: "2026-03-02", treatedChanges: [1, 2, 3], controlChange: null }], 8)).toBeNull();
  });

  it("PROPERTY: the interval holds the estimate", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -10_000, max: 10_000 }), { minLength: 2, maxLength: 200 }),
        fc.integer({ min: -5000, max: 5000 }),
        (changes, control) => {
          const e = didEstimate([{ joinWeek: "2026-01-05", treatedChanges: changes, controlChange: control }], 8)!;
          return e.low <= e.perMemberWeek + 1e-9 && e.perMemberWeek <= e.high + 1e-9;
        },
      ),
    );
  });

  it("GIVEN revenue, margin and costs THEN ROI is margin less cost over cost, and none without cost", () => {
    expect(roiOf({ incrementalRevenueMinor: 10_000, grossMargin: 0.5, rewardCostMinor: 1000, appCostMinor: 1000 })).toBe(1.5);
    expect(roiOf({ incrementalRevenueMinor: 10_000, grossMargin: 0.5, rewardCostMinor: 0, appCostMinor: 0 })).toBeNull();
    expect(groupFigures(0, 0, 0)).toEqual({ customers: 0, orders: 0, revenueMinor: 0, aovMinor: 0, ordersPerCustomer: 0 });
  });
});

describe("insight CSV", () => {
  it("GIVEN cells with commas, quotes and a formula THEN they are quoted and defused", () => {
    expect(toCsv([["a,b", 'say "hi"', "=SUM(A1)", 3]])).toBe('"a,b","say ""hi""",\'=SUM(A1),3\r\n');
  });
});
