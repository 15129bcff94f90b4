// Flow actions: what a merchant's workflows can ask Loyalist to do. "Add loyalty points" posts one ledger
// entry per Flow action run (Flow resends a run with the same action_run_id), with the workflow's reason and
// "flow" as the actor, audited like a staff adjustment. "Set loyalty tier" puts the customer in a tier once per
// run, audited, with its tier_changed event (docs/decisions/038-held-tiers-and-balance-metafields.md).
import prisma from "~/db.server";
import { recordAudit } from "~/audit/audit.server";
import { lockMember, postLedgerEntry } from "~/ledger/ledger.server";
import { ensureMember } from "~/members/members.server";
import { failure, type Failure } from "~/platform/errors";
import { now as clockNow } from "~/platform/clock.server";
import { shopStatus } from "~/shops/shops.server";
import { promoteAfterEarning, setTierByHand } from "~/tiers/tiers.server";
import type { AddPointsAction, SetTierAction } from "~/notifications/flow-requests";

export const FLOW_ACTOR = "flow";

export type AddPointsResult = { ok: true; balance: number; duplicate: boolean } | Failure<"unknown_shop" | "invalid_customer">;

/**
 * Adds points to a customer (enrolling them if needed) once per Flow action run. No points_earned event is
 * recorded for it: a workflow "points earned, then add points" would otherwise run for ever.
 */
export async function addPointsFromFlow(run: AddPointsAction): Promise<AddPointsResult> {
  const shopDomain = run.shopify_domain;
  if ((await shopStatus(shopDomain)) !== "installed") return failure("unknown_shop");
  const { customer_id: customerId, points, reason } = run.properties;
  const idempotencyKey = `flow:${run.action_run_id}`;
  return prisma.$transaction(async (tx) => {
    const memberId = await ensureMember(tx, shopDomain, { customerId });
    const member = await tx.member.findUniqueOrThrow({ where: { id: memberId }, select: { redactedAt: true } });
    if (member.redactedAt) return failure("invalid_customer");
    const locked = await lockMember(tx, memberId);
    const posted = await postLedgerEntry(tx, {
      shopDomain,
      memberId,
      kind: "adjustment",
      points,
      reason: `flow: ${reason}`,
      source: "flow",
      sourceId: run.action_run_id,
      actor: FLOW_ACTOR,
      idempotencyKey,
    });
    if (!posted) return { ok: true as const, balance: locked.balance, duplicate: true };
    await promoteAfterEarning(tx, shopDomain, memberId);
    await recordAudit(
      {
        shopDomain,
        actor: FLOW_ACTOR,
        action: "member.adjust",
        subjectType: "member",
        subjectId: memberId,
        reason: `flow: ${reason}`,
        before: { balance: locked.balance },
        after: { balance: locked.balance + points, points, actionRunId: run.action_run_id },
      },
      tx,
    );
    return { ok: true as const, balance: locked.balance + points, duplicate: false };
  });
}

export type SetTierResult =
  { ok: true; tier: { id: string; name: string }; duplicate: boolean } | Failure<"unknown_shop" | "invalid_customer" | "unknown_tier">;

/**
 * Puts a customer (enrolling them if needed) in the tier the workflow names, once per Flow action run: a
 * resent run changes nothing and answers as the first did. Audited as member.set_tier with "flow" as the actor.
 */
export async function setTierFromFlow(run: SetTierAction): Promise<SetTierResult> {
  const shopDomain = run.shopify_domain;
  if ((await shopStatus(shopDomain)) !== "installed") return failure("unknown_shop");
  const { customer_id: customerId, tier, reason } = run.properties;
  const at = await clockNow();
  return prisma.$transaction(async (tx) => {
    const memberId = await ensureMember(tx, shopDomain, { customerId });
    const member = await tx.member.findUniqueOrThrow({ where: { id: memberId }, select: { redactedAt: true } });
    if (member.redactedAt) return failure("invalid_customer");
    await lockMember(tx, memberId);
    const earlier = await tx.auditEvent.findFirst({
      where: { shopDomain, action: "member.set_tier", subjectId: memberId, after: { path: ["actionRunId"], equals: run.action_run_id } },
      select: { after: true },
    });
    if (earlier) {
      const after = earlier.after as { tierId: string; tierName: string };
      return { ok: true as const, tier: { id: after.tierId, name: after.tierName }, duplicate: true };
    }
    const set = await setTierByHand(tx, shopDomain, memberId, tier, { key: `flow:${run.action_run_id}`, actor: FLOW_ACTOR, now: at });
    if (!set.ok) return failure("unknown_tier", { tier });
    await recordAudit(
      {
        shopDomain,
        actor: FLOW_ACTOR,
        action: "member.set_tier",
        subjectType: "member",
        subjectId: memberId,
        reason: `flow: ${reason}`,
        before: { tierId: set.from },
        after: { tierId: set.tier.id, tierName: set.tier.name, actionRunId: run.action_run_id },
      },
      tx,
    );
    return { ok: true as const, tier: set.tier, duplicate: false };
  });
}
