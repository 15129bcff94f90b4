// The points ledger's rules. Entries are append-only; a member's balance is the sum of their entries'
// `points`, their pending points the sum of `pendingPoints`.
export const ENTRY_KINDS = [
  "earn", // points become available
  "pending_earn", // points earned but pending (refund window)
  "release", // pending points become available
  "clawback", // a refund takes points back
  "reversal", // a cancellation or correction takes back what an order earned
  "redeem", // points spent on a reward
  "redeem_refund", // a cancelled or failed redemption returns its points
  "adjustment", // staff added or removed points, with a reason
  "expiry", // points expired
  "shortfall_recovery", // later earnings pay back points a clawback could not take
  "import", // starting balance imported from another app
] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

export const ENTRY_SOURCES = ["order", "refund", "redemption", "staff", "system", "import", "flow", "action", "referral"] as const;
export type EntrySource = (typeof ENTRY_SOURCES)[number];

/** What an order has credited a member so far. `points` counts clawback shortfalls as taken. */
export type Credited = { points: number; pendingPoints: number };

/** The state the ledger should reach for an order and member. */
export type OrderTarget = { points: number; matured: boolean };

export type OrderAdjustment = {
  kind: EntryKind;
  /** Change to the available balance actually posted. */
  points: number;
  /** Change to pending points. */
  pendingPoints: number;
  /** Part of a clawback that could not be taken because the points were already spent. */
  shortfall: number;
};

/**
 * Plans the single ledger entry that moves what an order has credited a member to its target.
 * Unmatured targets sit in pending; matured ones in the available balance. A clawback never takes the
 * balance below zero: what it cannot take is the shortfall, recorded with the entry.
 * Returns null when the ledger already matches.
 */
export function planOrderAdjustment(credited: Credited, target: OrderTarget, balance: number): OrderAdjustment | null {
  const wantPoints = target.matured ? target.points : 0;
  const wantPending = target.matured ? 0 : target.points;
  const pendingPoints = wantPending - credited.pendingPoints;
  let points = wantPoints - credited.points;
  if (points === 0 && pendingPoints === 0) return null;

  let shortfall = 0;
  if (points < 0 && balance + points < 0) {
    shortfall = -(balance + points);
    points = balance === 0 ? 0 : -balance;
  }
  const kind = entryKindFor(points - shortfall, pendingPoints, target);
  return { kind, points, pendingPoints, shortfall };
}

function entryKindFor(points: number, pendingPoints: number, target: OrderTarget): EntryKind {
  if (points > 0 && pendingPoints < 0) return "release";
  if (points > 0) return "earn";
  if (pendingPoints > 0) return "pending_earn";
  return target.points === 0 ? "reversal" : "clawback";
}

/** How much of a positive earning goes to paying back an outstanding shortfall. */
export function shortfallRecovery(earned: number, outstandingShortfall: number): number {
  if (earned <= 0 || outstandingShortfall <= 0) return 0;
  return Math.min(earned, outstandingShortfall);
}

/** True once a pending period that started at `eligibleAt` is over. */
export function isMatured(eligibleAt: Date | null, pendingDays: number, now: Date): boolean {
  if (pendingDays <= 0) return true;
  if (!eligibleAt) return false;
  return now.getTime() >= eligibleAt.getTime() + pendingDays * 86_400_000;
}
