// The program settings form: flat form fields (as the browser posts them) to ProgramSettings, validated by
// the one programSettingsSchema. Shared by the settings page (field errors as you save) and its action.
import { z } from "zod";
import { programSettingsSchema, type ProgramSettings } from "./program";

/** A comma- or newline-separated list field ("vip, wholesale") as a clean list. */
export function splitList(value: unknown): string[] {
  if (typeof value !== "string") return [];
  return [...new Set(value.split(/[\n,]/).map((v) => v.trim()).filter(Boolean))];
}

/** The money figure typed by the merchant ("12.50") in minor units, or NaN when it is not money. */
export function moneyToMinor(value: unknown): number {
  if (typeof value !== "string" || !/^\s*\d+(\.\d{1,2})?\s*$/.test(value)) return Number.NaN;
  const [whole, fraction = ""] = value.trim().split(".");
  return Number(whole) * 100 + Number(fraction.padEnd(2, "0"));
}

const on = (value: unknown) => value === "on" || value === "true";

/** Builds the settings object a form describes (not yet validated). */
export function settingsFromForm(form: Record<string, unknown>): unknown {
  return {
    enabled: on(form.enabled),
    earning: {
      pointsPerUnit: form["earning.pointsPerUnit"],
      base: form["earning.base"] ?? "subtotal_after_discounts",
      minimumOrderMinor: moneyToMinor(form["earning.minimumOrder"] ?? "0"),
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
    expiry: { enabled: on(form["expiry.enabled"]), monthsAfterEarning: form["expiry.monthsAfterEarning"] },
    widget: {
      programName: typeof form["widget.programName"] === "string" ? form["widget.programName"].trim() : "",
      launcherLabel: typeof form["widget.launcherLabel"] === "string" ? form["widget.launcherLabel"].trim() : "",
      primaryColor: form["widget.primaryColor"],
    },
    admin: {
      confirmAdjustmentsAbove: form["admin.confirmAdjustmentsAbove"],
      pointValueMinorPer100: moneyToMinor(form["admin.pointValue"] ?? "0"),
    },
  };
}

/** Form field names for schema paths whose field is named differently. */
const FIELD_FOR_PATH: Record<string, string> = {
  "earning.minimumOrderMinor": "earning.minimumOrder",
  "admin.pointValueMinorPer100": "admin.pointValue",
};

export type SettingsFormResult = { ok: true; settings: ProgramSettings } | { ok: false; fieldErrors: Record<string, string> };

/** Validates a posted settings form; field errors are keyed by form field name. */
export function parseSettingsForm(form: Record<string, unknown>): SettingsFormResult {
  const parsed = programSettingsSchema.safeParse(settingsFromForm(form));
  if (parsed.success) return { ok: true, settings: parsed.data };
  return { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
}

/** The first message per field, keyed by form field name. */
export function fieldErrorsOf(error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const path = issue.path.filter((p) => typeof p === "string").join(".");
    const field = FIELD_FOR_PATH[path] ?? path;
    errors[field] ??= friendly(issue);
  }
  return errors;
}

/** zod's own wording, which reads like a developer message; custom messages pass through. */
const ZOD_DEFAULT = /^(Expected |Required$|Invalid enum value|Number must be|String must contain|Invalid input)/;

function friendly(issue: z.ZodIssue): string {
  if (!ZOD_DEFAULT.test(issue.message)) return issue.message;
  if (issue.code === "invalid_type" && issue.received === "nan") return "Enter a number";
  if (issue.code === "invalid_type" && issue.expected === "number") return "Enter a number";
  if (issue.code === "too_small" && issue.type === "number") return `Enter ${issue.minimum} or more`;
  if (issue.code === "too_big" && issue.type === "number") return `Enter ${issue.maximum} or less`;
  if (issue.code === "too_small" && issue.type === "string") return "Required";
  if (issue.code === "too_big" && issue.type === "string") return `Use at most ${issue.maximum} characters`;
  if (issue.code === "invalid_enum_value") return "Choose one of the options";
  return issue.message;
}

/** Settings as the form shows them (the inverse of settingsFromForm). */
export function formValuesOf(settings: ProgramSettings): Record<string, string | boolean> {
  const minor = (n: number) => (n / 100).toFixed(2);
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
    "expiry.enabled": settings.expiry.enabled,
    "expiry.monthsAfterEarning": String(settings.expiry.monthsAfterEarning),
    "widget.programName": settings.widget.programName,
    "widget.launcherLabel": settings.widget.launcherLabel,
    "widget.primaryColor": settings.widget.primaryColor,
    "admin.confirmAdjustmentsAbove": String(settings.admin.confirmAdjustmentsAbove),
    "admin.pointValue": minor(settings.admin.pointValueMinorPer100),
  };
}
