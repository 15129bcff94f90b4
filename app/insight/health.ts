// Program health's rates, pure. Both are shares of the points issued in the window: redeemed ones, and
// expired ones (breakage: points the program issued that will never cost anything).
export function healthRates(points: { issued: number; redeemed: number; expired: number }): { redemptionRate: number; breakageRate: number } {
  if (points.issued <= 0) return { redemptionRate: 0, breakageRate: 0 };
  return { redemptionRate: points.redeemed / points.issued, breakageRate: points.expired / points.issued };
}

/** Program health for a window (app/insight/health.server.ts). */
export type Health = {
  members: number;
  enrolments: number;
  activeMembers: number;
  pointsIssued: number;
  pointsRedeemed: number;
  pointsExpired: number;
  pointsClawedBack: number;
  redemptionRate: number;
  outstandingPoints: number;
  liabilityMinor: number | null;
  pointValueMinorPer100: number | null;
  breakageRate: number;
};
