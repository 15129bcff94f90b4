// The planted-truth dataset holds what it promises, measured with Insight's own rules over the generated
// orders in memory (the integration tests then find the same truths through the database).
import { describe, expect, it } from "vitest";
import { allocationCells, type CellTotal } from "~/insight/allocation";
import { pairStats } from "~/insight/basket";
import { isLapsed, usualIntervalDays } from "~/insight/lapse";
import { decimalToCents } from "../../support/generator/ids";
import { generatePlanted, type PlantedDataset } from "../../support/generator";

function lift(data: PlantedDataset, a: number, b: number) {
  let withA = 0,
    withB = 0,
    both = 0;
  for (const order of data.orders) {
    const ids = new Set(order.lines.map((l) => l.productId));
    withA += ids.has(a) ? 1 : 0;
    withB += ids.has(b) ? 1 : 0;
    both += ids.has(a) && ids.has(b) ? 1 : 0;
  }
  return pairStats({ orders: data.orders.length, ordersA: withA, ordersB: withB, ordersBoth: both });
}

function cells(data: PlantedDataset) {
  const category = new Map(data.catalog.products.map((p) => [p.id, p.productType]));
  const totals = new Map<string, CellTotal>();
  for (const order of data.orders)
    for (const line of order.lines) {
      const key = `${order.locationId}/${category.get(line.productId)}`;
      const cell = totals.get(key) ?? { locationId: String(order.locationId), category: category.get(line.productId)!, actualMinor: 0, units: 0 };
      cell.actualMinor += decimalToCents(line.price) * line.quantity;
      cell.units += line.quantity;
      totals.set(key, cell);
    }
  return allocationCells([...totals.values()]);
}

const endMs = (data: PlantedDataset) => new Date(`${data.truths.to}T00:00:00Z`).getTime() + 86_400_000;
const lapsedNow = (data: PlantedDataset) =>
  data.customers.filter((c) => {
    const times = data.orders.filter((o) => o.customerId === c.id).map((o) => new Date(o.createdAt).getTime());
    return times.length > 0 && isLapsed(usualIntervalDays(times), (endMs(data) - Math.max(...times)) / 86_400_000);
  });

describe("planted-truth dataset", () => {
  const planted = generatePlanted(7);
  const nullSet = generatePlanted(7, { null: true });

  it("GIVEN the planted set THEN its pair's lift is 3 ± 0.5 and significant; in the null twin about 1 and not", () => {
    const { a, b } = planted.truths.pair!;
    const s = lift(planted, a.id, b.id);
    expect(s.lift).toBeGreaterThan(2.5);
    expect(s.lift).toBeLessThan(3.5);
    expect(s.significant).toBe(true);
    const n = lift(nullSet, a.id, b.id);
    expect(Math.abs(n.lift - 1)).toBeLessThan(0.35);
    expect(n.significant).toBe(false);
  });

  it("GIVEN the planted set THEN one location sells tea 30% ± 5% under the chain's mix, flagged first; the null twin flags nothing", () => {
    const [first] = cells(planted);
    expect(first).toMatchObject({ locationId: String(planted.truths.underSold!.locationId), category: "Tea", flagged: true });
    expect(first.gapRatio).toBeGreaterThan(-0.35);
    expect(first.gapRatio).toBeLessThan(-0.25);
    // Only the planted cell under-sells; the tea it lost went to other categories there, which may show as over-selling.
    expect(cells(planted).filter((c) => c.flagged && c.gapRatio < 0)).toHaveLength(1);
    expect(cells(nullSet).filter((c) => c.flagged)).toEqual([]);
  });

  it("GIVEN the planted set THEN exactly the planted members are lapsed by their own interval; nobody in the null twin", () => {
    expect(
      lapsedNow(planted)
        .map((c) => c.id)
        .sort(),
    ).toEqual(planted.truths.lapsed.map((l) => l.customerId).sort());
    for (const l of planted.truths.lapsed) {
      const times = planted.orders.filter((o) => o.customerId === l.customerId).map((o) => new Date(o.createdAt).getTime());
      expect(Math.abs(usualIntervalDays(times)! / l.usualIntervalDays - 1)).toBeLessThan(0.2);
    }
    expect(lapsedNow(nullSet)).toEqual([]);
  });

  it("GIVEN both sets THEN the same volume, a 40-strong lying cohort only in the planted one", () => {
    expect(Math.abs(planted.orders.length / nullSet.orders.length - 1)).toBeLessThan(0.1);
    expect(planted.truths.surveyCohort).toHaveLength(40);
    expect(nullSet.truths.surveyCohort).toEqual([]);
    expect(planted.truths.survey).toHaveLength(200);
  });
});
