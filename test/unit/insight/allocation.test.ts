import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { adjustedResidual, allocationCells, type CellTotal } from "~/insight/allocation";

// A cell of `units` units of one price.
const cell = (locationId: string, category: string, units: number, price = 1000): CellTotal => ({ locationId, category, actualMinor: units * price, units });

describe("location × category allocation", () => {
  it("GIVEN two locations with the same mix WHEN compared THEN every gap is 0 and nothing is flagged", () => {
    const cells = allocationCells([cell("1", "coffee", 600), cell("1", "tea", 400), cell("2", "coffee", 300), cell("2", "tea", 200)]);
    expect(cells).toHaveLength(4);
    for (const c of cells) {
      expect(c.gapRatio).toBeCloseTo(0, 12);
      expect(c.flagged).toBe(false);
      expect(c.expectedMinor).toBe(c.actualMinor);
    }
  });

  it("GIVEN a location selling 30% less tea than the chain's mix on real volume WHEN compared THEN that cell comes first, flagged, with what closing the gap is worth", () => {
    // Chain: 60/40 coffee/tea at four stores; store 4 sells 0.7 × its expected tea.
    const totals = ["1", "2", "3"].flatMap((id) => [cell(id, "coffee", 6000), cell(id, "tea", 4000)]);
    totals.push(cell("4", "coffee", 6000), cell("4", "tea", 2800));
    const [first] = allocationCells(totals);
    expect(first).toMatchObject({ locationId: "4", category: "tea", flagged: true });
    // Expected tea at store 4 = its volume × the chain's tea share, which the gap itself lowers slightly.
    const expected = (8800 * 14800) / 38800;
    expect(first.expectedMinor).toBe(Math.round(expected * 1000));
    expect(first.gapRatio).toBeCloseTo(2800 / expected - 1, 9);
    expect(first.gapWorthMinor).toBe(first.expectedMinor - first.actualMinor);
  });

  it("GIVEN a location that does not stock a category WHEN compared THEN its cell is there with actual 0", () => {
    const cells = allocationCells([cell("1", "coffee", 500), cell("1", "tea", 500), cell("2", "coffee", 500)]);
    expect(cells[0]).toMatchObject({ locationId: "2", category: "tea", actualMinor: 0, gapRatio: -1 });
  });

  it("GIVEN a 2×2 table WHEN the adjusted residual is taken THEN it is the signed root of the table's chi-square", () => {
    // [[30, 10], [10, 30]]: chi-square 20, and in a 2×2 table every adjusted residual is ±√χ².
    expect(adjustedResidual(30, 40, 40, 80)).toBeCloseTo(Math.sqrt(20), 12);
    expect(adjustedResidual(10, 40, 40, 80)).toBeCloseTo(-Math.sqrt(20), 12);
  });

  it("PROPERTY: expected totals match actual totals per location and category; sorted by gap ascending", () => {
    const totals = fc.uniqueArray(
      fc.record({
        loc: fc.constantFrom("1", "2", "3"),
        cat: fc.constantFrom("a", "b", "c"),
        lines: fc.integer({ min: 1, max: 5000 }),
        price: fc.integer({ min: 1, max: 10_000 }),
      }),
      { selector: (r) => `${r.loc}/${r.cat}`, minLength: 1 },
    );
    fc.assert(
      fc.property(totals, (rows) => {
        const cells = allocationCells(rows.map((r) => cell(r.loc, r.cat, r.lines, r.price)));
        for (let i = 1; i < cells.length; i++) expect(cells[i - 1].gapRatio).toBeLessThanOrEqual(cells[i].gapRatio);
        for (const loc of new Set(cells.map((c) => c.locationId))) {
          const mine = cells.filter((c) => c.locationId === loc);
          const actual = mine.reduce((s, c) => s + c.actualMinor, 0);
          const expected = mine.reduce((s, c) => s + c.expectedMinor, 0);
          expect(Math.abs(actual - expected)).toBeLessThanOrEqual(mine.length);
        }
        for (const c of cells) {
          expect(Number.isFinite(c.residual)).toBe(true);
          expect(c.gapWorthMinor).toBeGreaterThanOrEqual(0);
          if (c.flagged) expect(Math.abs(c.gapRatio)).toBeGreaterThanOrEqual(0.1);
        }
      }),
    );
  });
});
