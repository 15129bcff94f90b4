import { describe, expect, it } from "vitest";
import { DEFAULT_PROGRAM, programSettingsSchema, readProgramSettings, ruleForNewOrder } from "~/program/program";
import { aProgram } from "./factories";

const withEarning = (earning: Record<string, unknown>) => ({ ...DEFAULT_PROGRAM, earning: { ...DEFAULT_PROGRAM.earning, ...earning } });

describe("programSettingsSchema", () => {
  it("accepts the default program", () => {
    expect(programSettingsSchema.parse(DEFAULT_PROGRAM)).toEqual(DEFAULT_PROGRAM);
  });

  it("GIVEN form values as strings THEN coerces the numbers", () => {
    const parsed = programSettingsSchema.parse(withEarning({ pointsPerUnit: "5", minimumOrderMinor: "2500", pendingDays: "14" }));

    expect(parsed.earning).toMatchObject({ pointsPerUnit: 5, minimumOrderMinor: 2500, pendingDays: 14 });
  });

  it.each([
    ["a negative rate", { pointsPerUnit: -1 }],
    ["a fractional rate", { pointsPerUnit: 1.5 }],
    ["a rate above 1000", { pointsPerUnit: 1001 }],
    ["a non-numeric rate", { pointsPerUnit: "lots" }],
    ["a negative minimum", { minimumOrderMinor: -100 }],
    ["a pending period over a year", { pendingDays: 366 }],
    ["an unknown award timing", { awardOn: "shipped" }],
    ["an unknown earning base", { base: "total_price" }],
    ["an empty excluded product id", { excludedProductIds: [""] }],
    ["too many excluded channels", { excludedSalesChannels: Array.from({ length: 51 }, (_, i) => `channel-${i}`) }],
    ["a non-boolean test-order switch", { includeTestOrders: "yes" }],
  ])("rejects %s", (_, earning) => {
    expect(programSettingsSchema.safeParse(withEarning(earning)).success).toBe(false);
  });

  it.each([
    ["a lowercase code prefix", { codePrefix: "loyal-" }],
    ["a code prefix over 12 characters", { codePrefix: "ABCDEFGHIJKLM" }],
    ["an unknown clawback policy", { clawbackPolicy: "ignore" }],
    ["a colour that is not #rrggbb", { widget: { ...DEFAULT_PROGRAM.widget, primaryColor: "blue" } }],
    ["an empty program name", { widget: { ...DEFAULT_PROGRAM.widget, programName: "" } }],
    ["expiry after 0 months", { expiry: { ...DEFAULT_PROGRAM.expiry, enabled: true, months: 0 } }],
  ])("rejects %s", (_, overrides) => {
    expect(programSettingsSchema.safeParse({ ...DEFAULT_PROGRAM, ...overrides }).success).toBe(false);
  });

  it("names the field of an error, for the admin form", () => {
    const result = programSettingsSchema.safeParse({ ...DEFAULT_PROGRAM, widget: { ...DEFAULT_PROGRAM.widget, primaryColor: "red" } });

    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({ path: ["widget", "primaryColor"], message: "Use a hex colour such as #1a73e8" });
  });
});

describe("readProgramSettings", () => {
  it("GIVEN nothing stored THEN the default program (switched off)", () => {
    expect(readProgramSettings(null)).toEqual(DEFAULT_PROGRAM);
    expect(readProgramSettings("garbage")).toEqual(DEFAULT_PROGRAM);
    expect(DEFAULT_PROGRAM.enabled).toBe(false);
  });

  it("GIVEN settings from an older version missing fields THEN fills them from the defaults", () => {
    const stored = { enabled: true, earning: { pointsPerUnit: 3 }, widget: { programName: "Club" } };

    const settings = readProgramSettings(stored);

    expect(settings.enabled).toBe(true);
    expect(settings.earning).toEqual({ ...DEFAULT_PROGRAM.earning, pointsPerUnit: 3 });
    expect(settings.widget).toEqual({ ...DEFAULT_PROGRAM.widget, programName: "Club" });
    expect(settings.expiry).toEqual(DEFAULT_PROGRAM.expiry);
  });

  it("GIVEN invalid stored settings THEN falls back to the defaults", () => {
    expect(readProgramSettings({ enabled: true, earning: { pointsPerUnit: -5 } })).toEqual(DEFAULT_PROGRAM);
  });
});

describe("ruleForNewOrder", () => {
  it("snapshots the earning rule, whether the program is on, and the bonuses", () => {
    const program = aProgram({ earning: { ...DEFAULT_PROGRAM.earning, pointsPerUnit: 7, pendingDays: 30 } });

    const rule = ruleForNewOrder(program, [150]);

    expect(rule).toEqual({ ...program.earning, programEnabled: true, bonusPercents: [150] });
  });

  it("is a copy: later changes to the program do not change an order's rule", () => {
    const program = aProgram();
    const rule = ruleForNewOrder(program);

    program.earning.pointsPerUnit = 99;

    expect(rule.pointsPerUnit).toBe(1);
  });
});
