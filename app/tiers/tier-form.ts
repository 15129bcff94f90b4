// The tier setup form as merchants fill it (thresholds in the shop's currency for spend, multipliers as "1.5")
// turned into tier rules, with field errors keyed like the form's fields. Shared by the admin page and its action.
import { fieldErrorsFromZod, type FieldErrors } from "~/platform/form-errors";
import { t } from "~/platform/i18n";
import { moneyFieldValue, parseMoneyField } from "~/platform/money-form";
import { handleFromName, MAX_TIERS, sortedTiers, tierRulesSchema, type TierRules } from "~/tiers/tiers";

export type TierFormValues = Record<string, string>;

/** "1.5" → 150 (percent), exactly; null when it is not a multiplier with at most two decimals. */
export function parseMultiplier(text: string): number | null {
  const match = /^(\d{1,2})(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? "").padEnd(2, "0"));
}

/** 150 → "1.5". */
export function multiplierFieldValue(percent: number): string {
  return String(percent / 100);
}

/**
 * Parses the submitted form for a shop in `currency`: rows `tiers.<n>.*` with an empty name are left out; a row
 * without an id is a new tier and gets `newId()`; an empty handle comes from the name.
 */
export function parseTierForm(
  form: TierFormValues,
  currency: string,
  newId: () => string,
): { ok: true; rules: TierRules } | { ok: false; fieldErrors: FieldErrors } {
  const fieldErrors: FieldErrors = {};
  const measure = form.measure;
  const tiers: Record<string, unknown>[] = [];
  const rowOf: number[] = [];
  for (let row = 0; row < MAX_TIERS; row++) {
    const field = (name: string) => (form[`tiers.${row}.${name}`] ?? "").trim();
    if (!field("name")) continue;
    let threshold: number | null = null;
    if (measure === "spend") {
      const money = parseMoneyField(field("threshold"), currency);
      if (money.ok) threshold = money.minor;
      else fieldErrors[`tiers.${row}.threshold`] = money.message;
    } else if (/^\d{1,10}$/.test(field("threshold"))) threshold = Number(field("threshold"));
    else fieldErrors[`tiers.${row}.threshold`] = t("forms.wholeNumber");
    const multiplier = parseMultiplier(field("multiplier") || "1");
    if (multiplier === null) fieldErrors[`tiers.${row}.multiplier`] = t("tiers.errors.multiplier");
    tiers.push({
      id: field("id") || newId(),
      name: field("name"),
      handle: field("handle") || handleFromName(field("name")),
      threshold,
      multiplierPercent: multiplier,
      birthdayBonusPoints: /^\d{1,7}$/.test(field("birthdayBonus") || "0") ? Number(field("birthdayBonus") || "0") : NaN,
    });
    rowOf.push(row);
  }
  const parsed = tierRulesSchema.safeParse({ measure, period: form.period, graceDays: Number(form.graceDays || "0"), tiers });
  if (!parsed.success) {
    // Issues of tiers[i] belong to the form's row rowOf[i] (rows left empty are skipped).
    for (const issue of parsed.error.issues) if (issue.path[0] === "tiers" && typeof issue.path[1] === "number") issue.path[1] = String(rowOf[issue.path[1]]);
    const renames: Record<string, string> = {};
    rowOf.forEach((row) => {
      renames[`tiers.${row}.multiplierPercent`] = `tiers.${row}.multiplier`;
      renames[`tiers.${row}.birthdayBonusPoints`] = `tiers.${row}.birthdayBonus`;
    });
    for (const [key, message] of Object.entries(fieldErrorsFromZod(parsed.error, renames))) fieldErrors[key] ??= message;
  }
  if (Object.keys(fieldErrors).length || !parsed.success) return { ok: false, fieldErrors };
  return { ok: true, rules: { ...parsed.data, tiers: sortedTiers(parsed.data.tiers) } };
}

/** The form's values for stored rules, with empty rows up to the maximum. */
export function tierFormValues(rules: TierRules, currency: string): TierFormValues {
  const values: TierFormValues = { measure: rules.measure, period: rules.period, graceDays: String(rules.graceDays) };
  for (let row = 0; row < MAX_TIERS; row++) {
    const tier = rules.tiers[row];
    values[`tiers.${row}.id`] = tier?.id ?? "";
    values[`tiers.${row}.name`] = tier?.name ?? "";
    values[`tiers.${row}.handle`] = tier?.handle ?? "";
    values[`tiers.${row}.threshold`] = tier ? (rules.measure === "spend" ? moneyFieldValue(tier.threshold, currency) : String(tier.threshold)) : "";
    values[`tiers.${row}.multiplier`] = tier ? multiplierFieldValue(tier.multiplierPercent) : "";
    values[`tiers.${row}.birthdayBonus`] = tier ? String(tier.birthdayBonusPoints) : "";
  }
  return values;
}
