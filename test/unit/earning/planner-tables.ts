/**
 * The earning tables (orders, refunds, members, ledger) held in memory, driven by the planner exactly as
 * app/earning/orders.server.ts drives it: load the state, call the planner, write what it returns. Nothing
 * here decides anything, so property tests that deliver webhooks in any order check the planner itself.
 */
import type { EntryKind } from "~/ledger/ledger";
import type { OrderFacts, ProductFacts, RefundFacts } from "~/earning/orders";
import {
  creditedByMember,
  newOrderState,
  orderCustomer,
  planOrder,
  receiveSnapshot,
  releaseIsDue,
  type MemberTotals,
  type OrderState,
} from "~/earning/planner";
import type { OrderRule, ProgramSettings } from "~/program/program";

export type TableEntry = {
  memberId: string;
  orderId: string | null;
  kind: EntryKind;
  points: number;
  pendingPoints: number;
  shortfall: number;
  /** Set by the planner on a clawback that found the order's points expired; these tables expire none. */
  expiredWriteOff?: number;
  occurredAt: Date;
};

export type TableMember = { balance: number; pending: number; shortfall: number };

/** The member id these tables give a customer (the database's ensureMember, by customer id). */
export const memberIdFor = (customerId: string) => `member:${customerId}`;

export class EarningTables {
  readonly ledger: TableEntry[] = [];
  readonly members = new Map<string, TableMember>();
  readonly orders = new Map<string, OrderState>();
  /** Refunds by refund id (unique per shop), whether or not their order is known yet. */
  readonly refunds = new Map<string, RefundFacts>();
  private readonly keys = new Set<string>();

  constructor(
    /** The rule in force now; each order keeps the one in force when it was first seen. */
    public rule: OrderRule,
    readonly products: ReadonlyMap<string, ProductFacts> = new Map(),
    readonly clawbackPolicy: ProgramSettings["clawbackPolicy"] = "floor_and_forgive",
  ) {}

  /** orders/create, paid, updated, fulfilled, cancelled (applyOrderSnapshot). */
  applyOrderSnapshot(facts: OrderFacts, refunds: readonly RefundFacts[], now: Date): void {
    const stored = this.orders.get(facts.orderId) ?? newOrderState(structuredClone(facts), structuredClone(this.rule));
    for (const refund of refunds) this.insertRefund(refund);
    const { order } = receiveSnapshot(stored, structuredClone(facts));
    this.reconcile(order, now);
  }

  /** refunds/create (applyRefund): store the refund once; reconcile if its order is known. */
  applyRefund(refund: RefundFacts, now: Date): void {
    const order = this.orders.get(refund.orderId);
    const inserted = this.insertRefund(refund);
    if (!inserted || !order) return;
    this.reconcile(order, now);
  }

  /** The scheduled job (releaseMaturedPoints): reconciles every order whose release is due. */
  releaseMaturedPoints(now: Date): number {
    const due = [...this.orders.values()].filter((order) => releaseIsDue(order, this.creditedByMember(order.orderId), now));
    for (const order of due) this.reconcile(order, now);
    return due.length;
  }

  /** Spends points of a customer at `at`; refused (false) when the balance is not enough. */
  redeem(customerId: string, points: number, at = new Date(0)): boolean {
    const memberId = memberIdFor(customerId);
    const member = this.members.get(memberId);
    if (!member || points <= 0 || member.balance < points) return false;
    this.post({ memberId, orderId: null, kind: "redeem", points: -points, pendingPoints: 0, shortfall: 0, occurredAt: at }, `redeem:${this.ledger.length}`);
    return true;
  }

  /** Posts an entry that did not come from an order (a returned redemption, …), once per key. */
  postOther(entry: TableEntry, key: string): void {
    this.post(entry, key);
  }

  member(customerId: string): TableMember {
    return this.members.get(memberIdFor(customerId)) ?? { balance: 0, pending: 0, shortfall: 0 };
  }

  /** What an order's entries credited each member (the planner's own sum). */
  creditedByMember(orderId: string) {
    return creditedByMember(this.ledger.filter((e) => e.orderId === orderId).map((e) => ({ ...e, expiredWriteOff: e.expiredWriteOff ?? 0 })));
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

  private reconcile(order: OrderState, now: Date): void {
    const customerId = orderCustomer(order);
    const customerMemberId = customerId ? memberIdFor(customerId) : null;
    if (customerMemberId && !this.members.has(customerMemberId)) this.members.set(customerMemberId, { balance: 0, pending: 0, shortfall: 0 });
    const credited = this.creditedByMember(order.orderId);
    const totals = new Map<string, MemberTotals>([...this.members].map(([id, m]) => [id, { balance: m.balance, shortfall: m.shortfall }]));

    const plan = planOrder({
      order,
      refunds: this.refundsOf(order.orderId),
      products: this.products,
      customerMemberId,
      credited,
      members: totals,
      clawbackPolicy: this.clawbackPolicy,
      now,
    });
    for (const { memberId, orderId, kind, points, pendingPoints, shortfall, expiredWriteOff, occurredAt, idempotencyKey } of plan.entries) {
      this.post({ memberId, orderId, kind, points, pendingPoints, shortfall, expiredWriteOff, occurredAt }, idempotencyKey);
    }
    this.orders.set(order.orderId, plan.order);
  }

  /** postLedgerEntry: append once per idempotency key and move the member's totals by it. */
  private post(entry: TableEntry, key: string): void {
    if (this.keys.has(key)) return;
    this.keys.add(key);
    this.ledger.push(entry);
    const member = this.members.get(entry.memberId)!;
    member.balance += entry.points;
    member.pending += entry.pendingPoints;
    member.shortfall += entry.shortfall;
  }
}
