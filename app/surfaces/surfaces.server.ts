// What customer accounts, the thank-you page and POS read and do. Each is a composition of the services the app
// proxy already uses (member view, rewards, redemptions, staff adjustments): one implementation, more surfaces.
import prisma from "~/db.server";
import { failure, type Failure } from "~/platform/errors";
import type { ShopperLocale } from "~/platform/shopper-i18n";
import type { OrderPointsResponse, PosAdjustmentResponse, PosCustomerResponse } from "~/members/contract";
import { storefrontMemberView } from "~/members/members.server";
import { storefrontRewards } from "~/rewards/rewards.server";
import { shopperRedemptions } from "~/rewards/redemptions.server";
import { adjustBalance } from "~/ledger/adjustments.server";
import type { AdjustmentForm } from "~/ledger/adjustments";
import { nearestReward } from "~/surfaces/nudge";
import { AdminApiError, offlineAdminClient } from "~/platform/shopify/admin-client.server";
import { findCustomersByEmail, type FoundCustomer } from "~/members/customer-lookup.server";
import { memberTierStanding } from "~/tiers/tiers.server";
import { now as clockNow } from "~/platform/clock.server";

/** What one order earned a customer of the shop (net of clawbacks), their balance and the reward they are closest to. */
export async function orderPoints(shopDomain: string, customerId: string, orderId: string, locale: ShopperLocale): Promise<OrderPointsResponse> {
  const member = await prisma.member.findUnique({
    where: { shopDomain_customerId: { shopDomain, customerId } },
    select: { id: true, balance: true, redactedAt: true },
  });
  const live = member && !member.redactedAt ? member : null;
  // Only the customer's own order: another customer's order id reads as not recorded, never as their points.
  const [order, sums] = await Promise.all([
    prisma.orderRecord.findFirst({ where: { shopDomain, orderId, customerId }, select: { orderId: true } }),
    live
      ? prisma.ledgerEntry.aggregate({ where: { shopDomain, memberId: live.id, orderId }, _sum: { points: true, pendingPoints: true } })
      : Promise.resolve(null),
  ]);
  const balance = live?.balance ?? 0;
  const [rewards, standing, shop] = await Promise.all([
    storefrontRewards(shopDomain, customerId, locale),
    live && order ? memberTierStanding(prisma, shopDomain, live.id, await clockNow()) : Promise.resolve(null),
    prisma.shop.findUnique({ where: { domain: shopDomain }, select: { currency: true } }),
  ]);
  return {
    orderId,
    recorded: Boolean(order),
    member: Boolean(live),
    points: order ? (sums?._sum.points ?? 0) : 0,
    pendingPoints: order ? (sums?._sum.pendingPoints ?? 0) : 0,
    balance,
    nextReward: nearestReward(rewards, balance),
    tier: standing ? { name: standing.tier?.name ?? null, progress: standing.progress, currency: shop?.currency ?? "USD" } : null,
  };
}

/** What a staff member sees at POS for a customer of their shop. */
export async function posCustomerView(shopDomain: string, customerId: string, locale: ShopperLocale): Promise<PosCustomerResponse | null> {
  const member = await storefrontMemberView(shopDomain, customerId, locale);
  if (!member) return null;
  const [rewards, codes] = await Promise.all([storefrontRewards(shopDomain, customerId, locale), shopperRedemptions(shopDomain, customerId, locale)]);
  return {
    member: { ...member, history: member.history?.slice(0, 10) },
    rewards,
    codes: codes.filter((c) => c.cancellable),
    nextReward: nearestReward(rewards, member.balance ?? 0),
  };
}

export type PosAdjustmentResult = ({ ok: true } & PosAdjustmentResponse) | Failure;

/** A staff adjustment made at POS: the admin's adjustment service, the acting staff member recorded. */
export async function adjustBalanceAtPos(shopDomain: string, customerId: string, actor: string, form: AdjustmentForm): Promise<PosAdjustmentResult> {
  const member = await prisma.member.findUnique({ where: { shopDomain_customerId: { shopDomain, customerId } }, select: { id: true, redactedAt: true } });
  if (!member || member.redactedAt) return failure("not_found");
  const result = await adjustBalance(shopDomain, member.id, actor, form);
  if (result.ok) return { ok: true, entryId: result.entryId, balance: result.balance, duplicate: result.duplicate };
  if (result.needsConfirmation) return failure("confirmation_needed");
  if (result.status === 404) return failure("not_found");
  return failure(result.fieldErrors.points ? "insufficient_points" : "invalid_request");
}

/** The label a POS adjustment carries in the ledger and the activity log. */
export function posActor(staffUserId: string): string {
  return `POS staff (staff ${staffUserId})`;
}

export type CustomerLookupResult = { ok: true; customer: FoundCustomer | null } | Failure;

/** The shop's customer with this email (POS attaches them to the sale so it earns points), or null. */
export async function findCustomerForPos(shopDomain: string, email: string): Promise<CustomerLookupResult> {
  try {
    const found = await findCustomersByEmail(await offlineAdminClient(shopDomain, { attempts: 2, timeoutMs: 5_000 }), [email]);
    return { ok: true, customer: found.get(email.toLowerCase()) ?? null };
  } catch (error) {
    if (!(error instanceof AdminApiError)) throw error;
    return failure("shopify_unavailable");
  }
}
