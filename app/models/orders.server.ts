// Earning on orders: every order event stores the order's latest state, then reconciles the ledger to
// what that state should have earned (app/loyalty/orders.ts). Idempotent and order-independent.
import prisma from "~/db.server";
import { isMatured, planOrderAdjustment, shortfallRecovery, type OrderTarget } from "~/loyalty/ledger";
import { isNewerSnapshot, orderEarning, reachedAwardTrigger, type OrderFacts, type ProductFacts, type RefundFacts } from "~/loyalty/orders";
import type { OrderRule, ProgramSettings } from "~/loyalty/program";
import { ruleForNewOrder } from "~/loyalty/program";
import { lockMember, postLedgerEntry, type Tx } from "./ledger.server";
import { ensureMember } from "./members.server";
import { loadProgram } from "./shops.server";

type OrderRow = {
  orderId: string;
  snapshot: OrderFacts;
  rule: OrderRule;
  eligibleAt: Date | null;
  memberId: string | null;
  customerId: string | null;
};

const TX_OPTIONS = { timeout: 30_000, maxWait: 30_000 };

async function lockOrder(tx: Tx, shopDomain: string, orderId: string): Promise<OrderRow | null> {
  const rows = await tx.$queryRaw<OrderRow[]>`
    SELECT "orderId", snapshot, rule, "eligibleAt", "memberId", "customerId" FROM "OrderRecord"
    WHERE "shopDomain" = ${shopDomain} AND "orderId" = ${orderId} FOR UPDATE`;
  return rows[0] ?? null;
}

/** Records an order's state from a webhook or reconciliation, then brings its points up to date. */
export async function applyOrderSnapshot(
  shopDomain: string,
  facts: OrderFacts,
  refunds: readonly RefundFacts[] = [],
  now = new Date(),
): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const program = await loadProgram(tx, shopDomain);
    const rule = ruleForNewOrder(program);
    await tx.$executeRaw`
      INSERT INTO "OrderRecord" ("shopDomain", "orderId", "customerId", email, currency, "updatedAtShopify",
        "createdAtShopify", snapshot, rule, "subtotalMinor", "locationId", "discountCodes", "createdAt", "updatedAt")
      VALUES (${shopDomain}, ${facts.orderId}, ${facts.customerId}, ${facts.email}, ${facts.currency},
        ${new Date(facts.updatedAt)}, ${new Date(facts.createdAt)}, ${JSON.stringify(facts)}::jsonb,
        ${JSON.stringify(rule)}::jsonb, ${facts.subtotalMinor}, ${facts.locationId}, ${facts.discountCodes}, now(), now())
      ON CONFLICT ("shopDomain", "orderId") DO NOTHING`;
    const stored = await lockOrder(tx, shopDomain, facts.orderId);
    if (!stored) throw new Error(`order ${facts.orderId} vanished`);
    // Refunds listed on the order (orders/updated) count even if their refunds/create delivery was lost.
    for (const refund of refunds) await insertRefund(tx, shopDomain, refund);
    let current = stored;
    const sameAsStored = JSON.stringify(stored.snapshot) === JSON.stringify(facts);
    if (!sameAsStored && isNewerSnapshot(facts, stored.snapshot)) {
      await tx.$executeRaw`
        UPDATE "OrderRecord" SET snapshot = ${JSON.stringify(facts)}::jsonb, "updatedAtShopify" = ${new Date(facts.updatedAt)},
          "customerId" = COALESCE(${facts.customerId}, "customerId"), email = COALESCE(${facts.email}, email),
          "subtotalMinor" = ${facts.subtotalMinor}, "locationId" = ${facts.locationId},
          "discountCodes" = ${facts.discountCodes}, "updatedAt" = now()
        WHERE "shopDomain" = ${shopDomain} AND "orderId" = ${facts.orderId}`;
      current = { ...stored, snapshot: facts, customerId: facts.customerId ?? stored.customerId };
    }
    // A late, older snapshot that already showed the order eligible moves the pending clock back to it,
    // so when points mature never depends on delivery order.
    const incomingEligible = !facts.cancelledAt && reachedAwardTrigger(facts, stored.rule);
    const seenAt = new Date(facts.updatedAt);
    if (incomingEligible && (!current.eligibleAt || seenAt < current.eligibleAt)) current = { ...current, eligibleAt: seenAt };
    await reconcileOrder(tx, shopDomain, current, program, now);
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

type CreditedRow = { memberId: string; points: bigint | number | null; pending: bigint | number | null; entries: bigint | number };

/**
 * Moves the ledger for one locked order to what its state should have earned: the current member gets
 * the target (pending or available), anyone the order credited before (a changed customer) gets nothing.
 */
async function reconcileOrder(tx: Tx, shopDomain: string, order: OrderRow, program: ProgramSettings, now: Date) {
  const facts = order.snapshot;
  const refundRows = await tx.orderRefund.findMany({ where: { shopDomain, orderId: order.orderId }, select: { payload: true } });
  const refunds = refundRows.map((r) => r.payload as unknown as RefundFacts);
  const products = await productFactsFor(tx, shopDomain, facts, order.rule);
  const earning = orderEarning(facts, refunds, order.rule, products);

  let eligibleAt = order.eligibleAt;
  if (earning.eligible) {
    const seen = new Date(facts.updatedAt);
    if (!eligibleAt || seen < eligibleAt) eligibleAt = seen;
  }

  let memberId = order.memberId;
  const customerId = facts.customerId ?? order.customerId;
  if (customerId) {
    memberId = await ensureMember(tx, shopDomain, {
      customerId,
      email: facts.email,
      firstName: facts.customerFirstName,
      lastName: facts.customerLastName,
    });
  }

  const creditedRows = await tx.$queryRaw<CreditedRow[]>`
    SELECT "memberId", SUM(points - shortfall) AS points, SUM("pendingPoints") AS pending, COUNT(*) AS entries
    FROM "LedgerEntry" WHERE "shopDomain" = ${shopDomain} AND "orderId" = ${order.orderId}
    GROUP BY "memberId" ORDER BY "memberId"`;
  const targets = new Map<string, OrderTarget>();
  for (const row of creditedRows) targets.set(row.memberId, { points: 0, matured: true });
  if (memberId) {
    targets.set(memberId, { points: earning.points, matured: isMatured(eligibleAt, order.rule.pendingDays, now) });
  }

  for (const [targetMemberId, target] of [...targets.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const row = creditedRows.find((r) => r.memberId === targetMemberId);
    const credited = { points: Number(row?.points ?? 0), pendingPoints: Number(row?.pending ?? 0) };
    const member = await lockMember(tx, targetMemberId);
    const plan = planOrderAdjustment(credited, target, member.balance);
    if (!plan) continue;
    const sequence = Number(row?.entries ?? 0) + 1;
    await postLedgerEntry(tx, {
      shopDomain,
      memberId: targetMemberId,
      kind: plan.kind,
      points: plan.points,
      pendingPoints: plan.pendingPoints,
      shortfall: plan.shortfall,
      reason: reasonFor(plan.kind, facts, earning.reason),
      source: plan.kind === "clawback" ? "refund" : "order",
      sourceId: facts.orderId,
      orderId: facts.orderId,
      idempotencyKey: `order:${facts.orderId}:${targetMemberId}:${sequence}`,
    });
    const recovered = program.clawbackPolicy === "recover_from_future_earnings" ? shortfallRecovery(plan.points, member.shortfall) : 0;
    if (recovered > 0) {
      await postLedgerEntry(tx, {
        shopDomain,
        memberId: targetMemberId,
        kind: "shortfall_recovery",
        points: -recovered,
        shortfall: -recovered,
        reason: `Points owed from an earlier refund, recovered from order ${facts.name}`,
        source: "system",
        sourceId: facts.orderId,
        idempotencyKey: `recovery:${facts.orderId}:${targetMemberId}:${sequence}`,
      });
    }
  }

  await tx.$executeRaw`
    UPDATE "OrderRecord" SET "memberId" = ${memberId}, "customerId" = ${customerId}, "eligibleAt" = ${eligibleAt},
      "targetPoints" = ${earning.points}, "updatedAt" = now()
    WHERE "shopDomain" = ${shopDomain} AND "orderId" = ${order.orderId}`;
}

function reasonFor(kind: string, facts: OrderFacts, why: string): string {
  const order = `order ${facts.name}`;
  switch (kind) {
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
