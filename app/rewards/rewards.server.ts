// The reward catalogue, donation causes and payouts: what the merchant configures, validated and audited.
import type { Prisma, Reward } from "@prisma/client";
import { z } from "zod";
import prisma from "~/db.server";
import {
  cartQualification,
  donationCauseIds,
  donationOwed,
  readRewardConfig,
  rewardConditions,
  rewardEligibility,
  rewardInputSchema,
  type RewardInput,
  type RewardKind,
} from "~/rewards/rewards";
import { recordAudit } from "~/audit/audit.server";
import { eligibilityFacts } from "~/rewards/eligibility.server";
import { loadTierRules } from "~/tiers/tiers.server";
import { readProgramSettings } from "~/program/program";
import type { StorefrontReward } from "~/members/contract";
import { rewardText } from "~/rewards/translations";
import { legacyId } from "~/platform/shopify/gid";
import { fieldErrorsFromZod, type FieldErrors } from "~/platform/form-errors";

export type { FieldErrors };
const fieldErrors = (error: z.ZodError): FieldErrors => fieldErrorsFromZod(error);

/** The shop's rewards for the admin catalogue (archived ones left out), newest first. */
export async function listRewards(shopDomain: string) {
  const rewards = await prisma.reward.findMany({ where: { shopDomain, archivedAt: null }, orderBy: [{ createdAt: "desc" }, { id: "asc" }] });
  const counts = await prisma.redemption.groupBy({
    by: ["rewardId"],
    where: { shopDomain, status: { notIn: ["failed", "cancelled"] } },
    _count: { _all: true },
  });
  const redeemed = new Map(counts.map((c) => [c.rewardId, c._count._all]));
  return rewards.map((r) => ({ ...r, redeemed: redeemed.get(r.id) ?? 0 }));
}

/** One reward of the shop, or null. */
export async function getReward(shopDomain: string, id: string): Promise<Reward | null> {
  return prisma.reward.findFirst({ where: { id, shopDomain } });
}

export type SaveRewardResult = { ok: true; reward: Reward } | { ok: false; fieldErrors: FieldErrors };

/** Creates (id null) or updates a reward after validating it; records who changed what. */
export async function saveReward(shopDomain: string, actor: string, id: string | null, input: unknown): Promise<SaveRewardResult> {
  const parsed = rewardInputSchema.safeParse(input);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrors(parsed.error) };
  const value: RewardInput = parsed.data;
  if (value.kind === "donation") {
    const causeIds = readRewardConfig("donation", value.config).causeIds ?? [];
    const known = await prisma.donationCause.count({ where: { shopDomain, id: { in: causeIds } } });
    if (known !== causeIds.length) return { ok: false, fieldErrors: { "config.causeIds": "Choose causes from your list" } };
  }
  if (value.minimumTier) {
    const tiers = (await loadTierRules(prisma, shopDomain)).tiers;
    if (!tiers.some((t) => t.id === value.minimumTier)) return { ok: false, fieldErrors: { minimumTier: "Choose a tier from your tiers" } };
  }
  const data = {
    name: value.name,
    description: value.description || null,
    translations: value.translations as Prisma.InputJsonValue,
    kind: value.kind,
    pointsCost: value.pointsCost,
    config: value.config as Prisma.InputJsonValue,
    enabled: value.enabled,
    activeFrom: value.activeFrom ?? null,
    activeUntil: value.activeUntil ?? null,
    perCustomerLimit: value.perCustomerLimit ?? null,
    combinesWith: value.combinesWith,
    codeValidityDays: value.codeValidityDays,
    minimumTier: value.minimumTier || null,
    onlyNonBuyersOfCollectionId: value.onlyNonBuyersOfCollectionId || null,
  };
  return prisma.$transaction(async (tx) => {
    const before = id ? await tx.reward.findFirst({ where: { id, shopDomain } }) : null;
    if (id && !before) return { ok: false as const, fieldErrors: { id: "Reward not found" } };
    const reward = before ? await tx.reward.update({ where: { id: before.id }, data }) : await tx.reward.create({ data: { shopDomain, ...data } });
    await recordAudit(
      {
        shopDomain,
        actor,
        action: before ? "reward.update" : "reward.create",
        subjectType: "reward",
        subjectId: reward.id,
        before: before ?? undefined,
        after: data,
      },
      tx,
    );
    return { ok: true as const, reward };
  });
}

/** Takes a reward out of the catalogue (its redemptions stay). */
export async function archiveReward(shopDomain: string, actor: string, id: string): Promise<boolean> {
  const updated = await prisma.reward.updateMany({ where: { id, shopDomain, archivedAt: null }, data: { archivedAt: new Date(), enabled: false } });
  if (updated.count) await recordAudit({ shopDomain, actor, action: "reward.archive", subjectType: "reward", subjectId: id });
  return updated.count > 0;
}

export type { StorefrontReward };

/**
 * The rewards a shopper sees in the widget, named in their `locale`: active ones, with whether they can afford and
 * redeem each now.
 */
/** The shopper's cart as the widget reads it from the storefront: subtotal in minor units and its product ids. */
export type ShopperCart = { subtotalMinor: number; productIds: string[] };

/** The collections (legacy ids) the cart's products are in, from the catalogue the app keeps. */
async function cartCollections(shopDomain: string, cart: ShopperCart): Promise<Set<string>> {
  if (!cart.productIds.length) return new Set();
  const products = await prisma.productIndex.findMany({
    where: { shopDomain, productId: { in: cart.productIds } },
    select: { collectionIds: true },
  });
  return new Set(products.flatMap((p) => p.collectionIds));
}

/**
 * The rewards a shopper sees, with whether each is available to them; with `cart`, also whether its code would
 * apply to that cart and why not (a minimum order, a collection), so the widget says so before redeeming.
 */
export async function storefrontRewards(
  shopDomain: string,
  customerId: string | null,
  locale = "en",
  now = new Date(),
  cart?: ShopperCart,
): Promise<StorefrontReward[]> {
  const shop = await prisma.shop.findUnique({ where: { domain: shopDomain }, select: { currency: true, program: true } });
  const rewards = await prisma.reward.findMany({
    where: {
      shopDomain,
      enabled: true,
      archivedAt: null,
      AND: [{ OR: [{ activeFrom: null }, { activeFrom: { lte: now } }] }, { OR: [{ activeUntil: null }, { activeUntil: { gt: now } }] }],
    },
    orderBy: [{ pointsCost: "asc" }, { id: "asc" }],
  });
  const member = customerId
    ? await prisma.member.findUnique({ where: { shopDomain_customerId: { shopDomain, customerId } }, select: { id: true, balance: true, redactedAt: true } })
    : null;
  const factsOf = await eligibilityFacts(prisma, shopDomain, member?.id ?? null, rewards, readProgramSettings(shop?.program).enabled);
  const causes = rewards.some((r) => r.kind === "donation")
    ? await prisma.donationCause.findMany({
        where: { shopDomain, active: true },
        select: { id: true, name: true, description: true },
        orderBy: { name: "asc" },
      })
    : [];
  const balance = member && !member.redactedAt ? member.balance : 0;
  const inCart =
    cart && rewards.some((r) => rewardConditions(r.kind as RewardKind, r.config).collectionId) ? await cartCollections(shopDomain, cart) : new Set<string>();
  return rewards.map((r) => {
    const kind = r.kind as RewardKind;
    const config = r.config as Record<string, unknown>;
    const check = rewardEligibility({ ...r, kind }, factsOf(r.id), now);
    const view: StorefrontReward = {
      id: r.id,
      ...rewardText(r, locale),
      kind,
      pointsCost: r.pointsCost,
      valueMinor: typeof config.valueMinor === "number" ? config.valueMinor : null,
      currency: shop?.currency ?? "USD",
      affordable: balance >= r.pointsCost,
      available: check.ok,
      unavailableReason: check.ok ? null : check.code,
      expiresInDays: kind === "donation" ? null : r.codeValidityDays,
      conditions: rewardConditions(kind, config),
    };
    if (cart) {
      view.cart = cartQualification(view.conditions!, {
        subtotalMinor: cart.subtotalMinor,
        hasCollectionProduct: (id) => inCart.has(legacyId(id)),
      });
    }
    if (kind === "points_for_amount") {
      const c = readRewardConfig("points_for_amount", config);
      view.steps = { stepPoints: c.stepPoints, stepValueMinor: c.stepValueMinor, maxSteps: c.maxSteps };
    }
    if (kind === "percent_off") view.percent = readRewardConfig("percent_off", config).percent;
    if (kind === "donation") {
      const allowed = donationCauseIds(
        config,
        causes.map((c) => c.id),
      );
      view.causes = causes.filter((c) => allowed.includes(c.id));
    }
    return view;
  });
}

export const causeInputSchema = z.object({
  name: z.string().trim().min(1, "Give the cause a name").max(100),
  description: z.string().trim().max(500).optional().nullable(),
  matchPercent: z.coerce.number({ invalid_type_error: "Enter a whole percentage" }).int("Enter a whole percentage").min(0).max(1000),
  active: z.boolean(),
});

/** Creates or updates a donation cause. */
export async function saveCause(shopDomain: string, actor: string, id: string | null, input: unknown) {
  const parsed = causeInputSchema.safeParse(input);
  if (!parsed.success) return { ok: false as const, fieldErrors: fieldErrors(parsed.error) };
  const data = { ...parsed.data, description: parsed.data.description || null };
  const existing = id ? await prisma.donationCause.findFirst({ where: { id, shopDomain } }) : null;
  if (id && !existing) return { ok: false as const, fieldErrors: { id: "Cause not found" } };
  const cause = existing
    ? await prisma.donationCause.update({ where: { id: existing.id }, data })
    : await prisma.donationCause.create({ data: { shopDomain, ...data } });
  await recordAudit({
    shopDomain,
    actor,
    action: existing ? "cause.update" : "cause.create",
    subjectType: "donation_cause",
    subjectId: cause.id,
    before: existing ?? undefined,
    after: data,
  });
  return { ok: true as const, cause };
}

/** What is owed to each cause: members' donations plus the merchant's match, minus payouts. */
export async function donationReport(shopDomain: string) {
  const causes = await prisma.donationCause.findMany({ where: { shopDomain }, orderBy: { name: "asc" } });
  const donated = await prisma.redemption.groupBy({
    by: ["causeId"],
    where: { shopDomain, causeId: { not: null }, status: { in: ["issued", "used"] } },
    _sum: { valueMinor: true, points: true },
    _count: { _all: true },
  });
  const paid = await prisma.donationPayout.groupBy({ by: ["causeId"], where: { shopDomain }, _sum: { amountMinor: true } });
  const payouts = await prisma.donationPayout.findMany({ where: { shopDomain }, orderBy: { paidAt: "desc" }, take: 50 });
  return {
    causes: causes.map((cause) => {
      const d = donated.find((x) => x.causeId === cause.id);
      const p = paid.find((x) => x.causeId === cause.id);
      return {
        ...cause,
        donations: d?._count._all ?? 0,
        points: d?._sum.points ?? 0,
        ...donationOwed(d?._sum.valueMinor ?? 0, cause.matchPercent, p?._sum.amountMinor ?? 0),
      };
    }),
    payouts,
  };
}

export const payoutInputSchema = z.object({
  causeId: z.string().min(1),
  amountMinor: z.coerce.number({ invalid_type_error: "Enter an amount" }).int().min(1, "Enter an amount above zero"),
  note: z.string().trim().max(500).optional().nullable(),
});

/** Staff record money paid to a cause; written to the audit log. */
export async function recordDonationPayout(shopDomain: string, actor: string, input: unknown) {
  const parsed = payoutInputSchema.safeParse(input);
  if (!parsed.success) return { ok: false as const, fieldErrors: fieldErrors(parsed.error) };
  const cause = await prisma.donationCause.findFirst({ where: { id: parsed.data.causeId, shopDomain } });
  if (!cause) return { ok: false as const, fieldErrors: { causeId: "Cause not found" } };
  return prisma.$transaction(async (tx) => {
    const payout = await tx.donationPayout.create({
      data: { shopDomain, causeId: cause.id, amountMinor: parsed.data.amountMinor, actor, note: parsed.data.note || null },
    });
    await recordAudit(
      {
        shopDomain,
        actor,
        action: "donation.paid",
        subjectType: "donation_cause",
        subjectId: cause.id,
        reason: parsed.data.note ?? undefined,
        after: { amountMinor: payout.amountMinor },
      },
      tx,
    );
    return { ok: true as const, payout };
  });
}
