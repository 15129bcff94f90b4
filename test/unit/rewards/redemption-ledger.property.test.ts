// Property: any interleaving of earning, redeeming, issuing or failing, cancelling, using, expiring and order
// refunds keeps every member's balance equal to the sum of their ledger and never below zero, and returns a
// redemption's points at most once. Runs the earning planner with its tables in memory (../earning/planner-tables.ts) plus the pure reward rules.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { nextRedemptionStatus, redemptionCost, returnsPoints, type RedemptionEvent, type RedemptionStatus, type RewardRule } from "~/rewards/rewards";
import { aLine, anOrder, aRefund, aRule } from "../earning/factories";
import { EarningTables, memberIdFor } from "../earning/planner-tables";

const CUSTOMERS = ["c1", "c2"];
const REWARDS: Pick<RewardRule, "kind" | "pointsCost" | "config">[] = [
  { kind: "amount_off", pointsCost: 100, config: { valueMinor: 500, returnPointsOnExpiry: true } },
  { kind: "free_shipping", pointsCost: 250, config: {} },
  { kind: "points_for_amount", pointsCost: 50, config: { stepPoints: 50, stepValueMinor: 50, maxSteps: 6 } },
];

type Redemption = { customer: string; points: number; status: RedemptionStatus; returned: number; expiryReturns: boolean };

/** The persistence layer's redemption rules over the tables: reserve under the balance, settle by the state machine. */
class RedemptionBook {
  readonly redemptions: Redemption[] = [];
  constructor(readonly sim: EarningTables) {}

  redeem(customer: string, rewardIndex: number, steps: number): boolean {
    const reward = REWARDS[rewardIndex];
    const cost = redemptionCost(reward, reward.kind === "points_for_amount" ? steps * reward.pointsCost : null);
    if (!cost.ok || !this.sim.redeem(customer, cost.points)) return false;
    const expiryReturns = Boolean((reward.config as { returnPointsOnExpiry?: boolean }).returnPointsOnExpiry);
    this.redemptions.push({ customer, points: cost.points, status: "reserved", returned: 0, expiryReturns });
    return true;
  }

  apply(index: number, event: RedemptionEvent): void {
    const r = this.redemptions[index];
    if (!r) return;
    const next = nextRedemptionStatus(r.status, event);
    if (!next) return;
    r.status = next;
    if (returnsPoints(event, { returnPointsOnExpiry: r.expiryReturns }) && r.returned === 0) {
      // The redeem_refund entry, posted once (its idempotency key is per redemption).
      const memberId = memberIdFor(r.customer);
      this.sim.postOther(
        { memberId, orderId: null, kind: "redeem_refund", points: r.points, pendingPoints: 0, shortfall: 0, occurredAt: new Date(0) },
        `return:${index}`,
      );
      r.returned += r.points;
    }
  }
}

type Command =
  | { type: "earn"; customer: string; amountMinor: number }
  | { type: "refund"; order: number; percent: number }
  | { type: "cancelOrder"; order: number }
  | { type: "redeem"; customer: string; reward: number; steps: number }
  | { type: "event"; redemption: number; event: RedemptionEvent };

const commandArb: fc.Arbitrary<Command> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({ type: fc.constant("earn" as const), customer: fc.constantFrom(...CUSTOMERS), amountMinor: fc.integer({ min: 1_000, max: 60_000 }) }),
  },
  { weight: 1, arbitrary: fc.record({ type: fc.constant("refund" as const), order: fc.nat(8), percent: fc.integer({ min: 1, max: 100 }) }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant("cancelOrder" as const), order: fc.nat(8) }) },
  {
    weight: 4,
    arbitrary: fc.record({
      type: fc.constant("redeem" as const),
      customer: fc.constantFrom(...CUSTOMERS),
      reward: fc.nat(REWARDS.length - 1),
      steps: fc.integer({ min: 0, max: 8 }),
    }),
  },
  {
    weight: 5,
    arbitrary: fc.record({
      type: fc.constant("event" as const),
      redemption: fc.nat(10),
      event: fc.constantFrom<RedemptionEvent>("issue", "fail", "cancel", "use", "expire"),
    }),
  },
);

describe("redemptions on the ledger (property)", () => {
  it("any interleaving of earn, redeem, cancel and refund keeps balance = sum of ledger ≥ 0 and returns points at most once", () => {
    fc.assert(
      fc.property(fc.array(commandArb, { minLength: 10, maxLength: 60, size: "max" }), (commands) => {
        const sim = new EarningTables(aRule({ pointsPerUnit: 5 }));
        const book = new RedemptionBook(sim);
        const orders: { id: string; lineId: string; netMinor: number; customer: string; refunded: number }[] = [];
        let clock = Date.parse("2025-01-01T00:00:00Z");
        const at = () => new Date((clock += 60_000));

        for (const command of commands) {
          const now = at();
          if (command.type === "earn") {
            const line = aLine({ netMinor: command.amountMinor });
            const id = `order-${orders.length + 1}`;
            orders.push({ id, lineId: line.lineItemId, netMinor: command.amountMinor, customer: command.customer, refunded: 0 });
            sim.applyOrderSnapshot(
              anOrder({ orderId: id, customerId: command.customer, lines: [line], updatedAt: now.toISOString(), createdAt: now.toISOString() }),
              [],
              now,
            );
          } else if (command.type === "refund" || command.type === "cancelOrder") {
            const order = orders[command.order];
            if (!order) continue;
            if (command.type === "refund") {
              const amount = Math.floor(((order.netMinor - order.refunded) * command.percent) / 100);
              if (amount <= 0) continue;
              order.refunded += amount;
              sim.applyRefund(
                aRefund([{ lineItemId: order.lineId, subtotalMinor: amount }], {
                  refundId: `${order.id}-r${order.refunded}`,
                  orderId: order.id,
                  createdAt: now.toISOString(),
                }),
                now,
              );
            } else {
              const line = aLine({ lineItemId: order.lineId, netMinor: order.netMinor });
              sim.applyOrderSnapshot(
                anOrder({ orderId: order.id, customerId: order.customer, lines: [line], cancelledAt: now.toISOString(), updatedAt: now.toISOString() }),
                [],
                now,
              );
            }
          } else if (command.type === "redeem") {
            const before = sim.member(command.customer).balance;
            const ok = book.redeem(command.customer, command.reward, command.steps);
            if (ok) expect(sim.member(command.customer).balance).toBeLessThan(before);
          } else {
            book.apply(command.redemption, command.event);
          }

          for (const customer of CUSTOMERS) {
            const memberId = memberIdFor(customer);
            const member = sim.member(customer);
            const sum = sim.ledger.filter((e) => e.memberId === memberId).reduce((s, e) => s + e.points, 0);
            expect(member.balance).toBe(sum);
            expect(member.balance).toBeGreaterThanOrEqual(0);
          }
        }
        for (const r of book.redemptions) {
          expect(r.returned === 0 || r.returned === r.points).toBe(true);
          if (r.status === "failed" || r.status === "cancelled") expect(r.returned).toBe(r.points);
          if (r.status === "issued" || r.status === "reserved") expect(r.returned).toBe(0);
        }
      }),
      { numRuns: 300 },
    );
    // 300 generated histories: several seconds on a loaded machine, more than vitest's default 5 s.
  }, 120_000);
});
