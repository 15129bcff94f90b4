// Orders' names ("#1001") by id, from the stored order snapshots: the admin shows an order as the merchant knows
// it, not by its numeric id.
import prisma from "~/db.server";

/** The names of the shop's orders among `orderIds` that the app has seen; ids it has not seen are left out. */
export async function orderNamesById(shopDomain: string, orderIds: readonly (string | null | undefined)[]): Promise<Map<string, string>> {
  const ids = [...new Set(orderIds.filter((id): id is string => Boolean(id)))];
  if (!ids.length) return new Map();
  const rows = await prisma.$queryRaw<{ orderId: string; name: string | null }[]>`
    SELECT "orderId", snapshot->>'name' AS name FROM "OrderRecord" WHERE "shopDomain" = ${shopDomain} AND "orderId" = ANY(${ids})`;
  return new Map(rows.filter((r) => r.name).map((r) => [r.orderId, r.name as string]));
}
