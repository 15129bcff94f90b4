// The reward form as merchants fill it (money as "5.00", countries as "US, CA") turned into the reward's input,
// with field errors keyed like the form's fields. Shared by the admin page (defaults) and its action (truth).
import { moneyFieldValue, parseMoneyField } from "~/platform/money-form";
import { rewardInputSchema, type RewardInput, type RewardKind } from "~/rewards/rewards";
import { REWARD_TRANSLATION_LOCALES, rewardTranslationsSchema } from "~/rewards/translations";
import { fieldErrorsFromZod } from "~/platform/form-errors";

export type RewardFormValues = Record<string, string>;

const MONEY_FIELDS = ["valueMinor", "minimumSubtotalMinor", "capMinor", "maxShippingRateMinor", "stepValueMinor"];
const NUMBER_FIELDS = ["percent", "stepPoints", "maxSteps", "stock"];

/** Parses the submitted form for a shop in `currency`. */
export function parseRewardForm(
  form: RewardFormValues,
  causeIds: string[],
  currency: string,
): { ok: true; input: RewardInput } | { ok: false; fieldErrors: Record<string, string> } {
  const fieldErrors: Record<string, string> = {};
  const kind = form.kind as RewardKind;
  const config: Record<string, unknown> = {};
  for (const key of MONEY_FIELDS) {
    const raw = form[`config.${key}`]?.trim();
    if (!raw) continue;
    const parsed = parseMoneyField(raw, currency);
    if (parsed.ok) config[key] = parsed.minor;
    else fieldErrors[`config.${key}`] = parsed.message;
  }
  for (const key of NUMBER_FIELDS) if (form[`config.${key}`]?.trim()) config[key] = form[`config.${key}`].trim();
  for (const key of ["collectionId", "variantId"]) if (form[`config.${key}`]?.trim()) config[key] = form[`config.${key}`].trim();
  if (form["config.countries"]?.trim())
    config.countries = form["config.countries"]
      .split(/[\s,]+/)
      .filter(Boolean)
      .map((c) => c.toUpperCase());
  if (kind === "donation" && causeIds.length) config.causeIds = causeIds;
  if (kind !== "store_credit" && kind !== "donation" && kind !== "experience") config.returnPointsOnExpiry = form.returnPointsOnExpiry === "on";
  if (kind === "points_for_amount" && config.stepPoints) form = { ...form, pointsCost: String(config.stepPoints) };

  const parsed = rewardInputSchema.safeParse({
    name: form.name,
    description: form.description || null,
    translations: Object.fromEntries(
      REWARD_TRANSLATION_LOCALES.map((l) => [l, { name: form[`translations.${l}.name`] ?? "", description: form[`translations.${l}.description`] ?? "" }]),
    ),
    kind,
    pointsCost: form.pointsCost,
    config,
    enabled: form.enabled === "on",
    activeFrom: form.activeFrom || null,
    activeUntil: form.activeUntil || null,
    perCustomerLimit: form.perCustomerLimit || null,
    combinesWith: {
      orderDiscounts: form.combinesOrder === "on",
      productDiscounts: form.combinesProduct === "on",
      shippingDiscounts: form.combinesShipping === "on",
    },
    codeValidityDays: form.codeValidityDays,
    minimumTier: form.minimumTier || null,
    onlyNonBuyersOfCollectionId: form.onlyNonBuyersOfCollectionId || null,
  });
  if (!parsed.success) for (const [field, message] of Object.entries(fieldErrorsFromZod(parsed.error))) fieldErrors[field] ??= message;
  if (Object.keys(fieldErrors).length || !parsed.success) return { ok: false, fieldErrors };
  return { ok: true, input: parsed.data };
}

type StoredReward = {
  name: string;
  description: string | null;
  translations?: unknown;
  kind: string;
  pointsCost: number;
  config: unknown;
  enabled: boolean;
  activeFrom: Date | string | null;
  activeUntil: Date | string | null;
  perCustomerLimit: number | null;
  combinesWith: unknown;
  codeValidityDays: number;
  minimumTier: string | null;
  onlyNonBuyersOfCollectionId: string | null;
};

/** The form's values for a stored reward (or a new one when null). */
export function rewardFormValues(reward: StoredReward | null, currency: string): RewardFormValues {
  const config = (reward?.config ?? {}) as Record<string, unknown>;
  const combines = (reward?.combinesWith ?? { orderDiscounts: false, productDiscounts: true, shippingDiscounts: true }) as Record<string, boolean>;
  const day = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString().slice(0, 10) : "");
  const values: RewardFormValues = {
    name: reward?.name ?? "",
    description: reward?.description ?? "",
    kind: reward?.kind ?? "amount_off",
    pointsCost: String(reward?.pointsCost ?? 500),
    enabled: reward?.enabled === false ? "off" : "on",
    activeFrom: day(reward?.activeFrom),
    activeUntil: day(reward?.activeUntil),
    perCustomerLimit: reward?.perCustomerLimit ? String(reward.perCustomerLimit) : "",
    combinesOrder: combines.orderDiscounts ? "on" : "off",
    combinesProduct: combines.productDiscounts ? "on" : "off",
    combinesShipping: combines.shippingDiscounts ? "on" : "off",
    codeValidityDays: String(reward?.codeValidityDays ?? 30),
    onlyNonBuyersOfCollectionId: reward?.onlyNonBuyersOfCollectionId ?? "",
    minimumTier: reward?.minimumTier ?? "",
    returnPointsOnExpiry: config.returnPointsOnExpiry ? "on" : "off",
    "config.countries": Array.isArray(config.countries) ? config.countries.join(", ") : "",
  };
  const translations = rewardTranslationsSchema.safeParse(reward?.translations ?? {});
  for (const locale of REWARD_TRANSLATION_LOCALES) {
    const own = translations.success ? translations.data[locale] : undefined;
    values[`translations.${locale}.name`] = own?.name ?? "";
    values[`translations.${locale}.description`] = own?.description ?? "";
  }
  for (const key of MONEY_FIELDS) values[`config.${key}`] = typeof config[key] === "number" ? moneyFieldValue(config[key] as number, currency) : "";
  for (const key of [...NUMBER_FIELDS, "collectionId", "variantId"]) values[`config.${key}`] = config[key] !== undefined ? String(config[key]) : "";
  return values;
}
