// The activity log: every staff and settings action, with who did it and what changed.
import type { Prisma } from "@prisma/client";
import prisma from "~/db.server";
import type { Tx } from "~/ledger/ledger.server";

export type AuditInput = {
  shopDomain: string;
  actor: string;
  action: string;
  subjectType?: string;
  subjectId?: string;
  reason?: string;
  before?: unknown;
  after?: unknown;
};

/** Appends an audit event, inside the caller's transaction when one is given. */
export async function recordAudit(input: AuditInput, tx: Tx = prisma): Promise<void> {
  await tx.auditEvent.create({
    data: {
      shopDomain: input.shopDomain,
      actor: input.actor,
      action: input.action,
      subjectType: input.subjectType,
      subjectId: input.subjectId,
      reason: input.reason,
      before: (input.before ?? undefined) as Prisma.InputJsonValue | undefined,
      after: (input.after ?? undefined) as Prisma.InputJsonValue | undefined,
    },
  });
}
