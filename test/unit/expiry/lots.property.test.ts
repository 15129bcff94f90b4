// Spending across lots, as properties over random histories: a spend writes off expired lots first and then
// takes the lots that expire first, so it never spends an expired lot; balance = ledger sum = lots left.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  DEFAULT_EXPIRY,
  dueLots,
  lotExpiresAt,
  noticeForChange,
  planLotConsumption,
  spendingOrder,
  type ExpiryRule,
  type ExpirySettings,
} from "~/expiry/expiry";

const DAY = 86_400_000;
const START = Date.parse("2026-01-01T00:00:00Z");

const rule = fc.record({ enabled: fc.boolean(), policy: fc.constantFrom("inactivity" as const, "per_lot" as const), months: fc.integer({ min: 1, max: 24 }) });

/** Settings as the admin can reach them: a rule, possibly changed from an earlier one (with its notice). */
const settings: fc.Arbitrary<ExpirySettings> = fc
  .tuple(rule, rule, fc.integer({ min: 0, max: 900 }))
  .map(([before, after, day]: [ExpiryRule, ExpiryRule, number]) => {
    const was = { ...DEFAULT_EXPIRY, ...before, notice: null };
    return { ...DEFAULT_EXPIRY, ...after, notice: noticeForChange(was, { ...was, ...after }, new Date(START + day * DAY)) };
  });

type Op = { kind: "earn"; points: number } | { kind: "spend"; points: number } | { kind: "wait"; days: number };
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant("earn" as const), points: fc.integer({ min: 1, max: 500 }) }),
  fc.record({ kind: fc.constant("spend" as const), points: fc.integer({ min: 1, max: 800 }) }),
  fc.record({ kind: fc.constant("wait" as const), days: fc.integer({ min: 1, max: 200 }) }),
);

type Lot = { id: string; remaining: number; earnedAt: Date };

describe("point lots", () => {
  it("GIVEN any settings THEN a lot earned later never expires sooner (the oldest lot expires first)", () => {
    fc.assert(
      fc.property(settings, fc.integer({ min: 0, max: 1500 }), fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: 1500 }), (s, a, gap, act) => {
        const lastActivityAt = new Date(START + act * DAY);
        const first = lotExpiresAt(s, { earnedAt: new Date(START + a * DAY), lastActivityAt });
        const later = lotExpiresAt(s, { earnedAt: new Date(START + (a + gap) * DAY), lastActivityAt });
        if (first === null) expect(later).toBeNull();
        else if (later !== null) expect(later.getTime()).toBeGreaterThanOrEqual(first.getTime());
      }),
      { numRuns: 500 },
    );
  });

  it("GIVEN random earning, spending and waiting THEN no spend takes an expired lot, and balance = ledger sum = lots left", () => {
    fc.assert(
      fc.property(settings, fc.array(op, { maxLength: 40 }), (s, ops) => {
        let now = START;
        let lastActivity: Date | null = null;
        let lots: Lot[] = [];
        const ledger: number[] = [];
        let balance = 0;
        let seq = 0;
        const settle = () => {
          for (const lot of dueLots(s, lots, lastActivity, new Date(now))) {
            ledger.push(-lot.remaining);
            balance -= lot.remaining;
            lot.remaining = 0;
          }
        };
        for (const o of ops) {
          if (o.kind === "wait") now += o.days * DAY;
          if (o.kind === "earn") {
            const lot = { id: `lot-${String(seq++).padStart(3, "0")}`, remaining: o.points, earnedAt: new Date(now) };
            lots.push(lot);
            ledger.push(o.points);
            balance += o.points;
            lastActivity = new Date(now);
          }
          if (o.kind === "spend") {
            settle();
            if (balance < o.points) continue; // refused: insufficient points
            const open = spendingOrder(lots.filter((l) => l.remaining > 0));
            const plan = planLotConsumption(lots, o.points);
            // Never an expired lot, and strictly in spending order: a lot is only touched once those before it are empty.
            for (const { lotId } of plan) {
              const lot = lots.find((l) => l.id === lotId)!;
              const expiresAt = lotExpiresAt(s, { earnedAt: lot.earnedAt, lastActivityAt: lastActivity });
              expect(expiresAt === null || expiresAt.getTime() > now).toBe(true);
            }
            expect(plan.map((p) => p.lotId)).toEqual(open.slice(0, plan.length).map((l) => l.id));
            expect(plan.slice(0, -1).every((p) => p.take === lots.find((l) => l.id === p.lotId)!.remaining)).toBe(true);
            expect(plan.reduce((sum, p) => sum + p.take, 0)).toBe(o.points);
            for (const { lotId, take } of plan) lots.find((l) => l.id === lotId)!.remaining -= take;
            ledger.push(-o.points);
            balance -= o.points;
            lastActivity = new Date(now);
          }
          lots = lots.filter((l) => l.remaining >= 0);
          expect(balance).toBeGreaterThanOrEqual(0);
          expect(balance).toBe(ledger.reduce((a, b) => a + b, 0));
          expect(balance).toBe(lots.reduce((a, l) => a + l.remaining, 0));
        }
      }),
      { numRuns: 300 },
    );
  });

  it("GIVEN a refund THEN it takes back its own order's lot first", () => {
    const lots = [
      { id: "a", remaining: 50, earnedAt: new Date(START), orderId: "1" },
      { id: "b", remaining: 30, earnedAt: new Date(START + DAY), orderId: "2" },
    ];
    expect(planLotConsumption(lots, 40, "2")).toEqual([
      { lotId: "b", take: 30 },
      { lotId: "a", take: 10 },
    ]);
  });
});
