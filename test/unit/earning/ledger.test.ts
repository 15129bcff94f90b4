import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { ENTRY_KINDS, isMatured, planOrderAdjustment, shortfallRecovery } from "~/ledger/ledger";

const nothing = { points: 0, pendingPoints: 0 };
const available = (points: number) => ({ points, matured: true });
const pending = (points: number) => ({ points, matured: false });

describe("planOrderAdjustment", () => {
  it("GIVEN a new order that earned 10 THEN earns 10", () => {
    expect(planOrderAdjustment(nothing, available(10), 0)).toEqual({ kind: "earn", points: 10, pendingPoints: 0, shortfall: 0, expiredWriteOff: 0 });
  });

  it("GIVEN a target still in its pending period THEN the points go to pending", () => {
    expect(planOrderAdjustment(nothing, pending(10), 0)).toEqual({ kind: "pending_earn", points: 0, pendingPoints: 10, shortfall: 0, expiredWriteOff: 0 });
  });

  it("GIVEN pending points that matured THEN releases them to the balance", () => {
    expect(planOrderAdjustment({ points: 0, pendingPoints: 10 }, available(10), 0)).toEqual({
      kind: "release",
      points: 10,
      pendingPoints: -10,
      shortfall: 0,
      expiredWriteOff: 0,
    });
  });

  it("GIVEN a refund while pending and then maturity THEN releases only what is left", () => {
    expect(planOrderAdjustment({ points: 0, pendingPoints: 10 }, available(6), 0)).toMatchObject({ kind: "release", points: 6, pendingPoints: -10 });
  });

  it("GIVEN a refund of pending points THEN takes them from pending, not the balance", () => {
    expect(planOrderAdjustment({ points: 0, pendingPoints: 10 }, pending(6), 0)).toEqual({
      kind: "clawback",
      points: 0,
      pendingPoints: -4,
      shortfall: 0,
      expiredWriteOff: 0,
    });
  });

  it("GIVEN a partial refund of available points THEN claws back the difference", () => {
    expect(planOrderAdjustment({ points: 10, pendingPoints: 0 }, available(6), 50)).toEqual({
      kind: "clawback",
      points: -4,
      pendingPoints: 0,
      shortfall: 0,
      expiredWriteOff: 0,
    });
  });

  it("GIVEN a cancelled order THEN reverses everything it earned", () => {
    expect(planOrderAdjustment({ points: 10, pendingPoints: 0 }, available(0), 50)).toEqual({
      kind: "reversal",
      points: -10,
      pendingPoints: 0,
      shortfall: 0,
      expiredWriteOff: 0,
    });
    expect(planOrderAdjustment({ points: 0, pendingPoints: 10 }, pending(0), 50)).toMatchObject({ kind: "reversal", points: 0, pendingPoints: -10 });
  });

  it("GIVEN a later, larger target THEN earns the difference", () => {
    expect(planOrderAdjustment({ points: 10, pendingPoints: 0 }, available(15), 0)).toMatchObject({ kind: "earn", points: 5 });
  });

  it("GIVEN spent points WHEN a cancellation takes back more than the balance THEN stops at 0 and records the shortfall", () => {
    const plan = planOrderAdjustment({ points: 10, pendingPoints: 0 }, available(0), 4);

    expect(plan).toEqual({ kind: "reversal", points: -4, pendingPoints: 0, shortfall: 6, expiredWriteOff: 0 });
  });

  it("GIVEN spent points WHEN a refund takes back more than the balance THEN a clawback to 0 with the shortfall", () => {
    const plan = planOrderAdjustment({ points: 10, pendingPoints: 0 }, available(3), 2);

    expect(plan).toEqual({ kind: "clawback", points: -2, pendingPoints: 0, shortfall: 5, expiredWriteOff: 0 });
  });

  it("GIVEN a balance of 0 WHEN points are taken back THEN nothing is posted to the balance and all of it is shortfall", () => {
    const plan = planOrderAdjustment({ points: 10, pendingPoints: 0 }, available(0), 0);

    expect(plan).toMatchObject({ kind: "reversal", shortfall: 10 });
    expect(plan?.points === 0).toBe(true);
  });

  it("GIVEN the ledger already matches THEN plans nothing", () => {
    expect(planOrderAdjustment({ points: 10, pendingPoints: 0 }, available(10), 0)).toBeNull();
    expect(planOrderAdjustment({ points: 0, pendingPoints: 7 }, pending(7), 0)).toBeNull();
    expect(planOrderAdjustment(nothing, available(0), 0)).toBeNull();
  });

  it("always reaches the target, never takes the balance below 0 and names the move rightly (property)", () => {
    fc.assert(
      fc.property(
        fc.nat({ max: 1000 }),
        fc.nat({ max: 1000 }),
        fc.boolean(),
        fc.nat({ max: 1000 }),
        fc.nat({ max: 2000 }),
        fc.boolean(),
        (creditedPoints, creditedPending, creditedMatured, targetPoints, balance, matured) => {
          // What an order can have credited: pending before it matured, available after.
          const credited = creditedMatured ? { points: creditedPoints, pendingPoints: 0 } : { points: 0, pendingPoints: creditedPending };
          const target = { points: targetPoints, matured: matured || creditedMatured };

          const plan = planOrderAdjustment(credited, target, balance);

          const wantPoints = target.matured ? target.points : 0;
          const wantPending = target.matured ? 0 : target.points;
          if (!plan) {
            expect(credited).toEqual({ points: wantPoints, pendingPoints: wantPending });
            return;
          }
          // The persistence layer counts credited points as Σ(points − shortfall).
          expect(credited.points + plan.points - plan.shortfall).toBe(wantPoints);
          expect(credited.pendingPoints + plan.pendingPoints).toBe(wantPending);
          expect(balance + plan.points).toBeGreaterThanOrEqual(0);
          expect(plan.shortfall).toBeGreaterThanOrEqual(0);
          if (plan.shortfall > 0) expect(balance + plan.points).toBe(0);
          const moved = plan.points - plan.shortfall;
          if (moved < 0) expect(["clawback", "reversal"]).toContain(plan.kind);
          if (moved > 0) expect(["earn", "release"]).toContain(plan.kind);
          if (plan.kind === "reversal") expect(target.points).toBe(0);
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe("shortfallRecovery", () => {
  it("GIVEN an outstanding shortfall WHEN points are earned THEN recovers up to the shortfall", () => {
    expect(shortfallRecovery(10, 4)).toBe(4);
    expect(shortfallRecovery(3, 4)).toBe(3);
  });

  it("recovers nothing without a shortfall or an earning", () => {
    expect(shortfallRecovery(10, 0)).toBe(0);
    expect(shortfallRecovery(0, 4)).toBe(0);
    expect(shortfallRecovery(-5, 4)).toBe(0);
  });
});

describe("isMatured", () => {
  const eligibleAt = new Date("2025-03-01T10:00:00Z");
  const days = (n: number) => new Date(eligibleAt.getTime() + n * 86_400_000);

  it("GIVEN no pending period THEN points are available at once, even before eligibility is known", () => {
    expect(isMatured(null, 0, eligibleAt)).toBe(true);
  });

  it("GIVEN a pending period THEN matures exactly when it is over", () => {
    expect(isMatured(eligibleAt, 14, new Date(days(14).getTime() - 1))).toBe(false);
    expect(isMatured(eligibleAt, 14, days(14))).toBe(true);
    expect(isMatured(eligibleAt, 14, days(30))).toBe(true);
  });

  it("GIVEN a pending period and an order not yet eligible THEN never matured", () => {
    expect(isMatured(null, 14, days(1000))).toBe(false);
  });
});

describe("ENTRY_KINDS", () => {
  it("includes every kind an order adjustment can plan", () => {
    for (const kind of ["earn", "pending_earn", "release", "clawback", "reversal", "shortfall_recovery", "redeem"]) {
      expect(ENTRY_KINDS).toContain(kind);
    }
  });
});
