// Posting to the points ledger. Every entry and the member's running totals change in one transaction,
// under a lock on the member row, so the totals always equal the ledger's sums and never go negative.
import type { Prisma } from "@prisma/client";
import type { EntryKind, EntrySource } from "~/ledger/ledger";
import { moveLots } from "~/expiry/lots.server";

export type Tx = Prisma.TransactionClient;

export type NewEntry = {
  shopDomain: string;
  memberId: string;
  kind: EntryKind;
  points: number;
  pendingPoints?: number;
  shortfall?: number;
  /** Points of the order a clawback did not take because they had already expired. */
  expiredWriteOff?: number;
  reason: string;
  source: EntrySource;
  sourceId?: string | null;
  orderId?: string | null;
  actor?: string | null;
  note?: string | null;
  idempotencyKey: string;
  expiresAt?: Date | null;
  /** When the thing happened (an order's own time, a refund's); omitted, the moment it is posted. */
  occurredAt?: Date;
};

export type LockedMember = { id: string; balance: number; pending: number; shortfall: number };

/** Locks a member row for the rest of the transaction and returns its running totals. */
export async function lockMember(tx: Tx, memberId: string): Promise<LockedMember> {
  const rows = await tx.$queryRaw<LockedMember[]>`
    SELECT id, balance, pending, shortfall FROM "Member" WHERE id = ${memberId} FOR UPDATE`;
  if (!rows[0]) throw new Error(`member ${memberId} not found`);
  return rows[0];
}

/**
 * Appends one entry and moves the member's totals by it. Returns false (and changes nothing) when an
 * entry with the same idempotency key already exists for the shop. Callers hold the member lock.
 */
export async function postLedgerEntry(tx: Tx, entry: NewEntry): Promise<boolean> {
  const pendingPoints = entry.pendingPoints ?? 0;
  const shortfall = entry.shortfall ?? 0;
  const expiredWriteOff = entry.expiredWriteOff ?? 0;
  const id = crypto.randomUUID();
  const occurredAt = entry.occurredAt ?? new Date();
  const inserted = await tx.$executeRaw`
    INSERT INTO "LedgerEntry" (id, "shopDomain", "memberId", kind, points, "pendingPoints", shortfall, "expiredWriteOff", reason, source,
      "sourceId", "orderId", actor, note, "idempotencyKey", "expiresAt", "occurredAt", "createdAt")
    VALUES (${id}, ${entry.shopDomain}, ${entry.memberId}, ${entry.kind}, ${entry.points}, ${pendingPoints},
      ${shortfall}, ${expiredWriteOff}, ${entry.reason}, ${entry.source}, ${entry.sourceId ?? null}, ${entry.orderId ?? null}, ${entry.actor ?? null},
      ${entry.note ?? null}, ${entry.idempotencyKey}, ${entry.expiresAt ?? null}, ${occurredAt}, now())
    ON CONFLICT ("shopDomain", "idempotencyKey") DO NOTHING`;
  if (inserted === 0) return false;
  const earned = entry.kind === "earn" || entry.kind === "release" || entry.kind === "import" ? Math.max(0, entry.points) : 0;
  // A refunded order earned nothing, so what it took back, owes and found expired all leave the lifetime total.
  const clawedBack = entry.kind === "clawback" || entry.kind === "reversal" ? Math.min(0, entry.points - shortfall - expiredWriteOff) : 0;
  await tx.$executeRaw`
    UPDATE "Member" SET balance = balance + ${entry.points}, pending = pending + ${pendingPoints},
      "lifetimeEarned" = GREATEST(0, "lifetimeEarned" + ${earned + clawedBack}),
      shortfall = shortfall + ${shortfall},
      -- The customer's balance metafields are due (app/notifications/balance-sync.server.ts sends them).
      "metafieldsDueAt" = now(),
      -- Last activity is the newest thing that happened, so a late or backfilled order does not make a member look active.
      "lastActivityAt" = (SELECT max("occurredAt") FROM "LedgerEntry" WHERE "memberId" = ${entry.memberId})
    WHERE id = ${entry.memberId}`;
  await moveLots(tx, { ...entry, entryId: id, orderId: entry.orderId ?? null, sourceId: entry.sourceId ?? null, occurredAt });
  return true;
}
