// A reward's terms as the merchant reads them beside its form: what it gives, what it costs and every condition
// (minimum order, limit per member, what it applies to, tier, dates). Pure: codes with values; the page words them.
import { formatMoney, parseMoneyInput } from "~/platform/money";
import type { RewardFormValues } from "~/rewards/reward-form";
import type { RewardKind } from "~/rewards/rewards";

/** One line of the summary: a message key under rewards.summary and its values. */
export type SummaryLine = { key: string; values?: Record<string, string | number> };

export type SummaryNames = {
  currency: string;
  /** Titles of the chosen collection and variant, by global id. */
  titles: Record<string, string>;
  /** Tier names by id. */
  tiers: Record<string, string>;
};

const whole = (value: string | undefined) => (value && /^\d+$/.test(value.trim()) ? Number(value.trim()) : null);

/** The summary lines for the form's current values (lines whose field is not valid yet are left out). */
export function rewardSummary(values: RewardFormValues, names: SummaryNames): SummaryLine[] {
  const kind = values.kind as RewardKind;
  const money = (field: string) => {
    const raw = values[`config.${field}`]?.trim();
    if (!raw) return null;
    const parsed = parseMoneyInput(raw, names.currency);
    return parsed.ok ? formatMoney(parsed.minor, names.currency) : null;
  };
  const title = (id: string | undefined) => (id ? (names.titles[id] ?? null) : null);
  const lines: SummaryLine[] = [];

  const points = whole(values.pointsCost);
  if (kind === "points_for_amount") {
    const step = whole(values["config.stepPoints"]);
    const amount = money("stepValueMinor");
    if (step && amount) lines.push({ key: "stepCost", values: { points: step, amount } });
    const steps = whole(values["config.maxSteps"]);
    if (steps) lines.push({ key: "maxSteps", values: { steps } });
  } else if (points !== null) lines.push({ key: "cost", values: { points } });

  const value = money("valueMinor");
  if (kind === "amount_off" && value) lines.push({ key: "amountOff", values: { amount: value } });
  if (kind === "percent_off" && whole(values["config.percent"])) {
    const collection = title(values["config.collectionId"]);
    lines.push(
      collection
        ? { key: "percentOffCollection", values: { percent: values["config.percent"], collection } }
        : { key: "percentOff", values: { percent: values["config.percent"] } },
    );
    const cap = money("capMinor");
    if (cap) lines.push({ key: "cap", values: { amount: cap } });
  }
  if (kind === "free_shipping") {
    const countries = values["config.countries"]?.trim();
    lines.push(countries ? { key: "freeShippingTo", values: { countries: countries.toUpperCase() } } : { key: "freeShipping" });
    const rate = money("maxShippingRateMinor");
    if (rate) lines.push({ key: "maxShippingRate", values: { amount: rate } });
  }
  if (kind === "free_product") {
    const variant = title(values["config.variantId"]);
    if (variant) lines.push({ key: "freeProduct", values: { product: variant } });
  }
  if (kind === "store_credit" && value) lines.push({ key: "storeCredit", values: { amount: value } });
  if (kind === "donation" && value) lines.push({ key: "donation", values: { amount: value } });
  if (kind === "experience") {
    const stock = whole(values["config.stock"]);
    lines.push(stock ? { key: "experienceStock", values: { stock } } : { key: "experience" });
  }

  const minimum = kind === "amount_off" ? money("minimumSubtotalMinor") : null;
  lines.push(minimum ? { key: "minimumOrder", values: { amount: minimum } } : { key: "noMinimumOrder" });
  const limit = whole(values.perCustomerLimit);
  lines.push(limit ? { key: limit === 1 ? "oncePerMember" : "limitPerMember", values: { count: limit } } : { key: "noLimitPerMember" });
  const tier = values.minimumTier ? names.tiers[values.minimumTier] : null;
  lines.push(tier ? { key: "tier", values: { tier } } : { key: "everyMember" });
  const nonBuyers = title(values.onlyNonBuyersOfCollectionId);
  if (nonBuyers) lines.push({ key: "nonBuyers", values: { collection: nonBuyers } });
  if (values.activeFrom && values.activeUntil) lines.push({ key: "between", values: { from: values.activeFrom, until: values.activeUntil } });
  else if (values.activeFrom) lines.push({ key: "from", values: { from: values.activeFrom } });
  else if (values.activeUntil) lines.push({ key: "until", values: { until: values.activeUntil } });
  const days = whole(values.codeValidityDays);
  if (days && kind !== "donation" && kind !== "experience") lines.push({ key: kind === "store_credit" ? "creditValidity" : "codeValidity", values: { days } });
  if (values.enabled !== "on") lines.push({ key: "switchedOff" });
  return lines;
}
