// Personalised offers: for one member (or the window's most frequent buyers), a category they never bought
// that members with the same favourite buy, a cross-sell from the basket analysis, and a reward they are close
// to; each with its reason as a code and its values (the admin words it in the viewer's language). The
// insight-offers job pushes them to customer metafields and tags for marketing tools (offers-push.server.ts).
import { z } from "zod";
import prisma from "~/db.server";
import type { MemberOffer, Offers } from "~/insight/offers";
import { defineAnalysis, type InsightContext } from "~/insight/analysis";
import { basket } from "~/insight/basket.server";
import { closeRewardOffer, crossSellOffer, newCategoryOffer, rankOffers, type CrossSellCandidate, type Offer } from "~/insight/offers";
import { num, windowLines } from "~/insight/window-sql.server";

export const offersParams = z
  .object({
    customerId: z
      .string()
      .regex(/^[1-9]\d{0,18}$/, "must be a Shopify customer id")
      .optional(),
    limit: z.coerce.number().int().min(1).max(200).default(25),
  })
  .strict();

type Rewards = { id: string; name: string; pointsCost: number }[];

async function purchases(ctx: InsightContext, customerIds: string[]) {
  return prisma.$queryRaw<{ customerId: string; category: string | null; productId: string | null; orders: bigint }[]>`
    SELECT l."customerId", l.category, l."productId", count(DISTINCT l."orderId") AS orders FROM "InsightOrderLine" l
    WHERE l."shopDomain" = ${ctx.shopDomain} AND l."customerId" = ANY(${customerIds}::text[]) AND l."occurredAt" < ${ctx.window.toExclusive} AND NOT l.excluded
    GROUP BY 1, 2, 3`;
}

/**
 * For buyers of each of `favourites` in the window, the share who also bought each category: favourite →
 * category → share. One read of the window's lines for every favourite the customers have.
 */
async function similarShares(ctx: InsightContext, favourites: string[]): Promise<Map<string, Map<string, number>>> {
  const shares = new Map(favourites.map((f) => [f, new Map<string, number>()]));
  if (!favourites.length) return shares;
  const rows = await prisma.$queryRaw<{ favourite: string; category: string; share: number }[]>`
    WITH l AS (SELECT DISTINCT l."customerId", l.category FROM "InsightOrderLine" l WHERE ${windowLines(ctx)} AND l."customerId" IS NOT NULL AND l.category <> ''),
    peers AS (SELECT "customerId", category AS favourite FROM l WHERE category = ANY(${favourites}::text[])),
    -- Pairs counted before the peer counts join in, so the grouping is a small hash, not a sort of every pair.
    pairs AS (SELECT p.favourite, l.category, count(*) AS n FROM peers p JOIN l USING ("customerId") GROUP BY 1, 2)
    SELECT pairs.favourite, pairs.category, pairs.n::float8 / GREATEST(f.n, 1) AS share
    FROM pairs JOIN (SELECT favourite, count(*) AS n FROM peers GROUP BY 1) f USING (favourite)`;
  for (const r of rows) shares.get(r.favourite)?.set(r.category, r.share);
  return shares;
}

function memberOffer(customerId: string, offer: Offer): MemberOffer {
  const base = { customerId, kind: offer.kind, score: offer.score, why: offer.why };
  if (offer.kind === "new_category") return { ...base, category: offer.category };
  if (offer.kind === "cross_sell") return { ...base, productId: offer.productId, title: offer.title };
  return { ...base, rewardId: offer.rewardId };
}

/** The window's most frequent buyers, most orders first. */
export async function topBuyers(ctx: InsightContext, limit: number): Promise<string[]> {
  const rows = await prisma.$queryRaw<{ customerId: string }[]>`
    SELECT "customerId" FROM (SELECT DISTINCT l."customerId", l."orderId" FROM "InsightOrderLine" l WHERE ${windowLines(ctx)} AND l."customerId" IS NOT NULL) o
    GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT ${limit}`;
  return rows.map((r) => r.customerId);
}

export async function offers(ctx: InsightContext, params: z.infer<typeof offersParams>): Promise<Offers> {
  const customerIds = params.customerId ? [params.customerId] : await topBuyers(ctx, params.limit);
  return { offers: await offersFor(ctx, customerIds), members: customerIds.length };
}

/** The offers of these customers, best first for each. */
export async function offersFor(ctx: InsightContext, customerIds: string[]): Promise<MemberOffer[]> {
  if (!customerIds.length) return [];
  const [bought, pairs, rewards, members] = await Promise.all([
    purchases(ctx, customerIds),
    basket(ctx, { minOrders: 5, limit: 500 }),
    prisma.reward.findMany({
      where: { shopDomain: ctx.shopDomain, enabled: true, archivedAt: null, pointsCost: { gt: 0 } },
      select: { id: true, name: true, pointsCost: true },
    }) as Promise<Rewards>,
    prisma.member.findMany({ where: { shopDomain: ctx.shopDomain, customerId: { in: customerIds } }, select: { customerId: true, balance: true } }),
  ]);
  const balances = new Map(members.map((m) => [m.customerId, m.balance]));
  const customers = customerIds.map((customerId) => {
    const mine = bought.filter((b) => b.customerId === customerId);
    const categoryOrders = new Map<string, number>();
    for (const b of mine) if (b.category) categoryOrders.set(b.category, (categoryOrders.get(b.category) ?? 0) + num(b.orders));
    const favourite = [...categoryOrders].sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]))[0]?.[0];
    return { customerId, mine, categoryOrders, favourite };
  });
  const shares = await similarShares(ctx, [...new Set(customers.flatMap((c) => (c.favourite ? [c.favourite] : [])))]);
  const result: MemberOffer[] = [];
  for (const { customerId, mine, categoryOrders, favourite } of customers) {
    const products = new Set(mine.flatMap((b) => (b.productId ? [b.productId] : [])));
    // Only pairs bought together well above chance: a high lift on a handful of orders is noise.
    const candidates: CrossSellCandidate[] = pairs.pairs
      .filter((p) => p.significant)
      .flatMap((p) => [
        ...(products.has(p.a.productId)
          ? [{ boughtProductId: p.a.productId, boughtTitle: p.a.title ?? "", productId: p.b.productId, title: p.b.title ?? "", lift: p.lift }]
          : []),
        ...(products.has(p.b.productId)
          ? [{ boughtProductId: p.b.productId, boughtTitle: p.b.title ?? "", productId: p.a.productId, title: p.a.title ?? "", lift: p.lift }]
          : []),
      ]);
    const ranked = rankOffers([
      favourite ? newCategoryOffer(new Set(categoryOrders.keys()), shares.get(favourite) ?? new Map()) : null,
      crossSellOffer(products, candidates),
      balances.has(customerId) ? closeRewardOffer(balances.get(customerId) ?? 0, rewards) : null,
    ]);
    result.push(...ranked.map((offer) => memberOffer(customerId, offer)));
  }
  return result;
}

export const offersAnalysis = defineAnalysis({ params: offersParams, compute: offers });
