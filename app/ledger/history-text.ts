// A ledger entry as a sentence for the shopper, in their language. Entries keep what happened (kind, source,
// order, redemption, the staff's reason key); the words are chosen here, at the edge, from the widget's locales.
import { ADJUSTMENT_REASONS } from "~/ledger/adjustments";
import { hasShopperText, shopperText, type ShopperLocale } from "~/platform/shopper-i18n";
import { rewardText } from "~/rewards/translations";

export type HistoryEntry = {
  kind: string;
  source: string;
  reason: string;
  orderId: string | null;
  sourceId: string | null;
  /** Points of the order a refund did not take back because they had already expired. */
  expiredWriteOff?: number;
};

/** What the entry points at, looked up by the caller: the order's name, the redemption and its reward. */
export type HistoryFacts = {
  orderName?: string | null;
  redemption?: { status: string; reward: { name: string; description: string | null; kind: string; translations?: unknown } } | null;
};

const RTL = new Set<ShopperLocale>(["ar"]);

/** Names inside a sentence are isolated (FSI … PDI) in right-to-left text, so "$5 off" or "#1508" keep their order. */
const isolate = (locale: ShopperLocale, text: string) => (RTL.has(locale) ? `\u2068${text}\u2069` : text);

/** The order's name for the sentence: the stored one, else the one the entry's own text names, else its id. */
function orderName(entry: HistoryEntry, facts: HistoryFacts): string {
  if (facts.orderName) return facts.orderName;
  const named = /order (#?[\w-]+)/.exec(entry.reason)?.[1];
  if (named) return named;
  const id = entry.orderId ?? entry.sourceId ?? "";
  return `#${id.slice(id.lastIndexOf("/") + 1)}`;
}

/** The staff reason key an adjustment was stored with ("goodwill", "other: late parcel"). */
function staffReason(locale: ShopperLocale, reason: string): string {
  if (reason.startsWith("reversal of ")) return shopperText(locale, "history_adjustment_reversed");
  const split = reason.indexOf(":");
  const key = split < 0 ? reason : reason.slice(0, split);
  const text = split < 0 ? "" : reason.slice(split + 1).trim();
  if (key === "other") return text || shopperText(locale, "history_adjustment");
  if ((ADJUSTMENT_REASONS as readonly string[]).includes(key)) return shopperText(locale, `reason_${key}`);
  return shopperText(locale, "history_adjustment");
}

const NETWORK_NAMES: Record<string, string> = {
  instagram: "Instagram",
  facebook: "Facebook",
  tiktok: "TikTok",
  x: "X",
  youtube: "YouTube",
  pinterest: "Pinterest",
  whatsapp: "WhatsApp",
};

/** An earning action's entry, stored as "action:<kind>" or "action:<kind>:<network>". */
function actionReason(reason: string, text: (key: string, values?: Record<string, string>) => string): string {
  const [, kind = "", network] = reason.split(":");
  const key = `history_action_${kind}`;
  if (!hasShopperText(key)) return text("history_other");
  return text(key, network ? { network: NETWORK_NAMES[network] ?? network } : {});
}

/** The sentence the shopper reads for a ledger entry, in `locale`. */
export function historyReason(entry: HistoryEntry, facts: HistoryFacts, locale: ShopperLocale): string {
  const text = (key: string, values: Record<string, string> = {}) =>
    shopperText(locale, key, Object.fromEntries(Object.entries(values).map(([k, v]) => [k, isolate(locale, v)])));
  const order = () => ({ order: orderName(entry, facts) });
  // A take-back that found some of the order's points expired says so (and how many), in the same sentence.
  const takeBack = (key: string) =>
    entry.expiredWriteOff && entry.expiredWriteOff > 0 ? text(`${key}_expired`, { ...order(), points: String(entry.expiredWriteOff) }) : text(key, order());
  const reward = facts.redemption ? rewardText(facts.redemption.reward, locale).name : null;
  if (entry.source === "action") return actionReason(entry.reason, text);
  if (entry.source === "referral") {
    if (entry.kind === "pending_earn") return text("history_referral_pending");
    if (entry.kind === "release") return text("history_referral_release");
    if (entry.kind === "reversal") return text("history_referral_reversed");
  }
  switch (entry.kind) {
    case "earn":
      return text("history_earn", order());
    case "pending_earn":
      return text("history_pending_earn", order());
    case "release":
      return text("history_release", order());
    case "clawback":
      return takeBack("history_clawback");
    case "reversal":
      return takeBack(entry.reason.endsWith("was cancelled") ? "history_cancelled" : "history_corrected");
    case "shortfall_recovery":
      return text("history_recovery", order());
    case "redeem":
      if (!reward) return text("history_other");
      return text(facts.redemption?.reward.kind === "donation" ? "history_donation" : "history_redeem", { reward });
    case "redeem_refund": {
      if (!reward) return text("history_returned");
      if (entry.source === "staff") return text("history_returned_staff", { reward });
      const status = facts.redemption?.status;
      if (status === "cancelled" || status === "failed" || status === "expired") return text(`history_returned_${status}`, { reward });
      return text("history_returned");
    }
    case "adjustment":
      return staffReason(locale, entry.reason);
    case "import":
      return text("history_import");
    case "expiry":
      return text("history_expiry");
    default:
      return text("history_other");
  }
}
