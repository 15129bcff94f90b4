// One validation error shape for every admin form, modelled on Conform's `submission.reply()`: field name →
// one message in the merchant's words (app/locales/en.json). A banner shows the messages, never a field name.
import type { z } from "zod";
import { t } from "~/platform/i18n";

/** Form field name → the message shown under that field. */
export type FieldErrors = Record<string, string>;

/** What an admin action answers (422) for a form it refuses. */
export type FormErrorReply = { ok: false; fieldErrors: FieldErrors };

/** zod's built-in wording, which reads like a developer's message; a schema's own messages pass through. */
const ZOD_DEFAULT =
  /^(Expected |Required$|Invalid (input|enum value|literal value|discriminator value|date|email|url|uuid|datetime)|Number must be|String must contain|Array must contain)/;
/** A message that is a key in app/locales ("forms.chooseReason") rather than a sentence. */
const LOCALE_KEY = /^[a-z][A-Za-z]*(\.[A-Za-z]+)+$/;

/** The message for one zod issue, in the viewer's words. */
export function issueMessage(issue: z.ZodIssue): string {
  if (LOCALE_KEY.test(issue.message)) return t(issue.message);
  if (!ZOD_DEFAULT.test(issue.message)) return issue.message;
  switch (issue.code) {
    case "invalid_type":
      if (issue.received === "undefined" || issue.received === "null") return t("forms.required");
      return issue.expected === "number" || issue.expected === "integer" || issue.received === "nan" ? t("forms.enterNumber") : t("forms.invalid");
    case "too_small":
      if (issue.type === "number") return t(issue.inclusive ? "forms.atLeast" : "forms.moreThan", { min: Number(issue.minimum) });
      return issue.type === "string" && Number(issue.minimum) <= 1 ? t("forms.required") : t("forms.tooShort", { min: Number(issue.minimum) });
    case "too_big":
      if (issue.type === "number") return t(issue.inclusive ? "forms.atMost" : "forms.lessThan", { max: Number(issue.maximum) });
      return issue.type === "string" ? t("forms.tooLong", { max: Number(issue.maximum) }) : t("forms.tooMany", { max: Number(issue.maximum) });
    case "invalid_enum_value":
    case "invalid_literal":
    case "invalid_union_discriminator":
      return t("forms.chooseOption");
    case "not_multiple_of":
      return t("forms.wholeNumber");
    case "invalid_date":
      return t("forms.enterDate");
    default:
      return t("forms.invalid");
  }
}

/**
 * Field errors from a zod error: the first issue per field, keyed by the form's field name (`fieldFor` maps a
 * schema path such as "earning.minimumOrderMinor" to the field that edits it), each in the viewer's words.
 */
export function fieldErrorsFromZod(error: z.ZodError, fieldFor: Record<string, string> = {}): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const path = issue.path.filter((p) => typeof p === "string").join(".");
    errors[fieldFor[path] ?? (path || "form")] ??= issueMessage(issue);
  }
  return errors;
}

/** The messages a banner lists: each distinct message once, without the field names. */
export function bannerMessages(fieldErrors: FieldErrors): string[] {
  return [...new Set(Object.values(fieldErrors))];
}
