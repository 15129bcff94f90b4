// Experiential rewards: a redemption of an `experience` becomes a fulfilment task (what, for whom, when
// booked) that staff complete or cancel. Cancelling returns the redemption's points, once.
import prisma from "~/db.server";
import { recordAudit } from "~/audit/audit.server";
import { lockMember, postLedgerEntry, type Tx } from "~/ledger/ledger.server";
import { nextRedemptionStatus, type RedemptionStatus } from "~/rewards/rewards";
import { failure, type Failure } from "~/platform/errors";

import type { FulfilmentStatus } from "~/rewards/fulfilment";

export { FULFILMENT_STATUSES, type FulfilmentStatus } from "~/rewards/fulfilment";

/** Opens the task for a just-reserved redemption, in the redemption's transaction. */
export async function openFulfilmentTask(
  tx: Tx,
  task: { shopDomain: string; redemptionId: string; rewardId: string; memberId: string; customerId: string; what: string },
): Promise<void> {
  await tx.fulfilmentTask.create({ data: task });
}

export type FulfilmentTaskView = {
  id: string;
  what: string;
  status: FulfilmentStatus;
  points: number;
  customerId: string;
  memberId: string;
  memberName: string | null;
  email: string | null;
  bookedAt: string;
  bookedFor: string | null;
  completedAt: string | null;
  cancelledAt: string | null;
};

/** The shop's tasks, newest first, optionally of one status. */
export async function listFulfilmentTasks(shopDomain: string, status?: FulfilmentStatus, take = 200): Promise<FulfilmentTaskView[]> {
  const tasks = await prisma.fulfilmentTask.findMany({
    where: { shopDomain, ...(status ? { status } : {}) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
  });
  const members = await prisma.member.findMany({
    where: { shopDomain, id: { in: [...new Set(tasks.map((t) => t.memberId))] } },
    select: { id: true, firstName: true, lastName: true, email: true },
  });
  const redemptions = await prisma.redemption.findMany({
    where: { shopDomain, id: { in: tasks.map((t) => t.redemptionId) } },
    select: { id: true, points: true },
  });
  return tasks.map((t) => {
    const m = members.find((x) => x.id === t.memberId);
    return {
      id: t.id,
      what: t.what,
      status: t.status as FulfilmentStatus,
      points: redemptions.find((r) => r.id === t.redemptionId)?.points ?? 0,
      customerId: t.customerId,
      memberId: t.memberId,
      memberName: [m?.firstName, m?.lastName].filter(Boolean).join(" ") || null,
      email: m?.email ?? null,
      bookedAt: t.createdAt.toISOString(),
      bookedFor: t.bookedFor?.toISOString() ?? null,
      completedAt: t.completedAt?.toISOString() ?? null,
      cancelledAt: t.cancelledAt?.toISOString() ?? null,
    };
  });
}

export type TaskResult = { ok: true; status: FulfilmentStatus; pointsReturned: number } | Failure;

/**
 * Completes (the redemption is used) or cancels (its points come back) an open task, once: a second call,
 * or a call racing the first, finds the task closed and changes nothing.
 */
export async function closeFulfilmentTask(shopDomain: string, taskId: string, outcome: "completed" | "cancelled", actor: string): Promise<TaskResult> {
  return prisma.$transaction(
    async (tx) => {
      const head = await tx.fulfilmentTask.findFirst({ where: { id: taskId, shopDomain }, select: { memberId: true } });
      if (!head) return failure("not_found");
      await lockMember(tx, head.memberId);
      const rows = await tx.$queryRaw<{ status: string; redemptionId: string; what: string }[]>`
        SELECT status, "redemptionId", what FROM "FulfilmentTask" WHERE id = ${taskId} AND "shopDomain" = ${shopDomain} FOR UPDATE`;
      const task = rows[0];
      if (task.status !== "open") return failure("not_cancellable", { status: task.status });
      const redemption = await tx.redemption.findUniqueOrThrow({ where: { id: task.redemptionId }, select: { status: true, points: true } });
      const now = new Date();
      const event = outcome === "completed" ? "use" : "cancel";
      const next = nextRedemptionStatus(redemption.status as RedemptionStatus, event);
      await tx.fulfilmentTask.update({
        where: { id: taskId },
        data: { status: outcome, actor, ...(outcome === "completed" ? { completedAt: now } : { cancelledAt: now }) },
      });
      if (next) {
        await tx.redemption.update({
          where: { id: task.redemptionId },
          data: { status: next, ...(outcome === "completed" ? { usedAt: now } : { cancelledAt: now }) },
        });
      }
      let pointsReturned = 0;
      if (outcome === "cancelled") {
        // The same key as every other return of this redemption's points: they come back at most once.
        const posted = await postLedgerEntry(tx, {
          shopDomain,
          memberId: head.memberId,
          kind: "redeem_refund",
          points: redemption.points,
          reason: `Points returned: ${task.what} cancelled`,
          source: "redemption",
          sourceId: task.redemptionId,
          actor,
          idempotencyKey: `redemption:${task.redemptionId}:return`,
        });
        if (posted) pointsReturned = redemption.points;
      }
      await recordAudit(
        {
          shopDomain,
          actor,
          action: outcome === "completed" ? "fulfilment.complete" : "fulfilment.cancel",
          subjectType: "redemption",
          subjectId: task.redemptionId,
          after: { taskId, pointsReturned },
        },
        tx,
      );
      return { ok: true as const, status: outcome, pointsReturned };
    },
    { timeout: 30_000, maxWait: 30_000 },
  );
}

/** Records when an open task is booked for (an appointment), or clears it. */
export async function bookFulfilmentTask(shopDomain: string, taskId: string, bookedFor: Date | null, actor: string): Promise<TaskResult> {
  const updated = await prisma.fulfilmentTask.updateMany({ where: { id: taskId, shopDomain, status: "open" }, data: { bookedFor, actor } });
  if (!updated.count) return failure("not_found");
  return { ok: true, status: "open", pointsReturned: 0 };
}
