// Insight's ingestion: orders, refunds and customers into the analytics tables, from the webhook path and
// the install backfill. Every write is idempotent and order-independent (an older snapshot never overwrites a
// newer one; a refund before its order is kept and netted when the order lands), and marks the orders whose
// rollup contributions it changes dirty before changing them, in the same transaction and under the shop's
// Insight lock, for the insight-rollups job (rollups.server.ts).
import { Prisma } from "@prisma/client";
import { sqlTransaction, type SqlTx as Tx } from "~/platform/db/raw-transaction.server";
import type { InsightOrderInput, InsightRefundInput } from "~/insight/orders";
import { lockShopInsight, markOrderIdsDirty, markOrdersDirty } from "~/insight/rollups.server";

// Raw SQL on the pool: these run for every order the worker processes, and Prisma's compile of each statement
// cost more than the statement (decision 043).
const TX_OPTIONS = { timeoutMs: 30_000 };

type JoinFacts = { customerId: string; createdAt: Date | null; seenAt: Date | null };

/**
 * Before customers' join dates are written: marks dirty every order of the customers whose memberSince the write
 * will move (or who have no record yet), since which of their orders count as members' moves with it. The rule
 * is the upserts' own: the record's created_at wins; until it is seen, the earliest order bounds it.
 */
async function markJoinChanges(tx: Tx, shopDomain: string, customers: readonly JoinFacts[]): Promise<void> {
  const given = customers.filter((c) => c.createdAt ?? c.seenAt);
  if (!given.length) return;
  const stored = await tx.$queryRaw<{ customerId: string; memberSince: Date; memberSinceKnown: boolean }[]>`
    SELECT "customerId", "memberSince", "memberSinceKnown" FROM "InsightCustomer"
    WHERE "shopDomain" = ${shopDomain} AND "customerId" = ANY(${given.map((c) => c.customerId)}::text[])`;
  const byId = new Map(stored.map((r) => [r.customerId, r]));
  const moving = given.filter((c) => {
    const row = byId.get(c.customerId);
    if (!row) return true;
    const since = (c.createdAt ?? c.seenAt)!;
    const next = c.createdAt ? since : row.memberSinceKnown ? row.memberSince : since < row.memberSince ? since : row.memberSince;
    return next.getTime() !== row.memberSince.getTime();
  });
  if (!moving.length) return;
  await markOrdersDirty(
    tx,
    shopDomain,
    Prisma.sql`SELECT "orderId" FROM "InsightOrder" WHERE "shopDomain" = ${shopDomain} AND "customerId" = ANY(${moving.map((c) => c.customerId)}::text[])`,
  );
}

/** Records a customer record (customers/create|update, backfill): a member from `createdAt`. */
export async function recordInsightCustomer(shopDomain: string, customerId: string, createdAt: Date | null): Promise<void> {
  await sqlTransaction(async (tx) => {
    await lockShopInsight(tx, shopDomain);
    await upsertCustomer(tx, shopDomain, customerId, createdAt, null);
  }, TX_OPTIONS);
}

async function upsertCustomer(tx: Tx, shopDomain: string, customerId: string, createdAt: Date | null, seenAt: Date | null): Promise<void> {
  const since = createdAt ?? seenAt;
  if (!since) return;
  const known = createdAt !== null;
  await markJoinChanges(tx, shopDomain, [{ customerId, createdAt, seenAt }]);
  // The record's own created_at wins; an order only bounds it from above until the record is seen.
  await tx.$executeRaw`
    INSERT INTO "InsightCustomer" ("shopDomain", "customerId", "memberSince", "memberSinceKnown", "updatedAt")
    VALUES (${shopDomain}, ${customerId}, ${since}, ${known}, now())
    ON CONFLICT ("shopDomain", "customerId") DO UPDATE SET
      "memberSince" = CASE WHEN ${known} THEN EXCLUDED."memberSince"
                           WHEN "InsightCustomer"."memberSinceKnown" THEN "InsightCustomer"."memberSince"
                           ELSE LEAST("InsightCustomer"."memberSince", EXCLUDED."memberSince") END,
      "memberSinceKnown" = "InsightCustomer"."memberSinceKnown" OR ${known},
      "updatedAt" = now()
    WHERE "InsightCustomer"."memberSince" IS DISTINCT FROM (CASE WHEN ${known} THEN EXCLUDED."memberSince"
                           WHEN "InsightCustomer"."memberSinceKnown" THEN "InsightCustomer"."memberSince"
                           ELSE LEAST("InsightCustomer"."memberSince", EXCLUDED."memberSince") END)
       OR "InsightCustomer"."memberSinceKnown" IS DISTINCT FROM ("InsightCustomer"."memberSinceKnown" OR ${known})`;
}

/** Records an order snapshot (with any refunds it lists) in the analytics tables. */
export async function recordInsightOrder(shopDomain: string, order: InsightOrderInput): Promise<void> {
  await sqlTransaction(async (tx) => {
    await lockShopInsight(tx, shopDomain);
    await writeOrder(tx, shopDomain, order);
  }, TX_OPTIONS);
}

/**
 * Records many orders at once (the install backfill, bulk loads), set-based: a handful of statements for the whole
 * batch, never one per order, ending in exactly the state that recording the same snapshots one by one with
 * recordInsightOrder, in the batch's order, reaches (test/integration/insight/backfill-equivalence.property.test.ts):
 * a snapshot older than the stored one (or than an earlier one in the batch) changes nothing but its refunds; the
 * newest accepted snapshot's lines replace the order's; a line's title survives a snapshot without one; customers
 * count from their record's created_at, else from their earliest accepted order; refunds are netted.
 */
export async function recordInsightOrders(shopDomain: string, orders: readonly InsightOrderInput[]): Promise<void> {
  if (!orders.length) return;
  await sqlTransaction(async (tx) => {
    await lockShopInsight(tx, shopDomain);
    const ids = [...new Set(orders.map((o) => o.orderId))];
    const stored = await tx.$queryRaw<{ orderId: string; weekStart: Date; updatedAtShopify: Date; customerId: string | null }[]>`
      SELECT "orderId", "weekStart", "updatedAtShopify", "customerId" FROM "InsightOrder"
      WHERE "shopDomain" = ${shopDomain} AND "orderId" = ANY(${ids}::text[]) ORDER BY "orderId" FOR UPDATE`;
    const before = new Map(stored.map((r) => [r.orderId, r]));
    await markOrderIdsDirty(tx, shopDomain, ids);
    // Replay the batch in order, as one-by-one recording would: which snapshots are accepted, with what customer.
    type Final = { order: InsightOrderInput; customerId: string | null; titles: Map<string, string | null>; keepStoredTitle: Set<string> };
    const finals = new Map<string, Final>();
    const snapshots = new Map<string, number>();
    const customers = new Map<string, { createdAt: Date | null; seenAt: Date }>();
    for (const o of orders) {
      snapshots.set(o.orderId, (snapshots.get(o.orderId) ?? 0) + 1);
      const prior = finals.get(o.orderId);
      const storedRow = before.get(o.orderId);
      const latest = prior ? prior.order.updatedAt : storedRow?.updatedAtShopify;
      if (latest && latest.getTime() > o.updatedAt.getTime()) continue;
      const customerId = o.customerId ?? (prior ? prior.customerId : (storedRow?.customerId ?? null));
      if (customerId) {
        const since = customers.get(customerId);
        customers.set(customerId, {
          createdAt: o.customerCreatedAt ?? since?.createdAt ?? null,
          seenAt: since && since.seenAt < o.occurredAt ? since.seenAt : o.occurredAt,
        });
      }
      const titles = new Map<string, string | null>();
      const keepStoredTitle = new Set<string>();
      for (const l of o.lines) {
        const earlier = prior?.titles.get(l.lineItemId);
        titles.set(l.lineItemId, l.title ?? earlier ?? null);
        // A stored line's title lasts only while every accepted snapshot keeps the line.
        if (prior ? prior.keepStoredTitle.has(l.lineItemId) : true) keepStoredTitle.add(l.lineItemId);
      }
      finals.set(o.orderId, { order: o, customerId, titles, keepStoredTitle });
    }
    const customerIds = [...customers.keys()];
    await markJoinChanges(
      tx,
      shopDomain,
      customerIds.map((customerId) => ({ customerId, ...customers.get(customerId)! })),
    );
    if (customerIds.length)
      await tx.$executeRaw`
      INSERT INTO "InsightCustomer" ("shopDomain", "customerId", "memberSince", "memberSinceKnown", "updatedAt")
      SELECT ${shopDomain}, c.id, c.since, c.known, now()
      FROM unnest(${customerIds}::text[], ${customerIds.map((id) => customers.get(id)!.createdAt ?? customers.get(id)!.seenAt)}::timestamp[],
        ${customerIds.map((id) => customers.get(id)!.createdAt !== null)}::boolean[]) AS c(id, since, known)
      ON CONFLICT ("shopDomain", "customerId") DO UPDATE SET
        "memberSince" = CASE WHEN EXCLUDED."memberSinceKnown" THEN EXCLUDED."memberSince"
                             WHEN "InsightCustomer"."memberSinceKnown" THEN "InsightCustomer"."memberSince"
                             ELSE LEAST("InsightCustomer"."memberSince", EXCLUDED."memberSince") END,
        "memberSinceKnown" = "InsightCustomer"."memberSinceKnown" OR EXCLUDED."memberSinceKnown", "updatedAt" = now()
      WHERE "InsightCustomer"."memberSince" IS DISTINCT FROM (CASE WHEN EXCLUDED."memberSinceKnown" THEN EXCLUDED."memberSince"
                             WHEN "InsightCustomer"."memberSinceKnown" THEN "InsightCustomer"."memberSince"
                             ELSE LEAST("InsightCustomer"."memberSince", EXCLUDED."memberSince") END)
         OR NOT "InsightCustomer"."memberSinceKnown" AND EXCLUDED."memberSinceKnown"`;
    const accepted = [...finals.values()];
    const written = accepted.length
      ? await tx.$queryRaw<{ orderId: string }[]>`
      INSERT INTO "InsightOrder" ("shopDomain", "orderId", "customerId", "locationId", "occurredAt", "weekStart", currency,
        "grossMinor", "refundedMinor", "netMinor", excluded, "updatedAtShopify")
      SELECT ${shopDomain}, o.id, o.customer, o.location, o.at, date_trunc('week', o.at)::date, o.currency, o.gross, 0, o.gross, o.excluded, o.updated
      FROM unnest(${accepted.map((f) => f.order.orderId)}::text[], ${accepted.map((f) => f.customerId)}::text[], ${accepted.map((f) => f.order.locationId)}::text[],
        ${accepted.map((f) => f.order.occurredAt)}::timestamp[], ${accepted.map((f) => f.order.currency)}::text[],
        ${accepted.map((f) => String(f.order.lines.reduce((sum, l) => sum + l.grossMinor, 0)))}::bigint[],
        ${accepted.map((f) => f.order.excluded)}::boolean[], ${accepted.map((f) => f.order.updatedAt)}::timestamp[])
        AS o(id, customer, location, at, currency, gross, excluded, updated)
      ON CONFLICT ("shopDomain", "orderId") DO UPDATE SET
        "customerId" = EXCLUDED."customerId", "locationId" = EXCLUDED."locationId",
        "occurredAt" = EXCLUDED."occurredAt", "weekStart" = EXCLUDED."weekStart", currency = EXCLUDED.currency,
        "grossMinor" = EXCLUDED."grossMinor", excluded = EXCLUDED.excluded, "updatedAtShopify" = EXCLUDED."updatedAtShopify"
      WHERE "InsightOrder"."updatedAtShopify" <= EXCLUDED."updatedAtShopify"
      RETURNING "orderId"`
      : [];
    const writtenIds = new Set(written.map((w) => w.orderId));
    const kept = accepted.filter((f) => writtenIds.has(f.order.orderId));
    // Lines the newest snapshot no longer has are gone (only orders that were stored before can have any).
    const replaced = kept.filter((f) => before.has(f.order.orderId));
    if (replaced.length) {
      const pairs = replaced.flatMap((f) => f.order.lines.map((l) => [f.order.orderId, l.lineItemId] as const));
      await tx.$executeRaw`
        DELETE FROM "InsightOrderLine" l WHERE l."shopDomain" = ${shopDomain} AND l."orderId" = ANY(${replaced.map((f) => f.order.orderId)}::text[])
          AND (l."orderId", l."lineItemId") NOT IN (SELECT * FROM unnest(${pairs.map((p) => p[0])}::text[], ${pairs.map((p) => p[1])}::text[]))`;
    }
    const lines = kept.flatMap((f) =>
      f.order.lines.map((l) => ({ orderId: f.order.orderId, line: l, title: f.titles.get(l.lineItemId) ?? null, keep: f.keepStoredTitle.has(l.lineItemId) })),
    );
    await upsertLines(
      tx,
      shopDomain,
      lines.filter((x) => x.keep),
      true,
    );
    await upsertLines(
      tx,
      shopDomain,
      lines.filter((x) => !x.keep),
      false,
    );
    const refundLines = orders.flatMap((o) => o.refunds.flatMap((r) => r.lines.map((l) => ({ r, l }))));
    if (refundLines.length) {
      await tx.$executeRaw`
        INSERT INTO "InsightRefundLine" ("shopDomain", "refundId", "lineItemId", "orderId", quantity, "amountMinor", "occurredAt")
        SELECT ${shopDomain}, r.refund, r.line, r.order_id, r.quantity, r.amount, r.at
        FROM unnest(${refundLines.map((x) => x.r.refundId)}::text[], ${refundLines.map((x) => x.l.lineItemId)}::text[], ${refundLines.map((x) => x.r.orderId)}::text[],
          ${refundLines.map((x) => x.l.quantity)}::int[], ${refundLines.map((x) => (x.l.amountMinor === null ? null : String(x.l.amountMinor)))}::bigint[],
          ${refundLines.map((x) => x.r.occurredAt)}::timestamp[]) AS r(refund, line, order_id, quantity, amount, at)
        ON CONFLICT ("shopDomain", "refundId", "lineItemId") DO NOTHING`;
    }
    // Net refunds into every order that may have changed: stored before, several snapshots, or refunds (now or earlier).
    const withRefunds = await tx.$queryRaw<{ orderId: string }[]>`
      SELECT DISTINCT "orderId" FROM "InsightRefundLine" WHERE "shopDomain" = ${shopDomain} AND "orderId" = ANY(${ids}::text[])`;
    const toNet = new Set([...before.keys(), ...ids.filter((id) => (snapshots.get(id) ?? 0) > 1), ...withRefunds.map((r) => r.orderId)]);
    await netRefundsOf(tx, shopDomain, [...toNet]);
  }, TX_OPTIONS);
}

type LineRow = { orderId: string; line: InsightOrderInput["lines"][number]; title: string | null };

/** Upserts lines of stored orders (their order row gives customer, time and exclusion); a null title keeps the stored one when `keepStoredTitle`. */
async function upsertLines(tx: Tx, shopDomain: string, lines: readonly LineRow[], keepStoredTitle: boolean): Promise<void> {
  if (!lines.length) return;
  const title = keepStoredTitle ? Prisma.sql`COALESCE(EXCLUDED.title, "InsightOrderLine".title)` : Prisma.sql`EXCLUDED.title`;
  await tx.$executeRaw`
    INSERT INTO "InsightOrderLine" ("shopDomain", "orderId", "lineItemId", "productId", "variantId", title, category,
      "locationId", "customerId", "occurredAt", "weekStart", quantity, "grossMinor", "netMinor", excluded)
    SELECT ${shopDomain}, l.order_id, l.id, l.product, l.variant, l.title, NULLIF(p."productType", ''), COALESCE(l.location, o."locationId"),
      o."customerId", o."occurredAt", o."weekStart", l.quantity, l.gross, l.gross, o.excluded
    FROM unnest(${lines.map((x) => x.orderId)}::text[], ${lines.map((x) => x.line.lineItemId)}::text[], ${lines.map((x) => x.line.productId)}::text[],
      ${lines.map((x) => x.line.variantId)}::text[], ${lines.map((x) => x.title)}::text[], ${lines.map((x) => x.line.locationId)}::text[],
      ${lines.map((x) => x.line.quantity)}::int[], ${lines.map((x) => String(x.line.grossMinor))}::bigint[])
      AS l(order_id, id, product, variant, title, location, quantity, gross)
    JOIN "InsightOrder" o ON o."shopDomain" = ${shopDomain} AND o."orderId" = l.order_id
    LEFT JOIN "ProductIndex" p ON p."shopDomain" = ${shopDomain} AND p."productId" = l.product
    ON CONFLICT ("shopDomain", "orderId", "lineItemId") DO UPDATE SET
      "productId" = EXCLUDED."productId", "variantId" = EXCLUDED."variantId", title = ${title},
      category = EXCLUDED.category, "locationId" = EXCLUDED."locationId", "customerId" = EXCLUDED."customerId",
      "occurredAt" = EXCLUDED."occurredAt", "weekStart" = EXCLUDED."weekStart", quantity = EXCLUDED.quantity,
      "grossMinor" = EXCLUDED."grossMinor", excluded = EXCLUDED.excluded`;
}

/** netRefunds for many orders at once (two statements). */
async function netRefundsOf(tx: Tx, shopDomain: string, orderIds: readonly string[]): Promise<void> {
  if (!orderIds.length) return;
  await tx.$executeRaw`
    UPDATE "InsightOrderLine" l SET "refundedQuantity" = r.quantity, "refundedMinor" = r.amount, "netMinor" = l."grossMinor" - r.amount
    FROM (
      SELECT x."orderId", x."lineItemId",
        LEAST(x.quantity, COALESCE(SUM(rl.quantity), 0))::int AS quantity,
        LEAST(x."grossMinor", COALESCE(SUM(COALESCE(rl."amountMinor", x."grossMinor" * rl.quantity / NULLIF(x.quantity, 0))), 0))::bigint AS amount
      FROM "InsightOrderLine" x
      LEFT JOIN "InsightRefundLine" rl ON rl."shopDomain" = x."shopDomain" AND rl."orderId" = x."orderId" AND rl."lineItemId" = x."lineItemId"
      WHERE x."shopDomain" = ${shopDomain} AND x."orderId" = ANY(${orderIds}::text[])
      GROUP BY x."orderId", x."lineItemId", x.quantity, x."grossMinor"
    ) r
    WHERE l."shopDomain" = ${shopDomain} AND l."orderId" = r."orderId" AND l."lineItemId" = r."lineItemId"`;
  await tx.$executeRaw`
    UPDATE "InsightOrder" o SET "refundedMinor" = t.refunded, "netMinor" = o."grossMinor" - t.refunded
    FROM (SELECT i.id AS "orderId", COALESCE(SUM(l."refundedMinor"), 0)::bigint AS refunded
          FROM unnest(${orderIds}::text[]) AS i(id)
          LEFT JOIN "InsightOrderLine" l ON l."shopDomain" = ${shopDomain} AND l."orderId" = i.id GROUP BY i.id) t
    WHERE o."shopDomain" = ${shopDomain} AND o."orderId" = t."orderId"`;
}

async function writeOrder(tx: Tx, shopDomain: string, order: InsightOrderInput): Promise<void> {
  const existing = await tx.$queryRaw<{ weekStart: Date; updatedAtShopify: Date; customerId: string | null }[]>`
    SELECT "weekStart", "updatedAtShopify", "customerId" FROM "InsightOrder"
    WHERE "shopDomain" = ${shopDomain} AND "orderId" = ${order.orderId} FOR UPDATE`;
  const before = existing[0];
  await markOrderIdsDirty(tx, shopDomain, [order.orderId]);
  for (const refund of order.refunds) await insertRefundLines(tx, shopDomain, refund);

  if (!before || before.updatedAtShopify.getTime() <= order.updatedAt.getTime()) {
    const customerId = order.customerId ?? before?.customerId ?? null;
    if (customerId) await upsertCustomer(tx, shopDomain, customerId, order.customerCreatedAt, order.occurredAt);
    const gross = order.lines.reduce((sum, l) => sum + l.grossMinor, 0);
    await tx.$executeRaw`
      INSERT INTO "InsightOrder" ("shopDomain", "orderId", "customerId", "locationId", "occurredAt", "weekStart", currency,
        "grossMinor", "refundedMinor", "netMinor", excluded, "updatedAtShopify")
      VALUES (${shopDomain}, ${order.orderId}, ${customerId}, ${order.locationId}, ${order.occurredAt},
        date_trunc('week', ${order.occurredAt}::timestamp)::date, ${order.currency}, ${gross}, 0, ${gross}, ${order.excluded}, ${order.updatedAt})
      ON CONFLICT ("shopDomain", "orderId") DO UPDATE SET
        "customerId" = EXCLUDED."customerId", "locationId" = EXCLUDED."locationId", "occurredAt" = EXCLUDED."occurredAt",
        "weekStart" = EXCLUDED."weekStart", currency = EXCLUDED.currency, "grossMinor" = EXCLUDED."grossMinor",
        excluded = EXCLUDED.excluded, "updatedAtShopify" = EXCLUDED."updatedAtShopify"
`;
    await writeLines(tx, shopDomain, order, customerId);
  }
  if (before || order.refunds.length) await netRefunds(tx, shopDomain, order.orderId);
}

async function writeLines(tx: Tx, shopDomain: string, order: InsightOrderInput, customerId: string | null): Promise<void> {
  const lines = order.lines;
  const ids = lines.map((l) => l.lineItemId);
  await tx.$executeRaw`
    DELETE FROM "InsightOrderLine" WHERE "shopDomain" = ${shopDomain} AND "orderId" = ${order.orderId} AND NOT ("lineItemId" = ANY(${ids}::text[]))`;
  if (!lines.length) return;
  // Category is the product's product_type as the catalogue knows it now; products/* webhooks keep it current.
  await tx.$executeRaw`
    INSERT INTO "InsightOrderLine" ("shopDomain", "orderId", "lineItemId", "productId", "variantId", title, category,
      "locationId", "customerId", "occurredAt", "weekStart", quantity, "grossMinor", "netMinor", excluded)
    SELECT ${shopDomain}, ${order.orderId}, l.id, l.product, l.variant, l.title, NULLIF(p."productType", ''),
      COALESCE(l.location, ${order.locationId}), ${customerId}, ${order.occurredAt}, date_trunc('week', ${order.occurredAt}::timestamp)::date,
      l.quantity, l.gross, l.gross, ${order.excluded}
    FROM unnest(${ids}::text[], ${lines.map((l) => l.productId)}::text[], ${lines.map((l) => l.variantId)}::text[],
      ${lines.map((l) => l.title)}::text[], ${lines.map((l) => l.locationId)}::text[], ${lines.map((l) => l.quantity)}::int[],
      ${lines.map((l) => String(l.grossMinor))}::bigint[]) AS l(id, product, variant, title, location, quantity, gross)
    LEFT JOIN "ProductIndex" p ON p."shopDomain" = ${shopDomain} AND p."productId" = l.product
    ON CONFLICT ("shopDomain", "orderId", "lineItemId") DO UPDATE SET
      "productId" = EXCLUDED."productId", "variantId" = EXCLUDED."variantId", title = COALESCE(EXCLUDED.title, "InsightOrderLine".title),
      category = EXCLUDED.category, "locationId" = EXCLUDED."locationId", "customerId" = EXCLUDED."customerId",
      "occurredAt" = EXCLUDED."occurredAt", "weekStart" = EXCLUDED."weekStart", quantity = EXCLUDED.quantity,
      "grossMinor" = EXCLUDED."grossMinor", excluded = EXCLUDED.excluded`;
}

async function insertRefundLines(tx: Tx, shopDomain: string, refund: InsightRefundInput): Promise<void> {
  if (!refund.lines.length) return;
  await tx.$executeRaw`
    INSERT INTO "InsightRefundLine" ("shopDomain", "refundId", "lineItemId", "orderId", quantity, "amountMinor", "occurredAt")
    SELECT ${shopDomain}, ${refund.refundId}, r.line, ${refund.orderId}, r.quantity, r.amount, ${refund.occurredAt}
    FROM unnest(${refund.lines.map((l) => l.lineItemId)}::text[], ${refund.lines.map((l) => l.quantity)}::int[],
      ${refund.lines.map((l) => (l.amountMinor === null ? null : String(l.amountMinor)))}::bigint[]) AS r(line, quantity, amount)
    ON CONFLICT ("shopDomain", "refundId", "lineItemId") DO NOTHING`;
}

/**
 * Nets an order's refunds into its lines and totals: a line's refunded amount is what the refunds say (else its
 * amount shared out by quantity), never more than the line. Refunds count in the order's own week.
 */
async function netRefunds(tx: Tx, shopDomain: string, orderId: string): Promise<void> {
  await tx.$executeRaw`
    UPDATE "InsightOrderLine" l SET "refundedQuantity" = r.quantity, "refundedMinor" = r.amount, "netMinor" = l."grossMinor" - r.amount
    FROM (
      SELECT x."lineItemId",
        LEAST(x.quantity, COALESCE(SUM(rl.quantity), 0))::int AS quantity,
        LEAST(x."grossMinor", COALESCE(SUM(COALESCE(rl."amountMinor", x."grossMinor" * rl.quantity / NULLIF(x.quantity, 0))), 0))::bigint AS amount
      FROM "InsightOrderLine" x
      LEFT JOIN "InsightRefundLine" rl ON rl."shopDomain" = x."shopDomain" AND rl."orderId" = x."orderId" AND rl."lineItemId" = x."lineItemId"
      WHERE x."shopDomain" = ${shopDomain} AND x."orderId" = ${orderId}
      GROUP BY x."lineItemId", x.quantity, x."grossMinor"
    ) r
    WHERE l."shopDomain" = ${shopDomain} AND l."orderId" = ${orderId} AND l."lineItemId" = r."lineItemId"`;
  await tx.$executeRaw`
    UPDATE "InsightOrder" o SET "refundedMinor" = t.refunded, "netMinor" = o."grossMinor" - t.refunded
    FROM (SELECT COALESCE(SUM("refundedMinor"), 0)::bigint AS refunded FROM "InsightOrderLine" WHERE "shopDomain" = ${shopDomain} AND "orderId" = ${orderId}) t
    WHERE o."shopDomain" = ${shopDomain} AND o."orderId" = ${orderId}`;
}

/** Records a refund (refunds/create): kept even before its order; netted into the order when it is known. */
export async function recordInsightRefund(shopDomain: string, refund: InsightRefundInput): Promise<void> {
  await sqlTransaction(async (tx) => {
    await lockShopInsight(tx, shopDomain);
    const order = await tx.$queryRaw<{ weekStart: Date }[]>`
      SELECT "weekStart" FROM "InsightOrder" WHERE "shopDomain" = ${shopDomain} AND "orderId" = ${refund.orderId} FOR UPDATE`;
    await insertRefundLines(tx, shopDomain, refund);
    if (!order[0]) return;
    await markOrderIdsDirty(tx, shopDomain, [refund.orderId]);
    await netRefunds(tx, shopDomain, refund.orderId);
  }, TX_OPTIONS);
}

/** After earning links a customer's earlier guest orders (same verified email), Insight attributes them too. */
export async function linkInsightGuestOrders(shopDomain: string, customerId: string): Promise<void> {
  await sqlTransaction(async (tx) => {
    await lockShopInsight(tx, shopDomain);
    const guests = Prisma.sql`
      SELECT o."orderId" FROM "InsightOrder" o JOIN "OrderRecord" r ON r."shopDomain" = o."shopDomain" AND r."orderId" = o."orderId"
      WHERE o."shopDomain" = ${shopDomain} AND o."customerId" IS NULL AND r."customerId" = ${customerId}`;
    await markOrdersDirty(tx, shopDomain, guests);
    const linked = await tx.$queryRaw<{ orderId: string }[]>`
      UPDATE "InsightOrder" o SET "customerId" = ${customerId} WHERE o."shopDomain" = ${shopDomain} AND o."orderId" IN (${guests})
      RETURNING o."orderId"`;
    if (!linked.length) return;
    await tx.$executeRaw`
      UPDATE "InsightOrderLine" SET "customerId" = ${customerId} WHERE "shopDomain" = ${shopDomain} AND "orderId" = ANY(${linked.map((l) => l.orderId)}::text[])`;
  }, TX_OPTIONS);
}
