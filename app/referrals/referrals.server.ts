// Referrals: members' codes, friends' claims (fraud-checked, a real discount code from Shopify), the friend's first
// order paying the referrer pending points, and their release once the refund window has passed. The rules are in
// referrals.ts; this file loads facts under locks and writes what they decide.
import crypto from "node:crypto";
import type { Prisma, Referral } from "@prisma/client";
import prisma from "~/db.server";
import { orderNamesById } from "~/earning/order-names.server";
import { recordAudit } from "~/audit/audit.server";
import type { OrderFacts, RefundFacts } from "~/earning/orders";
import { lockMember, postLedgerEntry, type Tx } from "~/ledger/ledger.server";
import { ensureMember } from "~/members/members.server";
import { recordProgramEvent } from "~/notifications/events.server";
import { now as clockNow } from "~/platform/clock.server";
import { failure, type Failure } from "~/platform/errors";
import { logger } from "~/platform/logger.server";
import { offlineAdminClient } from "~/platform/shopify/admin-client.server";
import {
  DAY_MS,
  assessClaim,
  firstOrderOutcome,
  friendRewardOf,
  normaliseCode,
  normaliseEmail,
  randomCode,
  sameContactReasons,
  type ContactKeys,
  type FriendReward,
  type ReferralStatus,
  type ReviewReason,
} from "~/referrals/referrals";
import { issueRewardInShopify } from "~/rewards/shopify-rewards.server";

const TX_OPTIONS = { timeout: 30_000, maxWait: 30_000 };
const CLIENT_OPTIONS = { attempts: 3, timeoutMs: 5_000, retryOnlyThrottled: true };
/** How long a friend's code stays valid. */
const FRIEND_CODE_DAYS = 90;
const randomBytes = (n: number) => new Uint8Array(crypto.randomBytes(n));

export type ReferralSettings = {
  enabled: boolean;
  referrerPoints: number;
  friendReward: FriendReward;
  refundWindowDays: number;
};

/** The shop's referral settings (off with nothing configured when never saved). */
export async function referralSettings(shopDomain: string, tx: Tx = prisma): Promise<ReferralSettings> {
  const row = await tx.referralProgram.findUnique({ where: { shopDomain } });
  if (!row) return { enabled: false, referrerPoints: 0, friendReward: { kind: "amount_off", valueMinor: 0 }, refundWindowDays: 30 };
  return {
    enabled: row.enabled,
    referrerPoints: row.referrerPoints,
    friendReward: friendRewardOf(row.friendRewardKind, row.friendRewardValue),
    refundWindowDays: row.refundWindowDays,
  };
}

/** What GET /proxy/program says about referrals: null while the program is off. */
export async function publicReferral(shopDomain: string): Promise<{ referrerPoints: number; friendReward: FriendReward } | null> {
  const settings = await referralSettings(shopDomain);
  return settings.enabled ? { referrerPoints: settings.referrerPoints, friendReward: settings.friendReward } : null;
}

/** The member's own referral code and link, created the first time they ask. */
export async function memberReferral(shopDomain: string, customerId: string): Promise<{ code: string; url: string } | Failure> {
  const settings = await referralSettings(shopDomain);
  if (!settings.enabled) return failure("referrals_off");
  const code = await prisma.$transaction(async (tx) => {
    const memberId = await ensureMember(tx, shopDomain, { customerId });
    return referralCodeFor(tx, shopDomain, memberId);
  }, TX_OPTIONS);
  return { code, url: referralUrl(shopDomain, code) };
}

/** The storefront's home page with the code: the widget reads `ref` and offers the friend the claim. */
export function referralUrl(shopDomain: string, code: string): string {
  return `https://${shopDomain}/?ref=${encodeURIComponent(code)}`;
}

/** The member's code, creating it (retrying the rare collision) when they have none. */
export async function referralCodeFor(tx: Tx, shopDomain: string, memberId: string): Promise<string> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const existing = await tx.referralCode.findUnique({ where: { shopDomain_memberId: { shopDomain, memberId } }, select: { code: true } });
    if (existing) return existing.code;
    const inserted = await tx.$executeRaw`
      INSERT INTO "ReferralCode" ("shopDomain", code, "memberId", "createdAt")
      VALUES (${shopDomain}, ${randomCode(8, randomBytes)}, ${memberId}, now()) ON CONFLICT DO NOTHING`;
    if (inserted === 0) continue;
  }
  const row = await tx.referralCode.findUnique({ where: { shopDomain_memberId: { shopDomain, memberId } }, select: { code: true } });
  if (!row) throw new Error("could not create a referral code");
  return row.code;
}

export type ClaimInput = { code: string; email: string; customerId: string | null; ip: string | null };
export type ClaimResult = { ok: true; discountCode: string; referralId: string } | Failure;

const ipHashOf = (shopDomain: string, ip: string | null) => (ip ? crypto.createHash("sha256").update(`${shopDomain}|${ip}`).digest("hex").slice(0, 32) : null);

/**
 * A friend claims a referrer's code with their email: refused when it is the referrer, a known customer or a
 * throwaway inbox; held for review when the IP or the referrer is unusually busy; otherwise a single-use discount
 * code is created in Shopify. Claiming again with the same email answers the same code.
 */
export async function claimReferral(shopDomain: string, input: ClaimInput): Promise<ClaimResult> {
  const settings = await referralSettings(shopDomain);
  if (!settings.enabled) return failure("referrals_off");
  const code = normaliseCode(input.code);
  const owner = await prisma.referralCode.findUnique({
    where: { shopDomain_code: { shopDomain, code } },
    include: { member: { select: { id: true, customerId: true, email: true, redactedAt: true } } },
  });
  if (!owner || owner.member.redactedAt) return failure("invalid_code");
  const emailKey = normaliseEmail(input.email);
  const at = await clockNow();

  const decide = () =>
    prisma.$transaction(async (tx): Promise<{ referral: Referral } | Failure> => {
      // The referrer's lock serialises their claims, so velocity counts and the one-referral-per-friend check hold.
      await lockMember(tx, owner.memberId);
      const existing = await tx.referral.findUnique({ where: { shopDomain_friendEmailKey: { shopDomain, friendEmailKey: emailKey } } });
      if (existing) return existing.referrerMemberId === owner.memberId ? { referral: existing } : failure("already_referred");
      const ipHash = ipHashOf(shopDomain, input.ip);
      const [ipReferralsThisWeek, referrerReferralsToday, friendKnown] = await Promise.all([
        ipHash ? tx.referral.count({ where: { shopDomain, ipHash, createdAt: { gte: new Date(at.getTime() - 7 * DAY_MS) } } }) : 0,
        tx.referral.count({ where: { shopDomain, referrerMemberId: owner.memberId, createdAt: { gte: new Date(at.getTime() - DAY_MS) } } }),
        isKnownCustomer(tx, shopDomain, input.customerId, input.email),
      ]);
      const decision = assessClaim({
        referrer: { customerId: owner.member.customerId, emailKey: owner.member.email ? normaliseEmail(owner.member.email) : null },
        friend: { customerId: input.customerId, email: input.email, emailKey },
        friendKnown,
        ipReferralsThisWeek,
        referrerReferralsToday,
      });
      if (decision.outcome === "refuse") return failure(decision.code);
      const referral = await tx.referral.create({
        data: {
          shopDomain,
          referrerMemberId: owner.memberId,
          code,
          friendEmail: input.email.trim(),
          friendEmailKey: emailKey,
          friendCustomerId: input.customerId,
          ipHash,
          status: decision.outcome === "hold" ? "held" : "issued",
          reasons: decision.outcome === "hold" ? decision.reasons : [],
          discountCode: decision.outcome === "hold" ? null : `REF-${randomCode(10, randomBytes)}`,
          friendReward: settings.friendReward as unknown as Prisma.InputJsonValue,
          referrerPoints: settings.referrerPoints,
          refundWindowDays: settings.refundWindowDays,
          createdAt: at,
        },
      });
      return { referral };
    }, TX_OPTIONS);
  let decided: { referral: Referral } | Failure;
  try {
    decided = await decide();
  } catch (error) {
    // Two referrers' claims for one friend raced: the friend's key is unique, so the second finds the first.
    if ((error as { code?: string }).code !== "P2002") throw error;
    decided = await decide();
  }
  if ("ok" in decided) return decided;
  return answerFor(shopDomain, decided.referral);
}

/** What a claim answers for a referral in its current state (a repeated claim included). */
async function answerFor(shopDomain: string, referral: Referral): Promise<ClaimResult> {
  const status = referral.status as ReferralStatus;
  if (status === "held" || status === "rejected") return failure("suspicious");
  if (status === "void") return failure("already_customer");
  if ((status === "issued" || status === "failed") && !referral.discountShopifyId) {
    const issued = await issueFriendCode(shopDomain, referral);
    if (!issued.ok) return issued;
  }
  return { ok: true, discountCode: referral.discountCode!, referralId: referral.id };
}

/** Creates the friend's code in Shopify (once: a lost answer is looked up by the code). */
async function issueFriendCode(shopDomain: string, referral: Referral): Promise<{ ok: true } | Failure> {
  const shop = await prisma.shop.findUniqueOrThrow({ where: { domain: shopDomain }, select: { currency: true } });
  const reward = referral.friendReward as unknown as FriendReward;
  const startsAt = referral.createdAt;
  let outcome;
  try {
    outcome = await issueRewardInShopify(await offlineAdminClient(shopDomain, CLIENT_OPTIONS), {
      kind: reward.kind,
      config: reward.kind === "amount_off" ? { valueMinor: reward.valueMinor } : { percent: reward.percent },
      code: referral.discountCode,
      title: `Loyalist referral ${referral.id}`,
      customerId: referral.friendCustomerId,
      currency: shop.currency,
      valueMinor: reward.kind === "amount_off" ? reward.valueMinor : null,
      combinesWith: { orderDiscounts: false, productDiscounts: false, shippingDiscounts: true },
      startsAt,
      expiresAt: new Date(startsAt.getTime() + FRIEND_CODE_DAYS * DAY_MS),
    });
  } catch (error) {
    outcome = { status: "unknown" as const, error: error instanceof Error ? error.message : String(error) };
  }
  if (outcome.status === "issued") {
    await prisma.referral.update({ where: { id: referral.id }, data: { status: "issued", discountShopifyId: outcome.shopifyId, lastError: null } });
    return { ok: true };
  }
  logger.warn({ shop: shopDomain, referral: referral.id, error: outcome.error }, "friend's referral code could not be created");
  await prisma.referral.update({ where: { id: referral.id }, data: { status: "failed", lastError: outcome.error.slice(0, 500) } });
  return failure(outcome.status === "failed" ? "reward_failed" : "shopify_unavailable");
}

/** A friend who has ordered before or already earned points is not a new customer. */
async function isKnownCustomer(tx: Tx, shopDomain: string, customerId: string | null, email: string): Promise<boolean> {
  const byEmail = { equals: email.trim(), mode: "insensitive" as const };
  const order = await tx.orderRecord.findFirst({
    where: { shopDomain, OR: [{ email: byEmail }, ...(customerId ? [{ customerId }] : [])] },
    select: { orderId: true },
  });
  if (order) return true;
  const member = await tx.member.findFirst({
    where: { shopDomain, lifetimeEarned: { gt: 0 }, OR: [{ email: byEmail }, ...(customerId ? [{ customerId }] : [])] },
    select: { id: true },
  });
  return Boolean(member);
}

type StoredOrder = { orderId: string; snapshot: OrderFacts; customerId: string | null; email: string | null; occurredAt: Date };

/**
 * Brings the referral whose code an order used up to date with the order's newest stored state: a paid first
 * order gives the referrer pending points (once), a cancelled or refunded one reverses them before they are
 * released. Safe to call for any order, any number of times, in any order of events.
 */
export async function applyReferralOrder(shopDomain: string, orderId: string): Promise<void> {
  const order = await prisma.orderRecord.findUnique({
    where: { shopDomain_orderId: { shopDomain, orderId } },
    select: { orderId: true, snapshot: true, customerId: true, email: true, occurredAt: true, discountCodes: true },
  });
  if (!order) return;
  const codes = order.discountCodes.map((c) => c.trim().toUpperCase()).filter((c) => c.startsWith("REF-"));
  const candidate = await prisma.referral.findFirst({
    where: { shopDomain, OR: [{ orderId }, ...(codes.length ? [{ discountCode: { in: codes } }] : [])] },
    select: { id: true },
  });
  if (!candidate) return;
  const at = await clockNow();
  await prisma.$transaction(async (tx) => {
    const head = await tx.referral.findUniqueOrThrow({ where: { id: candidate.id }, select: { referrerMemberId: true } });
    await lockMember(tx, head.referrerMemberId);
    const [referral] = await tx.$queryRaw<Referral[]>`SELECT * FROM "Referral" WHERE id = ${candidate.id} FOR UPDATE`;
    if (!referral || (referral.orderId && referral.orderId !== orderId)) return;
    const refundRows = await tx.orderRefund.findMany({ where: { shopDomain, orderId }, select: { payload: true } });
    const refunds = refundRows.map((r) => r.payload as unknown as RefundFacts);
    await advance(tx, referral, { ...order, snapshot: order.snapshot as unknown as OrderFacts }, refunds, at);
  }, TX_OPTIONS);
}

async function advance(tx: Tx, referral: Referral, order: StoredOrder, refunds: RefundFacts[], at: Date): Promise<void> {
  const status = referral.status as ReferralStatus;
  const outcome = firstOrderOutcome(order.snapshot, refunds);
  const update = (data: Prisma.ReferralUpdateInput) => tx.referral.update({ where: { id: referral.id }, data });
  if (status === "pending" && outcome === "void") {
    await postReferralEntry(tx, referral, "reversal", 0, -referral.referrerPoints, "void", at);
    await update({ status: "void", reasons: [...referral.reasons, "order_voided"] });
    return;
  }
  if (status === "held" && referral.orderId && outcome === "void") {
    await update({ status: "void", reasons: [...referral.reasons, "order_voided"] });
    return;
  }
  if (status !== "issued") return;
  if (!referral.orderId) {
    const reasons = await firstOrderReasons(tx, referral, order);
    if (reasons.void.length) {
      await update({ status: "void", orderId: order.orderId, reasons: reasons.void });
      return;
    }
    if (reasons.review.length) {
      await update({ status: "held", orderId: order.orderId, reasons: reasons.review });
      return;
    }
    await update({ orderId: order.orderId });
  }
  await payOnOutcome(tx, referral, outcome, at);
}

/** From `issued` (or approved from review) with the order known: pending points when paid, nothing when void. */
async function payOnOutcome(tx: Tx, referral: Referral, outcome: ReturnType<typeof firstOrderOutcome>, at: Date): Promise<void> {
  if (outcome === "void") {
    await tx.referral.update({ where: { id: referral.id }, data: { status: "void", reasons: [...referral.reasons, "order_voided"] } });
    return;
  }
  if (outcome !== "paid") return;
  await postReferralEntry(tx, referral, "pending_earn", 0, referral.referrerPoints, "pending", at);
  await tx.referral.update({
    where: { id: referral.id },
    data: { status: "pending", paidAt: at, releasesAt: new Date(at.getTime() + referral.refundWindowDays * DAY_MS) },
  });
}

/** Reasons at the friend's first order: void when it is not a new customer's first order, review when it looks like the referrer. */
async function firstOrderReasons(tx: Tx, referral: Referral, order: StoredOrder): Promise<{ void: ReviewReason[]; review: ReviewReason[] }> {
  const referrer = await tx.member.findUniqueOrThrow({ where: { id: referral.referrerMemberId }, select: { customerId: true } });
  if (order.customerId && order.customerId === referrer.customerId) return { void: ["same_customer"], review: [] };
  const identity = [
    ...(order.customerId ? [{ customerId: order.customerId }] : []),
    ...(order.email ? [{ email: { equals: order.email, mode: "insensitive" as const } }] : []),
    { email: { equals: referral.friendEmail, mode: "insensitive" as const } },
  ];
  const earlier = await tx.orderRecord.findFirst({
    where: { shopDomain: referral.shopDomain, orderId: { not: order.orderId }, occurredAt: { lt: order.occurredAt }, OR: identity },
    select: { orderId: true },
  });
  if (earlier) return { void: ["not_first_order"], review: [] };
  const referrerKeys = await contactKeysOfMember(tx, referral.shopDomain, referral.referrerMemberId, order.orderId);
  const friendKeys: ContactKeys = {
    phones: order.snapshot.contactKeys?.phone ? [order.snapshot.contactKeys.phone] : [],
    addresses: order.snapshot.contactKeys?.address ? [order.snapshot.contactKeys.address] : [],
  };
  return { void: [], review: sameContactReasons(referrerKeys, friendKeys) };
}

/** The phone and address keys on a member's own orders. */
async function contactKeysOfMember(tx: Tx, shopDomain: string, memberId: string, exceptOrderId: string): Promise<ContactKeys> {
  const rows = await tx.$queryRaw<{ phone: string | null; address: string | null }[]>`
    SELECT snapshot->'contactKeys'->>'phone' AS phone, snapshot->'contactKeys'->>'address' AS address
    FROM "OrderRecord" WHERE "shopDomain" = ${shopDomain} AND "memberId" = ${memberId} AND "orderId" <> ${exceptOrderId}
    ORDER BY "occurredAt" DESC LIMIT 200`;
  return {
    phones: rows.map((r) => r.phone).filter((v): v is string => Boolean(v)),
    addresses: rows.map((r) => r.address).filter((v): v is string => Boolean(v)),
  };
}

async function postReferralEntry(
  tx: Tx,
  referral: Referral,
  kind: "pending_earn" | "release" | "reversal",
  points: number,
  pendingPoints: number,
  step: string,
  at: Date,
): Promise<boolean> {
  if (referral.referrerPoints <= 0) return false;
  const reasons = { pending_earn: "Referral reward pending", release: "Referral reward available", reversal: "Referral reward cancelled" };
  return postLedgerEntry(tx, {
    shopDomain: referral.shopDomain,
    memberId: referral.referrerMemberId,
    kind,
    points,
    pendingPoints,
    reason: reasons[kind],
    source: "referral",
    sourceId: referral.id,
    idempotencyKey: `referral:${referral.id}:${step}`,
    occurredAt: at,
  });
}

/** Releases the pending points of referrals whose refund window has passed, and records `referral_completed`. */
export async function releaseReferralPoints(at?: Date): Promise<number> {
  const when = at ?? (await clockNow());
  const due = await prisma.referral.findMany({
    where: { status: "pending", releasesAt: { lte: when } },
    select: { id: true, referrerMemberId: true },
    take: 500,
  });
  let released = 0;
  for (const { id, referrerMemberId } of due) {
    await prisma.$transaction(async (tx) => {
      const member = await tx.member.findUniqueOrThrow({ where: { id: referrerMemberId }, select: { customerId: true } });
      await lockMember(tx, referrerMemberId);
      const [referral] = await tx.$queryRaw<Referral[]>`SELECT * FROM "Referral" WHERE id = ${id} FOR UPDATE`;
      if (!referral || referral.status !== "pending") return;
      await postReferralEntry(tx, referral, "release", referral.referrerPoints, -referral.referrerPoints, "release", when);
      await tx.referral.update({ where: { id }, data: { status: "completed", completedAt: when } });
      await recordProgramEvent(tx, {
        shopDomain: referral.shopDomain,
        customerId: member.customerId,
        type: "referral_completed",
        payload: { referralId: referral.id, points: referral.referrerPoints, orderId: referral.orderId },
        idempotencyKey: `referral:${referral.id}:completed`,
        occurredAt: when,
      });
      released++;
    }, TX_OPTIONS);
  }
  return released;
}

export type ReviewDecision = "approve" | "reject";

/**
 * Staff decide on a held referral: approving one held at the claim creates the friend's code (the friend's next
 * claim answers it); approving one held at the first order pays it as that order stands; rejecting pays nothing.
 * Recorded in the audit trail with the staff member.
 */
export async function reviewReferral(
  shopDomain: string,
  referralId: string,
  decision: ReviewDecision,
  actor: string,
): Promise<{ ok: true; status: ReferralStatus } | Failure> {
  const at = await clockNow();
  const result = await prisma.$transaction(async (tx): Promise<{ ok: true; status: ReferralStatus; issue: boolean } | Failure> => {
    const head = await tx.referral.findFirst({ where: { id: referralId, shopDomain }, select: { referrerMemberId: true } });
    if (!head) return failure("not_found");
    await lockMember(tx, head.referrerMemberId);
    const [referral] = await tx.$queryRaw<Referral[]>`SELECT * FROM "Referral" WHERE id = ${referralId} FOR UPDATE`;
    if (referral.status !== "held") return failure("not_reviewable");
    const reviewed = { reviewedBy: actor, reviewedAt: at };
    await recordAuditIn(tx, {
      shopDomain,
      actor,
      action: `referral.${decision}`,
      subjectId: referralId,
      before: { status: "held", reasons: referral.reasons },
    });
    if (decision === "reject") {
      await tx.referral.update({ where: { id: referralId }, data: { status: "rejected", ...reviewed } });
      return { ok: true, status: "rejected", issue: false };
    }
    if (!referral.orderId) {
      await tx.referral.update({ where: { id: referralId }, data: { status: "issued", discountCode: `REF-${randomCode(10, randomBytes)}`, ...reviewed } });
      return { ok: true, status: "issued", issue: true };
    }
    await tx.referral.update({ where: { id: referralId }, data: { status: "issued", ...reviewed } });
    const order = await tx.orderRecord.findUniqueOrThrow({
      where: { shopDomain_orderId: { shopDomain, orderId: referral.orderId } },
      select: { snapshot: true },
    });
    const refundRows = await tx.orderRefund.findMany({ where: { shopDomain, orderId: referral.orderId }, select: { payload: true } });
    const outcome = firstOrderOutcome(
      order.snapshot as unknown as OrderFacts,
      refundRows.map((r) => r.payload as unknown as RefundFacts),
    );
    await payOnOutcome(tx, { ...referral, status: "issued" }, outcome, at);
    const after = await tx.referral.findUniqueOrThrow({ where: { id: referralId }, select: { status: true } });
    return { ok: true, status: after.status as ReferralStatus, issue: false };
  }, TX_OPTIONS);
  if (!result.ok) return result;
  if (result.issue) {
    const referral = await prisma.referral.findUniqueOrThrow({ where: { id: referralId } });
    await issueFriendCode(shopDomain, referral);
    const after = await prisma.referral.findUniqueOrThrow({ where: { id: referralId }, select: { status: true } });
    return { ok: true, status: after.status as ReferralStatus };
  }
  return { ok: true, status: result.status };
}

function recordAuditIn(tx: Tx, input: { shopDomain: string; actor: string; action: string; subjectId: string; before?: unknown; after?: unknown }) {
  return recordAudit({ ...input, subjectType: "referral" }, tx);
}

export type ReferralRow = {
  id: string;
  status: ReferralStatus;
  reasons: string[];
  friendEmail: string;
  referrer: { memberId: string; email: string | null; name: string };
  referrerPoints: number;
  orderId: string | null;
  /** The friend's order's name ("#1001") when the app has seen it. */
  orderName: string | null;
  createdAt: string;
  releasesAt: string | null;
  reviewedBy: string | null;
};

/** The shop's referrals for the admin, held ones first, newest first. */
export async function listReferrals(shopDomain: string, { status, take = 100 }: { status?: ReferralStatus; take?: number } = {}): Promise<ReferralRow[]> {
  const rows = await prisma.referral.findMany({
    where: { shopDomain, ...(status ? { status } : {}) },
    orderBy: [{ createdAt: "desc" }],
    take,
    include: { referrer: { select: { id: true, email: true, firstName: true, lastName: true } } },
  });
  const orderNames = await orderNamesById(
    shopDomain,
    rows.map((r) => r.orderId),
  );
  return rows.map((r) => ({
    id: r.id,
    status: r.status as ReferralStatus,
    reasons: r.reasons,
    friendEmail: r.friendEmail,
    referrer: { memberId: r.referrer.id, email: r.referrer.email, name: [r.referrer.firstName, r.referrer.lastName].filter(Boolean).join(" ") },
    referrerPoints: r.referrerPoints,
    orderId: r.orderId,
    orderName: r.orderId ? (orderNames.get(r.orderId) ?? null) : null,
    createdAt: r.createdAt.toISOString(),
    releasesAt: r.releasesAt?.toISOString() ?? null,
    reviewedBy: r.reviewedBy,
  }));
}

/** Saves the shop's referral settings, audited with before and after. */
export async function saveReferralSettings(shopDomain: string, settings: ReferralSettings, actor: string): Promise<void> {
  const before = await referralSettings(shopDomain);
  const value = settings.friendReward.kind === "amount_off" ? settings.friendReward.valueMinor : settings.friendReward.percent;
  const data = {
    enabled: settings.enabled,
    referrerPoints: settings.referrerPoints,
    friendRewardKind: settings.friendReward.kind,
    friendRewardValue: value,
    refundWindowDays: settings.refundWindowDays,
  };
  await prisma.$transaction(async (tx) => {
    await tx.referralProgram.upsert({ where: { shopDomain }, create: { shopDomain, ...data }, update: data });
    await recordAuditIn(tx, { shopDomain, actor, action: "referral.settings", subjectId: shopDomain, before, after: settings });
  });
}
