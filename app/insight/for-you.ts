// "For you" in the widget: a member's personalised offers and, for a lapsed member who got a win-back offer, the
// short "why did you stop?" survey. Pure: the answer's shape and the survey's questions.
import { z } from "zod";
import type { MemberOffer } from "~/insight/offers";

/** The reasons a lapsed member can pick (stored as these keys; the widget words them in the shopper's language). */
export const WINBACK_REASONS = ["price", "found_elsewhere", "no_need", "quality", "delivery", "other"] as const;

/** The survey's answers as the widget sends them: a reason, and optionally a few words. */
export const winbackAnswersSchema = z
  .object({
    answers: z
      .object({
        reason: z.enum(WINBACK_REASONS),
        comment: z.string().trim().max(500).optional(),
      })
      .strict(),
  })
  .strict();
export type WinbackAnswers = z.infer<typeof winbackAnswersSchema>["answers"];

/** One offer as a shopper sees it: the facts behind it, worded by the widget. No admin sentence, no score. */
export type ShopperOffer =
  | { kind: "new_category"; category: string }
  | { kind: "cross_sell"; productId: string; title: string; boughtTitle: string }
  | { kind: "reward_close"; rewardId: string; rewardName: string; pointsNeeded: number };

/** GET <proxy root>/for-you. */
export type ForYouResponse = {
  offers: ShopperOffer[];
  /** Present while the member has a win-back offer whose survey they have not answered. */
  winback: { offeredAt: string; rewardId: string | null; reasons: readonly string[] } | null;
};

/** The shopper's view of an analysis offer (null for an offer the widget cannot word). */
export function shopperOffer(offer: MemberOffer): ShopperOffer | null {
  const params = offer.why.params as Record<string, unknown>;
  if (offer.kind === "new_category" && offer.category) return { kind: "new_category", category: offer.category };
  if (offer.kind === "cross_sell" && offer.productId && offer.title) {
    return { kind: "cross_sell", productId: offer.productId, title: offer.title, boughtTitle: String(params.boughtTitle ?? "") };
  }
  if (offer.kind === "reward_close" && offer.rewardId) {
    return { kind: "reward_close", rewardId: offer.rewardId, rewardName: String(params.rewardName ?? ""), pointsNeeded: Number(params.pointsNeeded ?? 0) };
  }
  return null;
}
