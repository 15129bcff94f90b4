// Redeeming rewards: points are reserved in one database transaction under the member's lock, then the reward
// is created in Shopify outside any transaction; a definite failure returns the points exactly once.
import crypto from "node:crypto";
import type { Redemption, Reward } from "@prisma/client";
import prisma from "~/db.server";
import { orderNamesById } from "~/earning/order-names.server";
import { logger } from "~/platform/logger.server";
import {
  donationCauseIds,
  fulfilment,
  generateRewardCode,
  isCancellable,
  nextRedemptionStatus,
  redemptionCost,
  redemptionExpiry,
  returnsPoints,
  rewardEligibility,
  staffMayReturnPoints,
  type RedemptionEvent,
  type RedemptionStatus,
  type RewardKind,
} from "~/rewards/rewards";
import { AdminApiError, offlineAdminClient } from "~/platform/shopify/admin-client.server";
import { deleteDiscountCode, findDiscountCode, issueRewardInShopify, type RewardIssue } from "~/rewards/shopify-rewards.server";
import { recordAudit } from "~/audit/audit.server";
import { lockMember, postLedgerEntry } from "~/ledger/ledger.server";
import { recordRewardRedeemed } from "~/notifications/record.server";
import { lockMemberForSpending } from "~/expiry/expiry.server";
import { openFulfilmentTask } from "~/rewards/fulfilment.server";
import { loadProgram } from "~/shops/shops.server";
import { eligibilityFacts } from "~/rewards/eligibility.server";
import { failure as fail, type Failure } from "~/platform/errors";
import type { RedemptionItem } from "~/members/contract";
import { rewardText } from "~/rewards/translations";

const TX_OPTIONS = { timeout: 30_000, maxWait: 30_000 };
/** Shopify calls for rewards: short timeouts; mutations are never repeated blindly (see rewards.server.ts). */
const CLIENT_OPTIONS = { attempts: 3, timeoutMs: 5_000, retryOnlyThrottled: true };

/** A redemption as the shopper (and the admin list) sees it: the contract's shape. */
export type RedemptionView = RedemptionItem;

type RedemptionWithReward = Redemption & { reward: Pick<Reward, "name" | "description" | "kind" | "translations"> };
/** The reward columns a view needs (its name in every language). */
const REWARD_VIEW = { select: { name: true, description: true, kind: true, translations: true } } as const;

function toView(r: RedemptionWithReward, causeName: string | null | undefined, locale: string): RedemptionView {
  const kind = r.reward.kind as RewardKind;
  const status = r.status as RedemptionStatus;
  return {
    id: r.id,
    rewardId: r.rewardId,
    rewardName: rewardText(r.reward, locale).name,
    kind,
    status,
    code: status === "reserved" || status === "failed" ? null : r.code,
    points: r.points,
    valueMinor: r.valueMinor,
    currency: r.currency,
    cause: r.causeId ? { id: r.causeId, name: causeName ?? "" } : null,
    expiresAt: r.expiresAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
    issuedAt: r.issuedAt?.toISOString() ?? null,
    usedAt: r.usedAt?.toISOString() ?? null,
    cancelledAt: r.cancelledAt?.toISOString() ?? null,
    cancellable: isCancellable(kind, status),
  };
}

async function viewOf(id: string, locale: string): Promise<RedemptionView> {
  const row = await prisma.redemption.findUniqueOrThrow({ where: { id }, include: { reward: REWARD_VIEW } });
  const cause = row.causeId ? await prisma.donationCause.findUnique({ where: { id: row.causeId }, select: { name: true } }) : null;
  return toView(row, cause?.name, locale);
}

export type RedeemInput = { rewardId: string; points?: number | null; causeId?: string | null; idempotencyKey?: string | null };
export type RedeemResult = { ok: true; redemption: RedemptionView; balance: number } | Failure;

/**
 * Redeems a reward for a shopper: reserves the points atomically (never twice, never below zero), then creates
 * the code or credit in Shopify: issued, or still `reserved` while Shopify cannot be reached (retried later).
 */
export async function redeemReward(shopDomain: string, customerId: string, input: RedeemInput, locale = "en", now = new Date()): Promise<RedeemResult> {
  const reserved = await prisma.$transaction(async (tx): Promise<Failure | { ok: true; id: string; balance: number; status: RedemptionStatus }> => {
    const shop = await tx.shop.findUnique({ where: { domain: shopDomain }, select: { currency: true } });
    if (!shop) return fail("unknown_shop");
    const program = await loadProgram(tx, shopDomain);
    const member = await tx.member.findUnique({ where: { shopDomain_customerId: { shopDomain, customerId } }, select: { id: true, redactedAt: true } });
    if (!member || member.redactedAt) return fail("insufficient_points", { balance: 0 });
    // Expired points are written off first: a redemption never spends them.
    const locked = await lockMemberForSpending(tx, shopDomain, member.id);

    const idempotencyKey = input.idempotencyKey ? `proxy:${customerId}:${input.idempotencyKey}` : `redemption:${crypto.randomUUID()}`;
    const repeat = await tx.redemption.findUnique({ where: { shopDomain_idempotencyKey: { shopDomain, idempotencyKey } } });
    if (repeat) {
      if (repeat.memberId !== member.id || repeat.rewardId !== input.rewardId) return fail("idempotency_conflict");
      return { ok: true, id: repeat.id, balance: locked.balance, status: repeat.status as RedemptionStatus };
    }

    const reward = await tx.reward.findFirst({ where: { id: input.rewardId, shopDomain } });
    if (!reward || reward.archivedAt) return fail("reward_not_found");
    // Limited stock: redemptions of one experience queue on its row, so the count below cannot oversell.
    if (reward.kind === "experience") await tx.$queryRaw`SELECT id FROM "Reward" WHERE id = ${reward.id} FOR UPDATE`;
    const facts = (await eligibilityFacts(tx, shopDomain, member.id, [reward], program.enabled))(reward.id);
    const availability = rewardEligibility({ ...reward, kind: reward.kind as RewardKind }, facts, now);
    if (!availability.ok) return availability;
    const kind = reward.kind as RewardKind;
    const cost = redemptionCost({ kind, pointsCost: reward.pointsCost, config: reward.config }, input.points ?? null);
    if (!cost.ok) return cost;

    let causeId: string | null = null;
    if (kind === "donation") {
      const causes = donationCauseIds(reward.config, facts.activeCauseIds);
      causeId = input.causeId ?? (causes.length === 1 ? causes[0] : null);
      if (!causeId || !causes.includes(causeId)) return fail("invalid_request", { field: "causeId" });
    }
    if (locked.balance < cost.points) {
      return fail("insufficient_points", { needed: cost.points, balance: locked.balance });
    }

    const id = crypto.randomUUID();
    const way = fulfilment(kind);
    const status: RedemptionStatus = way === "donation" || way === "experience" ? "issued" : "reserved";
    // Whole seconds: the expiry doubles as the fingerprint of a store credit (Shopify may drop milliseconds).
    const expiresAt =
      way === "donation" || way === "experience" ? null : redemptionExpiry(new Date(Math.floor(now.getTime() / 1000) * 1000), reward.codeValidityDays);
    await tx.redemption.create({
      data: {
        id,
        shopDomain,
        memberId: member.id,
        rewardId: reward.id,
        status,
        points: cost.points,
        valueMinor: cost.valueMinor,
        currency: shop.currency,
        code: way === "discount_code" ? generateRewardCode(program.codePrefix, crypto.randomBytes) : null,
        causeId,
        idempotencyKey,
        expiresAt,
        issuedAt: status === "issued" ? now : null,
      },
    });
    if (way === "experience")
      await openFulfilmentTask(tx, { shopDomain, redemptionId: id, rewardId: reward.id, memberId: member.id, customerId, what: reward.name });
    await postLedgerEntry(tx, {
      shopDomain,
      memberId: member.id,
      kind: "redeem",
      points: -cost.points,
      reason: kind === "donation" ? `Donated through ${reward.name}` : `Redeemed ${reward.name}`,
      source: "redemption",
      sourceId: id,
      idempotencyKey: `redemption:${id}:redeem`,
    });
    await recordRewardRedeemed(tx, {
      shopDomain,
      customerId,
      redemptionId: id,
      rewardName: reward.name,
      points: cost.points,
      balance: locked.balance - cost.points,
      at: now,
    });
    return { ok: true, id, balance: locked.balance - cost.points, status };
  }, TX_OPTIONS);
  if (!reserved.ok) return reserved;

  if (reserved.status === "reserved") await issueRedemption(shopDomain, reserved.id);
  const redemption = await viewOf(reserved.id, locale);
  const balance = (await prisma.member.findFirst({ where: { shopDomain, customerId }, select: { balance: true } }))?.balance ?? 0;
  if (redemption.status === "failed") {
    return fail("reward_failed", { balance });
  }
  return { ok: true, redemption, balance };
}

/**
 * Creates a reserved redemption's reward in Shopify (safe to call again for the same redemption) and records
 * the outcome: issued, or failed with the points returned once. Leaves it reserved when Shopify cannot say.
 */
export async function issueRedemption(shopDomain: string, redemptionId: string): Promise<RedemptionStatus> {
  const claimed = await prisma.redemption.updateMany({
    where: { id: redemptionId, shopDomain, status: "reserved" },
    data: { attempts: { increment: 1 } },
  });
  const row = await prisma.redemption.findUniqueOrThrow({ where: { id: redemptionId }, include: { reward: true } });
  if (claimed.count === 0) return row.status as RedemptionStatus;
  const member = await prisma.member.findUniqueOrThrow({ where: { id: row.memberId }, select: { customerId: true } });
  const issue: RewardIssue = {
    kind: row.reward.kind as RewardKind,
    config: row.reward.config,
    code: row.code,
    title: row.code ? `${row.reward.name} (${row.code})` : row.reward.name,
    customerId: member.customerId,
    currency: row.currency,
    valueMinor: row.valueMinor,
    combinesWith: row.reward.combinesWith as RewardIssue["combinesWith"],
    startsAt: row.createdAt,
    expiresAt: row.expiresAt ?? redemptionExpiry(row.createdAt, row.reward.codeValidityDays),
  };
  let outcome;
  try {
    outcome = await issueRewardInShopify(await offlineAdminClient(shopDomain, CLIENT_OPTIONS), issue);
  } catch (error) {
    outcome = { status: "unknown" as const, error: error instanceof Error ? error.message : String(error) };
  }
  if (outcome.status === "issued") {
    await prisma.redemption.updateMany({
      where: { id: row.id, status: "reserved" },
      data: { status: "issued", shopifyId: outcome.shopifyId, issuedAt: new Date(), lastError: null },
    });
    return "issued";
  }
  if (outcome.status === "failed") {
    logger.warn({ shop: shopDomain, redemption: row.id, error: outcome.error }, "reward could not be created in Shopify; points returned");
    await settleRedemption(shopDomain, row.id, "fail", `Points returned: ${row.reward.name} could not be created`, outcome.error);
    return "failed";
  }
  logger.warn({ shop: shopDomain, redemption: row.id, error: outcome.error }, "Shopify unreachable while creating a reward; will retry");
  await prisma.redemption.update({ where: { id: row.id }, data: { lastError: outcome.error.slice(0, 500) } });
  return "reserved";
}

/**
 * Applies a status event to a redemption under the member's lock, returning its points once when the event
 * does so. Returns the points returned (0 when the event no longer applies, e.g. a second cancel).
 */
async function settleRedemption(shopDomain: string, redemptionId: string, event: RedemptionEvent, reason: string, lastError?: string): Promise<number> {
  return prisma.$transaction(async (tx) => {
    const head = await tx.redemption.findUniqueOrThrow({ where: { id: redemptionId }, select: { memberId: true } });
    await lockMember(tx, head.memberId);
    const rows = await tx.$queryRaw<{ status: string; points: number; config: unknown }[]>`
      SELECT r.status, r.points, w.config FROM "Redemption" r JOIN "Reward" w ON w.id = r."rewardId"
      WHERE r.id = ${redemptionId} AND r."shopDomain" = ${shopDomain} FOR UPDATE OF r`;
    const row = rows[0];
    const next = row ? nextRedemptionStatus(row.status as RedemptionStatus, event) : null;
    if (!row || !next) return 0;
    const now = new Date();
    await tx.redemption.update({
      where: { id: redemptionId },
      data: {
        status: next,
        ...(event === "cancel" ? { cancelledAt: now } : {}),
        ...(lastError ? { lastError: lastError.slice(0, 500) } : {}),
      },
    });
    const giveBack = returnsPoints(event, { returnPointsOnExpiry: Boolean((row.config as { returnPointsOnExpiry?: boolean }).returnPointsOnExpiry) });
    if (!giveBack) return 0;
    const posted = await postLedgerEntry(tx, {
      shopDomain,
      memberId: head.memberId,
      kind: "redeem_refund",
      points: row.points,
      reason,
      source: "redemption",
      sourceId: redemptionId,
      idempotencyKey: `redemption:${redemptionId}:return`,
    });
    return posted ? row.points : 0;
  }, TX_OPTIONS);
}

export type CancelResult = { ok: true; redemption: RedemptionView; pointsReturned: number; balance: number } | Failure;

/** A shopper cancels an unused code: it is deleted in Shopify, then the points come back, once. */
export async function cancelRedemption(shopDomain: string, customerId: string, redemptionId: string, locale = "en"): Promise<CancelResult> {
  const member = await prisma.member.findUnique({ where: { shopDomain_customerId: { shopDomain, customerId } }, select: { id: true } });
  const row = member ? await prisma.redemption.findFirst({ where: { id: redemptionId, shopDomain, memberId: member.id }, include: { reward: true } }) : null;
  if (!member || !row) return fail("not_found");
  const balance = async () => (await prisma.member.findUniqueOrThrow({ where: { id: member.id }, select: { balance: true } })).balance;
  const status = row.status as RedemptionStatus;
  if (status === "cancelled") return { ok: true, redemption: await viewOf(row.id, locale), pointsReturned: 0, balance: await balance() };
  if (status === "used") return fail("already_used");
  if (!isCancellable(row.reward.kind as RewardKind, status)) {
    return fail(status === "reserved" ? "reward_pending" : "not_cancellable");
  }
  try {
    const client = await offlineAdminClient(shopDomain, CLIENT_OPTIONS);
    const found = row.code ? await findDiscountCode(client, row.code) : null;
    if (found && found.usageCount > 0) {
      await settleRedemption(shopDomain, row.id, "use", "");
      return fail("already_used");
    }
    const id = found?.id ?? row.shopifyId;
    if (id) {
      const deleted = await deleteDiscountCode(client, id);
      if (!deleted.ok) {
        logger.warn({ shop: shopDomain, redemption: row.id, error: deleted.error }, "Shopify refused to delete a reward code");
        return fail("not_cancellable");
      }
    }
  } catch (error) {
    if (!(error instanceof AdminApiError)) throw error;
    return fail("shopify_unavailable");
  }
  const pointsReturned = await settleRedemption(shopDomain, row.id, "cancel", `Points returned: ${row.reward.name} cancelled`);
  return { ok: true, redemption: await viewOf(row.id, locale), pointsReturned, balance: await balance() };
}

/** Marks issued redemptions whose codes an order used as used (orders/create and orders/paid). Returns how many. */
export async function markRedemptionsUsed(shopDomain: string, orderId: string, codes: readonly string[], at = new Date()): Promise<number> {
  if (!codes.length) return 0;
  const updated = await prisma.redemption.updateMany({
    where: { shopDomain, code: { in: codes.map((c) => c.trim().toUpperCase()) }, status: { in: ["issued", "expired"] } },
    data: { status: "used", usedOrderId: orderId, usedAt: at },
  });
  return updated.count;
}

/**
 * markRedemptionsUsed for several orders of a shop in one statement, ending as calls in this order would:
 * a code named by two orders is used by the first.
 */
export async function markRedemptionsUsedByOrders(
  shopDomain: string,
  orders: ReadonlyArray<{ orderId: string; codes: readonly string[] }>,
  at = new Date(),
): Promise<number> {
  const pairs = orders.flatMap((o, i) => o.codes.map((c) => ({ code: c.trim().toUpperCase(), orderId: o.orderId, i })));
  if (!pairs.length) return 0;
  return prisma.$executeRaw`
    UPDATE "Redemption" r SET status = 'used', "usedOrderId" = c.order_id, "usedAt" = ${at}, "updatedAt" = ${new Date()}
    FROM (SELECT DISTINCT ON (code) code, order_id FROM unnest(${pairs.map((p) => p.code)}::text[], ${pairs.map((p) => p.orderId)}::text[],
            ${pairs.map((p) => p.i)}::int[]) AS x(code, order_id, i) ORDER BY code, i) c
    WHERE r."shopDomain" = ${shopDomain} AND r.code = c.code AND r.status IN ('issued', 'expired')`;
}

/** Retries reservations a crash or an unreachable Shopify left behind (untouched for `staleSeconds`). */
export async function retryReservedRedemptions(staleSeconds: number, limit = 20): Promise<number> {
  const stale = await prisma.redemption.findMany({
    where: { status: "reserved", updatedAt: { lt: new Date(Date.now() - staleSeconds * 1000) } },
    select: { id: true, shopDomain: true },
    orderBy: { updatedAt: "asc" },
    take: limit,
  });
  for (const r of stale) {
    await issueRedemption(r.shopDomain, r.id).catch((error) => logger.error({ redemption: r.id, err: error }, "retrying a redemption failed"));
  }
  return stale.length;
}

/**
 * Expires unused codes an hour after they end (late order webhooks can still mark them used), returning the
 * points when the reward says so. Returns how many expired.
 */
export async function expireUnusedCodes(now = new Date(), limit = 200): Promise<number> {
  const due = await prisma.redemption.findMany({
    where: { status: "issued", expiresAt: { lt: new Date(now.getTime() - 3_600_000) }, code: { not: null } },
    select: { id: true, shopDomain: true, reward: { select: { name: true } } },
    take: limit,
  });
  for (const r of due) await settleRedemption(r.shopDomain, r.id, "expire", `Points returned: unused ${r.reward.name} expired`);
  return due.length;
}

/** The shopper's redemptions (codes, credits and donations), newest first. */
export async function shopperRedemptions(shopDomain: string, customerId: string, locale = "en", take = 50): Promise<RedemptionView[]> {
  const member = await prisma.member.findUnique({ where: { shopDomain_customerId: { shopDomain, customerId } }, select: { id: true } });
  if (!member) return [];
  return listRedemptionViews({ shopDomain, memberId: member.id }, take, locale);
}

async function listRedemptionViews(where: { shopDomain: string; memberId?: string; status?: string }, take: number, locale = "en") {
  const rows = await prisma.redemption.findMany({
    where,
    include: { reward: REWARD_VIEW },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
  });
  const causeIds = [...new Set(rows.map((r) => r.causeId).filter((id): id is string => Boolean(id)))];
  const causes = causeIds.length ? await prisma.donationCause.findMany({ where: { id: { in: causeIds } }, select: { id: true, name: true } }) : [];
  const names = new Map(causes.map((c) => [c.id, c.name]));
  return rows.map((r) => toView(r, r.causeId ? names.get(r.causeId) : null, locale));
}

/** Redemptions of the shop for the admin list, newest first, with the member's name and whether staff returned the points. */
export async function listRedemptionsForAdmin(shopDomain: string, { status, take = 100 }: { status?: string; take?: number } = {}) {
  const views = await listRedemptionViews({ shopDomain, ...(status ? { status } : {}) }, take);
  const rows = await prisma.redemption.findMany({
    where: { id: { in: views.map((v) => v.id) } },
    select: { id: true, memberId: true, usedOrderId: true, lastError: true },
  });
  const byId = new Map(rows.map((r) => [r.id, r]));
  const members = await prisma.member.findMany({
    where: { id: { in: rows.map((r) => r.memberId) } },
    select: { id: true, email: true, firstName: true, lastName: true, customerId: true },
  });
  const memberById = new Map(members.map((m) => [m.id, m]));
  const returned = await prisma.ledgerEntry.findMany({
    where: { shopDomain, idempotencyKey: { in: views.map((v) => `redemption:${v.id}:return`) } },
    select: { sourceId: true },
  });
  const returnedIds = new Set(returned.map((r) => r.sourceId));
  const orderNames = await orderNamesById(
    shopDomain,
    rows.map((r) => r.usedOrderId),
  );
  return views.map((v) => {
    const extra = byId.get(v.id);
    const m = extra ? memberById.get(extra.memberId) : undefined;
    return {
      ...v,
      member: m ? [m.firstName, m.lastName].filter(Boolean).join(" ") || m.email || `Customer ${m.customerId}` : "",
      usedOrderId: extra?.usedOrderId ?? null,
      usedOrderName: extra?.usedOrderId ? (orderNames.get(extra.usedOrderId) ?? null) : null,
      lastError: extra?.lastError ?? null,
      pointsReturned: returnedIds.has(v.id),
      staffMayReturn: staffMayReturnPoints(v.status, returnedIds.has(v.id)),
    };
  });
}

/**
 * Staff return the points of a used or expired redemption (e.g. its order was refunded), once, with a reason
 * in the member's history and the audit log. Rewards' points are never returned on refunds automatically.
 */
export async function returnRedemptionPoints(
  shopDomain: string,
  actor: string,
  redemptionId: string,
  reason: string,
): Promise<{ ok: true; points: number } | Failure> {
  return prisma.$transaction(async (tx) => {
    const row = await tx.redemption.findFirst({ where: { id: redemptionId, shopDomain }, include: { reward: { select: { name: true } } } });
    if (!row) return fail("not_found");
    await lockMember(tx, row.memberId);
    const key = `redemption:${row.id}:return`;
    const already = await tx.ledgerEntry.findUnique({ where: { shopDomain_idempotencyKey: { shopDomain, idempotencyKey: key } }, select: { id: true } });
    if (!staffMayReturnPoints(row.status as RedemptionStatus, Boolean(already))) return fail("not_returnable");
    await postLedgerEntry(tx, {
      shopDomain,
      memberId: row.memberId,
      kind: "redeem_refund",
      points: row.points,
      reason: `Points for ${row.reward.name} returned by staff: ${reason}`,
      source: "staff",
      sourceId: row.id,
      actor,
      note: reason,
      idempotencyKey: key,
    });
    await recordAudit(
      { shopDomain, actor, action: "redemption.points_returned", subjectType: "redemption", subjectId: row.id, reason, after: { points: row.points } },
      tx,
    );
    return { ok: true as const, points: row.points };
  }, TX_OPTIONS);
}
