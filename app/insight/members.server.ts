// Members vs non-members for a window, from the weekly rollups: revenue, orders, average order and frequency of
// member orders and of everything else (guest orders, and customers' orders before they joined; a guest has no
// identity, so each guest order counts as one customer), the incremental revenue of membership by difference in
// differences (app/insight/members.ts) with its interval, and ROI.
import { z } from "zod";
import prisma from "~/db.server";
import { defineAnalysis, type InsightContext } from "~/insight/analysis";
import { didEstimate, groupFigures, roiOf, type CohortDid, type MembersVsNonMembers } from "~/insight/members";
import { pointValuePer100 } from "~/program/dashboard.server";
import { readProgramSettings } from "~/program/program";

export const membersParams = z.object({
  /** Weeks before and after joining that each member's change is measured over. */
  weeks: z.coerce.number().int().min(2).max(26).default(8),
  /** Gross margin on revenue, a fraction: incremental revenue × margin is what the program earns. */
  grossMargin: z.coerce.number().min(0).max(1).default(0.5),
  /** What the app costs over the window, in minor units of the shop's currency. */
  appCostMinor: z.coerce.number().int().min(0).max(1_000_000_000_000).default(0),
});

export async function membersVsNonMembers({ shopDomain, window }: InsightContext, params: z.infer<typeof membersParams>): Promise<MembersVsNonMembers> {
  const first = window.firstWeek;
  const last = window.lastWeek;
  const K = params.weeks;
  const [groups, guests, cohorts, memberWeeks, redeemed, shop] = await Promise.all([
    prisma.$queryRaw<
      { memberCustomers: number; memberOrders: bigint; memberRevenue: bigint; otherCustomers: number; otherOrders: bigint; otherRevenue: bigint }[]
    >`
      SELECT (count(*) FILTER (WHERE "memberOrders" > 0))::int AS "memberCustomers",
        COALESCE(sum("memberOrders"), 0)::bigint AS "memberOrders", COALESCE(sum("memberRevenueMinor"), 0)::bigint AS "memberRevenue",
        (count(*) FILTER (WHERE orders > "memberOrders"))::int AS "otherCustomers",
        COALESCE(sum(orders - "memberOrders"), 0)::bigint AS "otherOrders", COALESCE(sum("revenueMinor" - "memberRevenueMinor"), 0)::bigint AS "otherRevenue"
      -- Per customer first (a hash, where count(DISTINCT) sorts): a week never has more member orders than orders,
      -- so a customer had member (other) orders in some week exactly when their sums say so.
      FROM (SELECT "customerId", sum(orders) AS orders, sum("memberOrders") AS "memberOrders", sum("revenueMinor") AS "revenueMinor",
          sum("memberRevenueMinor") AS "memberRevenueMinor"
        FROM "InsightCustomerWeek" WHERE "shopDomain" = ${shopDomain} AND "weekStart" >= ${first}::date AND "weekStart" <= ${last}::date GROUP BY 1) c`,
    prisma.$queryRaw<{ orders: bigint; revenue: bigint }[]>`
      SELECT COALESCE(sum(l."guestOrders"), 0)::bigint AS orders, COALESCE(sum(l."revenueMinor"), 0)::bigint - COALESCE((
        SELECT sum(w."revenueMinor") FROM "InsightCustomerWeek" w WHERE w."shopDomain" = ${shopDomain} AND w."weekStart" >= ${first}::date AND w."weekStart" <= ${last}::date), 0)::bigint AS revenue
      FROM "InsightWeekLocation" l WHERE l."shopDomain" = ${shopDomain} AND l."weekStart" >= ${first}::date AND l."weekStart" <= ${last}::date`,
    // Per cohort (join week whose K weeks after joining are over by the window's last week): each joining
    // customer's revenue change, and the mean change of customers joining only after those K weeks.
    prisma.$queryRaw<{ joinWeek: Date; treated: bigint[] | null; controls: number; controlSum: bigint | null }[]>`
      WITH joined AS (
        SELECT "customerId", date_trunc('week', "memberSince")::date AS g FROM "InsightCustomer"
        WHERE "shopDomain" = ${shopDomain} AND "memberSince" < ${window.toExclusive}
      ), cohorts AS (
        SELECT DISTINCT g FROM joined WHERE g >= ${first}::date AND g + ${K * 7 - 7}::int <= ${last}::date
      ), treated AS (
        SELECT j.g, j."customerId",
          COALESCE(sum(w."revenueMinor") FILTER (WHERE w."weekStart" >= j.g), 0) - COALESCE(sum(w."revenueMinor") FILTER (WHERE w."weekStart" < j.g), 0) AS change
        FROM joined j JOIN cohorts k ON k.g = j.g
        LEFT JOIN "InsightCustomerWeek" w ON w."shopDomain" = ${shopDomain} AND w."customerId" = j."customerId"
          AND w."weekStart" >= j.g - ${K * 7}::int AND w."weekStart" < j.g + ${K * 7}::int
        GROUP BY j.g, j."customerId"
      ), joins AS (
        SELECT g, count(*) AS n FROM joined GROUP BY g
      ), control_counts AS (
        -- Joins counted per week first: a cohort adds up weeks, not every customer once per cohort.
        SELECT k.g, COALESCE(sum(j.n), 0)::int AS n FROM cohorts k LEFT JOIN joins j ON j.g >= k.g + ${K * 7}::int GROUP BY k.g
      ), treated_by_cohort AS (
        SELECT g, array_agg(change::bigint ORDER BY "customerId") AS changes FROM treated GROUP BY g
      ), by_join AS (
        -- Revenue per (join week, week): the controls' sums below add these up instead of joining every
        -- customer-week to every cohort.
        SELECT j.g AS joined_week, w."weekStart" AS week, sum(w."revenueMinor") AS revenue
        FROM "InsightCustomerWeek" w JOIN joined j ON j."customerId" = w."customerId"
        WHERE w."shopDomain" = ${shopDomain} AND w."weekStart" >= ${first}::date - ${K * 7}::int AND w."weekStart" < ${last}::date + ${K * 7}::int
        GROUP BY 1, 2
      ), control_sums AS (
        SELECT k.g, sum(CASE WHEN b.week >= k.g THEN b.revenue ELSE -b.revenue END) AS total
        FROM cohorts k JOIN by_join b ON b.joined_week >= k.g + ${K * 7}::int AND b.week >= k.g - ${K * 7}::int AND b.week < k.g + ${K * 7}::int
        GROUP BY k.g
      )
      SELECT c.g AS "joinWeek", t.changes AS treated, c.n AS controls, s.total::bigint AS "controlSum"
      FROM control_counts c LEFT JOIN control_sums s ON s.g = c.g LEFT JOIN treated_by_cohort t ON t.g = c.g`,
    prisma.$queryRaw<{ weeks: bigint }[]>`
      SELECT COALESCE(sum(GREATEST(0, (${last}::date - GREATEST(${first}::date, date_trunc('week', "memberSince")::date)) / 7 + 1)), 0)::bigint AS weeks
      FROM "InsightCustomer" WHERE "shopDomain" = ${shopDomain} AND "memberSince" < ${window.toExclusive}`,
    prisma.$queryRaw<{ points: bigint }[]>`
      SELECT COALESCE(-sum(points), 0)::bigint AS points FROM "LedgerEntry"
      WHERE "shopDomain" = ${shopDomain} AND kind IN ('redeem', 'redeem_refund') AND "occurredAt" >= ${window.from} AND "occurredAt" < ${window.toExclusive}`,
    prisma.shop.findUnique({ where: { domain: shopDomain }, select: { program: true } }),
  ]);
  const g = groups[0];
  const guestOrders = Number(guests[0].orders);
  const members = groupFigures(g.memberCustomers, Number(g.memberOrders), Number(g.memberRevenue));
  const nonMembers = groupFigures(g.otherCustomers + guestOrders, Number(g.otherOrders) + guestOrders, Number(g.otherRevenue) + Number(guests[0].revenue));
  const did: CohortDid[] = cohorts.map((c) => ({
    joinWeek: c.joinWeek.toISOString().slice(0, 10),
    treatedChanges: (c.treated ?? []).map(Number),
    controlChange: c.controls > 0 ? Number(c.controlSum ?? 0n) / c.controls : null,
  }));
  const estimate = didEstimate(did, K);
  const weeksAsMember = Number(memberWeeks[0].weeks);
  const incrementalRevenueMinor = estimate ? Math.round(estimate.perMemberWeek * weeksAsMember) : 0;
  const interval: [number, number] = estimate ? [Math.round(estimate.low * weeksAsMember), Math.round(estimate.high * weeksAsMember)] : [0, 0];
  const program = readProgramSettings(shop?.program ?? {});
  const value = await pointValuePer100(shopDomain, program.admin.pointValueMinorPer100);
  const rewardCostMinor = value.minorPer100 === null ? 0 : Math.round((Number(redeemed[0].points) * value.minorPer100) / 100);
  return {
    members,
    nonMembers,
    incrementalRevenueMinor,
    interval,
    roi: roiOf({ incrementalRevenueMinor, grossMargin: params.grossMargin, rewardCostMinor, appCostMinor: params.appCostMinor }),
    rewardCostMinor,
    memberWeeks: weeksAsMember,
    treatedCustomers: estimate?.treated ?? 0,
    weeks: K,
    referenceUplift: [0.12, 0.18],
  };
}

export const membersAnalysis = defineAnalysis({ params: membersParams, compute: membersVsNonMembers });
