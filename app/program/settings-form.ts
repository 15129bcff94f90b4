// The program settings form: flat form fields (as the browser posts them) to ProgramSettings, validated by
// the one programSettingsSchema. Shared by the settings page (field errors as you save) and its action.
import { fieldErrorsFromZod } from "~/platform/form-errors";
import { DEFAULT_PROGRAM, programSettingsSchema, type ProgramSettings } from "~/program/program";
import { moneyFieldValue, parseMoneyField } from "~/platform/money-form";

/** A comma- or newline-separated list field ("vip, wholesale") as a clean list. */
export function splitList(value: unknown): string[] {
  if (typeof value !== "string") return [];
  return [
    ...new Set(
      value
        .split(/[\n,]/)
        .map((v) => v.trim())
        .filter(Boolean),
    ),
  ];
}

/** The form's money fields and the settings they fill (minor units of the shop's currency). */
const MONEY_FIELDS = { "earning.minimumOrder": "earning.minimumOrderMinor", "admin.pointValue": "admin.pointValueMinorPer100" } as const;

const on = (value: unknown) => value === "on" || value === "true";

/** Builds the settings object a form describes (not yet validated); money in `currency`, NaN where it is not money. */
export function settingsFromForm(form: Record<string, unknown>, currency: string): unknown {
  const money = (field: keyof typeof MONEY_FIELDS) => {
    const parsed = parseMoneyField(form[field] ?? "0", currency);
    return parsed.ok ? parsed.minor : Number.NaN;
  };
  return {
    enabled: on(form.enabled),
    earning: {
      pointsPerUnit: form["earning.pointsPerUnit"],
      base: form["earning.base"] ?? "subtotal_after_discounts",
      minimumOrderMinor: money("earning.minimumOrder"),
      awardOn: form["earning.awardOn"],
      pendingDays: form["earning.pendingDays"],
      excludedProductIds: splitList(form["earning.excludedProductIds"]),
      excludedCollectionIds: splitList(form["earning.excludedCollectionIds"]),
      excludedProductTags: splitList(form["earning.excludedProductTags"]),
      excludedSalesChannels: splitList(form["earning.excludedSalesChannels"]),
      includeTestOrders: on(form["earning.includeTestOrders"]),
    },
    clawbackPolicy: form.clawbackPolicy,
    codePrefix: typeof form.codePrefix === "string" ? form.codePrefix.trim().toUpperCase() : form.codePrefix,
    expiry: {
      enabled: on(form["expiry.enabled"]),
      policy: form["expiry.policy"] ?? DEFAULT_PROGRAM.expiry.policy,
      months: form["expiry.months"] ?? DEFAULT_PROGRAM.expiry.months,
      reminderDays: splitList(form["expiry.reminderDays"]).map((d) => (/^\d+$/.test(d) ? Number(d) : Number.NaN)),
      // The notice is the server's to work out when the rule changes (app/program/program.server.ts).
      notice: null,
    },
    widget: {
      programName: typeof form["widget.programName"] === "string" ? form["widget.programName"].trim() : "",
      launcherLabel: typeof form["widget.launcherLabel"] === "string" ? form["widget.launcherLabel"].trim() : "",
      primaryColor: form["widget.primaryColor"],
    },
    admin: {
      confirmAdjustmentsAbove: form["admin.confirmAdjustmentsAbove"],
      pointValueMinorPer100: money("admin.pointValue"),
    },
  };
}

/** Form field names for schema paths whose field is named differently. */
const FIELD_FOR_PATH: Record<string, string> = Object.fromEntries(Object.entries(MONEY_FIELDS).map(([field, path]) => [path, field]));

export type SettingsFormResult = { ok: true; settings: ProgramSettings } | { ok: false; fieldErrors: Record<string, string> };

/** Validates a posted settings form for a shop in `currency`; field errors are keyed by form field name. */
export function parseSettingsForm(form: Record<string, unknown>, currency: string): SettingsFormResult {
  const moneyErrors: Record<string, string> = {};
  for (const field of Object.keys(MONEY_FIELDS) as (keyof typeof MONEY_FIELDS)[]) {
    const parsed = parseMoneyField(form[field] ?? "0", currency);
    if (!parsed.ok) moneyErrors[field] = parsed.message;
  }
  const parsed = programSettingsSchema.safeParse(settingsFromForm(form, currency));
  if (parsed.success && !Object.keys(moneyErrors).length) return { ok: true, settings: parsed.data };
  return { ok: false, fieldErrors: { ...(parsed.success ? {} : fieldErrorsFromZod(parsed.error, FIELD_FOR_PATH)), ...moneyErrors } };
}

/** Settings as the form shows them for a shop in `currency` (the inverse of settingsFromForm). */
export function formValuesOf(settings: ProgramSettings, currency: string): Record<string, string | boolean> {
  const minor = (n: number) => moneyFieldValue(n, currency);
  return {
    enabled: settings.enabled,
    "earning.pointsPerUnit": String(settings.earning.pointsPerUnit),
    "earning.base": settings.earning.base,
    "earning.minimumOrder": minor(settings.earning.minimumOrderMinor),
    "earning.awardOn": settings.earning.awardOn,
    "earning.pendingDays": String(settings.earning.pendingDays),
    "earning.excludedProductIds": settings.earning.excludedProductIds.join(", "),
    "earning.excludedCollectionIds": settings.earning.excludedCollectionIds.join(", "),
    "earning.excludedProductTags": settings.earning.excludedProductTags.join(", "),
    "earning.excludedSalesChannels": settings.earning.excludedSalesChannels.join(", "),
    "earning.includeTestOrders": settings.earning.includeTestOrders,
    clawbackPolicy: settings.clawbackPolicy,
    codePrefix: settings.codePrefix,
    "widget.programName": settings.widget.programName,
    "widget.launcherLabel": settings.widget.launcherLabel,
    "widget.primaryColor": settings.widget.primaryColor,
    "admin.confirmAdjustmentsAbove": String(settings.admin.confirmAdjustmentsAbove),
    "admin.pointValue": minor(settings.admin.pointValueMinorPer100),
    "expiry.enabled": settings.expiry.enabled,
    "expiry.policy": settings.expiry.policy,
    "expiry.months": String(settings.expiry.months),
    "expiry.reminderDays": settings.expiry.reminderDays.join(", "),
  };
}
