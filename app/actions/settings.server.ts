// The merchant's side of earning actions: saving, switching off and deleting ways to earn (audited), and the
// figures the admin shows beside them (awards so far, poll results).
import type { Prisma } from "@prisma/client";
import prisma from "~/db.server";
import { recordAudit } from "~/audit/audit.server";
import type { ActionInput } from "~/actions/action-form";
import { toRule } from "~/actions/actions.server";
import type { EarningActionRule } from "~/actions/actions";

/** One action of the shop, or null (always scoped to the shop). */
export async function getAction(shopDomain: string, id: string): Promise<EarningActionRule | null> {
  const row = await prisma.earningAction.findFirst({ where: { id, shopDomain } });
  return row ? toRule(row) : null;
}

/** Creates (id null) or updates an action; false when the id is not the shop's. */
export async function saveAction(shopDomain: string, actor: string, id: string | null, input: ActionInput): Promise<{ ok: boolean; id?: string }> {
  return prisma.$transaction(async (tx) => {
    const data = {
      kind: input.kind,
      title: input.title,
      points: input.points,
      limit: input.limit,
      enabled: input.enabled,
      startsAt: input.startsAt,
      endsAt: input.endsAt,
      config: input.config as Prisma.InputJsonValue,
    };
    if (!id) {
      const position = await tx.earningAction.count({ where: { shopDomain } });
      const created = await tx.earningAction.create({ data: { ...data, shopDomain, position } });
      await recordAudit({ shopDomain, actor, action: "action.create", subjectType: "earning_action", subjectId: created.id, after: data }, tx);
      return { ok: true, id: created.id };
    }
    const before = await tx.earningAction.findFirst({ where: { id, shopDomain } });
    if (!before) return { ok: false };
    // The kind is what past awards were for: it never changes once saved.
    await tx.earningAction.update({ where: { id }, data: { ...data, kind: before.kind } });
    await recordAudit({ shopDomain, actor, action: "action.update", subjectType: "earning_action", subjectId: id, before, after: data }, tx);
    return { ok: true, id };
  });
}

/** Deletes an action that never awarded points; one that did is switched off instead, so its history keeps its meaning. */
export async function removeAction(shopDomain: string, actor: string, id: string): Promise<"deleted" | "disabled" | "not_found"> {
  return prisma.$transaction(async (tx) => {
    const row = await tx.earningAction.findFirst({ where: { id, shopDomain } });
    if (!row) return "not_found";
    const awarded = await tx.ledgerEntry.count({ where: { shopDomain, source: "action", sourceId: id } });
    if (awarded) {
      await tx.earningAction.update({ where: { id }, data: { enabled: false } });
      await recordAudit({ shopDomain, actor, action: "action.disable", subjectType: "earning_action", subjectId: id }, tx);
      return "disabled";
    }
    await tx.earningAction.delete({ where: { id } });
    await recordAudit({ shopDomain, actor, action: "action.delete", subjectType: "earning_action", subjectId: id, before: row }, tx);
    return "deleted";
  });
}

/** Each action with how many awards and points it has given. */
export async function actionsOverview(shopDomain: string) {
  const rows = await prisma.earningAction.findMany({ where: { shopDomain }, orderBy: [{ position: "asc" }, { createdAt: "asc" }] });
  const totals = await prisma.ledgerEntry.groupBy({
    by: ["sourceId"],
    where: { shopDomain, source: "action" },
    _count: { _all: true },
    _sum: { points: true },
  });
  const byAction = new Map(totals.map((t) => [t.sourceId, { awards: t._count._all, points: t._sum.points ?? 0 }]));
  const votes = await prisma.pollVote.groupBy({ by: ["actionId", "option"], where: { shopDomain }, _count: { _all: true } });
  return rows
    .map(toRule)
    .filter((a): a is EarningActionRule => a !== null)
    .map((action) => ({
      action,
      awards: byAction.get(action.id)?.awards ?? 0,
      points: byAction.get(action.id)?.points ?? 0,
      votes: Object.fromEntries(votes.filter((v) => v.actionId === action.id).map((v) => [v.option, v._count._all])),
    }));
}
