// How far the member is from the next tier, in the shop's measure: the profile block, the Rewards page and the
// order-status block say it the same way.
import type { TierProgress } from "../../app/members/contract";
import type { Words } from "./words";

/** "$120.00 more to Gold" (or points, or orders, by the shop's tier measure). */
export function tierNextText(progress: TierProgress, currency: string, words: Words): string | null {
  const next = progress.next;
  if (!next) return null;
  const left = Math.max(0, next.threshold - progress.current);
  const amount =
    progress.measure === "spend" ? words.money(left, currency) : progress.measure === "orders" ? words.t("orders", { count: left }) : words.points(left);
  return words.t("tier_next", { amount, name: next.name });
}
