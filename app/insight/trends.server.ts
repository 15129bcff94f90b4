// KPI trends, week by week (UTC Mondays) from the rollups: orders, member orders and capture rate (overall and
// per location), net revenue, enrolments, redemptions and average order of members and of everyone else, with
// dips and spikes flagged against a robust baseline (app/insight/anomalies.ts).
import { z } from "zod";
import prisma from "~/db.server";
import { defineAnalysis, type InsightContext } from "~/insight/analysis";
import { trendAnomalies, trendWeek, type Trends } from "~/insight/trends";
import { addDays, weeksOf } from "~/insight/window";

const day = (d: Date) => d.toISOString().slice(0, 10);

export async function trends({ shopDomain, window }: InsightContext): Promise<Trends> {
  const first = new Date(`${window.firstWeek}T00:00:00Z`);
  const last = new Date(`${window.lastWeek}T00:00:00Z`);
  const afterLast = new Date(`${addDays(window.lastWeek, 7)}T00:00:00Z`);
  const [byLocation, enrolments, redemptions, names] = await Promise.all([
    prisma.$queryRaw<{ weekStart: Date; locationId: string; orders: number; memberOrders: number; revenue: bigint; memberRevenue: bigint }[]>`
      SELECT "weekStart", "locationId", orders, "memberOrders", "revenueMinor" AS revenue, "memberRevenueMinor" AS "memberRevenue"
      FROM "InsightWeekLocation" WHERE "shopDomain" = ${shopDomain} AND "weekStart" >= ${first}::date AND "weekStart" <= ${last}::date`,
    prisma.$queryRaw<{ weekStart: Date; n: number }[]>`
      SELECT date_trunc('week', "memberSince")::date AS "weekStart", count(*)::int AS n FROM "InsightCustomer"
      WHERE "shopDomain" = ${shopDomain} AND "memberSince" >= ${first} AND "memberSince" < ${afterLast} GROUP BY 1`,
    // A redemption is a reward bought with points (its ledger entry, by when it happened).
    prisma.$queryRaw<{ weekStart: Date; n: number }[]>`
      SELECT date_trunc('week', "occurredAt")::date AS "weekStart", count(*)::int AS n FROM "LedgerEntry"
      WHERE "shopDomain" = ${shopDomain} AND kind = 'redeem' AND "occurredAt" >= ${first} AND "occurredAt" < ${afterLast} GROUP BY 1`,
    prisma.locationIndex.findMany({ where: { shopDomain }, select: { locationId: true, name: true } }),
  ]);
  const weekKeys = weeksOf(window);
  const enrolled = new Map(enrolments.map((e) => [day(e.weekStart), e.n]));
  const redeemed = new Map(redemptions.map((r) => [day(r.weekStart), r.n]));
  const totals = new Map<string, { orders: number; memberOrders: number; revenue: number; memberRevenue: number }>();
  const perLocation = new Map<string, Map<string, { orders: number; memberOrders: number }>>();
  for (const row of byLocation) {
    const week = day(row.weekStart);
    const t = totals.get(week) ?? { orders: 0, memberOrders: 0, revenue: 0, memberRevenue: 0 };
    t.orders += row.orders;
    t.memberOrders += row.memberOrders;
    t.revenue += Number(row.revenue);
    t.memberRevenue += Number(row.memberRevenue);
    totals.set(week, t);
    const loc = perLocation.get(row.locationId) ?? new Map();
    loc.set(week, { orders: row.orders, memberOrders: row.memberOrders });
    perLocation.set(row.locationId, loc);
  }
  // A week only partly inside the window (or not yet over as of `to`) is shown but not judged.
  const weeks = weekKeys.map((weekStart) =>
    trendWeek(weekStart, totals.get(weekStart) ?? { orders: 0, memberOrders: 0, revenue: 0, memberRevenue: 0 }, {
      enrolments: enrolled.get(weekStart) ?? 0,
      redemptions: redeemed.get(weekStart) ?? 0,
      partial: weekStart < window.fromDate || addDays(weekStart, 6) > window.toDate,
    }),
  );
  const locationName = new Map(names.map((n) => [n.locationId, n.name]));
  const locations = [...perLocation.entries()]
    .map(([locationId, byWeek]) => {
      const series = weekKeys.map((weekStart) => {
        const w = byWeek.get(weekStart) ?? { orders: 0, memberOrders: 0 };
        return { weekStart, ...w, captureRate: w.orders ? w.memberOrders / w.orders : 0 };
      });
      const orders = series.reduce((s, w) => s + w.orders, 0);
      const memberOrders = series.reduce((s, w) => s + w.memberOrders, 0);
      return {
        locationId,
        location: locationName.get(locationId) ?? null,
        orders,
        memberOrders,
        captureRate: orders ? memberOrders / orders : 0,
        weeks: series,
      };
    })
    .sort((a, b) => b.orders - a.orders);
  return { weeks, anomalies: trendAnomalies(weeks), locations };
}

export const trendsAnalysis = defineAnalysis({ params: z.object({}), compute: trends });
