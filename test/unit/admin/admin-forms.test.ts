// The admin's pure pieces: the settings form round trip, member-impact detection, adjustment and import checks.
import { describe, expect, it } from "vitest";
import { DEFAULT_PROGRAM } from "~/loyalty/program";
import { formValuesOf, parseSettingsForm } from "~/loyalty/settings-form";
import { memberImpact } from "~/loyalty/settings-impact";
import { adjustmentFormSchema } from "~/loyalty/adjustments";
import { readImportFile } from "~/loyalty/member-import";
import { decodeCursor, encodeCursor } from "~/loyalty/member-filters";

const asForm = (values: Record<string, string | boolean>) =>
  Object.fromEntries(Object.entries(values).map(([k, v]) => [k, typeof v === "boolean" ? (v ? "on" : "off") : v]));

describe("settings form", () => {
  it("round-trips every setting", () => {
    const settings = { ...DEFAULT_PROGRAM, earning: { ...DEFAULT_PROGRAM.earning, minimumOrderMinor: 2550, excludedProductTags: ["gift", "vip"] } };
    expect(parseSettingsForm(asForm(formValuesOf(settings)))).toEqual({ ok: true, settings });
  });

  it("reports field errors by form field name", () => {
    const form = asForm({ ...formValuesOf(DEFAULT_PROGRAM), "earning.pointsPerUnit": "abc", "earning.minimumOrder": "1.234", "widget.primaryColor": "blue" });
    const result = parseSettingsForm(form);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.fieldErrors).toMatchObject({ "earning.pointsPerUnit": "Enter a number", "earning.minimumOrder": "Enter a number", "widget.primaryColor": "Use a hex colour such as #1a73e8" });
  });
});

describe("memberImpact", () => {
  it("flags changes that make the program less generous, not the others", () => {
    const on = { ...DEFAULT_PROGRAM, enabled: true };
    expect(memberImpact(on, { ...on, earning: { ...on.earning, pointsPerUnit: 2 } })).toEqual([]);
    expect(memberImpact({ ...on, earning: { ...on.earning, pointsPerUnit: 2 } }, on)).toEqual(["lower_rate"]);
    expect(memberImpact(on, { ...on, enabled: false, expiry: { enabled: true, monthsAfterEarning: 12 } })).toEqual(["program_off", "expiry_on"]);
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
    const csv = "Email Address,Points Balance,VIP Tier,Date of Birth\nADA@Example.com,\"1,200\",Gold,1990-04-23\nbad,12,,\nada@example.com,5,,\nli@example.com,-4,,13-45\n";
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
