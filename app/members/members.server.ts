// Members: shoppers enrolled in a shop's program, created from Shopify's own customer data.
import { memberExpiring } from "~/expiry/expiry.server";
import type { Member } from "@prisma/client";
import prisma from "~/db.server";
import { selectRows, isoTimestamp } from "~/platform/db/sql.server";
import type { Tx } from "~/ledger/ledger.server";
import type { ProgramSettings } from "~/program/program";
import { storefrontShop } from "~/shops/shops.server";
import type { HistoryItem, MemberResponse } from "~/members/contract";
import { historyReason } from "~/ledger/history-text";
import type { EntryKind } from "~/ledger/ledger";
import type { ShopperLocale } from "~/platform/shopper-i18n";
import { now as clockNow } from "~/platform/clock.server";
import { loadTierRules, memberTierStanding } from "~/tiers/tiers.server";
import { pointValuePer100 } from "~/program/dashboard.server";
import { readProgramSettings } from "~/program/program";

export type CustomerIdentity = {
  customerId: string;
  email?: string | null;
  firstName?: string | null;
  lastName?: string | null;
};

/** Returns the member for a shop's customer, enrolling them the first time they appear. */
export async function ensureMember(tx: Tx, shopDomain: string, customer: CustomerIdentity): Promise<string> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    INSERT INTO "Member" (id, "shopDomain", "customerId", email, "firstName", "lastName", "createdAt", "lastActivityAt")
    VALUES (${crypto.randomUUID()}, ${shopDomain}, ${customer.customerId}, ${customer.email ?? null},
      ${customer.firstName ?? null}, ${customer.lastName ?? null}, now(), now())
    ON CONFLICT ("shopDomain", "customerId") DO UPDATE SET
      email = COALESCE(EXCLUDED.email, "Member".email),
      "firstName" = COALESCE(EXCLUDED."firstName", "Member"."firstName"),
      "lastName" = COALESCE(EXCLUDED."lastName", "Member"."lastName")
    WHERE "Member"."redactedAt" IS NULL
    RETURNING id`;
  if (rows[0]) return rows[0].id;
  // A redacted member keeps their anonymous row; the conflict update is skipped, so read the id.
  const existing = await tx.member.findUniqueOrThrow({
    where: { shopDomain_customerId: { shopDomain, customerId: customer.customerId } },
    select: { id: true },
  });
  return existing.id;
}

export type MemberHistoryItem = HistoryItem;

export type MemberSummary = {
  id: string;
  customerId: string;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  balance: number;
  pending: number;
  lifetimeEarned: number;
  shortfall: number;
  lastActivityAt: string;
};

/** A member of the shop by Shopify customer id, or null. Always scoped to the shop. */
export async function findMemberByCustomer(shopDomain: string, customerId: string): Promise<MemberSummary | null> {
  const rows = await selectRows<Omit<MemberRecord, "lastActivityAt" | "createdAt"> & { lastActivityAt: string; createdAt: string; redactedAt: unknown }>(
    prisma,
    `SELECT id, "customerId", email, "firstName", "lastName", balance, pending, "lifetimeEarned", shortfall,
       ${isoTimestamp('"lastActivityAt"')} AS "lastActivityAt", ${isoTimestamp('"createdAt"')} AS "createdAt", "redactedAt"
     FROM "Member" WHERE "shopDomain" = $1 AND "customerId" = $2`,
    [shopDomain, customerId],
  );
  const member = rows[0];
  if (!member || member.redactedAt) return null;
  return toSummary({ ...member, lastActivityAt: new Date(member.lastActivityAt), createdAt: new Date(member.createdAt) });
}

type HistoryRow = {
  id: string;
  kind: string;
  points: number;
  pendingPoints: number;
  expiredWriteOff: number;
  reason: string;
  source: string;
  sourceId: string | null;
  orderId: string | null;
  occurredAt: string;
  createdAt: string;
  orderName: string | null;
  redemptionStatus: string | null;
  rewardName: string | null;
  rewardDescription: string | null;
  rewardKind: string | null;
  rewardTranslations: unknown;
};

/**
 * The member's ledger, newest first, each reason a sentence in the shopper's `locale`. One statement reads the
 * entries with what they point at (the order's name, the redemption's reward): the storefront asks on every view.
 */
export async function memberHistory(shopDomain: string, memberId: string, locale: ShopperLocale = "en", take = 50): Promise<MemberHistoryItem[]> {
  const rows = await selectRows<HistoryRow>(
    prisma,
    `SELECT e.id, e.kind, e.points, e."pendingPoints", e."expiredWriteOff", e.reason, e.source, e."sourceId", e."orderId",
       ${isoTimestamp('e."occurredAt"')} AS "occurredAt", ${isoTimestamp('e."createdAt"')} AS "createdAt",
       o.snapshot->>'name' AS "orderName", r.status AS "redemptionStatus",
       w.name AS "rewardName", w.description AS "rewardDescription", w.kind AS "rewardKind", w.translations AS "rewardTranslations"
     FROM (
       SELECT * FROM "LedgerEntry" WHERE "shopDomain" = $1 AND "memberId" = $2 ORDER BY "occurredAt" DESC, id DESC LIMIT $3
     ) e
     LEFT JOIN "OrderRecord" o ON o."shopDomain" = e."shopDomain"
       AND o."orderId" = COALESCE(e."orderId", CASE WHEN e.source = 'system' THEN e."sourceId" END)
     LEFT JOIN "Redemption" r ON r."shopDomain" = e."shopDomain" AND r.id = e."sourceId"
       AND (e.source = 'redemption' OR (e.source = 'staff' AND e.kind = 'redeem_refund'))
     LEFT JOIN "Reward" w ON w.id = r."rewardId" AND w."shopDomain" = r."shopDomain"
     ORDER BY e."occurredAt" DESC, e.id DESC`,
    [shopDomain, memberId, take],
  );
  return rows.map((e) => {
    const redemption =
      e.redemptionStatus !== null && e.rewardName !== null
        ? {
            status: e.redemptionStatus,
            reward: { name: e.rewardName, description: e.rewardDescription, kind: e.rewardKind ?? "", translations: e.rewardTranslations },
          }
        : null;
    return {
      id: e.id,
      type: e.kind as EntryKind,
      points: e.points,
      pendingPoints: e.pendingPoints,
      reason: historyReason(e, { orderName: e.orderName, redemption }, locale),
      source: e.source,
      orderId: e.orderId,
      createdAt: new Date(e.occurredAt).toISOString(),
      recordedAt: new Date(e.createdAt).toISOString(),
    };
  });
}

/** The member columns the admin and storefront read (one shape for every list and export). */
export type MemberRecord = Pick<
  Member,
  "id" | "customerId" | "email" | "firstName" | "lastName" | "balance" | "pending" | "lifetimeEarned" | "shortfall" | "lastActivityAt" | "createdAt"
>;

/** The plain, serialisable summary of a member row. */
export function toSummary(member: MemberRecord): MemberSummary {
  return {
    id: member.id,
    customerId: member.customerId,
    email: member.email,
    firstName: member.firstName,
    lastName: member.lastName,
    balance: member.balance,
    pending: member.pending,
    lifetimeEarned: member.lifetimeEarned,
    shortfall: member.shortfall,
    lastActivityAt: member.lastActivityAt.toISOString(),
  };
}

/** Members of a shop for the admin table, most recently active first. */
export async function listMembers(shopDomain: string, { take = 50, query }: { take?: number; query?: string } = {}) {
  const search = query?.trim();
  const members = await prisma.member.findMany({
    where: {
      shopDomain,
      redactedAt: null,
      ...(search
        ? {
            OR: [
              { email: { contains: search, mode: "insensitive" as const } },
              { firstName: { contains: search, mode: "insensitive" as const } },
              { lastName: { contains: search, mode: "insensitive" as const } },
            ],
          }
        : {}),
    },
    orderBy: [{ lastActivityAt: "desc" }, { id: "asc" }],
    take,
  });
  return members.map(toSummary);
}

/** The program's public description, shown to guests and alongside member data. */
export function publicProgram(program: ProgramSettings, currency: string) {
  return {
    name: program.widget.programName,
    enabled: program.enabled,
    currency,
    earning: {
      pointsPerUnit: program.earning.pointsPerUnit,
      minimumOrderMinor: program.earning.minimumOrderMinor,
      awardOn: program.earning.awardOn,
      pendingDays: program.earning.pendingDays,
    },
  };
}

/**
 * What the storefront widget shows a shopper: their balance, pending points, tier, points expiring and
 * history (in the shopper's `locale`) for a signed-in member; the program's public description for a guest or a customer not yet enrolled.
 */
export async function storefrontMemberView(shopDomain: string, customerId: string | null, locale: ShopperLocale = "en"): Promise<MemberResponse | null> {
  if (!customerId) {
    const shop = await storefrontShop(shopDomain);
    return shop ? { customerId: null, guest: true, member: false, program: publicProgram(shop.program, shop.currency) } : null;
  }
  // Two waves of independent reads (issue 11: p95 under 15 ms): first the shop, the member, the tier rules and
  // the clock, none needing another; then everything keyed by the member. Every read is scoped to the shop.
  const [shop, member, tierRules, now] = await Promise.all([
    storefrontShop(shopDomain),
    findMemberByCustomer(shopDomain, customerId),
    loadTierRules(prisma, shopDomain),
    clockNow(),
  ]);
  if (!shop) return null;
  const program = publicProgram(shop.program, shop.currency);
  if (!member) {
    return { customerId, guest: false, member: false, balance: 0, pending: 0, lifetimeEarned: 0, tier: null, expiring: [], history: [], program };
  }
  const [history, expiring, value, standing] = await Promise.all([
    memberHistory(shopDomain, member.id, locale),
    memberExpiring(shopDomain, member.id, { program: shop.program, now }),
    pointValuePer100(shopDomain, readProgramSettings(shop.program).admin.pointValueMinorPer100),
    memberTierStanding(prisma, shopDomain, member.id, now, tierRules),
  ]);
  const tier = standing?.tier;
  const tierProgress = standing?.progress ?? null;
  return {
    customerId,
    guest: false,
    member: true,
    balance: member.balance,
    pending: member.pending,
    lifetimeEarned: member.lifetimeEarned,
    tier: tier ? { id: tier.id, name: tier.name, multiplier: tier.multiplier, progress: tier.progress } : null,
    tierProgress,
    expiring,
    history,
    // Rounded down: the widget never promises more than the points are worth.
    balanceValueMinor: value.minorPer100 === null ? null : Math.floor((member.balance * value.minorPer100) / 100),
    program,
  };
}
