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
  /** Part of a clawback not taken because those points of the order had already expired, newly recorded here. */
  expiredWriteOff: number;
};

/**
 * What of an order's points a member already lost to expiry: `expired` is what the `expiry` entries took from
 * the order's lots, `writtenOff` what the order's entries have recorded as written off for it so far.
 */
export type OrderExpiry = { expired: number; writtenOff: number };

const NO_EXPIRY: OrderExpiry = { expired: 0, writtenOff: 0 };

/**
 * Plans the single ledger entry that moves what an order has credited a member to its target.
 * Unmatured targets sit in pending; matured ones in the available balance. A clawback never takes the
 * balance below zero: what it cannot take is the shortfall, recorded with the entry. Nor does it take the
 * order's expired points a second time: the part of a take-back they cover is not taken (nor a shortfall),
 * and the entry records it once as `expiredWriteOff` (a zero-point entry when nothing else changes).
 * Returns null when the ledger already matches.
 */
export function planOrderAdjustment(credited: Credited, target: OrderTarget, balance: number, expiry: OrderExpiry = NO_EXPIRY): OrderAdjustment | null {
  const wantPoints = target.matured ? target.points : 0;
  const wantPending = target.matured ? 0 : target.points;
  const pendingPoints = wantPending - credited.pendingPoints;
  let points = wantPoints - credited.points;
  // Computed from what expired, not from what was written off, so points given back later (an order edited
  // up again) return only what had not expired, and any split of refunds takes the same in total.
  const covered = points < 0 ? Math.min(-points, Math.max(0, expiry.expired)) : 0;
  points += covered;
  const expiredWriteOff = Math.max(0, covered - expiry.writtenOff);
  if (points === 0 && pendingPoints === 0 && expiredWriteOff === 0) return null;

  let shortfall = 0;
  if (points < 0 && balance + points < 0) {
    shortfall = -(balance + points);
    points = balance === 0 ? 0 : -balance;
  }
  const kind = entryKindFor(points - shortfall, pendingPoints, target);
  return { kind, points, pendingPoints, shortfall, expiredWriteOff };
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
