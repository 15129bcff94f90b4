// Fast bulk seeding for admin performance tests: 100k members in one INSERT ... SELECT over generate_series
// (a couple of seconds on PostgreSQL), plus one member with a long ledger for the member page.
import type pg from "pg";

export type SeededMembers = { count: number; busyMemberId: string; busyMemberEntries: number };

/**
 * Inserts `count` members into `shop` (already installed) and one member with `entries` ledger entries. Member
 * ids are `<prefix><n>` for n = 1..count (member ids are global: two shops seeded in one database need two prefixes).
 */
export async function seedMembers(db: pg.Pool, shop: string, count = 100_000, entries = 300, prefix = "seed-"): Promise<SeededMembers> {
  await db.query(
    `INSERT INTO "Member" (id, "shopDomain", "customerId", email, "firstName", "lastName", balance, pending, "lifetimeEarned", "lastActivityAt", "createdAt")
     SELECT $3 || g, $1, (8000000000::bigint + g)::text, 'member' || g || '@example.com',
       (ARRAY['Ada','Grace','Linus','Maria','Li','Sam','Noor','Kofi','Yuki','Omar','Ines','Tariq','Mei','Lena','Ravi','Zoe'])[1 + g % 16],
       (ARRAY['Lovelace','Hopper','Pauling','Garcia','Wei','Okafor','Haddad','Mensah','Sato','Farouk','Moreau','Aziz','Chen','Berg','Iyer','Novak'])[1 + (g / 16) % 16],
       (g * 37) % 5000, (g * 11) % 50, (g * 37) % 5000 + g % 700,
       now() - make_interval(secs => (g::bigint * 7919) % (400 * 86400)), now() - make_interval(secs => (g::bigint * 104729) % (800 * 86400))
     FROM generate_series(1, $2::int) AS g`,
    [shop, count, prefix],
  );
  const busyMemberId = `${prefix}1`;
  await db.query(
    `INSERT INTO "LedgerEntry" (id, "shopDomain", "memberId", kind, points, reason, source, "orderId", "idempotencyKey", "createdAt")
     SELECT $2 || '-entry-' || g, $1, $2, 'earn', 10, 'Earned on order #' || (1000 + g), 'order', (6000000000::bigint + g)::text, 'seed:' || g,
       now() - make_interval(hours => g)
     FROM generate_series(1, $3::int) AS g`,
    [shop, busyMemberId, entries],
  );
  await db.query(`UPDATE "Member" SET balance = $2, "lifetimeEarned" = $2 WHERE id = $1`, [busyMemberId, entries * 10]);
  await db.query(`ANALYZE "Member"`);
  await db.query(`ANALYZE "LedgerEntry"`);
  return { count, busyMemberId, busyMemberEntries: entries };
}
