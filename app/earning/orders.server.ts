// Earning on orders: every order event stores the order's latest state, then reconciles the ledger to
// what that state should have earned. The decisions are the planner's (app/earning/planner.ts); this file
// loads the state it needs under locks, calls it, and writes what it returns. Idempotent and order-independent.
import prisma from "~/db.server";
import type { OrderFacts, ProductFacts, RefundFacts } from "~/earning/orders";
import {
  creditedByMember,
  expiredByMember,
  orderCustomer,
  orderTime,
  planOrder,
  receiveSnapshot,
  type MemberTotals,
  type OrderEntry,
  type OrderState,
  type PlannedEntry,
} from "~/earning/planner";
import type { OrderRule, ProgramSettings } from "~/program/program";
import { ruleForNewOrder } from "~/program/program";
import { lockMember, postLedgerEntry, type Tx } from "~/ledger/ledger.server";
import { lotExpiries } from "~/expiry/lots.server";
import { ensureMember } from "~/members/members.server";
import { recordPointsEarned } from "~/notifications/record.server";
import { loadProgram } from "~/shops/shops.server";
import { recordTierOrder, tierBonusPercents } from "~/tiers/tiers.server";

const TX_OPTIONS = { timeout: 30_000, maxWait: 30_000 };

async function lockOrder(tx: Tx, shopDomain: string, orderId: string): Promise<OrderState | null> {
  const rows = await tx.$queryRaw<OrderState[]>`
    SELECT "orderId", snapshot, rule, "eligibleAt", "memberId", "customerId" FROM "OrderRecord"
    WHERE "shopDomain" = ${shopDomain} AND "orderId" = ${orderId} FOR UPDATE`;
  return rows[0] ?? null;
}

/** Records an order's state from a webhook or reconciliation, then brings its points up to date. */
export async function applyOrderSnapshot(shopDomain: string, facts: OrderFacts, refunds: readonly RefundFacts[] = [], now = new Date()): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const program = await loadProgram(tx, shopDomain);
    // The multiplier hook: an order is judged by the tier its customer holds when it is first seen.
    const rule = ruleForNewOrder(program, await tierBonusPercents(tx, shopDomain, facts.customerId));
    await tx.$executeRaw`
      INSERT INTO "OrderRecord" ("shopDomain", "orderId", "customerId", email, currency, "updatedAtShopify",
        "createdAtShopify", "occurredAt", snapshot, rule, "subtotalMinor", "locationId", "discountCodes", "createdAt", "updatedAt")
      VALUES (${shopDomain}, ${facts.orderId}, ${facts.customerId}, ${facts.email}, ${facts.currency},
        ${new Date(facts.updatedAt)}, ${new Date(facts.createdAt)}, ${orderTime(facts)}, ${JSON.stringify(facts)}::jsonb,
        ${JSON.stringify(rule)}::jsonb, ${facts.subtotalMinor}, ${facts.locationId}, ${facts.discountCodes}, now(), now())
      ON CONFLICT ("shopDomain", "orderId") DO NOTHING`;
    const stored = await lockOrder(tx, shopDomain, facts.orderId);
    if (!stored) throw new Error(`order ${facts.orderId} vanished`);
    // Refunds listed on the order (orders/updated) count even if their refunds/create delivery was lost.
    for (const refund of refunds) await insertRefund(tx, shopDomain, refund);
    const { order, snapshotChanged } = receiveSnapshot(stored, facts);
    if (snapshotChanged) {
      await tx.$executeRaw`
        UPDATE "OrderRecord" SET snapshot = ${JSON.stringify(facts)}::jsonb, "updatedAtShopify" = ${new Date(facts.updatedAt)},
          "occurredAt" = ${orderTime(facts)},
          "customerId" = COALESCE(${facts.customerId}, "customerId"), email = COALESCE(${facts.email}, email),
          "subtotalMinor" = ${facts.subtotalMinor}, "locationId" = ${facts.locationId},
          "discountCodes" = ${facts.discountCodes}, "updatedAt" = now()
        WHERE "shopDomain" = ${shopDomain} AND "orderId" = ${facts.orderId}`;
    }
    await reconcileOrder(tx, shopDomain, order, program, now);
  }, TX_OPTIONS);
}

/** Records a refund (even before its order is known) and takes back the points it refunds. */
export async function applyRefund(shopDomain: string, refund: RefundFacts, now = new Date()): Promise<void> {
  await prisma.$transaction(async (tx) => {
    // Lock the order first (if known) so refunds and order events of one order are serialized.
    const order = await lockOrder(tx, shopDomain, refund.orderId);
    const inserted = await insertRefund(tx, shopDomain, refund);
    if (!inserted || !order) return;
    const program = await loadProgram(tx, shopDomain);
    await reconcileOrder(tx, shopDomain, order, program, now);
  }, TX_OPTIONS);
}

async function insertRefund(tx: Tx, shopDomain: string, refund: RefundFacts): Promise<boolean> {
  const inserted = await tx.$executeRaw`
    INSERT INTO "OrderRefund" ("shopDomain", "refundId", "orderId", payload, "createdAt")
    VALUES (${shopDomain}, ${refund.refundId}, ${refund.orderId}, ${JSON.stringify(refund)}::jsonb, now())
    ON CONFLICT ("shopDomain", "refundId") DO NOTHING`;
  return inserted > 0;
}

/** Re-runs reconciliation for one order (pending points maturing, a guest becoming a customer). */
export async function reconcileStoredOrder(shopDomain: string, orderId: string, now = new Date()): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const order = await lockOrder(tx, shopDomain, orderId);
    if (!order) return;
    const program = await loadProgram(tx, shopDomain);
    await reconcileOrder(tx, shopDomain, order, program, now);
  }, TX_OPTIONS);
}

async function productFactsFor(tx: Tx, shopDomain: string, order: OrderFacts, rule: OrderRule) {
  const products = new Map<string, ProductFacts>();
  if (!rule.excludedProductTags.length && !rule.excludedCollectionIds.length) return products;
  const ids = [...new Set(order.lines.map((l) => l.productId).filter((id): id is string => Boolean(id)))];
  if (!ids.length) return products;
  const rows = await tx.productIndex.findMany({ where: { shopDomain, productId: { in: ids } } });
  for (const row of rows) products.set(row.productId, { tags: row.tags, collectionIds: row.collectionIds });
  return products;
}

/**
 * Brings the ledger for one locked order to what the planner says: loads refunds, products, the order's
 * entries and the members' totals (locked in id order), posts the planned entries, stores the order's state.
 */
async function reconcileOrder(tx: Tx, shopDomain: string, order: OrderState, program: ProgramSettings, now: Date) {
  const facts = order.snapshot;
  const refundRows = await tx.orderRefund.findMany({ where: { shopDomain, orderId: order.orderId }, select: { payload: true } });
  const refunds = refundRows.map((r) => r.payload as unknown as RefundFacts);
  const products = await productFactsFor(tx, shopDomain, facts, order.rule);

  const customerId = orderCustomer(order);
  const customerMemberId = customerId
    ? await ensureMember(tx, shopDomain, { customerId, email: facts.email, firstName: facts.customerFirstName, lastName: facts.customerLastName })
    : null;

  const entries = await tx.ledgerEntry.findMany({
    where: { shopDomain, orderId: order.orderId },
    select: { id: true, memberId: true, points: true, pendingPoints: true, shortfall: true, expiredWriteOff: true },
  });
  const credited = creditedByMember(entries satisfies OrderEntry[]);
  const members = new Map<string, MemberTotals>();
  const involved = new Set([...credited.keys(), ...(customerMemberId ? [customerMemberId] : []), ...(order.memberId ? [order.memberId] : [])]);
  for (const memberId of [...involved].sort()) members.set(memberId, await lockMember(tx, memberId));
  // What expired from the order's lots (its positive entries) a clawback must not take again: read under the
  // members' locks, which the expiry sweep takes too.
  const lotIds = entries.filter((e) => e.points > 0).map((e) => e.id);
  const expired = expiredByMember(entries, await lotExpiries(tx, shopDomain, lotIds));

  const plan = planOrder({ order, refunds, products, customerMemberId, credited, expired, members, clawbackPolicy: program.clawbackPolicy, now });
  const balances = new Map([...members].map(([id, totals]) => [id, totals.balance]));
  for (const entry of plan.entries) {
    const posted = await postLedgerEntry(tx, {
      shopDomain,
      memberId: entry.memberId,
      kind: entry.kind,
      points: entry.points,
      pendingPoints: entry.pendingPoints,
      shortfall: entry.shortfall,
      expiredWriteOff: entry.expiredWriteOff,
      reason: reasonFor(entry, facts),
      source: entry.source,
      sourceId: facts.orderId,
      orderId: entry.orderId,
      idempotencyKey: entry.idempotencyKey,
      occurredAt: entry.occurredAt,
    });
    const before = balances.get(entry.memberId) ?? 0;
    if (posted) balances.set(entry.memberId, before + entry.points);
    // Points the member can now spend are a Flow trigger (and maybe "enough for a reward"); the event
    // commits with the entry. The member of a credited order is the order's customer.
    if (posted && entry.points > 0 && (entry.kind === "earn" || entry.kind === "release") && customerId && entry.memberId === customerMemberId) {
      await recordPointsEarned(tx, {
        shopDomain,
        customerId,
        points: entry.points,
        balanceBefore: before,
        entryKey: entry.idempotencyKey,
        occurredAt: entry.occurredAt,
        orderName: facts.name,
      });
    }
  }

  const earning = plan.earning;
  await recordTierOrder(
    tx,
    shopDomain,
    {
      orderId: order.orderId,
      memberId: plan.order.memberId,
      occurredAt: orderTime(facts),
      spendMinor: earning.eligibleMinor,
      counts: earning.eligible && earning.eligibleMinor > 0,
    },
    [...involved],
  );

  await tx.$executeRaw`
    UPDATE "OrderRecord" SET "memberId" = ${plan.order.memberId}, "customerId" = ${plan.order.customerId},
      "eligibleAt" = ${plan.order.eligibleAt}, "targetPoints" = ${plan.earning.points}, "updatedAt" = now()
    WHERE "shopDomain" = ${shopDomain} AND "orderId" = ${order.orderId}`;
}

/** The text of an order's ledger entry (also the fast path's, app/earning/orders-batch.server.ts). */
export function reasonFor({ kind, why }: PlannedEntry, facts: OrderFacts): string {
  const order = `order ${facts.name}`;
  switch (kind) {
    case "shortfall_recovery":
      return `Points owed from an earlier refund, recovered from ${order}`;
    case "earn":
      return `Earned on ${order}`;
    case "pending_earn":
      return `Pending for ${order} until the return window closes`;
    case "release":
      return `Points for ${order} are now available`;
    case "clawback":
      return `Refund on ${order}`;
    default:
      if (why === "cancelled") return `${order[0].toUpperCase()}${order.slice(1)} was cancelled`;
      if (why === "not_paid" || why === "not_fulfilled") return `Payment for ${order} was reversed`;
      return `Points for ${order} corrected (${why.replace(/_/g, " ")})`;
  }
}

/** Credits guest orders placed with a verified email to the customer who now owns that email. */
export async function linkGuestOrders(shopDomain: string, customerId: string, email: string, now = new Date()): Promise<number> {
  const orders = await prisma.orderRecord.findMany({
    where: { shopDomain, customerId: null, email: { equals: email, mode: "insensitive" } },
    select: { orderId: true },
  });
  for (const { orderId } of orders) {
    await prisma.$transaction(async (tx) => {
      const order = await lockOrder(tx, shopDomain, orderId);
      if (!order || order.customerId) return;
      const program = await loadProgram(tx, shopDomain);
      await reconcileOrder(tx, shopDomain, { ...order, customerId }, program, now);
    }, TX_OPTIONS);
  }
  return orders.length;
}

/** Moves pending points whose period is over into members' balances. Returns how many orders matured. */
export async function releaseMaturedPoints(now = new Date()): Promise<number> {
  const due = await prisma.$queryRaw<{ shopDomain: string; orderId: string }[]>`
    SELECT o."shopDomain", o."orderId" FROM "OrderRecord" o
    WHERE o."eligibleAt" IS NOT NULL AND (o.rule->>'pendingDays')::int > 0
      AND o."eligibleAt" + make_interval(days => (o.rule->>'pendingDays')::int) <= ${now}
      AND EXISTS (SELECT 1 FROM "LedgerEntry" e WHERE e."shopDomain" = o."shopDomain" AND e."orderId" = o."orderId"
                  GROUP BY e."memberId" HAVING SUM(e."pendingPoints") <> 0)
    LIMIT 500`;
  for (const order of due) await reconcileStoredOrder(order.shopDomain, order.orderId, now);
  return due.length;
}

/** The currency an order's money is in: the order's own, else the shop's (for a refund that beat its order). */
export async function currencyForOrder(shopDomain: string, orderId: string): Promise<string> {
  const order = await prisma.orderRecord.findUnique({
    where: { shopDomain_orderId: { shopDomain, orderId } },
    select: { currency: true },
  });
  if (order) return order.currency;
  const shop = await prisma.shop.findUnique({ where: { domain: shopDomain }, select: { currency: true } });
  return shop?.currency ?? "USD";
}

/** When each of these orders was last updated (Shopify's updated_at) in what the app stored, by order id. */
export async function storedOrderVersions(shopDomain: string, orderIds: string[]): Promise<Map<string, number>> {
  const rows = await prisma.orderRecord.findMany({
    where: { shopDomain, orderId: { in: orderIds } },
    select: { orderId: true, updatedAtShopify: true },
  });
  return new Map(rows.map((r) => [r.orderId, r.updatedAtShopify.getTime()]));
}
