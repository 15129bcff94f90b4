// Point lots beside the ledger: every entry that adds points opens a lot, every entry that takes points takes
// them from lots (the first to expire first), so the lots' remaining points always sum to the balance.
// Called by postLedgerEntry in the entry's own transaction, under the member's lock.
import { planLotConsumption } from "~/expiry/expiry";
import type { SqlTx as Tx } from "~/platform/db/raw-transaction.server";

export type LotMovement = {
  entryId: string;
  shopDomain: string;
  memberId: string;
  kind: string;
  points: number;
  orderId: string | null;
  /** For an `expiry` entry: the lot it expires. */
  sourceId: string | null;
  occurredAt: Date;
};

/** Opens or draws down lots for one posted entry. */
export async function moveLots(tx: Tx, entry: LotMovement): Promise<void> {
  if (entry.points > 0) {
    await tx.$executeRaw`
      INSERT INTO "PointLot" (id, "shopDomain", "memberId", "entryId", "orderId", points, remaining, "earnedAt")
      VALUES (${entry.entryId}, ${entry.shopDomain}, ${entry.memberId}, ${entry.entryId}, ${entry.orderId}, ${entry.points},
        ${entry.points}, ${entry.occurredAt})`;
    return;
  }
  if (entry.points === 0) return;
  if (entry.kind === "expiry" && entry.sourceId) {
    await tx.$executeRaw`
      UPDATE "PointLot" SET remaining = remaining + ${entry.points}, "expiredAt" = ${entry.occurredAt}
      WHERE id = ${entry.sourceId} AND "memberId" = ${entry.memberId}`;
    return;
  }
  const lots = await tx.$queryRaw<{ id: string; remaining: number; earnedAt: Date; orderId: string | null }[]>`
    SELECT id, remaining, "earnedAt", "orderId" FROM "PointLot" WHERE "memberId" = ${entry.memberId} AND remaining > 0`;
  // A refund or cancellation takes back its own order's points first.
  const prefer = entry.kind === "clawback" || entry.kind === "reversal" ? entry.orderId : null;
  for (const { lotId, take } of planLotConsumption(lots, -entry.points, prefer)) {
    await tx.$executeRaw`UPDATE "PointLot" SET remaining = remaining - ${take} WHERE id = ${lotId}`;
  }
}

/** The `expiry` entries of these lots (a lot's id is the id of the entry that opened it). */
export async function lotExpiries(
  tx: Tx,
  shopDomain: string,
  lotIds: readonly string[],
): Promise<{ memberId: string; sourceId: string | null; points: number }[]> {
  if (!lotIds.length) return [];
  return tx.$queryRaw<{ memberId: string; sourceId: string | null; points: number }[]>`
    SELECT "memberId", "sourceId", points FROM "LedgerEntry" WHERE "shopDomain" = ${shopDomain} AND kind = 'expiry' AND "sourceId" = ANY(${[...lotIds]}::text[])`;
}
