// The one earning planner: from what is stored about an order (its newest snapshot, refunds, rule and what
// it has credited so far) to the ledger entries that bring it to its target. Pure: orders.server.ts loads the
// state, calls these functions and writes what they return; the property tests drive the same functions.
import { isMatured, planOrderAdjustment, shortfallRecovery, type Credited, type EntryKind, type OrderTarget } from "~/ledger/ledger";
import { isNewerSnapshot, orderEarning, reachedAwardTrigger, type OrderEarning, type OrderFacts, type ProductFacts, type RefundFacts } from "~/earning/orders";
import type { OrderRule, ProgramSettings } from "~/program/program";

const DAY_MS = 86_400_000;

/** What is stored about one order (an OrderRecord row). */
export type OrderState = {
  orderId: string;
  snapshot: OrderFacts;
  /** The rule in force when the order was first seen; the order keeps it. */
  rule: OrderRule;
  /** When the order first reached its award trigger: the pending period's start. */
  eligibleAt: Date | null;
  /** The member the order last credited (null for a guest order). */
  memberId: string | null;
  customerId: string | null;
};

/** One ledger entry already posted for an order, as far as the planner needs it. */
export type OrderEntry = { memberId: string; points: number; pendingPoints: number; shortfall: number; expiredWriteOff: number };

/**
 * What the order's entries have credited one member, how many entries there are (for idempotency keys) and
 * how many of its expired points they have recorded as written off.
 */
export type CreditedSoFar = Credited & { entries: number; writtenOff: number };

/** A member's running totals, read under the member's lock. */
export type MemberTotals = { balance: number; shortfall: number };

export type PlannedEntry = {
  memberId: string;
  kind: EntryKind;
  points: number;
  pendingPoints: number;
  shortfall: number;
  /** Points of the order a clawback did not take because they had already expired (recorded once). */
  expiredWriteOff: number;
  source: "order" | "refund" | "system";
  /** Set on the entries that count towards what the order credited; null on a shortfall recovery. */
  orderId: string | null;
  idempotencyKey: string;
  /** When the thing happened (the order's own time, the refund's, the cancellation's), not when it was recorded. */
  occurredAt: Date;
  /** The earning's reason code (`earned`, `cancelled`, …), for the entry's text. */
  why: string;
};

export type OrderPlan = {
  /** The order as it should be stored after this reconciliation. */
  order: OrderState;
  earning: OrderEarning;
  /** The entries to post, in this order (none when the ledger already matches). */
  entries: PlannedEntry[];
};

/** The order's own time: when Shopify processed it, else when it was created. */
export function orderTime(order: Pick<OrderFacts, "processedAt" | "createdAt">): Date {
  return firstValidTime(order.processedAt, order.createdAt);
}

/** A refund's own time: when it was processed, else when it was created. */
export function refundTime(refund: Pick<RefundFacts, "processedAt" | "createdAt">): Date {
  return firstValidTime(refund.processedAt, refund.createdAt);
}

function firstValidTime(preferred: string | null | undefined, fallback: string): Date {
  const time = preferred ? new Date(preferred) : null;
  return time && !Number.isNaN(time.getTime()) ? time : new Date(fallback);
}

/** The stored state of an order seen for the first time. */
export function newOrderState(facts: OrderFacts, rule: OrderRule): OrderState {
  return { orderId: facts.orderId, snapshot: facts, rule, eligibleAt: null, memberId: null, customerId: facts.customerId };
}

const earliest = (a: Date | null, b: Date) => (a && a <= b ? a : b);

/**
 * The stored order after a snapshot arrives: the newer snapshot wins, and a snapshot (even an older one) that
 * shows the order eligible moves the pending clock back to it, so when points mature never depends on
 * delivery order. `snapshotChanged` says whether the stored snapshot must be rewritten.
 */
export function receiveSnapshot(stored: OrderState, incoming: OrderFacts): { order: OrderState; snapshotChanged: boolean } {
  let order = stored;
  const snapshotChanged = JSON.stringify(stored.snapshot) !== JSON.stringify(incoming) && isNewerSnapshot(incoming, stored.snapshot);
  if (snapshotChanged) order = { ...stored, snapshot: incoming, customerId: incoming.customerId ?? stored.customerId };
  if (!incoming.cancelledAt && reachedAwardTrigger(incoming, stored.rule)) {
    order = { ...order, eligibleAt: earliest(order.eligibleAt, new Date(incoming.updatedAt)) };
  }
  return { order, snapshotChanged };
}

/** The customer an order belongs to now (a later snapshot without one keeps the last known). */
export function orderCustomer(order: OrderState): string | null {
  return order.snapshot.customerId ?? order.customerId;
}

/** What an order's entries have credited each member: Σ(points − shortfall) and Σ pendingPoints. */
export function creditedByMember(entries: readonly OrderEntry[]): Map<string, CreditedSoFar> {
  const credited = new Map<string, CreditedSoFar>();
  for (const entry of entries) {
    const sum = credited.get(entry.memberId) ?? { points: 0, pendingPoints: 0, entries: 0, writtenOff: 0 };
    sum.points += entry.points - entry.shortfall;
    sum.pendingPoints += entry.pendingPoints;
    sum.entries += 1;
    sum.writtenOff += entry.expiredWriteOff;
    credited.set(entry.memberId, sum);
  }
  return credited;
}

/** An `expiry` ledger entry: it names the lot it expired, and a lot's id is the id of the entry that opened it. */
export type LotExpiry = { memberId: string; sourceId: string | null; points: number };

/**
 * The points expiry took from the lots an order's entries opened, by member (positive). `entries` are the
 * order's entries with their ids; `expiries` may hold other orders' too, only those of these lots count.
 */
export function expiredByMember(entries: ReadonlyArray<{ id: string; points: number }>, expiries: readonly LotExpiry[]): Map<string, number> {
  const lots = new Set(entries.filter((e) => e.points > 0).map((e) => e.id));
  const expired = new Map<string, number>();
  for (const e of expiries) {
    if (!e.sourceId || !lots.has(e.sourceId)) continue;
    expired.set(e.memberId, (expired.get(e.memberId) ?? 0) - e.points);
  }
  return expired;
}

/** True when an order's pending period is over and some of its points still wait in pending. */
export function releaseIsDue(order: OrderState, credited: ReadonlyMap<string, Credited>, now: Date): boolean {
  const days = order.rule.pendingDays;
  if (!order.eligibleAt || days <= 0 || !isMatured(order.eligibleAt, days, now)) return false;
  return [...credited.values()].some((c) => c.pendingPoints !== 0);
}

export type PlanInput = {
  order: OrderState;
  refunds: readonly RefundFacts[];
  products: ReadonlyMap<string, ProductFacts>;
  /** The member of `orderCustomer(order)`, null when the order has no customer. */
  customerMemberId: string | null;
  credited: ReadonlyMap<string, CreditedSoFar>;
  /** Points of the order's lots that expired, by member (expiredByMember); absent members lost none. */
  expired?: ReadonlyMap<string, number>;
  /** Totals of every member in `credited` and of `customerMemberId`. */
  members: ReadonlyMap<string, MemberTotals>;
  clawbackPolicy: ProgramSettings["clawbackPolicy"];
  now: Date;
};

/**
 * Plans the reconciliation of one order: the current member gets the order's target (pending or available),
 * anyone the order credited before (a changed customer) gets nothing, each with at most one entry (plus a
 * shortfall recovery when the policy says so). Members are handled in id order.
 */
export function planOrder(input: PlanInput): OrderPlan {
  const { order, now } = input;
  const facts = order.snapshot;
  const earning = orderEarning(facts, input.refunds, order.rule, input.products);
  const eligibleAt = earning.eligible ? earliest(order.eligibleAt, new Date(facts.updatedAt)) : order.eligibleAt;
  const memberId = input.customerMemberId ?? order.memberId;

  const targets = new Map<string, OrderTarget>();
  for (const id of input.credited.keys()) targets.set(id, { points: 0, matured: true });
  if (memberId) targets.set(memberId, { points: earning.points, matured: isMatured(eligibleAt, order.rule.pendingDays, now) });

  const entries: PlannedEntry[] = [];
  for (const [targetMemberId, target] of [...targets.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const credited = input.credited.get(targetMemberId) ?? { points: 0, pendingPoints: 0, entries: 0, writtenOff: 0 };
    const member = input.members.get(targetMemberId);
    if (!member) throw new Error(`planOrder: totals of member ${targetMemberId} were not given`);
    const expiry = { expired: input.expired?.get(targetMemberId) ?? 0, writtenOff: credited.writtenOff };
    const plan = planOrderAdjustment(credited, target, member.balance, expiry);
    if (!plan) continue;
    const sequence = credited.entries + 1;
    const occurredAt = occurredAtOf(plan.kind, order, eligibleAt, input.refunds, now);
    entries.push({
      memberId: targetMemberId,
      ...plan,
      source: plan.kind === "clawback" ? "refund" : "order",
      orderId: order.orderId,
      idempotencyKey: `order:${order.orderId}:${targetMemberId}:${sequence}`,
      occurredAt,
      why: earning.reason,
    });
    const recovered = input.clawbackPolicy === "recover_from_future_earnings" ? shortfallRecovery(plan.points, member.shortfall) : 0;
    if (recovered > 0) {
      entries.push({
        memberId: targetMemberId,
        kind: "shortfall_recovery",
        points: -recovered,
        pendingPoints: 0,
        shortfall: -recovered,
        expiredWriteOff: 0,
        source: "system",
        orderId: null,
        idempotencyKey: `recovery:${order.orderId}:${targetMemberId}:${sequence}`,
        occurredAt,
        why: "shortfall_recovery",
      });
    }
  }

  return { order: { ...order, eligibleAt, memberId, customerId: orderCustomer(order) }, earning, entries };
}

/**
 * When the change an entry records happened: earning at the order's own time, a release when the pending
 * period ended, a clawback at the newest refund's time, a reversal when the order was cancelled (else when
 * Shopify last changed it).
 */
function occurredAtOf(kind: EntryKind, order: OrderState, eligibleAt: Date | null, refunds: readonly RefundFacts[], now: Date): Date {
  const facts = order.snapshot;
  switch (kind) {
    case "earn":
    case "pending_earn":
      return orderTime(facts);
    case "release":
      return eligibleAt ? new Date(eligibleAt.getTime() + order.rule.pendingDays * DAY_MS) : now;
    case "clawback": {
      const times = refunds.map((r) => refundTime(r).getTime());
      return times.length ? new Date(Math.max(...times)) : new Date(facts.updatedAt);
    }
    default:
      return new Date(facts.cancelledAt ?? facts.updatedAt);
  }
}
