// The nudge under "you earned N points": the reward the member is closest to. Pure, so the thank-you block, the
// order-status block and POS say the same thing for the same balance.

export type NudgeCandidate = { id: string; name: string; pointsCost: number; available: boolean };
export type Nudge = { rewardId: string; name: string; pointsCost: number; pointsNeeded: number };

/**
 * The most expensive available reward the balance already pays for (pointsNeeded 0), else the cheapest one it does
 * not yet reach; null when no reward is available.
 */
export function nearestReward(rewards: readonly NudgeCandidate[], balance: number): Nudge | null {
  const available = rewards.filter((r) => r.available && r.pointsCost > 0);
  const affordable = available.filter((r) => r.pointsCost <= balance).sort((a, b) => b.pointsCost - a.pointsCost || a.id.localeCompare(b.id));
  const pick = affordable[0] ?? available.filter((r) => r.pointsCost > balance).sort((a, b) => a.pointsCost - b.pointsCost || a.id.localeCompare(b.id))[0];
  if (!pick) return null;
  return { rewardId: pick.id, name: pick.name, pointsCost: pick.pointsCost, pointsNeeded: Math.max(0, pick.pointsCost - balance) };
}
