// Program health for a window, judged as of its `to` day: members (customer records by then), enrolments and
// active members (a member order in the window), points issued, redeemed and expired in the window, the
// outstanding balance as of `to` in money, and two rates. Points by the ledger's occurredAt.
import { z } from "zod";
import prisma from "~/db.server";
import { defineAnalysis, type InsightContext } from "~/insight/analysis";
import { healthRates, type Health } from "~/insight/health";
import { addDays, dateOf } from "~/insight/window";
import { pointValuePer100 } from "~/program/dashboard.server";
import { readProgramSettings } from "~/program/program";

/** The whole UTC weeks inside the window, [start, end) as Mondays (empty when start >= end). */
function wholeWeeks(window: InsightContext["window"]) {
  const start = window.firstWeek < window.fromDate ? addDays(window.firstWeek, 7) : window.firstWeek;
  const endExclusive = dateOf(window.toExclusive);
  const end = addDays(window.lastWeek, 7) <= endExclusive ? addDays(window.lastWeek, 7) : window.lastWeek;
  const empty = start >= end;
  const at = (d: string) => new Date(`${d}T00:00:00Z`);
  // With no whole week, the edge range is the whole window.
  return empty ? { start, end: start, startAt: window.toExclusive, endAt: window.toExclusive } : { start, end, startAt: at(start), endAt: at(end) };
}

export async function health({ shopDomain, window }: InsightContext): Promise<Health> {
  const { from, toExclusive } = window;
  const whole = wholeWeeks(window);
  const [customers, active, points, shop] = await Promise.all([
    prisma.$queryRaw<{ members: number; enrolments: number }[]>`
      SELECT (count(*) FILTER (WHERE "memberSince" < ${toExclusive}))::int AS members,
        (count(*) FILTER (WHERE "memberSince" >= ${from} AND "memberSince" < ${toExclusive}))::int AS enrolments
      FROM "InsightCustomer" WHERE "shopDomain" = ${shopDomain}`,
    // Whole weeks inside the window come from the per-customer rollup; the days at either edge from the orders.
    prisma.$queryRaw<{ active: number }[]>`
      -- DISTINCT in a subquery can hash; count(DISTINCT) always sorts.
      SELECT count(*)::int AS active FROM (SELECT DISTINCT a."customerId" FROM (
        SELECT w."customerId" FROM "InsightCustomerWeek" w
        WHERE w."shopDomain" = ${shopDomain} AND w."memberOrders" > 0 AND w."weekStart" >= ${whole.start}::date AND w."weekStart" < ${whole.end}::date
        UNION ALL
        SELECT o."customerId" FROM "InsightOrder" o
        JOIN "InsightCustomer" c ON c."shopDomain" = o."shopDomain" AND c."customerId" = o."customerId"
        WHERE o."shopDomain" = ${shopDomain} AND NOT o.excluded AND c."memberSince" <= o."occurredAt"
          AND ((o."occurredAt" >= ${from} AND o."occurredAt" < ${whole.startAt}) OR (o."occurredAt" >= ${whole.endAt} AND o."occurredAt" < ${toExclusive}))
      ) a) d`,
    // Issued: points made available (earned, released from pending, added by staff or an import). Redeemed:
    // spent on rewards less what failed or cancelled redemptions gave back.
    prisma.$queryRaw<{ issued: bigint; redeemed: bigint; expired: bigint; clawed: bigint; outstanding: bigint }[]>`
      SELECT
        COALESCE(sum(points) FILTER (WHERE "occurredAt" >= ${from} AND (kind IN ('earn', 'release') OR (kind IN ('adjustment', 'import') AND points > 0))), 0)::bigint AS issued,
        COALESCE(-sum(points) FILTER (WHERE "occurredAt" >= ${from} AND kind IN ('redeem', 'redeem_refund')), 0)::bigint AS redeemed,
        COALESCE(-sum(points) FILTER (WHERE "occurredAt" >= ${from} AND kind = 'expiry'), 0)::bigint AS expired,
        COALESCE(-sum(points) FILTER (WHERE "occurredAt" >= ${from} AND kind IN ('clawback', 'reversal')), 0)::bigint AS clawed,
        COALESCE(sum(points), 0)::bigint AS outstanding
      FROM "LedgerEntry" WHERE "shopDomain" = ${shopDomain} AND "occurredAt" < ${toExclusive}`,
    prisma.shop.findUnique({ where: { domain: shopDomain }, select: { program: true } }),
  ]);
  const program = readProgramSettings(shop?.program ?? {});
  const value = await pointValuePer100(shopDomain, program.admin.pointValueMinorPer100);
  const p = points[0];
  const issued = Number(p.issued);
  const redeemed = Number(p.redeemed);
  const expired = Number(p.expired);
  const outstanding = Math.max(0, Number(p.outstanding));
  return {
    members: customers[0].members,
    enrolments: customers[0].enrolments,
    activeMembers: active[0].active,
    pointsIssued: issued,
    pointsRedeemed: redeemed,
    pointsExpired: expired,
    pointsClawedBack: Number(p.clawed),
    ...healthRates({ issued, redeemed, expired }),
    outstandingPoints: outstanding,
    liabilityMinor: value.minorPer100 === null ? null : Math.round((outstanding * value.minorPer100) / 100),
    pointValueMinorPer100: value.minorPer100,
  };
}

export const healthAnalysis = defineAnalysis({ params: z.object({}), compute: health });
