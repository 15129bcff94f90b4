// Personalised offers: a next-best offer for one member, each with the reason a merchant (or shopper) can read.
import { t } from "~/platform/i18n";

export type OfferWhy =
  | { code: "similar_members_buy"; params: { category: string; share: number } }
  | { code: "bought_together"; params: { boughtProductId: string; boughtTitle: string; lift: number } }
  | { code: "reward_close"; params: { rewardName: string; pointsNeeded: number } };

export type Offer =
  | { kind: "new_category"; category: string; score: number; why: OfferWhy }
  | { kind: "cross_sell"; productId: string; title: string; score: number; why: OfferWhy }
  | { kind: "reward_close"; rewardId: string; score: number; why: OfferWhy };

/** A category is worth suggesting when at least this share of similar members buys it. */
export const MIN_SIMILAR_SHARE = 0.2;
/** A cross-sell needs a basket lift of at least this. */
export const MIN_CROSS_SELL_LIFT = 1.5;
/** A reward is "close" when the member has at least this share of its cost. */
export const CLOSE_REWARD_SHARE = 0.7;

/** The best category the member never bought, by the share of similar members who buy it. */
export function newCategoryOffer(bought: ReadonlySet<string>, similarShares: ReadonlyMap<string, number>): Offer | null {
  let best: { category: string; share: number } | null = null;
  for (const [category, share] of similarShares) {
    if (bought.has(category) || share < MIN_SIMILAR_SHARE) continue;
    if (!best || share > best.share || (share === best.share && category < best.category)) best = { category, share };
  }
  return best && { kind: "new_category", category: best.category, score: best.share, why: { code: "similar_members_buy", params: best } };
}

export type CrossSellCandidate = { boughtProductId: string; boughtTitle: string; productId: string; title: string; lift: number };

/** The basket partner with the highest lift of something the member bought, which they have not bought. */
export function crossSellOffer(bought: ReadonlySet<string>, candidates: readonly CrossSellCandidate[]): Offer | null {
  const fit = candidates.filter((c) => !bought.has(c.productId) && c.lift >= MIN_CROSS_SELL_LIFT);
  fit.sort((a, b) => b.lift - a.lift || a.productId.localeCompare(b.productId));
  const best = fit[0];
  if (!best) return null;
  return {
    kind: "cross_sell",
    productId: best.productId,
    title: best.title,
    score: Math.min(1, best.lift / 5),
    why: { code: "bought_together", params: { boughtProductId: best.boughtProductId, boughtTitle: best.boughtTitle, lift: best.lift } },
  };
}

/** The cheapest reward the member cannot afford yet but holds most of the points for. */
export function closeRewardOffer(balance: number, rewards: readonly { id: string; name: string; pointsCost: number }[]): Offer | null {
  const close = rewards
    .filter((r) => r.pointsCost > balance && balance >= CLOSE_REWARD_SHARE * r.pointsCost)
    .sort((a, b) => a.pointsCost - b.pointsCost || a.id.localeCompare(b.id))[0];
  if (!close) return null;
  return {
    kind: "reward_close",
    rewardId: close.id,
    score: balance / close.pointsCost,
    why: { code: "reward_close", params: { rewardName: close.name, pointsNeeded: close.pointsCost - balance } },
  };
}

/** A member's offers, best first (at most one of each kind). */
export function rankOffers(offers: readonly (Offer | null)[]): Offer[] {
  return offers.filter((o): o is Offer => o !== null).sort((a, b) => b.score - a.score);
}

// --- The offers analysis's answer (app/insight/offers.server.ts) ---

export type MemberOffer = {
  customerId: string;
  kind: Offer["kind"];
  category?: string;
  productId?: string;
  title?: string;
  rewardId?: string;
  score: number;
  /**
   * The reason as a code with its values, never a sentence: the admin renders it in the viewer's language
   * (app/locales, insight.offers.why.<code>), marketing tools read it from the customer metafield.
   */
  why: OfferWhy;
};

export type Offers = { offers: MemberOffer[]; members: number };

/** An offer's reason as one sentence in `locale` (the admin's strings; numbers formatted for that locale). */
export function offerWhyText(why: OfferWhy, locale: string): string {
  const shown: Record<string, string | number> = { ...why.params };
  if (why.code === "similar_members_buy") shown.share = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 0 }).format(why.params.share);
  if (why.code === "bought_together") shown.lift = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(why.params.lift);
  if (why.code === "reward_close") shown.pointsNeeded = new Intl.NumberFormat(locale).format(why.params.pointsNeeded);
  return t(`insight.offers.why.${why.code}`, shown, locale);
}

// --- Offers pushed for marketing tools (app/insight/offers-push.server.ts) ---

/** The customer tag of an offer kind, e.g. `loyalist-offer-cross-sell`: segments and email tools filter on it. */
export function offerTag(kind: Offer["kind"]): string {
  return `loyalist-offer-${kind.replace(/_/g, "-")}`;
}

/** Tags to add and remove when a customer's pushed offer kind changes (null: no offer). */
export function offerTagChanges(before: string | null, after: string | null): { add: string[]; remove: string[] } {
  const known = (k: string | null): k is Offer["kind"] => k === "new_category" || k === "cross_sell" || k === "reward_close";
  return {
    add: known(after) && after !== before ? [offerTag(after)] : [],
    remove: known(before) && before !== after ? [offerTag(before)] : [],
  };
}

/**
 * The customer metafield loyalist.next_offer (JSON): the offer without scores or names of other customers, its
 * reason as a code with values (a marketing tool words it in its own language). `{ "kind": null }` when none.
 */
export function offerMetafieldValue(offer: MemberOffer | null): string {
  if (!offer) return JSON.stringify({ kind: null });
  const target =
    offer.kind === "new_category"
      ? { category: offer.category }
      : offer.kind === "cross_sell"
        ? { productId: offer.productId, title: offer.title }
        : { rewardId: offer.rewardId };
  return JSON.stringify({ kind: offer.kind, ...target, why: offer.why });
}
