/**
 * An in-memory stand-in for the persistence layer (app/models/orders.server.ts and ledger.server.ts) built only
 * from the pure domain functions: the same algorithm, step for step, with maps instead of tables. Property tests
 * drive it with webhook deliveries in any order to check the ledger's promises without a database.
 */
import { isMatured, planOrderAdjustment, shortfallRecovery, type EntryKind, type OrderTarget } from "~/loyalty/ledger";
import { isNewerSnapshot, orderEarning, type OrderFacts, type ProductFacts, type RefundFacts } from "~/loyalty/orders";
import type { ProgramSettings, OrderRule } from "~/loyalty/program";

export type SimEntry = {
  memberId: string;
  orderId: string | null;
  kind: EntryKind;
  points: number;
  pendingPoints: number;
  shortfall: number;
};

export type SimMember = { balance: number; pending: number; shortfall: number };

type SimOrder = {
  orderId: string;
  snapshot: OrderFacts;
  rule: OrderRule;
  eligibleAt: Date | null;
  memberId: string | null;
  customerId: string | null;
};

type ClawbackPolicy = ProgramSettings["clawbackPolicy"];

/** The member id the simulator gives a customer. */
export const memberIdFor = (customerId: string) => `member:${customerId}`;

export class LedgerSimulator {
  readonly ledger: SimEntry[] = [];
  readonly members = new Map<string, SimMember>();
  readonly orders = new Map<string, SimOrder>();
  /** Refunds by refund id (unique per shop), whether or not their order is known yet. */
  readonly refunds = new Map<string, RefundFacts>();

  constructor(
    /** The rule in force now; each order keeps the one in force when it was first seen. */
    public rule: OrderRule,
    readonly products: ReadonlyMap<string, ProductFacts> = new Map(),
    readonly clawbackPolicy: ClawbackPolicy = "floor_and_forgive",
  ) {}

  /** orders/create, paid, updated, fulfilled, cancelled: store the newest snapshot and the refunds it lists, then reconcile. */
  applyOrderSnapshot(facts: OrderFacts, refunds: readonly RefundFacts[], now: Date): void {
    if (!this.orders.has(facts.orderId)) {
      this.orders.set(facts.orderId, {
        orderId: facts.orderId,
        snapshot: structuredClone(facts),
        rule: structuredClone(this.rule),
        eligibleAt: null,
        memberId: null,
        customerId: facts.customerId,
      });
    }
    const stored = this.orders.get(facts.orderId)!;
    for (const refund of refunds) this.insertRefund(refund);
    if (JSON.stringify(stored.snapshot) !== JSON.stringify(facts) && isNewerSnapshot(facts, stored.snapshot)) {
      stored.snapshot = structuredClone(facts);
      stored.customerId = facts.customerId ?? stored.customerId;
    }
    this.reconcile(stored, now);
  }

  /** refunds/create: store the refund once; take points back if its order is known. */
  applyRefund(refund: RefundFacts, now: Date): void {
    const order = this.orders.get(refund.orderId);
    const inserted = this.insertRefund(refund);
    if (!inserted || !order) return;
    this.reconcile(order, now);
  }

  /** Re-runs reconciliation for every order whose pending points are due, as the scheduled job does. */
  releaseMaturedPoints(now: Date): number {
    const due = [...this.orders.values()].filter((order) => {
      const days = order.rule.pendingDays;
      if (!order.eligibleAt || days <= 0 || order.eligibleAt.getTime() + days * 86_400_000 > now.getTime()) return false;
      return [...this.creditedByMember(order.orderId).values()].some((c) => c.pendingPoints !== 0);
    });
    for (const order of due) this.reconcile(order, now);
    return due.length;
  }

  /** Spends points of a customer; refused (false) when the balance is not enough. */
  redeem(customerId: string, points: number): boolean {
    const memberId = memberIdFor(customerId);
    const member = this.members.get(memberId);
    if (!member || points <= 0 || member.balance < points) return false;
    this.post({ memberId, orderId: null, kind: "redeem", points: -points, pendingPoints: 0, shortfall: 0 });
    return true;
  }

  member(customerId: string): SimMember {
    return this.members.get(memberIdFor(customerId)) ?? { balance: 0, pending: 0, shortfall: 0 };
  }

  /** Σ(points − shortfall) and Σ pendingPoints of an order's entries, per member: what the order credited. */
  creditedByMember(orderId: string): Map<string, { points: number; pendingPoints: number }> {
    const credited = new Map<string, { points: number; pendingPoints: number }>();
    for (const entry of this.ledger) {
      if (entry.orderId !== orderId) continue;
      const sum = credited.get(entry.memberId) ?? { points: 0, pendingPoints: 0 };
      sum.points += entry.points - entry.shortfall;
      sum.pendingPoints += entry.pendingPoints;
      credited.set(entry.memberId, sum);
    }
    return credited;
  }

  /** The refunds stored for an order. */
  refundsOf(orderId: string): RefundFacts[] {
    return [...this.refunds.values()].filter((refund) => refund.orderId === orderId);
  }

  private insertRefund(refund: RefundFacts): boolean {
    if (this.refunds.has(refund.refundId)) return false;
    this.refunds.set(refund.refundId, structuredClone(refund));
    return true;
  }

  private ensureMember(customerId: string): string {
    const memberId = memberIdFor(customerId);
    if (!this.members.has(memberId)) this.members.set(memberId, { balance: 0, pending: 0, shortfall: 0 });
    return memberId;
  }

  private reconcile(order: SimOrder, now: Date): void {
    const facts = order.snapshot;
    const earning = orderEarning(facts, this.refundsOf(order.orderId), order.rule, this.products);

    let eligibleAt = order.eligibleAt;
    if (earning.eligible) {
      const seen = new Date(facts.updatedAt);
      if (!eligibleAt || seen < eligibleAt) eligibleAt = seen;
    }

    let memberId = order.memberId;
    const customerId = facts.customerId ?? order.customerId;
    if (customerId) memberId = this.ensureMember(customerId);

    const credited = this.creditedByMember(order.orderId);
    const targets = new Map<string, OrderTarget>();
    for (const id of credited.keys()) targets.set(id, { points: 0, matured: true });
    if (memberId) targets.set(memberId, { points: earning.points, matured: isMatured(eligibleAt, order.rule.pendingDays, now) });

    for (const [targetMemberId, target] of [...targets.entries()].sort(([a], [b]) => a.localeCompare(b))) {
      const member = this.members.get(targetMemberId)!;
      const plan = planOrderAdjustment(credited.get(targetMemberId) ?? { points: 0, pendingPoints: 0 }, target, member.balance);
      if (!plan) continue;
      const shortfallBefore = member.shortfall;
      this.post({ memberId: targetMemberId, orderId: order.orderId, ...plan });
      const recovered = this.clawbackPolicy === "recover_from_future_earnings" ? shortfallRecovery(plan.points, shortfallBefore) : 0;
      if (recovered > 0) {
        this.post({ memberId: targetMemberId, orderId: null, kind: "shortfall_recovery", points: -recovered, pendingPoints: 0, shortfall: -recovered });
      }
    }

    order.memberId = memberId;
    order.customerId = customerId;
    order.eligibleAt = eligibleAt;
  }

  private post(entry: SimEntry): void {
    this.ledger.push(entry);
    const member = this.members.get(entry.memberId)!;
    member.balance += entry.points;
    member.pending += entry.pendingPoints;
    member.shortfall += entry.shortfall;
  }
}
