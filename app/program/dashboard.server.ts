// The admin home: the setup checklist of a new install and the program's vital numbers.
import prisma from "~/db.server";
import { selectRows } from "~/platform/db/sql.server";
import { readProgramSettings, DEFAULT_PROGRAM } from "~/program/program";
import { recordAudit } from "~/audit/audit.server";

import type { SetupStep } from "~/program/setup";

/** Days covered by "this period" on the home page. */
export const PERIOD_DAYS = 30;

/** Reward kinds worth a fixed amount of money, whose price in points tells what a point is worth. */
const AMOUNT_KINDS = ["amount_off", "points_for_amount", "store_credit"];

function amountOf(config: unknown): number | null {
  if (!config || typeof config !== "object") return null;
  const c = config as Record<string, unknown>;
  for (const key of ["amountMinor", "valueMinor", "amountOffMinor", "creditMinor"]) {
    const v = c[key];
    if (typeof v === "number" && v > 0) return v;
  }
  return null;
}

/**
 * What 100 points are worth, in minor units: the program's setting when set, else the rate of the cheapest
 * amount reward (its amount over its price in points), else null (unknown: no figure is shown).
 */
export async function pointValuePer100(
  shopDomain: string,
  settingMinorPer100: number,
): Promise<{ minorPer100: number | null; from: "setting" | "reward" | "none" }> {
  if (settingMinorPer100 > 0) return { minorPer100: settingMinorPer100, from: "setting" };
  // Plain SQL: the storefront's member answer asks this on every view (app/platform/db/sql.server.ts).
  const rewards = await selectRows<{ pointsCost: number; config: unknown }>(
    prisma,
    `SELECT "pointsCost", config FROM "Reward" WHERE "shopDomain" = $1 AND kind = ANY($2::text[]) AND "archivedAt" IS NULL`,
    [shopDomain, AMOUNT_KINDS],
  );
  let best: number | null = null;
  for (const r of rewards) {
    const amount = amountOf(r.config);
    if (!amount || r.pointsCost <= 0) continue;
    const per100 = (amount * 100) / r.pointsCost;
    // The cheapest rate to the merchant: the least money per point.
    if (best === null || per100 < best) best = per100;
  }
  return best === null ? { minorPer100: null, from: "none" } : { minorPer100: Math.round(best * 100) / 100, from: "reward" };
}

/** The setup checklist and the vital numbers for the home page. */
export async function homeOverview(shopDomain: string) {
  const shop = await prisma.shop.findUnique({ where: { domain: shopDomain }, select: { program: true, currency: true } });
  const program = readProgramSettings(shop?.program ?? DEFAULT_PROGRAM);
  const since = new Date(Date.now() - PERIOD_DAYS * 86_400_000);
  const [rateSet, rewardCount, embedDone, totals, period, value] = await Promise.all([
    prisma.$queryRaw<{ id: string }[]>`
      SELECT id FROM "AuditEvent" WHERE "shopDomain" = ${shopDomain} AND action = 'program.update'
        AND jsonb_exists(after, 'earning.pointsPerUnit') LIMIT 1`,
    prisma.reward.count({ where: { shopDomain, archivedAt: null } }),
    prisma.auditEvent.findFirst({ where: { shopDomain, action: "setup.app_embed_enabled" }, select: { id: true } }),
    prisma.$queryRaw<{ members: bigint; balance: bigint | null; pending: bigint | null }[]>`
      SELECT count(*) AS members, sum(balance) AS balance, sum(pending) AS pending
      FROM "Member" WHERE "shopDomain" = ${shopDomain} AND "redactedAt" IS NULL`,
    prisma.$queryRaw<{ issued: bigint | null; redeemed: bigint | null }[]>`
      SELECT
        sum(CASE WHEN kind IN ('earn', 'release', 'import') OR (kind = 'adjustment' AND points > 0) THEN points ELSE 0 END) AS issued,
        sum(CASE WHEN kind = 'redeem' THEN -points WHEN kind = 'redeem_refund' THEN -points ELSE 0 END) AS redeemed
      FROM "LedgerEntry" WHERE "shopDomain" = ${shopDomain} AND "occurredAt" >= ${since}`,
    pointValuePer100(shopDomain, program.admin.pointValueMinorPer100),
  ]);
  const steps: Record<SetupStep, boolean> = {
    program_on: program.enabled,
    earning_rate: rateSet.length > 0,
    first_reward: rewardCount > 0,
    app_embed: !!embedDone,
  };
  const balance = Number(totals[0]?.balance ?? 0);
  const issued = Number(period[0]?.issued ?? 0);
  const redeemed = Math.max(0, Number(period[0]?.redeemed ?? 0));
  return {
    currency: shop?.currency ?? "USD",
    program,
    steps,
    stats: {
      periodDays: PERIOD_DAYS,
      members: Number(totals[0]?.members ?? 0),
      outstandingPoints: balance,
      pendingPoints: Number(totals[0]?.pending ?? 0),
      issued,
      redeemed,
      redemptionRate: issued > 0 ? redeemed / issued : null,
      liabilityMinor: value.minorPer100 === null ? null : Math.round((balance * value.minorPer100) / 100),
      pointValueMinorPer100: value.minorPer100,
      pointValueFrom: value.from,
    },
  };
}

/** Staff confirmed they enabled the app embed in their theme (Shopify does not tell apps; recorded once). */
export async function confirmAppEmbed(shopDomain: string, actor: string): Promise<void> {
  const done = await prisma.auditEvent.findFirst({ where: { shopDomain, action: "setup.app_embed_enabled" }, select: { id: true } });
  if (!done) await recordAudit({ shopDomain, actor, action: "setup.app_embed_enabled", subjectType: "theme", subjectId: shopDomain });
}
