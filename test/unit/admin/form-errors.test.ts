// The one validation error shape of every admin form: field name → one message in the merchant's words.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { bannerMessages, fieldErrorsFromZod } from "~/platform/form-errors";
import { programSettingsSchema } from "~/program/program";
import { parseRewardForm } from "~/rewards/reward-form";
import { parseSettingsForm } from "~/program/settings-form";

const schema = z.object({
  name: z.string().min(1).max(10),
  points: z.coerce.number().int().min(1).max(1000),
  kind: z.enum(["amount_off", "free_shipping"]),
  config: z.object({ valueMinor: z.number().int().positive() }),
  reason: z.string().min(1, "Choose a reason"),
});

/** What zod itself says, or a field path; none of it may reach a merchant ("Required" reads fine and stays). */
const DEVELOPER_WORDING = /Expected |received|Invalid enum value|Number must be|String must contain|^[a-z]+(\.[a-zA-Z]+)+$/;

describe("fieldErrorsFromZod", () => {
  it("keys each error by the form's field and words it for the merchant", () => {
    // GIVEN a form with every kind of mistake
    const parsed = schema.safeParse({ name: "", points: "abc", kind: "gift", config: { valueMinor: -5 }, reason: "" });
    expect(parsed.success).toBe(false);
    if (parsed.success) return;
    // WHEN its errors are read, with the schema path config.valueMinor edited by the field "config.value"
    const errors = fieldErrorsFromZod(parsed.error, { "config.valueMinor": "config.value" });
    // THEN one message per field, in words, under the form's names; a schema's own message passes through
    expect(errors).toEqual({
      name: "Required",
      points: "Enter a number",
      kind: "Choose one of the options",
      "config.value": "Enter more than 0",
      reason: "Choose a reason",
    });
  });

  it("translates a message that is a locale key", () => {
    const parsed = z.object({ shop: z.string().min(3, "login.invalidShop") }).safeParse({ shop: "x" });
    if (parsed.success) throw new Error("expected a failure");
    expect(fieldErrorsFromZod(parsed.error)).toEqual({ shop: "Enter a valid shop domain, such as example.myshopify.com" });
  });

  it("never shows zod's developer wording, for any input to the real settings and reward forms", () => {
    const formValue = fc.oneof(fc.string(), fc.constantFrom("", "abc", "-1", "1e309", "NaN", "12.345", "on", "off", "99999999"));
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.constantFrom(
            "enabled",
            "earning.pointsPerUnit",
            "earning.awardOn",
            "earning.pendingDays",
            "earning.minimumOrder",
            "widget.primaryColor",
            "codePrefix",
            "expiry.months",
            "expiry.reminderDays",
            "expiry.policy",
            "admin.pointValue",
          ),
          formValue,
        ),
        (form) => {
          const result = parseSettingsForm(form, "USD");
          if (result.ok) return;
          for (const message of Object.values(result.fieldErrors)) expect(message).not.toMatch(DEVELOPER_WORDING);
        },
      ),
      { numRuns: 200 },
    );
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom("name", "kind", "pointsCost", "config.valueMinor", "config.percent", "codeValidityDays", "perCustomerLimit"), formValue),
        (form) => {
          const result = parseRewardForm({ kind: "amount_off", ...form }, [], "USD");
          if (result.ok) return;
          for (const message of Object.values(result.fieldErrors)) expect(message).not.toMatch(DEVELOPER_WORDING);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("reads the program schema's nested errors without a path in the message", () => {
    const parsed = programSettingsSchema.safeParse({});
    if (parsed.success) return;
    for (const message of Object.values(fieldErrorsFromZod(parsed.error))) expect(message).not.toMatch(DEVELOPER_WORDING);
  });
});

describe("bannerMessages", () => {
  it("lists each message once and no field names", () => {
    // GIVEN errors on two reward fields, one repeated
    const messages = bannerMessages({
      "config.valueMinor": "Enter an amount such as 5.00",
      "config.capMinor": "Enter an amount such as 5.00",
      name: "Required",
    });
    // THEN the banner's text names no field path
    expect(messages).toEqual(["Enter an amount such as 5.00", "Required"]);
    expect(messages.join(" ")).not.toContain("config.");
  });
});
