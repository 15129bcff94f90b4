// Expiry's pure rules: dates per policy, the notice a stricter change runs through, reminders once per offset.
import { describe, expect, it } from "vitest";
import { DEFAULT_EXPIRY, addMonths, lotExpiresAt, noticeForChange, reminderDue, upcomingExpiries, type ExpirySettings } from "~/expiry/expiry";

const at = (iso: string) => new Date(iso);
const DAY = 86_400_000;
const on = (policy: ExpirySettings["policy"], months: number, notice: ExpirySettings["notice"] = null): ExpirySettings => ({
  ...DEFAULT_EXPIRY,
  enabled: true,
  policy,
  months,
  notice,
});

describe("addMonths", () => {
  it("GIVEN a month end WHEN months are added THEN the day is clamped to the shorter month", () => {
    expect(addMonths(at("2026-01-31T10:00:00Z"), 1).toISOString()).toBe("2026-02-28T10:00:00.000Z");
    expect(addMonths(at("2026-03-15T00:00:00Z"), 12).toISOString()).toBe("2027-03-15T00:00:00.000Z");
    expect(addMonths(at("2026-03-15T00:00:00Z"), -3).toISOString()).toBe("2025-12-15T00:00:00.000Z");
  });
});

describe("lotExpiresAt", () => {
  const lot = { earnedAt: at("2026-01-10T00:00:00Z"), lastActivityAt: at("2026-05-01T00:00:00Z") };

  it("GIVEN the per-lot policy THEN a lot expires its months after it was earned", () => {
    expect(lotExpiresAt(on("per_lot", 6), lot)?.toISOString()).toBe("2026-07-10T00:00:00.000Z");
  });

  it("GIVEN the inactivity policy THEN every lot expires its months after the last earning or redeeming", () => {
    expect(lotExpiresAt(on("inactivity", 6), lot)?.toISOString()).toBe("2026-11-01T00:00:00.000Z");
  });

  it("GIVEN expiry off THEN nothing expires", () => {
    expect(lotExpiresAt(DEFAULT_EXPIRY, lot)).toBeNull();
  });

  it("GIVEN expiry just turned on THEN nothing expires before one full period has passed", () => {
    const enabledAt = at("2027-01-01T00:00:00Z");
    const settings = on("per_lot", 6, noticeForChange(DEFAULT_EXPIRY, on("per_lot", 6), enabledAt));
    expect(settings.notice?.effectiveAt).toBe("2027-07-01T00:00:00.000Z");
    // A lot earned long ago would be overdue under the rule: it expires on the effective date, not before.
    expect(lotExpiresAt(settings, lot)?.toISOString()).toBe("2027-07-01T00:00:00.000Z");
    // A lot earned after enabling follows the rule itself.
    expect(lotExpiresAt(settings, { earnedAt: at("2027-03-01T00:00:00Z"), lastActivityAt: null })?.toISOString()).toBe("2027-09-01T00:00:00.000Z");
  });

  it("GIVEN a stricter rule announced THEN the previous rule applies until the effective date", () => {
    const before = on("per_lot", 12);
    const changedAt = at("2026-06-01T00:00:00Z");
    const after = { ...on("per_lot", 3), notice: noticeForChange(before, on("per_lot", 3), changedAt) };
    expect(after.notice).toEqual({ previous: { enabled: true, policy: "per_lot", months: 12 }, effectiveAt: "2026-09-01T00:00:00.000Z" });
    // Earned 2025-07-01: due 2026-07-01 under the old rule, before the effective date, so then.
    expect(lotExpiresAt(after, { earnedAt: at("2025-07-01T00:00:00Z"), lastActivityAt: null })?.toISOString()).toBe("2026-07-01T00:00:00.000Z");
    // Earned 2026-05-01: the new rule says 2026-08-01, but it only applies from 2026-09-01.
    expect(lotExpiresAt(after, { earnedAt: at("2026-05-01T00:00:00Z"), lastActivityAt: null })?.toISOString()).toBe("2026-09-01T00:00:00.000Z");
  });

  it("GIVEN a more generous rule THEN it needs no notice", () => {
    expect(noticeForChange(on("per_lot", 6), on("per_lot", 12), at("2026-06-01T00:00:00Z"))).toBeNull();
    expect(noticeForChange(on("per_lot", 6), on("inactivity", 6), at("2026-06-01T00:00:00Z"))).toBeNull();
    expect(noticeForChange(on("per_lot", 6), DEFAULT_EXPIRY, at("2026-06-01T00:00:00Z"))).toBeNull();
    expect(noticeForChange(on("inactivity", 6), on("per_lot", 6), at("2026-06-01T00:00:00Z"))).not.toBeNull();
  });
});

describe("reminderDue", () => {
  const expiresAt = at("2026-07-31T00:00:00Z");
  it("GIVEN offsets of 30 and 7 days THEN each window names its own offset, and none after the expiry", () => {
    expect(reminderDue([30, 7], expiresAt, new Date(expiresAt.getTime() - 31 * DAY))).toBeNull();
    expect(reminderDue([30, 7], expiresAt, new Date(expiresAt.getTime() - 30 * DAY))).toBe(30);
    expect(reminderDue([30, 7], expiresAt, new Date(expiresAt.getTime() - 8 * DAY))).toBe(30);
    expect(reminderDue([30, 7], expiresAt, new Date(expiresAt.getTime() - 7 * DAY))).toBe(7);
    expect(reminderDue([30, 7], expiresAt, expiresAt)).toBeNull();
  });
});

describe("upcomingExpiries", () => {
  it("GIVEN lots expiring at different times THEN they are grouped per time, soonest first, spent lots left out", () => {
    const lots = [
      { id: "b", remaining: 40, earnedAt: at("2026-03-01T00:00:00Z") },
      { id: "a", remaining: 10, earnedAt: at("2026-01-01T00:00:00Z") },
      { id: "c", remaining: 5, earnedAt: at("2026-01-01T00:00:00Z") },
      { id: "d", remaining: 0, earnedAt: at("2026-02-01T00:00:00Z") },
    ];
    expect(upcomingExpiries(on("per_lot", 6), lots, null, at("2026-04-01T00:00:00Z"))).toEqual([
      { points: 15, at: at("2026-07-01T00:00:00Z") },
      { points: 40, at: at("2026-09-01T00:00:00Z") },
    ]);
  });
});
