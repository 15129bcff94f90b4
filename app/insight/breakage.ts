// Breakage, good and bad: unredeemed points of members who do not care (harmless) against points of
// engaged buyers who cannot reach or use a reward (harmful, worth acting on).

export type BreakageReason = "stalled_near_threshold" | "abandoned_redemption" | "expiring_frequent_buyer";

/** What Insight knows about one member holding points, as of the window's end. */
export type MemberPointsFacts = {
  balance: number;
  /** Orders in the year before the window's end. */
  ordersLastYear: number;
  /** Redemptions cancelled, expired or failed in the window, with none used or issued after them. */
  abandonedRedemptions: number;
  /** Points of the member that expire within EXPIRY_SOON_DAYS after the window's end (or expired inside it). */
  expiringPoints: number;
  /** Cheapest active reward the member cannot afford yet (null when there is none). */
  nextRewardCost: number | null;
  /** Ledger activity other than earning from orders in the year (redeeming, actions, referrals). */
  engaged: boolean;
};

/** An "active buyer" orders at least this many times a year... */
export const ACTIVE_ORDERS_PER_YEAR = 4;
/** ...a "passive" member at most this many. */
export const PASSIVE_ORDERS_PER_YEAR = 1;
/** Stalled near a threshold: holding at least this share of the next reward's cost. */
export const NEAR_THRESHOLD_SHARE = 0.75;
export const EXPIRY_SOON_DAYS = 30;

/** The member's breakage kind: harmful with a reason, harmless, or neither (in between, or nothing at stake). */
export function classifyBreakage(m: MemberPointsFacts): { kind: "harmful"; reason: BreakageReason } | { kind: "harmless" } | null {
  if (m.balance <= 0) return null;
  const active = m.ordersLastYear >= ACTIVE_ORDERS_PER_YEAR;
  if (active && m.abandonedRedemptions > 0) return { kind: "harmful", reason: "abandoned_redemption" };
  if (active && m.expiringPoints > 0) return { kind: "harmful", reason: "expiring_frequent_buyer" };
  if (active && m.nextRewardCost !== null && m.balance >= NEAR_THRESHOLD_SHARE * m.nextRewardCost) return { kind: "harmful", reason: "stalled_near_threshold" };
  if (m.ordersLastYear <= PASSIVE_ORDERS_PER_YEAR && !m.engaged) return { kind: "harmless" };
  return null;
}

export type BreakageAction = { action: "bonus_points" | "reminder" | "lower_reward_cost"; costMinor: number };

/**
 * What each remedy would cost the shop in money: a one-off bonus of the missing points, a reminder (free; sent
 * through Flow), or lowering the reward to the member's balance (the missing points for every member stalled
 * there, counted on the member). `pointValueMinor` is what one point is worth when redeemed.
 */
export function breakageActions(reason: BreakageReason, missingPoints: number, pointValueMinor: number): BreakageAction[] {
  const bonus = Math.round(Math.max(0, missingPoints) * pointValueMinor);
  switch (reason) {
    case "stalled_near_threshold":
      return [
        { action: "bonus_points", costMinor: bonus },
        { action: "lower_reward_cost", costMinor: bonus },
        { action: "reminder", costMinor: 0 },
      ];
    case "abandoned_redemption":
    case "expiring_frequent_buyer":
      return [{ action: "reminder", costMinor: 0 }];
  }
}

// --- The breakage analysis's answer (app/insight/breakage.server.ts) ---

export type HarmfulMember = {
  customerId: string;
  memberId: string;
  reason: BreakageReason;
  balance: number;
  ordersLastYear: number;
  nextRewardCost: number | null;
  missingPoints: number;
  expiringPoints: number;
  actions: BreakageAction[];
};

export type Breakage = {
  asOf: string;
  definitions: { activeOrdersPerYear: number; passiveOrdersPerYear: number; nearThresholdShare: number; expirySoonDays: number };
  harmless: { members: number; points: number };
  harmful: { members: number; points: number; byReason: Record<BreakageReason, number>; list: HarmfulMember[] };
  /** What 100 points are worth in money (the program's setting, else the cheapest amount reward), null if unknown. */
  pointValueMinorPer100: number | null;
};
