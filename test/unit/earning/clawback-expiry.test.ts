// A refund or cancellation after some of the order's points expired: the clawback takes only what of the order
// had not expired, what expired is written off (never taken from other points, never a shortfall), once.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { planOrderAdjustment, type OrderAdjustment } from "~/ledger/ledger";
import { expiredByMember } from "~/earning/planner";

const available = (points: number) => ({ points, matured: true });

/** What the order's entries add up to, as creditedByMember counts them. */
type OrderLedger = { points: number; pendingPoints: number; writtenOff: number };

/** Posts a plan the way the ledger does: the balance moves by `points`, the order's credit by points − shortfall. */
function post(ledger: OrderLedger, balance: number, plan: OrderAdjustment | null): { ledger: OrderLedger; balance: number } {
  if (!plan) return { ledger, balance };
  return {
    ledger: {
      points: ledger.points + plan.points - plan.shortfall,
      pendingPoints: ledger.pendingPoints + plan.pendingPoints,
      writtenOff: ledger.writtenOff + plan.expiredWriteOff,
    },
    balance: balance + plan.points,
  };
}

/** Reconciles the order to each target in turn, with `expired` of its points gone; returns what was posted. */
function refundInSteps(credited: number, expired: number, balance: number, targets: readonly number[]) {
  let state = { ledger: { points: credited, pendingPoints: 0, writtenOff: 0 }, balance };
  const plans: OrderAdjustment[] = [];
  for (const target of targets) {
    const plan = planOrderAdjustment(state.ledger, available(target), state.balance, { expired, writtenOff: state.ledger.writtenOff });
    if (plan) plans.push(plan);
    state = post(state.ledger, state.balance, plan);
    expect(state.balance).toBeGreaterThanOrEqual(0);
  }
  const taken = -plans.reduce((sum, p) => sum + Math.min(0, p.points), 0);
  const shortfall = plans.reduce((sum, p) => sum + p.shortfall, 0);
  const writtenOff = plans.reduce((sum, p) => sum + p.expiredWriteOff, 0);
  return { plans, taken, shortfall, writtenOff, state };
}

describe("a clawback after the order's points expired", () => {
  it("GIVEN all 100 points of the order expired WHEN it is refunded in full THEN nothing is taken, no shortfall, 100 written off once", () => {
    const plan = planOrderAdjustment({ points: 100, pendingPoints: 0 }, available(0), 30, { expired: 100, writtenOff: 0 });

    expect(plan).toEqual({ kind: "reversal", points: 0, pendingPoints: 0, shortfall: 0, expiredWriteOff: 100 });
    // Reconciling again plans nothing: the write-off is recorded.
    expect(planOrderAdjustment({ points: 100, pendingPoints: 0 }, available(0), 30, { expired: 100, writtenOff: 100 })).toBeNull();
  });

  it("GIVEN 60 of 100 expired WHEN refunded in full THEN takes the 40 left and writes off 60", () => {
    const plan = planOrderAdjustment({ points: 100, pendingPoints: 0 }, available(0), 40, { expired: 60, writtenOff: 0 });

    expect(plan).toEqual({ kind: "reversal", points: -40, pendingPoints: 0, shortfall: 0, expiredWriteOff: 60 });
    expect(planOrderAdjustment({ points: 60, pendingPoints: 0 }, available(0), 0, { expired: 60, writtenOff: 60 })).toBeNull();
  });

  it("GIVEN 60 of 100 expired and the 40 left spent WHEN refunded in full THEN only the 40 unexpired are owed as shortfall", () => {
    const plan = planOrderAdjustment({ points: 100, pendingPoints: 0 }, available(0), 0, { expired: 60, writtenOff: 0 });

    expect(plan).toEqual({ kind: "reversal", points: 0, pendingPoints: 0, shortfall: 40, expiredWriteOff: 60 });
  });

  it("GIVEN 60 of 100 expired WHEN half is refunded, then the rest THEN nothing, then the 40 left are taken", () => {
    const half = planOrderAdjustment({ points: 100, pendingPoints: 0 }, available(50), 40, { expired: 60, writtenOff: 0 });
    expect(half).toEqual({ kind: "clawback", points: 0, pendingPoints: 0, shortfall: 0, expiredWriteOff: 50 });

    const rest = planOrderAdjustment({ points: 100, pendingPoints: 0 }, available(0), 40, { expired: 60, writtenOff: 50 });
    expect(rest).toEqual({ kind: "reversal", points: -40, pendingPoints: 0, shortfall: 0, expiredWriteOff: 10 });
  });

  it("GIVEN a refunded order with expired points WHEN it is edited back up THEN only the unexpired points come back", () => {
    // 100 earned, 60 expired, refunded in full (40 taken, 60 written off): the order's entries credit 60.
    const plan = planOrderAdjustment({ points: 60, pendingPoints: 0 }, available(100), 0, { expired: 60, writtenOff: 60 });

    expect(plan).toEqual({ kind: "earn", points: 40, pendingPoints: 0, shortfall: 0, expiredWriteOff: 0 });
  });

  it("never takes more than the unexpired credited points, never goes below 0, never owes expired points, in any split of refunds (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1000 }).chain((credited) =>
          fc.record({
            credited: fc.constant(credited),
            expired: fc.nat({ max: credited }),
            balance: fc.nat({ max: 2000 }),
            // Refunds only lower the target; the last one is where the order ends up.
            targets: fc.array(fc.nat({ max: credited }), { minLength: 1, maxLength: 5 }).map((ts) => [...ts].sort((a, b) => b - a)),
          }),
        ),
        ({ credited, expired, balance, targets }) => {
          const final = targets[targets.length - 1];
          const steps = refundInSteps(credited, expired, balance, targets);
          const once = refundInSteps(credited, expired, balance, [final]);

          // The take-back is what of the refunded part had not expired: taken now or owed as shortfall.
          const owed = Math.max(0, credited - expired - final);
          expect(steps.taken + steps.shortfall).toBe(owed);
          expect(steps.taken).toBeLessThanOrEqual(credited - expired);
          expect(steps.taken).toBeLessThanOrEqual(balance);
          expect(steps.writtenOff).toBe(Math.min(credited - final, expired));
          // However the refunds are split, the member ends in the same place.
          expect({ taken: steps.taken, shortfall: steps.shortfall, writtenOff: steps.writtenOff }).toEqual({
            taken: once.taken,
            shortfall: once.shortfall,
            writtenOff: once.writtenOff,
          });
          // And reconciling once more changes nothing.
          const again = planOrderAdjustment(steps.state.ledger, available(final), steps.state.balance, { expired, writtenOff: steps.state.ledger.writtenOff });
          expect(again).toBeNull();
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe("expiredByMember", () => {
  it("sums the expiry entries of the lots the order's entries opened, by member, and ignores other lots", () => {
    const entries = [
      { id: "e1", points: 100 },
      { id: "e2", points: -40 },
      { id: "e3", points: 20 },
    ];
    const expiries = [
      { memberId: "m1", sourceId: "e1", points: -60 },
      { memberId: "m2", sourceId: "e3", points: -20 },
      { memberId: "m1", sourceId: "other-lot", points: -500 },
      { memberId: "m1", sourceId: null, points: -7 },
    ];

    expect(expiredByMember(entries, expiries)).toEqual(
      new Map([
        ["m1", 60],
        ["m2", 20],
      ]),
    );
  });
});
