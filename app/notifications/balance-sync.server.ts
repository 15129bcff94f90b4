// Customer metafields after every balance change (docs/decisions/038-held-tiers-and-balance-metafields.md): each ledger entry marks its
// member due (Member.metafieldsDueAt, set by postLedgerEntry in the entry's own transaction), so staff
// adjustments, redemptions, cancellations, refunds, expiry and Flow's points all reach `loyalist.points_balance`
// and `loyalist.points_expiring` / `loyalist.expiry_date`, not only the changes that are Flow triggers. The
// delivery job sends the due members' values in metafieldsSet batches of at most 25 (the client waits when
// throttled and retries 5xx) and clears each mark only if no newer change came meanwhile.
import prisma from "~/db.server";
import { memberExpiring } from "~/expiry/expiry.server";
import { logger } from "~/platform/logger.server";
import { AdminApiError, offlineAdminClient } from "~/platform/shopify/admin-client.server";
import { CUSTOMER_METAFIELDS, metafieldBatches, type MetafieldKey, type MetafieldValue } from "~/notifications/flow";
import { setCustomerMetafields } from "~/notifications/shopify.server";

type DueMember = { id: string; shopDomain: string; customerId: string; balance: number; due: string };

const value = (customerId: string, key: MetafieldKey, text: string): MetafieldValue => ({ customerId, key, type: CUSTOMER_METAFIELDS[key].type, value: text });

/** The balance and expiring metafields of one member now (expiring 0 once nothing is about to expire). */
async function balanceMetafields(member: DueMember, program: unknown): Promise<MetafieldValue[]> {
  const expiring = await memberExpiring(member.shopDomain, member.id, { program });
  const out = [
    value(member.customerId, "points_balance", String(member.balance)),
    value(member.customerId, "points_expiring", String(expiring[0]?.points ?? 0)),
  ];
  if (expiring[0]) out.push(value(member.customerId, "expiry_date", expiring[0].at.slice(0, 10)));
  return out;
}

/** Sends one shop's due members; true when Shopify answered (accepted or refused), false to try again later. */
async function syncShop(shopDomain: string, members: DueMember[]): Promise<boolean> {
  try {
    const client = await offlineAdminClient(shopDomain);
    const shop = await prisma.shop.findUnique({ where: { domain: shopDomain }, select: { program: true } });
    const values: MetafieldValue[] = [];
    for (const member of members) values.push(...(await balanceMetafields(member, shop?.program ?? null)));
    for (const batch of metafieldBatches(values)) {
      const result = await setCustomerMetafields(client, batch);
      // A refusal is the data's fault and would be refused again: logged, not retried.
      if (!result.ok) logger.warn({ shop: shopDomain, error: result.error }, "Shopify refused balance metafields");
    }
    return true;
  } catch (error) {
    if (error instanceof AdminApiError) {
      logger.warn({ shop: shopDomain, err: error }, "balance metafields not synced; will retry");
      return false;
    }
    throw error;
  }
}

/** Brings the metafields of members whose balance changed up to date, oldest change first; returns members synced. */
export async function syncDueBalances({ limit = 500 }: { limit?: number } = {}): Promise<number> {
  const due = await prisma.$queryRaw<DueMember[]>`
    SELECT id, "shopDomain", "customerId", balance, "metafieldsDueAt"::text AS due FROM "Member"
    WHERE "metafieldsDueAt" IS NOT NULL AND "redactedAt" IS NULL
    ORDER BY "metafieldsDueAt" LIMIT ${limit}`;
  const byShop = new Map<string, DueMember[]>();
  for (const member of due) byShop.set(member.shopDomain, [...(byShop.get(member.shopDomain) ?? []), member]);
  let synced = 0;
  for (const [shopDomain, members] of byShop) {
    if (!(await syncShop(shopDomain, members))) continue;
    // Cleared only where the mark is still the one read: a change during the sync is sent next time.
    await prisma.$executeRaw`
      UPDATE "Member" m SET "metafieldsDueAt" = NULL
      FROM (SELECT unnest(${members.map((m) => m.id)}::text[]) AS id, unnest(${members.map((m) => m.due)}::text[]) AS due) d
      WHERE m.id = d.id AND m."metafieldsDueAt"::text = d.due`;
    synced += members.length;
  }
  return synced;
}
