// Worked examples of reconciliation by the planner, tables in memory (./planner-tables.ts): the stories the
// property tests generate at random, told once by hand.
import { describe, expect, it } from "vitest";
import { aLine, anOrder, aRefund, aRule } from "./factories";
import { EarningTables } from "./planner-tables";

const at = (iso: string) => new Date(iso);
const DAY = 86_400_000;

describe("reconciling orders into the ledger", () => {
  it("GIVEN a refund that arrives before its order WHEN the order arrives THEN it earns only what was kept", () => {
    const sim = new EarningTables(aRule());
    const order = anOrder({ lines: [aLine({ lineItemId: "l1", netMinor: 5000 })], financialStatus: "partially_refunded" });

    sim.applyRefund(aRefund([{ lineItemId: "l1", subtotalMinor: 2000 }]), at("2025-03-02T10:00:00Z"));
    sim.applyOrderSnapshot(order, [], at("2025-03-02T10:01:00Z"));

    expect(sim.member("c-1")).toEqual({ balance: 30, pending: 0, shortfall: 0 });
    expect(sim.ledger.map((e) => e.kind)).toEqual(["earn"]);
  });

  it("GIVEN an older snapshot delivered after a newer one THEN it changes nothing", () => {
    const sim = new EarningTables(aRule());
    const paid = anOrder({ updatedAt: "2025-03-01T10:05:00Z", financialStatus: "paid" });
    const created = anOrder({ updatedAt: "2025-03-01T10:00:00Z", financialStatus: "pending" });

    sim.applyOrderSnapshot(paid, [], at("2025-03-01T10:06:00Z"));
    sim.applyOrderSnapshot(created, [], at("2025-03-01T10:07:00Z"));

    expect(sim.member("c-1").balance).toBe(10);
    expect(sim.ledger).toHaveLength(1);
  });

  it("GIVEN points already spent WHEN the order is cancelled THEN the balance stops at 0 and the rest is shortfall", () => {
    const sim = new EarningTables(aRule());
    const order = anOrder({ lines: [aLine({ netMinor: 5000 })] });
    sim.applyOrderSnapshot(order, [], at("2025-03-01T10:01:00Z"));
    sim.redeem("c-1", 40);

    sim.applyOrderSnapshot({ ...order, cancelledAt: "2025-03-02T10:00:00Z", updatedAt: "2025-03-02T10:00:00Z" }, [], at("2025-03-02T10:01:00Z"));

    expect(sim.member("c-1")).toEqual({ balance: 0, pending: 0, shortfall: 40 });
    expect(sim.ledger.at(-1)).toMatchObject({ kind: "reversal", points: -10, shortfall: 40 });
    expect(sim.creditedByMember("order-1").get("member:c-1")).toMatchObject({ points: 0, pendingPoints: 0 });
  });

  it("GIVEN a shortfall AND recovery from future earnings WHEN the member earns again THEN the shortfall is paid first", () => {
    const sim = new EarningTables(aRule(), new Map(), "recover_from_future_earnings");
    const first = anOrder({ orderId: "o1", lines: [aLine({ netMinor: 5000 })] });
    sim.applyOrderSnapshot(first, [], at("2025-03-01T10:01:00Z"));
    sim.redeem("c-1", 50);
    sim.applyOrderSnapshot({ ...first, cancelledAt: "2025-03-02T10:00:00Z", updatedAt: "2025-03-02T10:00:00Z" }, [], at("2025-03-02T10:01:00Z"));

    sim.applyOrderSnapshot(anOrder({ orderId: "o2", lines: [aLine({ netMinor: 8000 })] }), [], at("2025-03-03T10:01:00Z"));

    expect(sim.member("c-1")).toEqual({ balance: 30, pending: 0, shortfall: 0 });
    expect(sim.ledger.slice(-2)).toMatchObject([
      { kind: "earn", points: 80 },
      { kind: "shortfall_recovery", points: -50, shortfall: -50 },
    ]);
  });

  it("GIVEN a 14-day pending period THEN the job releases points exactly when it is over", () => {
    const sim = new EarningTables(aRule({ pendingDays: 14 }));
    const order = anOrder({ updatedAt: "2025-03-01T10:00:00Z" });
    sim.applyOrderSnapshot(order, [], at("2025-03-01T10:00:30Z"));
    const due = at("2025-03-15T10:00:00Z");

    sim.releaseMaturedPoints(new Date(due.getTime() - 1));
    expect(sim.member("c-1")).toEqual({ balance: 0, pending: 10, shortfall: 0 });

    sim.releaseMaturedPoints(due);
    expect(sim.member("c-1")).toEqual({ balance: 10, pending: 0, shortfall: 0 });
    expect(sim.ledger.map((e) => e.kind)).toEqual(["pending_earn", "release"]);
  });

  it("GIVEN pending points WHEN a refund comes before they mature THEN it takes them from pending only", () => {
    const sim = new EarningTables(aRule({ pendingDays: 14 }));
    const order = anOrder({ lines: [aLine({ lineItemId: "l1", netMinor: 5000 })] });
    sim.applyOrderSnapshot(order, [], at("2025-03-01T10:01:00Z"));

    sim.applyRefund(aRefund([{ lineItemId: "l1", subtotalMinor: 2000 }]), at("2025-03-03T10:00:00Z"));
    sim.releaseMaturedPoints(new Date(Date.parse("2025-03-01T10:00:00Z") + 14 * DAY));

    expect(sim.member("c-1")).toEqual({ balance: 30, pending: 0, shortfall: 0 });
    expect(sim.ledger.map((e) => [e.kind, e.points, e.pendingPoints])).toEqual([
      ["pending_earn", 0, 50],
      ["clawback", 0, -20],
      ["release", 30, -30],
    ]);
  });

  it("GIVEN a guest order WHEN the customer is attached THEN the customer earns it", () => {
    const sim = new EarningTables(aRule());
    const guest = anOrder({ customerId: null, updatedAt: "2025-03-01T10:00:00Z" });

    sim.applyOrderSnapshot(guest, [], at("2025-03-01T10:01:00Z"));
    expect(sim.members.size).toBe(0);
    sim.applyOrderSnapshot({ ...guest, customerId: "c-1", updatedAt: "2025-03-01T11:00:00Z" }, [], at("2025-03-01T11:01:00Z"));

    expect(sim.member("c-1").balance).toBe(10);
  });

  it("GIVEN an order moved to another customer THEN its points move with it", () => {
    const sim = new EarningTables(aRule());
    const order = anOrder({ customerId: "c-1", updatedAt: "2025-03-01T10:00:00Z" });
    sim.applyOrderSnapshot(order, [], at("2025-03-01T10:01:00Z"));

    sim.applyOrderSnapshot({ ...order, customerId: "c-2", updatedAt: "2025-03-01T11:00:00Z" }, [], at("2025-03-01T11:01:00Z"));

    expect(sim.member("c-1").balance).toBe(0);
    expect(sim.member("c-2").balance).toBe(10);
  });

  it("GIVEN the rate changes after an order was first seen THEN the order keeps the rule it started with", () => {
    const sim = new EarningTables(aRule({ pointsPerUnit: 1 }));
    const order = anOrder({ financialStatus: "pending", updatedAt: "2025-03-01T10:00:00Z" });
    sim.applyOrderSnapshot(order, [], at("2025-03-01T10:01:00Z"));

    sim.rule = aRule({ pointsPerUnit: 5 });
    sim.applyOrderSnapshot({ ...order, financialStatus: "paid", updatedAt: "2025-03-01T11:00:00Z" }, [], at("2025-03-01T11:01:00Z"));

    expect(sim.member("c-1").balance).toBe(10);
  });

  it("GIVEN the same refund twice, once listed on the order and once as refunds/create THEN it counts once", () => {
    const sim = new EarningTables(aRule());
    const refund = aRefund([{ lineItemId: "l1", subtotalMinor: 400 }]);
    const order = anOrder({ lines: [aLine({ lineItemId: "l1", netMinor: 1000 })], financialStatus: "partially_refunded" });

    sim.applyOrderSnapshot(order, [refund], at("2025-03-02T10:01:00Z"));
    sim.applyRefund(refund, at("2025-03-02T10:02:00Z"));
    sim.applyRefund(refund, at("2025-03-02T10:03:00Z"));

    expect(sim.member("c-1").balance).toBe(6);
    expect(sim.ledger).toHaveLength(1);
  });
});
