// Staff balance adjustments: add or remove points with a reason, reverse instead of delete. Each is one
// ledger entry (kind "adjustment") posted under the member lock, plus an audit event, in one transaction.
import prisma from "~/db.server";
import { adjustmentReasonLabel, signedPoints, type AdjustmentForm } from "~/ledger/adjustments";
import { readProgramSettings } from "~/program/program";
import { recordAudit } from "~/audit/audit.server";
import { postLedgerEntry } from "~/ledger/ledger.server";
import { lockMemberForSpending } from "~/expiry/expiry.server";

export type AdjustmentResult =
  | { ok: true; entryId: string; balance: number; duplicate: boolean }
  | { ok: false; status: 404 | 409 | 422; fieldErrors: Record<string, string>; needsConfirmation?: boolean };

const NOT_FOUND = { ok: false as const, status: 404 as const, fieldErrors: { member: "This member does not exist in your shop" } };

function isCheckViolation(error: unknown): boolean {
  const text = String((error as { message?: string })?.message ?? error);
  return (error as { code?: string })?.code === "23514" || /check constraint|violates check/i.test(text);
}

/**
 * Adds or removes a member's points for a reason, as the acting staff member. Removing more than the balance is a
 * field error (never a negative balance); adjustments above the shop's confirmation size need `confirmed`.
 * The same `submissionId` posts once.
 */
export async function adjustBalance(shopDomain: string, memberId: string, actor: string, form: AdjustmentForm): Promise<AdjustmentResult> {
  const points = signedPoints(form);
  const reason = adjustmentReasonLabel(form);
  const idempotencyKey = `adjustment:${memberId}:${form.submissionId}`;
  try {
    return await prisma.$transaction(async (tx) => {
      const shop = await tx.shop.findUnique({ where: { domain: shopDomain }, select: { program: true } });
      const owned = await tx.member.findFirst({ where: { id: memberId, shopDomain, redactedAt: null }, select: { id: true } });
      if (!shop || !owned) return NOT_FOUND;
      const program = readProgramSettings(shop.program);
      if (form.points > program.admin.confirmAdjustmentsAbove && form.confirmed !== "yes") {
        return {
          ok: false as const,
          status: 409 as const,
          needsConfirmation: true,
          fieldErrors: { points: `Confirm an adjustment of more than ${program.admin.confirmAdjustmentsAbove.toLocaleString("en")} points` },
        };
      }
      const member = await lockMemberForSpending(tx, shopDomain, memberId);
      const existing = await tx.ledgerEntry.findUnique({ where: { shopDomain_idempotencyKey: { shopDomain, idempotencyKey } }, select: { id: true } });
      if (existing) return { ok: true as const, entryId: existing.id, balance: member.balance, duplicate: true };
      if (member.balance + points < 0) {
        return {
          ok: false as const,
          status: 422 as const,
          fieldErrors: { points: `The member has ${member.balance.toLocaleString("en")} points; you can remove at most that many` },
        };
      }
      await postLedgerEntry(tx, {
        shopDomain,
        memberId,
        kind: "adjustment",
        points,
        reason,
        source: "staff",
        actor,
        note: form.note || null,
        idempotencyKey,
      });
      const entry = await tx.ledgerEntry.findUniqueOrThrow({ where: { shopDomain_idempotencyKey: { shopDomain, idempotencyKey } }, select: { id: true } });
      await recordAudit(
        {
          shopDomain,
          actor,
          action: "member.adjust",
          subjectType: "member",
          subjectId: memberId,
          reason,
          before: { balance: member.balance },
          after: { balance: member.balance + points, points, note: form.note || null, entryId: entry.id },
        },
        tx,
      );
      return { ok: true as const, entryId: entry.id, balance: member.balance + points, duplicate: false };
    });
  } catch (error) {
    // The database refuses a negative balance too (a concurrent spend between our check and the update).
    if (isCheckViolation(error)) {
      return { ok: false, status: 422, fieldErrors: { points: "The member no longer has enough points for this removal" } };
    }
    throw error;
  }
}

/**
 * Reverses a staff adjustment: posts the opposite entry linked to the original (sourceId), at most once.
 * The ledger stays append-only; nothing is deleted.
 */
export async function reverseAdjustment(shopDomain: string, memberId: string, entryId: string, actor: string): Promise<AdjustmentResult> {
  try {
    return await prisma.$transaction(async (tx) => {
      const original = await tx.ledgerEntry.findFirst({ where: { id: entryId, shopDomain, memberId, kind: "adjustment", source: "staff" } });
      if (!original) return { ok: false as const, status: 404 as const, fieldErrors: { entry: "No staff adjustment to reverse" } };
      if (original.reason.startsWith("reversal")) {
        return { ok: false as const, status: 422 as const, fieldErrors: { entry: "A reversal cannot itself be reversed" } };
      }
      const member = await lockMemberForSpending(tx, shopDomain, memberId);
      const idempotencyKey = `reversal:${original.id}`;
      const existing = await tx.ledgerEntry.findUnique({ where: { shopDomain_idempotencyKey: { shopDomain, idempotencyKey } }, select: { id: true } });
      if (existing) return { ok: true as const, entryId: existing.id, balance: member.balance, duplicate: true };
      if (member.balance - original.points < 0) {
        return {
          ok: false as const,
          status: 422 as const,
          fieldErrors: { entry: `The member has ${member.balance.toLocaleString("en")} points left, fewer than this adjustment added` },
        };
      }
      await postLedgerEntry(tx, {
        shopDomain,
        memberId,
        kind: "adjustment",
        points: -original.points,
        reason: `reversal of ${original.reason}`,
        source: "staff",
        sourceId: original.id,
        actor,
        idempotencyKey,
      });
      const entry = await tx.ledgerEntry.findUniqueOrThrow({ where: { shopDomain_idempotencyKey: { shopDomain, idempotencyKey } }, select: { id: true } });
      await recordAudit(
        {
          shopDomain,
          actor,
          action: "member.adjust_reverse",
          subjectType: "member",
          subjectId: memberId,
          reason: `reversal of ${original.reason}`,
          before: { balance: member.balance, entryId: original.id },
          after: { balance: member.balance - original.points, points: -original.points, entryId: entry.id },
        },
        tx,
      );
      return { ok: true as const, entryId: entry.id, balance: member.balance - original.points, duplicate: false };
    });
  } catch (error) {
    if (isCheckViolation(error)) return { ok: false, status: 422, fieldErrors: { entry: "The member no longer has enough points to reverse this" } };
    throw error;
  }
}
