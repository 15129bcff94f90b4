// What customer accounts, the thank-you page and POS read and do. Each is a composition of the services the app
// proxy already uses (member view, rewards, redemptions, staff adjustments): one implementation, more surfaces.
import prisma from "~/db.server";
import { failure, type Failure } from "~/platform/errors";
import type { ShopperLocale } from "~/platform/shopper-i18n";
import type { OrderPointsResponse, PosAdjustmentResponse, PosCustomerCreate, PosCustomerLookup, PosCustomerResponse } from "~/members/contract";
import { storefrontMemberView } from "~/members/members.server";
import { storefrontRewards } from "~/rewards/rewards.server";
import { shopperRedemptions } from "~/rewards/redemptions.server";
import { adjustBalance } from "~/ledger/adjustments.server";
import type { AdjustmentForm } from "~/ledger/adjustments";
import { nearestReward } from "~/surfaces/nudge";
import { AdminApiError, offlineAdminClient } from "~/platform/shopify/admin-client.server";
import { customerIdOf, findCustomersByEmail, type FoundCustomer } from "~/members/customer-lookup.server";
import { recordAudit } from "~/audit/audit.server";
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

/** Creates a Shopify customer from POS: the contact staff typed, nothing else (no marketing consent is implied). */
export const POS_CUSTOMER_CREATE_MUTATION = `#graphql
  mutation LoyalistPosCustomerCreate($input: CustomerInput!) {
    customerCreate(input: $input) {
      customer {
        id
        firstName
        lastName
        defaultEmailAddress { emailAddress }
        defaultPhoneNumber { phoneNumber }
      }
      userErrors { field message }
    }
  }
`;

export type CustomerCreateResult = { ok: true; customer: NonNullable<PosCustomerLookup["customer"]> } | Failure;

/**
 * A customer created at POS for a sale that has none, so the sale earns. Shopify's `UserError` carries no code: a
 * "taken" email or phone is `customer_exists` (staff should find them instead), any other refusal `customer_invalid`
 * with the fields Shopify named. Recorded in the activity log as the staff member, without the contact details.
 */
export async function createCustomerForPos(shopDomain: string, actor: string, form: PosCustomerCreate): Promise<CustomerCreateResult> {
  let data;
  try {
    // Only throttled requests are retried: a timed-out create may have happened, and a second would be "taken".
    const client = await offlineAdminClient(shopDomain, { attempts: 2, timeoutMs: 8_000, retryOnlyThrottled: true });
    data = await client.request(POS_CUSTOMER_CREATE_MUTATION, {
      input: { firstName: form.firstName, lastName: form.lastName, email: form.email, phone: form.phone, locale: form.locale },
    });
  } catch (error) {
    if (!(error instanceof AdminApiError)) throw error;
    return failure("shopify_unavailable");
  }
  const errors = data.customerCreate?.userErrors ?? [];
  const created = data.customerCreate?.customer;
  if (errors.length || !created) {
    const fields = [...new Set(errors.map((e) => e.field?.[e.field.length - 1]).filter((f): f is string => Boolean(f)))];
    if (errors.some((e) => /taken/i.test(e.message))) return failure("customer_exists", { fields });
    return failure("customer_invalid", { fields });
  }
  const customer = {
    customerId: customerIdOf(created.id),
    email: created.defaultEmailAddress?.emailAddress?.toLowerCase() ?? null,
    phone: created.defaultPhoneNumber?.phoneNumber ?? null,
    firstName: created.firstName ?? null,
    lastName: created.lastName ?? null,
  };
  await recordAudit({
    shopDomain,
    actor,
    action: "customer.create",
    subjectType: "customer",
    subjectId: customer.customerId,
    after: { source: "pos", email: Boolean(customer.email), phone: Boolean(customer.phone) },
  });
  return { ok: true, customer };
}
