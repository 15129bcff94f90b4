// The admin's pure pieces: the settings form round trip, member-impact detection, adjustment and import checks.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_PROGRAM } from "~/program/program";
import { formValuesOf, parseSettingsForm } from "~/program/settings-form";
import { memberImpact } from "~/program/settings-impact";
import { adjustmentFormSchema } from "~/ledger/adjustments";
import { readImportFile } from "~/members/member-import";
import { decodeCursor, encodeCursor } from "~/members/member-filters";

const asForm = (values: Record<string, string | boolean>) =>
  Object.fromEntries(Object.entries(values).map(([k, v]) => [k, typeof v === "boolean" ? (v ? "on" : "off") : v]));

describe("settings form", () => {
  it("round-trips every setting, money in the shop's currency (property over USD, JPY, KWD)", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("USD", "JPY", "KWD"),
        fc.nat({ max: 100_000_000 }),
        fc.nat({ max: 1_000_000 }),
        (currency, minimumOrderMinor, pointValueMinorPer100) => {
          const settings = {
            ...DEFAULT_PROGRAM,
            earning: { ...DEFAULT_PROGRAM.earning, minimumOrderMinor, excludedProductTags: ["gift", "vip"] },
            admin: { ...DEFAULT_PROGRAM.admin, pointValueMinorPer100 },
          };
          expect(parseSettingsForm(asForm(formValuesOf(settings, currency)), currency)).toEqual({ ok: true, settings });
        },
      ),
    );
  });

  it("GIVEN a JPY or KWD shop WHEN the merchant types a minimum order THEN it is stored in that currency's minor units", () => {
    const minimum = (currency: string, typed: string) => {
      const result = parseSettingsForm(asForm({ ...formValuesOf(DEFAULT_PROGRAM, currency), "earning.minimumOrder": typed }), currency);
      return result.ok ? result.settings.earning.minimumOrderMinor : result.fieldErrors["earning.minimumOrder"];
    };
    expect(minimum("JPY", "1500")).toBe(1500);
    expect(minimum("KWD", "12.345")).toBe(12_345);
    expect(minimum("KWD", "12.3")).toBe(12_300);
    expect(minimum("USD", "25.5")).toBe(2550);
    expect(formValuesOf({ ...DEFAULT_PROGRAM, earning: { ...DEFAULT_PROGRAM.earning, minimumOrderMinor: 1500 } }, "JPY")["earning.minimumOrder"]).toBe("1500");
    expect(formValuesOf({ ...DEFAULT_PROGRAM, earning: { ...DEFAULT_PROGRAM.earning, minimumOrderMinor: 12_345 } }, "KWD")["earning.minimumOrder"]).toBe(
      "12.345",
    );
  });

  it("GIVEN more decimals than the currency has WHEN saving THEN the money field reports it", () => {
    const errorFor = (currency: string, typed: string) => {
      const result = parseSettingsForm(asForm({ ...formValuesOf(DEFAULT_PROGRAM, currency), "earning.minimumOrder": typed }), currency);
      return result.ok ? null : result.fieldErrors["earning.minimumOrder"];
    };
    expect(errorFor("JPY", "1500.5")).toBe("JPY amounts have no decimals");
    expect(errorFor("USD", "1.234")).toBe("USD amounts have at most 2 decimals");
    expect(errorFor("KWD", "1.2345")).toBe("KWD amounts have at most 3 decimals");
    expect(errorFor("KWD", "abc")).toBe("Enter an amount such as 5.000");
  });

  it("reports field errors by form field name", () => {
    const form = asForm({
      ...formValuesOf(DEFAULT_PROGRAM, "USD"),
      "earning.pointsPerUnit": "abc",
      "earning.minimumOrder": "1.2.3",
      "widget.primaryColor": "blue",
    });
    const result = parseSettingsForm(form, "USD");
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.fieldErrors).toMatchObject({
      "earning.pointsPerUnit": "Enter a number",
      "earning.minimumOrder": "Enter an amount such as 5.00",
      "widget.primaryColor": "Use a hex colour such as #1a73e8",
    });
  });

  it("GIVEN stored settings with expiry on WHEN the form is shown and saved THEN the expiry settings round-trip", () => {
    const stored = { ...DEFAULT_PROGRAM, expiry: { ...DEFAULT_PROGRAM.expiry, enabled: true, policy: "per_lot" as const, months: 6, reminderDays: [14, 3] } };
    const values = formValuesOf(stored, "USD");
    expect(values).toMatchObject({ "expiry.enabled": true, "expiry.policy": "per_lot", "expiry.months": "6", "expiry.reminderDays": "14, 3" });
    expect(parseSettingsForm(asForm(values), "USD")).toMatchObject({
      ok: true,
      settings: { expiry: { enabled: true, policy: "per_lot", months: 6, reminderDays: [14, 3] } },
    });
  });

  it("GIVEN a reminder offset that is not a whole number of days WHEN saved THEN that field is refused", () => {
    const values = { ...formValuesOf(DEFAULT_PROGRAM, "USD"), "expiry.reminderDays": "30, soon" };
    const result = parseSettingsForm(asForm(values), "USD");
    expect(result.ok).toBe(false);
    if (!result.ok) expect(Object.keys(result.fieldErrors).some((k) => k.startsWith("expiry.reminderDays"))).toBe(true);
  });
});

describe("memberImpact", () => {
  it("flags changes that make the program less generous, not the others", () => {
    const on = { ...DEFAULT_PROGRAM, enabled: true };
    expect(memberImpact(on, { ...on, earning: { ...on.earning, pointsPerUnit: 2 } })).toEqual([]);
    expect(memberImpact({ ...on, earning: { ...on.earning, pointsPerUnit: 2 } }, on)).toEqual(["lower_rate"]);
    expect(memberImpact(on, { ...on, enabled: false, expiry: { ...on.expiry, enabled: true } })).toEqual(["program_off", "expiry_on"]);
  });
});

describe("adjustment form", () => {
  const base = { direction: "add", points: "10", reason: "goodwill", submissionId: "abcdefgh12" };
  it("requires a reason, and details for other", () => {
    expect(adjustmentFormSchema.safeParse({ ...base, reason: "" }).success).toBe(false);
    expect(adjustmentFormSchema.safeParse({ ...base, reason: "other" }).success).toBe(false);
    expect(adjustmentFormSchema.safeParse({ ...base, reason: "other", reasonText: "late parcel" }).success).toBe(true);
  });
  it("refuses zero, fractions and negative points", () => {
    for (const points of ["0", "1.5", "-3", "x"]) expect(adjustmentFormSchema.safeParse({ ...base, points }).success).toBe(false);
  });
});

describe("import file", () => {
  it("reads Smile-style headers, normalises values and reports every problem by line", () => {
    const csv =
      'Email Address,Points Balance,VIP Tier,Date of Birth\nADA@Example.com,"1,200",Gold,1990-04-23\nbad,12,,\nada@example.com,5,,\nli@example.com,-4,,13-45\n';
    const { rows, problems, totalRows } = readImportFile(csv);
    expect(totalRows).toBe(4);
    expect(rows).toEqual([{ row: 2, email: "ada@example.com", points: 1200, tier: "Gold", birthday: "1990-04-23" }]);
    expect(problems.map((p) => [p.row, p.field])).toEqual([
      [3, "email"],
      [4, "email"],
      [5, "points"],
      [5, "birthday"],
    ]);
  });
  it("needs email and points columns", () => {
    expect(readImportFile("name,score\na,1\n").fileError).toMatch(/email column and a points column/);
  });
});

describe("keyset cursors", () => {
  it("round-trip and ignore tampering", () => {
    expect(decodeCursor(encodeCursor(120, "m1"))).toEqual([120, "m1"]);
    expect(decodeCursor("not-a-cursor")).toBeNull();
  });
});
