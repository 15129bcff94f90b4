// Members: shoppers enrolled in a shop's program, created from Shopify's own customer data.
import { memberExpiring } from "~/expiry/expiry.server";
import type { Member } from "@prisma/client";
import prisma from "~/db.server";
import { orderNamesById } from "~/earning/order-names.server";
import type { Tx } from "~/ledger/ledger.server";
import type { ProgramSettings } from "~/program/program";
import { getShop } from "~/shops/shops.server";
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
  const member = await prisma.member.findUnique({
    where: { shopDomain_customerId: { shopDomain, customerId } },
  });
  if (!member || member.redactedAt) return null;
  return toSummary(member);
}

/** The member's ledger, newest first, each reason a sentence in the shopper's `locale`. */
export async function memberHistory(shopDomain: string, memberId: string, locale: ShopperLocale = "en", take = 50): Promise<MemberHistoryItem[]> {
  const entries = await prisma.ledgerEntry.findMany({
    where: { shopDomain, memberId },
    orderBy: [{ occurredAt: "desc" }, { id: "desc" }],
    take,
  });
  // What the entries point at, in two concurrent queries: the orders' names and the redemptions with their rewards.
  const orderIds = [...new Set(entries.map((e) => e.orderId ?? (e.source === "system" ? e.sourceId : null)).filter((id): id is string => Boolean(id)))];
  const redemptionIds = [
    ...new Set(entries.filter((e) => e.source === "redemption" || (e.source === "staff" && e.kind === "redeem_refund")).map((e) => e.sourceId)),
  ];
  const [orderNames, redemptions] = await Promise.all([
    orderNamesById(shopDomain, orderIds),
    redemptionIds.length
      ? prisma.redemption.findMany({
          where: { shopDomain, id: { in: redemptionIds.filter((id): id is string => Boolean(id)) } },
          select: { id: true, status: true, reward: { select: { name: true, description: true, kind: true, translations: true } } },
        })
      : [],
  ]);
  const redemptionById = new Map(redemptions.map((r) => [r.id, r]));
  return entries.map((e) => {
    const orderId = e.orderId ?? (e.source === "system" ? e.sourceId : null);
    const facts = { orderName: orderId ? orderNames.get(orderId) : null, redemption: e.sourceId ? redemptionById.get(e.sourceId) : null };
    return {
      id: e.id,
      type: e.kind as EntryKind,
      points: e.points,
      pendingPoints: e.pendingPoints,
      reason: historyReason(e, facts, locale),
      source: e.source,
      orderId: e.orderId,
      createdAt: e.occurredAt.toISOString(),
      recordedAt: e.createdAt.toISOString(),
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
    const shop = await getShop(shopDomain);
    return shop ? { customerId: null, guest: true, member: false, program: publicProgram(shop.program, shop.currency) } : null;
  }
  // Two waves of independent reads (issue 11: p95 under 15 ms): first the shop, the member, the tier rules and
  // the clock, none needing another; then everything keyed by the member. Every read is scoped to the shop.
  const [shop, member, tierRules, now] = await Promise.all([
    getShop(shopDomain),
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
