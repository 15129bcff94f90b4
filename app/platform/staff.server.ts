// Who is acting in the admin: the staff member from the session token, for audit trails.
import prisma from "~/db.server";

type SessionTokenPayload = { sub?: string } | undefined;

/**
 * The acting staff member as a readable label for ledger entries and the activity log: their name from an
 * online session when one exists ("Ada Lovelace (staff 42)"), else the shop owner (the sandbox uses offline
 * tokens only, so its actions read "Shop owner (staff <id>)").
 */
export async function staffActor(sessionToken: SessionTokenPayload, shop: string): Promise<string> {
  const sub = sessionToken?.sub;
  if (!sub) return "Shop owner";
  const userId = /^\d+$/.test(sub) ? BigInt(sub) : null;
  const online = userId
    ? await prisma.session.findFirst({
        where: { shop, isOnline: true, userId },
        select: { firstName: true, lastName: true, email: true },
        orderBy: { expires: "desc" },
      })
    : null;
  const name = online ? [online.firstName, online.lastName].filter(Boolean).join(" ") || online.email : null;
  return `${name || "Shop owner"} (staff ${sub})`;
}
