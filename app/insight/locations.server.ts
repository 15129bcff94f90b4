// Locations and allocation: actual vs expected sales per location × category over the window. Whole weeks
// come from the weekly rollup (InsightWeekCell); the window's partial weeks at either end from the lines.
import { z } from "zod";
import prisma from "~/db.server";
import { allocationCells, type CellTotal, type Locations } from "~/insight/allocation";
import { defineAnalysis, type InsightContext } from "~/insight/analysis";
import { num, partialWeekLines } from "~/insight/window-sql.server";

export const locationsParams = z.object({}).strict();

/** Sales per location × category in the window (orders without a location or products without a category are left out). */
export async function locationCellTotals(ctx: InsightContext): Promise<CellTotal[]> {
  const { shopDomain, window } = ctx;
  const rows = await prisma.$queryRaw<{ locationId: string; category: string; money: bigint; units: bigint }[]>`
    WITH whole AS (
      SELECT w::date AS week FROM generate_series(${window.firstWeek}::date, ${window.lastWeek}::date, interval '7 days') AS w
      WHERE w >= ${window.from} AND w + interval '7 days' <= ${window.toExclusive}),
    cells AS (
      SELECT c."locationId", c.category, c."revenueMinor" AS money, c.quantity AS units
      FROM "InsightWeekCell" c JOIN whole ON whole.week = c."weekStart" WHERE c."shopDomain" = ${shopDomain}
      UNION ALL
      SELECT COALESCE(l."locationId", ''), COALESCE(l.category, ''), l."netMinor", l.quantity - l."refundedQuantity"
      FROM "InsightOrderLine" l WHERE ${partialWeekLines(ctx)})
    SELECT "locationId", category, sum(money) AS money, sum(units) AS units FROM cells
    WHERE "locationId" <> '' AND category <> '' GROUP BY 1, 2`;
  return rows.map((r) => ({ locationId: r.locationId, category: r.category, actualMinor: num(r.money), units: num(r.units) }));
}

export async function locations(ctx: InsightContext): Promise<Locations> {
  const cells = allocationCells(await locationCellTotals(ctx));
  const ids = [...new Set(cells.map((c) => c.locationId))];
  const names = new Map(
    (await prisma.locationIndex.findMany({ where: { shopDomain: ctx.shopDomain, locationId: { in: ids } }, select: { locationId: true, name: true } })).map(
      (l) => [l.locationId, l.name],
    ),
  );
  return {
    cells: cells.map(({ locationId, ...rest }) => ({ locationId, location: names.get(locationId) ?? null, ...rest })),
    gapWorthMinor: cells.filter((c) => c.flagged).reduce((sum, c) => sum + c.gapWorthMinor, 0),
  };
}

export const locationsAnalysis = defineAnalysis({ params: locationsParams, compute: locations });
