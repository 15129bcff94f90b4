// Members and balances as CSV: streamed in keyset batches, so 100k members never sit in memory at once.
// The columns (email, points, ...) are the ones the import reads, so an export can be re-imported.
import prisma from "~/db.server";
import type { MemberRecord } from "~/members/members.server";
import { csvStream } from "~/ledger/activity.server";

export const MEMBER_EXPORT_COLUMNS = [
  "customer_id",
  "email",
  "first_name",
  "last_name",
  "points",
  "pending_points",
  "lifetime_points",
  "last_activity_at",
  "joined_at",
];

const BATCH = 2000;

/** The shop's members (not redacted) as a CSV byte stream, in id order. */
export function membersCsv(shopDomain: string): ReadableStream<Uint8Array> {
  async function* rows() {
    let after: string | null = null;
    for (;;) {
      const batch: Omit<MemberRecord, "shortfall">[] = await prisma.member.findMany({
        where: { shopDomain, redactedAt: null, ...(after ? { id: { gt: after } } : {}) },
        orderBy: { id: "asc" },
        take: BATCH,
        select: {
          id: true,
          customerId: true,
          email: true,
          firstName: true,
          lastName: true,
          balance: true,
          pending: true,
          lifetimeEarned: true,
          lastActivityAt: true,
          createdAt: true,
        },
      });
      for (const m of batch) {
        yield [
          m.customerId,
          m.email ?? "",
          m.firstName ?? "",
          m.lastName ?? "",
          m.balance,
          m.pending,
          m.lifetimeEarned,
          m.lastActivityAt.toISOString(),
          m.createdAt.toISOString(),
        ];
      }
      if (batch.length < BATCH) return;
      after = batch[batch.length - 1].id;
    }
  }
  return csvStream(MEMBER_EXPORT_COLUMNS, rows());
}
