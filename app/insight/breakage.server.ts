// Breakage, good and bad, as of the window's `to`: every member holding points is classified by the rule in
// breakage.ts from facts gathered in SQL (balance then, orders in the year before, abandoned redemptions in the
// window, points expiring soon or expired in the window, other engagement, the next reward's cost).
import { Prisma } from "@prisma/client";
import { z } from "zod";
import prisma from "~/db.server";
import type { HarmfulMember, Breakage } from "~/insight/breakage";
import { defineAnalysis, type InsightContext } from "~/insight/analysis";
import { ACTIVE_ORDERS_PER_YEAR, breakageActions, classifyBreakage, EXPIRY_SOON_DAYS, NEAR_THRESHOLD_SHARE, PASSIVE_ORDERS_PER_YEAR } from "~/insight/breakage";
import { DAY_MS } from "~/insight/lapse";
import { addDays, mondayOf } from "~/insight/window";
import { num } from "~/insight/window-sql.server";
import { now } from "~/platform/clock.server";
import { pointValuePer100 } from "~/program/dashboard.server";
import { readProgramSettings } from "~/program/program";

export const breakageParams = z.object({ limit: z.coerce.number().int().min(1).max(5000).default(200) }).strict();

type Facts = {
  memberId: string;
  customerId: string;
  balance: bigint;
  orders: bigint;
  abandoned: bigint;
  expiring: bigint;
  engaged: boolean;
};

async function memberFacts({ shopDomain, window }: InsightContext): Promise<Facts[]> {
  const asOf = window.toExclusive;
  const yearAgo = new Date(asOf.getTime() - 365 * DAY_MS);
  const soon = new Date(asOf.getTime() + EXPIRY_SOON_DAYS * DAY_MS);
  // Today's balances are kept on the member row; a past `to` sums the ledger up to it.
  const current = asOf.getTime() >= (await now()).getTime();
  const balances = current
    ? Prisma.sql`SELECT m.id, m.balance::bigint AS balance FROM "Member" m WHERE m."shopDomain" = ${shopDomain} AND m.balance > 0`
    : Prisma.sql`SELECT e."memberId" AS id, sum(e.points)::bigint AS balance FROM "LedgerEntry" e
        WHERE e."shopDomain" = ${shopDomain} AND e."occurredAt" < ${asOf} GROUP BY 1 HAVING sum(e.points) > 0`;
  return prisma.$queryRaw<Facts[]>`
    WITH b AS (${balances}),
    o AS (
      SELECT w."customerId", sum(w.orders)::bigint AS orders FROM "InsightCustomerWeek" w
      WHERE w."shopDomain" = ${shopDomain} AND w."weekStart" >= ${mondayOf(addDays(window.toDate, -364))}::date AND w."weekStart" <= ${window.lastWeek}::date
      GROUP BY 1)
    SELECT m.id AS "memberId", m."customerId", b.balance, COALESCE(o.orders, 0)::bigint AS orders,
      (SELECT count(*) FROM "Redemption" r WHERE r."shopDomain" = ${shopDomain} AND r."memberId" = m.id
        AND r.status IN ('cancelled', 'expired', 'failed') AND r."createdAt" >= ${window.from} AND r."createdAt" < ${asOf}
        AND NOT EXISTS (SELECT 1 FROM "Redemption" s WHERE s."shopDomain" = r."shopDomain" AND s."memberId" = r."memberId"
          AND s.status IN ('reserved', 'issued', 'used') AND s."createdAt" > r."createdAt" AND s."createdAt" < ${asOf}))::bigint AS abandoned,
      (SELECT COALESCE(sum(CASE WHEN e.kind = 'expiry' THEN -e.points ELSE e.points END), 0) FROM "LedgerEntry" e WHERE e."memberId" = m.id
        AND ((e.kind = 'expiry' AND e."occurredAt" >= ${window.from} AND e."occurredAt" < ${asOf})
          OR (e.points > 0 AND e."expiresAt" >= ${asOf} AND e."expiresAt" < ${soon} AND e."occurredAt" < ${asOf})))::bigint AS expiring,
      EXISTS (SELECT 1 FROM "LedgerEntry" e WHERE e."memberId" = m.id AND e."occurredAt" >= ${yearAgo} AND e."occurredAt" < ${asOf}
        AND (e.kind = 'redeem' OR e.source NOT IN ('order', 'refund', 'staff', 'system', 'import', 'redemption'))) AS engaged
    FROM b JOIN "Member" m ON m.id = b.id LEFT JOIN o ON o."customerId" = m."customerId"`;
}

export async function breakage(ctx: InsightContext, params: z.infer<typeof breakageParams>): Promise<Breakage> {
  const [facts, rewards, shop] = await Promise.all([
    memberFacts(ctx),
    prisma.reward.findMany({
      where: { shopDomain: ctx.shopDomain, enabled: true, archivedAt: null, pointsCost: { gt: 0 } },
      select: { pointsCost: true },
      orderBy: { pointsCost: "asc" },
    }),
    prisma.shop.findUnique({ where: { domain: ctx.shopDomain }, select: { program: true } }),
  ]);
  const value = await pointValuePer100(ctx.shopDomain, readProgramSettings(shop?.program ?? {}).admin.pointValueMinorPer100);
  const costs = rewards.map((r) => r.pointsCost);
  const result: Breakage = {
    asOf: ctx.window.toDate,
    definitions: {
      activeOrdersPerYear: ACTIVE_ORDERS_PER_YEAR,
      passiveOrdersPerYear: PASSIVE_ORDERS_PER_YEAR,
      nearThresholdShare: NEAR_THRESHOLD_SHARE,
      expirySoonDays: EXPIRY_SOON_DAYS,
    },
    harmless: { members: 0, points: 0 },
    harmful: { members: 0, points: 0, byReason: { stalled_near_threshold: 0, abandoned_redemption: 0, expiring_frequent_buyer: 0 }, list: [] },
    pointValueMinorPer100: value.minorPer100,
  };
  const harmful: HarmfulMember[] = [];
  for (const f of facts) {
    const balance = num(f.balance);
    const nextRewardCost = costs.find((c) => c > balance) ?? null;
    const expiringPoints = Math.min(balance, Math.max(0, num(f.expiring)));
    const kind = classifyBreakage({
      balance,
      ordersLastYear: num(f.orders),
      abandonedRedemptions: num(f.abandoned),
      expiringPoints,
      nextRewardCost,
      engaged: f.engaged,
    });
    if (kind?.kind === "harmless") {
      result.harmless.members++;
      result.harmless.points += balance;
    } else if (kind?.kind === "harmful") {
      const missingPoints = nextRewardCost === null ? 0 : nextRewardCost - balance;
      result.harmful.members++;
      result.harmful.points += balance;
      result.harmful.byReason[kind.reason]++;
      harmful.push({
        customerId: f.customerId,
        memberId: f.memberId,
        reason: kind.reason,
        balance,
        ordersLastYear: num(f.orders),
        nextRewardCost,
        missingPoints,
        expiringPoints,
        actions: breakageActions(kind.reason, missingPoints, (value.minorPer100 ?? 0) / 100),
      });
    }
  }
  // The most frequent buyers first: they are the ones the program risks losing.
  harmful.sort((a, b) => b.ordersLastYear - a.ordersLastYear || b.balance - a.balance || a.customerId.localeCompare(b.customerId));
  result.harmful.list = harmful.slice(0, params.limit);
  return result;
}

export const breakageAnalysis = defineAnalysis({ params: breakageParams, compute: breakage });
