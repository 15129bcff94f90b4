// Program events recorded by other capabilities' transactions (the earning and redemption paths), so a
// fact and its event commit together. The delivery job sends them to Shopify afterwards.
import type { Tx } from "~/ledger/ledger.server";
import { recordProgramEvent } from "~/notifications/events.server";
import { reachesReward } from "~/notifications/flow";

export type BalanceGain = {
  shopDomain: string;
  customerId: string;
  points: number;
  balanceBefore: number;
  /** The idempotency key of the ledger entry that moved the balance: one event per entry. */
  entryKey: string;
  occurredAt: Date;
  orderName?: string | null;
  /** What earned them, for the trigger's payload (an earning action: `{ source: "action", actionId, actionKind }`). */
  details?: Record<string, unknown>;
};

/** Points became spendable: `points_earned`, and `reward_reachable` when the balance first reaches the cheapest reward. */
export async function recordPointsEarned(tx: Tx, gain: BalanceGain): Promise<void> {
  const balance = gain.balanceBefore + gain.points;
  await recordProgramEvent(tx, {
    shopDomain: gain.shopDomain,
    customerId: gain.customerId,
    type: "points_earned",
    payload: { points: gain.points, balance, ...(gain.orderName ? { orderName: gain.orderName } : {}), ...gain.details },
    idempotencyKey: `points_earned:${gain.entryKey}`,
    occurredAt: gain.occurredAt,
  });
  const cheapest = await tx.reward.findFirst({
    where: { shopDomain: gain.shopDomain, enabled: true, archivedAt: null, OR: [{ activeUntil: null }, { activeUntil: { gt: gain.occurredAt } }] },
    orderBy: { pointsCost: "asc" },
    select: { id: true, name: true, pointsCost: true },
  });
  if (!cheapest || !reachesReward(gain.balanceBefore, balance, cheapest.pointsCost)) return;
  await recordProgramEvent(tx, {
    shopDomain: gain.shopDomain,
    customerId: gain.customerId,
    type: "reward_reachable",
    payload: { rewardId: cheapest.id, rewardName: cheapest.name, pointsCost: cheapest.pointsCost, balance },
    idempotencyKey: `reward_reachable:${gain.entryKey}`,
    occurredAt: gain.occurredAt,
  });
}

export type RedemptionSpend = { shopDomain: string; customerId: string; redemptionId: string; rewardName: string; points: number; balance: number; at: Date };

/** Points were spent on a reward: `reward_redeemed`. */
export async function recordRewardRedeemed(tx: Tx, spend: RedemptionSpend): Promise<void> {
  await recordProgramEvent(tx, {
    shopDomain: spend.shopDomain,
    customerId: spend.customerId,
    type: "reward_redeemed",
    payload: { rewardName: spend.rewardName, points: spend.points, balance: spend.balance },
    idempotencyKey: `reward_redeemed:${spend.redemptionId}`,
    occurredAt: spend.at,
  });
}
