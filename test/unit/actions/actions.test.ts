// Earning actions' pure rules: limit windows in the shop's time zone, birthdays on the day (29 February too),
// input per kind, challenge progress by order time, and the admin form.
import { describe, expect, it } from "vitest";
import {
  actionInputSchema,
  challengeProgress,
  challengeWindow,
  effectiveLimit,
  fallsOn,
  isActive,
  localDate,
  parseBirthday,
  windowKey,
} from "~/actions/actions";
import { actionFormValues, parseActionForm } from "~/actions/action-form";

const at = (iso: string) => new Date(iso);

describe("limit windows", () => {
  it("GIVEN an instant just after UTC midnight WHEN the shop is in New York THEN it is still the previous local day", () => {
    expect(windowKey("day", at("2026-12-02T03:00:00Z"), "America/New_York")).toBe("2026-12-01");
    expect(windowKey("day", at("2026-12-02T03:00:00Z"), "UTC")).toBe("2026-12-02");
  });
  it("GIVEN ISO weeks THEN the week of 31 December may belong to the next year", () => {
    expect(windowKey("week", at("2026-12-31T12:00:00Z"), "UTC")).toBe("2026-W53");
    expect(windowKey("week", at("2025-12-31T12:00:00Z"), "UTC")).toBe("2026-W01");
  });
  it("GIVEN month, year and once THEN the keys name those windows", () => {
    expect(windowKey("month", at("2026-01-31T23:30:00Z"), "Asia/Tokyo")).toBe("2026-02");
    expect(windowKey("year", at("2026-12-31T23:30:00Z"), "Asia/Tokyo")).toBe("2027");
    expect(windowKey("once", at("2026-12-31T23:30:00Z"), "Asia/Tokyo")).toBe("once");
  });
  it("GIVEN an unknown time zone THEN dates are read in UTC rather than failing", () => {
    expect(localDate(at("2026-03-01T01:00:00Z"), "Mars/Olympus")).toEqual({ year: 2026, month: 3, day: 1 });
  });
  it("GIVEN kinds with a natural limit THEN the merchant's choice does not apply", () => {
    expect(effectiveLimit("signup", "day")).toBe("once");
    expect(effectiveLimit("birthday", "once")).toBe("year");
    expect(effectiveLimit("social_share", "day")).toBe("day");
  });
});

describe("birthdays", () => {
  const today = { year: 2026, month: 12, day: 1 };
  it("GIVEN real past dates THEN they parse; impossible or future ones do not", () => {
    expect(parseBirthday("1990-12-01", today)).toEqual({ year: 1990, month: 12, day: 1 });
    expect(parseBirthday("1992-02-29", today)).toEqual({ year: 1992, month: 2, day: 29 });
    for (const bad of ["1990-02-30", "1991-02-29", "2026-12-02", "1899-01-01", "1990-1-01", "01-12-1990", ""]) expect(parseBirthday(bad, today)).toBeNull();
  });
  it("GIVEN a 29 February birthday THEN it is celebrated on 28 February in other years", () => {
    expect(fallsOn({ month: 2, day: 29 }, { year: 2027, month: 2, day: 28 })).toBe(true);
    expect(fallsOn({ month: 2, day: 29 }, { year: 2028, month: 2, day: 28 })).toBe(false);
    expect(fallsOn({ month: 2, day: 29 }, { year: 2028, month: 2, day: 29 })).toBe(true);
    expect(fallsOn({ month: 6, day: 10 }, { year: 2027, month: 6, day: 10 })).toBe(true);
  });
});

describe("active period", () => {
  const action = { enabled: true, startsAt: at("2026-01-01T00:00:00Z"), endsAt: at("2026-02-01T00:00:00Z") };
  it("GIVEN a period THEN it starts inclusive and ends exclusive; a switched-off action is never active", () => {
    expect(isActive(action, at("2025-12-31T23:59:59Z"))).toBe(false);
    expect(isActive(action, at("2026-01-01T00:00:00Z"))).toBe(true);
    expect(isActive(action, at("2026-02-01T00:00:00Z"))).toBe(false);
    expect(isActive({ ...action, enabled: false }, at("2026-01-15T00:00:00Z"))).toBe(false);
  });
});

describe("shopper input", () => {
  it("GIVEN a survey with a choice and a free question THEN every question must be answered, choices from the list, nothing extra", () => {
    const schema = actionInputSchema({
      kind: "survey",
      config: {
        questions: [
          { key: "pick", label: "Pick", options: ["A", "B"] },
          { key: "free", label: "Free" },
        ],
      },
    });
    expect(schema.safeParse({ answers: { pick: "A", free: "anything" } }).success).toBe(true);
    expect(schema.safeParse({ answers: { pick: "C", free: "x" } }).success).toBe(false);
    expect(schema.safeParse({ answers: { pick: "A" } }).success).toBe(false);
    expect(schema.safeParse({ answers: { pick: "A", free: "x", more: "y" } }).success).toBe(false);
  });
  it("GIVEN a share action THEN only its networks are accepted", () => {
    const schema = actionInputSchema({ kind: "social_share", config: { networks: ["x"] } });
    expect(schema.safeParse({ network: "x" }).success).toBe(true);
    expect(schema.safeParse({ network: "facebook" }).success).toBe(false);
    expect(schema.safeParse({}).success).toBe(false);
  });
});

describe("challenges", () => {
  const order = (iso: string, subtotalMinor = 1000, categories: string[] = []) => ({ occurredAt: at(iso), subtotalMinor, categories });
  it("GIVEN orders out of order THEN completion is the order time of the one that reached the target", () => {
    const progress = challengeProgress("orders", 2, [order("2026-03-05T00:00:00Z"), order("2026-03-01T00:00:00Z"), order("2026-03-03T00:00:00Z")]);
    expect(progress).toEqual({ current: 2, target: 2, completedAt: at("2026-03-03T00:00:00Z") });
  });
  it("GIVEN product categories THEN distinct ones count, whatever their case, and a product without one counts for none", () => {
    const orders = [
      order("2026-03-01T00:00:00Z", 1, ["Tea"]),
      order("2026-03-02T00:00:00Z", 1, ["tea ", "Cups", ""]),
      order("2026-03-03T00:00:00Z", 1, []),
      order("2026-03-04T00:00:00Z", 1, ["Gifts"]),
    ];
    expect(challengeProgress("categories", 3, orders).completedAt).toEqual(at("2026-03-04T00:00:00Z"));
    expect(challengeProgress("categories", 4, orders)).toEqual({ current: 3, target: 4, completedAt: null });
  });
  it("GIVEN within 60 days THEN the window is the later of the start and 60 days back, up to the end", () => {
    const window = challengeWindow({ startsAt: at("2026-01-01T00:00:00Z"), endsAt: at("2026-12-31T00:00:00Z") }, 60, at("2026-06-30T00:00:00Z"));
    expect(window).toEqual({ from: at("2026-05-01T00:00:00Z"), to: at("2026-06-30T00:00:00Z") });
    expect(challengeWindow({ startsAt: at("2026-06-01T00:00:00Z"), endsAt: null }, 60, at("2026-06-30T00:00:00Z")).from).toEqual(at("2026-06-01T00:00:00Z"));
  });
});

describe("the admin form", () => {
  it("GIVEN a follow action's lines THEN each becomes a network with its page", () => {
    const parsed = parseActionForm({ ...actionFormValues(null, "social_follow"), title: "Follow", networks: "instagram | https://instagram.com/shop\n\n" });
    expect(parsed).toMatchObject({
      ok: true,
      input: { kind: "social_follow", config: { networks: [{ network: "instagram", url: "https://instagram.com/shop" }] } },
    });
  });
  it("GIVEN a bad network or an end before the start THEN the field that holds it is named", () => {
    const bad = parseActionForm({ ...actionFormValues(null, "social_share"), title: "Share", networks: "myspace" });
    expect(bad.ok === false && Object.keys(bad.fieldErrors)).toEqual(["networks"]);
    const backwards = parseActionForm({ ...actionFormValues(null, "signup"), title: "Join", startsAt: "2026-05-01", endsAt: "2026-04-01" });
    expect(backwards.ok === false && Object.keys(backwards.fieldErrors)).toEqual(["endsAt"]);
  });
  it("GIVEN a saved poll THEN its form values parse back to the same action", () => {
    const parsed = parseActionForm({
      ...actionFormValues(null, "poll"),
      title: "Next tea",
      pollQuestion: "Which?",
      pollOptions: "matcha | Matcha\nchai | Chai",
    });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const again = parseActionForm(actionFormValues({ id: "x", ...parsed.input }));
    expect(again).toEqual(parsed);
  });
});
