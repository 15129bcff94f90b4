// The facts reward eligibility is judged on, read once and the same way for the storefront listing and for
// redeeming (inside the redemption's transaction), so `available` and redeem agree.
import type { Reward } from "@prisma/client";
import type { Tx } from "~/ledger/ledger.server";
import type { EligibilityFacts } from "~/rewards/rewards";
import { sortedTiers } from "~/tiers/tiers";
import { loadTierRules } from "~/tiers/tiers.server";

type RewardFacts = Pick<Reward, "id" | "kind" | "perCustomerLimit" | "onlyNonBuyersOfCollectionId">;

/** Whether the member has bought from a collection (personalised-offer targeting), from Loyalist's own order records. */
async function boughtFromCollection(db: Tx, shopDomain: string, memberId: string, collectionId: string): Promise<boolean> {
  const numericId = collectionId.slice(collectionId.lastIndexOf("/") + 1);
  const rows = await db.$queryRaw<{ found: boolean }[]>`
    SELECT EXISTS (
      SELECT 1 FROM "OrderRecord" o, jsonb_array_elements(o.snapshot->'lines') line
      JOIN "ProductIndex" p ON p."shopDomain" = ${shopDomain} AND p."productId" = line->>'productId'
      WHERE o."shopDomain" = ${shopDomain} AND o."memberId" = ${memberId} AND o.snapshot->>'cancelledAt' IS NULL
        AND (p."collectionIds" && ARRAY[${collectionId}, ${numericId}]::text[])
    ) AS found`;
  return Boolean(rows[0]?.found);
}

/**
 * The eligibility facts of each reward for a member (null: a guest, judged as a member with no history).
 * A reward's minimum tier is a tier id of the shop's rules: members at or above it may redeem; one the rules no
 * longer have is met by no one.
 */
export async function eligibilityFacts(
  db: Tx,
  shopDomain: string,
  memberId: string | null,
  rewards: RewardFacts[],
  programEnabled: boolean,
): Promise<(rewardId: string) => EligibilityFacts> {
  const counts = memberId
    ? await db.redemption.groupBy({
        by: ["rewardId"],
        where: { memberId, rewardId: { in: rewards.map((r) => r.id) }, status: { notIn: ["cancelled", "failed"] } },
        _count: { _all: true },
      })
    : [];
  const redeemed = new Map(counts.map((c) => [c.rewardId, c._count._all]));
  const collections = [...new Set(rewards.map((r) => r.onlyNonBuyersOfCollectionId).filter((id): id is string => Boolean(id)))];
  const bought = new Map<string, boolean>();
  for (const id of collections) bought.set(id, memberId ? await boughtFromCollection(db, shopDomain, memberId, id) : false);
  const activeCauseIds = rewards.some((r) => r.kind === "donation")
    ? (await db.donationCause.findMany({ where: { shopDomain, active: true }, select: { id: true } })).map((c) => c.id)
    : [];
  const experiences = rewards.filter((r) => r.kind === "experience").map((r) => r.id);
  const claimed = experiences.length
    ? new Map(
        (
          await db.redemption.groupBy({
            by: ["rewardId"],
            where: { shopDomain, rewardId: { in: experiences }, status: { notIn: ["cancelled", "failed"] } },
            _count: { _all: true },
          })
        ).map((c) => [c.rewardId, c._count._all]),
      )
    : new Map<string, number>();
  const tierRules = await loadTierRules(db, shopDomain);
  const tierOrder = sortedTiers(tierRules.tiers).map((t) => t.id);
  const tier = memberId && tierOrder.length ? ((await db.memberTier.findUnique({ where: { memberId }, select: { tierId: true } }))?.tierId ?? null) : null;
  const byId = new Map(rewards.map((r) => [r.id, r]));
  return (rewardId) => {
    const reward = byId.get(rewardId);
    return {
      programEnabled,
      redeemedCount: redeemed.get(rewardId) ?? 0,
      tier,
      tierOrder,
      boughtFromTargetCollection: reward?.onlyNonBuyersOfCollectionId ? (bought.get(reward.onlyNonBuyersOfCollectionId) ?? false) : false,
      activeCauseIds,
      claimedCount: claimed.get(rewardId) ?? 0,
    };
  };
}
