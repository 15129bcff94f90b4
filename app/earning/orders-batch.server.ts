// The fast path of order earning: a batch of one shop's order snapshots (in delivery order) reconciled in one
// transaction with set-based statements: one INSERT for the new orders, one lock of all of them, one upsert of
// their customers' members, one lock of every member involved, one INSERT … SELECT FROM unnest(…) for the
// batch's ledger entries, one UPDATE for the members' totals, and likewise for lots, program events, tier
// orders and the orders' new state. The decisions are the same planner's (app/earning/planner.ts), called once
// per snapshot in delivery order on in-memory state that follows what each earlier snapshot of the batch
// wrote, so the batch ends in exactly the state applyOrderSnapshot reaches one delivery at a time (a property
// test compares the two: test/integration/order-batch.property.test.ts). Whatever the one-by-one path would do
// differently (tier rules that can promote a member between two orders, an idempotency key already taken, a
// total going negative) makes it throw, and the caller processes the batch one delivery at a time instead.
import { randomUUID } from "node:crypto";
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
} from "~/earning/planner";
import { reasonFor } from "~/earning/orders.server";
import type { OrderRule } from "~/program/program";
import { ruleForNewOrder } from "~/program/program";
import { sqlTransaction, type SqlTx as Tx } from "~/platform/db/raw-transaction.server";
import type { EntryKind, EntrySource } from "~/ledger/ledger";
import { lotExpiries, moveLots, type LotMovement } from "~/expiry/lots.server";
import { reachesReward } from "~/notifications/flow";
import { loadProgram } from "~/shops/shops.server";
import { loadTierRules } from "~/tiers/tiers.server";

const TX_OPTIONS = { timeoutMs: 30_000 };

/** One order delivery: the order's snapshot and the refunds it lists. */
export type OrderSnapshotInput = { facts: OrderFacts; refunds: readonly RefundFacts[] };

/** The batch cannot be applied as one set: the caller applies its snapshots one at a time instead. */
export class OrderBatchNotApplicable extends Error {}

type Totals = MemberTotals & { pending: number; lifetimeEarned: number };

type NewEntryRow = {
  id: string;
  memberId: string;
  kind: EntryKind;
  points: number;
  pendingPoints: number;
  shortfall: number;
  expiredWriteOff: number;
  reason: string;
  source: EntrySource;
  sourceId: string;
  orderId: string | null;
  idempotencyKey: string;
  occurredAt: Date;
};

type EventRow = { customerId: string; type: string; payload: unknown; idempotencyKey: string; occurredAt: Date };

type SnapshotWrite = { facts: OrderFacts; email: string | null };

type Reward = { id: string; name: string; pointsCost: number; activeUntil: Date | null };

const normalized = (facts: OrderFacts): OrderFacts => JSON.parse(JSON.stringify(facts)) as OrderFacts;
const asDate = (value: Date | string | null): Date | null => (value === null ? null : new Date(value));

/** Applies a shop's order snapshots, in this order, as applyOrderSnapshot would one after another. */
export async function applyOrderSnapshots(shopDomain: string, inputs: readonly OrderSnapshotInput[], now = new Date()): Promise<void> {
  if (!inputs.length) return;
  const items = inputs.map((i) => ({ facts: normalized(i.facts), refunds: i.refunds.map((r) => JSON.parse(JSON.stringify(r)) as RefundFacts) }));
  // Raw SQL on the pool, not Prisma: its compile of the batch's big statements was half the worker's CPU (decision 043).
  await sqlTransaction(async (tx) => {
    const program = await loadProgram(tx, shopDomain);
    // Tiers can promote a member between two orders of the batch, which changes the next order's rule and
    // runs the tier review per order: such shops take the one-by-one path.
    if ((await loadTierRules(tx, shopDomain)).tiers.length) throw new OrderBatchNotApplicable("the shop has tiers");
    const rule = ruleForNewOrder(program, []);

    const orderIds = [...new Set(items.map((i) => i.facts.orderId))];
    const firsts = orderIds.map((id) => items.find((i) => i.facts.orderId === id)!.facts);
    await insertNewOrders(tx, shopDomain, firsts, rule);
    const states = await lockOrders(tx, shopDomain, orderIds);

    // Refunds: what is stored now, then each delivery's listed refunds as they arrive (the first of an id wins).
    const listedRefundIds = [...new Set(items.flatMap((i) => i.refunds.map((r) => r.refundId)))];
    const storedRefunds = await tx.$queryRaw<{ orderId: string; refundId: string; payload: RefundFacts }[]>`
      SELECT "orderId", "refundId", payload FROM "OrderRefund"
      WHERE "shopDomain" = ${shopDomain} AND ("orderId" = ANY(${orderIds}::text[]) OR "refundId" = ANY(${listedRefundIds}::text[]))`;
    const knownRefunds = new Set(storedRefunds.map((r) => r.refundId));
    const refundsByOrder = new Map<string, RefundFacts[]>(orderIds.map((id) => [id, []]));
    for (const r of storedRefunds) refundsByOrder.get(r.orderId)?.push(r.payload);

    // Pass 1: which customers each snapshot enrols (the members' upsert comes before any planning).
    const simulated = new Map(states);
    const enrolments: Array<{ customerId: string; email: string | null; firstName: string | null; lastName: string | null }> = [];
    for (const { facts } of items) {
      const { order } = receiveSnapshot(simulated.get(facts.orderId)!, facts);
      const customerId = orderCustomer(order);
      if (customerId) {
        const s = order.snapshot;
        enrolments.push({ customerId, email: s.email ?? null, firstName: s.customerFirstName ?? null, lastName: s.customerLastName ?? null });
      }
      simulated.set(facts.orderId, { ...order, customerId });
    }
    const memberIds = await ensureMembers(tx, shopDomain, enrolments);

    const entryRows = await tx.$queryRaw<Array<OrderEntry & { id: string; orderId: string }>>`
      SELECT id, "orderId", "memberId", points, "pendingPoints", shortfall, "expiredWriteOff" FROM "LedgerEntry"
      WHERE "shopDomain" = ${shopDomain} AND "orderId" = ANY(${orderIds}::text[])`;
    const entriesByOrder = new Map<string, OrderEntry[]>(orderIds.map((id) => [id, []]));
    for (const e of entryRows) entriesByOrder.get(e.orderId)!.push(e);

    const involved = new Set<string>([...memberIds.values(), ...entryRows.map((e) => e.memberId)]);
    for (const state of states.values()) if (state.memberId) involved.add(state.memberId);
    const totals = await lockMembers(tx, [...involved].sort());
    // What expired from the orders' lots, read under the members' locks as the one-by-one path does. Nothing
    // expires during the batch, and the lots it opens are new, so one read serves every snapshot.
    const lots = entryRows.filter((e) => e.points > 0);
    const expiries = await lotExpiries(
      tx,
      shopDomain,
      lots.map((e) => e.id),
    );
    const lotsByOrder = new Map<string, typeof lots>(orderIds.map((id) => [id, []]));
    for (const lot of lots) lotsByOrder.get(lot.orderId)!.push(lot);
    const expiredByOrder = new Map(orderIds.map((id) => [id, expiredByMember(lotsByOrder.get(id)!, expiries)]));

    const products = await loadProducts(tx, shopDomain, items, states);
    const rewards = await tx.$queryRaw<Reward[]>`
      SELECT id, name, "pointsCost", "activeUntil" FROM "Reward"
      WHERE "shopDomain" = ${shopDomain} AND enabled AND "archivedAt" IS NULL ORDER BY "pointsCost" ASC`;

    // Pass 2: the planner, snapshot by snapshot, on state that follows what each earlier one wrote.
    const newEntries: NewEntryRow[] = [];
    const keys = new Set<string>();
    const events: EventRow[] = [];
    const snapshots = new Map<string, SnapshotWrite>();
    const finals = new Map<string, { order: OrderState; targetPoints: number; spendMinor: number; counts: boolean }>();
    for (const { facts: incoming, refunds: listed } of items) {
      const id = incoming.orderId;
      const { order, snapshotChanged } = receiveSnapshot(states.get(id)!, incoming);
      if (snapshotChanged) snapshots.set(id, { facts: incoming, email: incoming.email ?? snapshots.get(id)?.email ?? null });
      for (const refund of listed) {
        if (knownRefunds.has(refund.refundId)) continue;
        knownRefunds.add(refund.refundId);
        if (!refundsByOrder.has(refund.orderId)) refundsByOrder.set(refund.orderId, []);
        refundsByOrder.get(refund.orderId)!.push(refund);
      }
      const facts = order.snapshot;
      const customerId = orderCustomer(order);
      const customerMemberId = customerId ? memberIds.get(customerId) : null;
      if (customerMemberId === undefined) throw new OrderBatchNotApplicable(`customer ${customerId} was not enrolled`);
      const entries = entriesByOrder.get(id)!;
      const plan = planOrder({
        order,
        refunds: refundsByOrder.get(id)!,
        products: productsFor(order.rule, facts, products),
        customerMemberId,
        credited: creditedByMember(entries),
        expired: expiredByOrder.get(id),
        members: totals,
        clawbackPolicy: program.clawbackPolicy,
        now,
      });
      for (const entry of plan.entries) {
        if (keys.has(entry.idempotencyKey)) throw new OrderBatchNotApplicable(`idempotency key ${entry.idempotencyKey} planned twice`);
        keys.add(entry.idempotencyKey);
        const member = totals.get(entry.memberId)!;
        const before = member.balance;
        const earned = entry.kind === "earn" || entry.kind === "release" ? Math.max(0, entry.points) : 0;
        const clawedBack = entry.kind === "clawback" || entry.kind === "reversal" ? Math.min(0, entry.points - entry.shortfall - entry.expiredWriteOff) : 0;
        member.balance += entry.points;
        member.pending += entry.pendingPoints;
        member.shortfall += entry.shortfall;
        member.lifetimeEarned = Math.max(0, member.lifetimeEarned + earned + clawedBack);
        // The database refuses a negative balance; the one-by-one path then fails the same way.
        if (member.balance < 0 || member.pending < 0) throw new OrderBatchNotApplicable(`member ${entry.memberId} would go negative`);
        newEntries.push({
          id: randomUUID(),
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
        if (entry.orderId === id)
          entries.push({
            memberId: entry.memberId,
            points: entry.points,
            pendingPoints: entry.pendingPoints,
            shortfall: entry.shortfall,
            expiredWriteOff: entry.expiredWriteOff,
          });
        if (entry.points > 0 && (entry.kind === "earn" || entry.kind === "release") && customerId && entry.memberId === customerMemberId) {
          events.push(...pointsEarnedEvents(customerId, entry.points, before, entry.idempotencyKey, entry.occurredAt, facts.name, rewards));
        }
      }
      states.set(id, plan.order);
      finals.set(id, {
        order: plan.order,
        targetPoints: plan.earning.points,
        spendMinor: plan.earning.eligibleMinor,
        counts: plan.earning.eligible && plan.earning.eligibleMinor > 0,
      });
    }

    await insertRefunds(tx, shopDomain, items, storedRefunds);
    await insertEntries(tx, shopDomain, newEntries);
    await updateMembers(
      tx,
      [...new Set(newEntries.map((e) => e.memberId))].map((id) => ({ id, ...totals.get(id)! })),
    );
    await writeLots(tx, shopDomain, newEntries);
    await insertEvents(tx, shopDomain, events);
    await writeTierOrders(tx, shopDomain, finals);
    await updateOrders(tx, shopDomain, finals, snapshots);
  }, TX_OPTIONS);
}

async function insertNewOrders(tx: Tx, shopDomain: string, orders: readonly OrderFacts[], rule: OrderRule): Promise<void> {
  await tx.$executeRaw`
    INSERT INTO "OrderRecord" ("shopDomain", "orderId", "customerId", email, currency, "updatedAtShopify",
      "createdAtShopify", "occurredAt", snapshot, rule, "subtotalMinor", "locationId", "discountCodes", "createdAt", "updatedAt")
    SELECT ${shopDomain}, o.id, o.customer, o.email, o.currency, o.updated, o.created, o.at, o.snapshot, ${JSON.stringify(rule)}::jsonb,
      o.subtotal, o.location, ARRAY(SELECT jsonb_array_elements_text(o.codes)), now(), now()
    FROM unnest(${orders.map((o) => o.orderId)}::text[], ${orders.map((o) => o.customerId)}::text[], ${orders.map((o) => o.email)}::text[],
      ${orders.map((o) => o.currency)}::text[], ${orders.map((o) => new Date(o.updatedAt))}::timestamp[], ${orders.map((o) => new Date(o.createdAt))}::timestamp[],
      ${orders.map((o) => orderTime(o))}::timestamp[], ${orders.map((o) => JSON.stringify(o))}::jsonb[], ${orders.map((o) => String(o.subtotalMinor))}::bigint[],
      ${orders.map((o) => o.locationId)}::text[], ${orders.map((o) => JSON.stringify(o.discountCodes))}::jsonb[])
      AS o(id, customer, email, currency, updated, created, at, snapshot, subtotal, location, codes)
    ON CONFLICT ("shopDomain", "orderId") DO NOTHING`;
}

async function lockOrders(tx: Tx, shopDomain: string, orderIds: readonly string[]): Promise<Map<string, OrderState>> {
  const rows = await tx.$queryRaw<OrderState[]>`
    SELECT "orderId", snapshot, rule, "eligibleAt", "memberId", "customerId" FROM "OrderRecord"
    WHERE "shopDomain" = ${shopDomain} AND "orderId" = ANY(${orderIds}::text[]) ORDER BY "orderId" FOR UPDATE`;
  const states = new Map(rows.map((r) => [r.orderId, { ...r, eligibleAt: asDate(r.eligibleAt) }]));
  for (const id of orderIds) if (!states.has(id)) throw new Error(`order ${id} vanished`);
  return states;
}

/** ensureMember for each enrolment in turn, as one upsert: the last non-empty email and names win. */
async function ensureMembers(
  tx: Tx,
  shopDomain: string,
  enrolments: ReadonlyArray<{ customerId: string; email: string | null; firstName: string | null; lastName: string | null }>,
): Promise<Map<string, string>> {
  const merged = new Map<string, { email: string | null; firstName: string | null; lastName: string | null }>();
  for (const e of enrolments) {
    const prev = merged.get(e.customerId);
    merged.set(e.customerId, {
      email: e.email ?? prev?.email ?? null,
      firstName: e.firstName ?? prev?.firstName ?? null,
      lastName: e.lastName ?? prev?.lastName ?? null,
    });
  }
  const ids = [...merged.keys()].sort();
  if (!ids.length) return new Map();
  const rows = await tx.$queryRaw<{ id: string; customerId: string }[]>`
    INSERT INTO "Member" (id, "shopDomain", "customerId", email, "firstName", "lastName", "createdAt", "lastActivityAt")
    SELECT c.id, ${shopDomain}, c.customer, c.email, c.first, c.last, now(), now()
    FROM unnest(${ids.map(() => randomUUID())}::text[], ${ids}::text[], ${ids.map((id) => merged.get(id)!.email)}::text[],
      ${ids.map((id) => merged.get(id)!.firstName)}::text[], ${ids.map((id) => merged.get(id)!.lastName)}::text[]) AS c(id, customer, email, first, last)
    ON CONFLICT ("shopDomain", "customerId") DO UPDATE SET
      email = COALESCE(EXCLUDED.email, "Member".email),
      "firstName" = COALESCE(EXCLUDED."firstName", "Member"."firstName"),
      "lastName" = COALESCE(EXCLUDED."lastName", "Member"."lastName")
    WHERE "Member"."redactedAt" IS NULL
    RETURNING id, "customerId"`;
  const out = new Map(rows.map((r) => [r.customerId, r.id]));
  // A redacted member keeps their anonymous row; the conflict update is skipped, so read the ids.
  const missing = ids.filter((id) => !out.has(id));
  if (missing.length) {
    const redacted = await tx.$queryRaw<{ id: string; customerId: string }[]>`
      SELECT id, "customerId" FROM "Member" WHERE "shopDomain" = ${shopDomain} AND "customerId" = ANY(${missing}::text[])`;
    for (const r of redacted) out.set(r.customerId, r.id);
  }
  return out;
}

async function lockMembers(tx: Tx, ids: readonly string[]): Promise<Map<string, Totals>> {
  const rows = await tx.$queryRaw<Totals[]>`
    SELECT id, balance, pending, shortfall, "lifetimeEarned" FROM "Member" WHERE id = ANY(${ids}::text[]) ORDER BY id FOR UPDATE`;
  const totals = new Map(
    rows.map((r) => [(r as Totals & { id: string }).id, { balance: r.balance, pending: r.pending, shortfall: r.shortfall, lifetimeEarned: r.lifetimeEarned }]),
  );
  for (const id of ids) if (!totals.has(id)) throw new Error(`member ${id} not found`);
  return totals;
}

async function loadProducts(
  tx: Tx,
  shopDomain: string,
  items: ReadonlyArray<{ facts: OrderFacts }>,
  states: ReadonlyMap<string, OrderState>,
): Promise<Map<string, ProductFacts>> {
  const products = new Map<string, ProductFacts>();
  const needed = items.filter(({ facts }) => hasExclusions(states.get(facts.orderId)!.rule));
  const ids = [...new Set(needed.flatMap(({ facts }) => facts.lines.map((l) => l.productId)).filter((id): id is string => Boolean(id)))];
  if (!ids.length) return products;
  const rows = await tx.$queryRaw<{ productId: string; tags: string[]; collectionIds: string[] }[]>`
    SELECT "productId", tags, "collectionIds" FROM "ProductIndex" WHERE "shopDomain" = ${shopDomain} AND "productId" = ANY(${ids}::text[])`;
  for (const row of rows) products.set(row.productId, { tags: row.tags, collectionIds: row.collectionIds });
  return products;
}

const hasExclusions = (rule: OrderRule) => rule.excludedProductTags.length > 0 || rule.excludedCollectionIds.length > 0;

/** The products productFactsFor would load for this order (none when its rule excludes nothing). */
function productsFor(rule: OrderRule, facts: OrderFacts, all: ReadonlyMap<string, ProductFacts>): Map<string, ProductFacts> {
  const out = new Map<string, ProductFacts>();
  if (!hasExclusions(rule)) return out;
  for (const line of facts.lines) {
    const p = line.productId ? all.get(line.productId) : undefined;
    if (p && line.productId) out.set(line.productId, p);
  }
  return out;
}

/** recordPointsEarned's events, with the cheapest reward read once per batch. */
function pointsEarnedEvents(
  customerId: string,
  points: number,
  balanceBefore: number,
  entryKey: string,
  occurredAt: Date,
  orderName: string | null | undefined,
  rewards: readonly Reward[],
): EventRow[] {
  const balance = balanceBefore + points;
  const events: EventRow[] = [
    {
      customerId,
      type: "points_earned",
      payload: { points, balance, ...(orderName ? { orderName } : {}) },
      idempotencyKey: `points_earned:${entryKey}`,
      occurredAt,
    },
  ];
  const cheapest = rewards.find((r) => r.activeUntil === null || r.activeUntil > occurredAt);
  if (cheapest && reachesReward(balanceBefore, balance, cheapest.pointsCost)) {
    events.push({
      customerId,
      type: "reward_reachable",
      payload: { rewardId: cheapest.id, rewardName: cheapest.name, pointsCost: cheapest.pointsCost, balance },
      idempotencyKey: `reward_reachable:${entryKey}`,
      occurredAt,
    });
  }
  return events;
}

async function insertRefunds(
  tx: Tx,
  shopDomain: string,
  items: ReadonlyArray<{ refunds: readonly RefundFacts[] }>,
  stored: ReadonlyArray<{ refundId: string }>,
): Promise<void> {
  const seen = new Set(stored.map((r) => r.refundId));
  const fresh: RefundFacts[] = [];
  for (const refund of items.flatMap((i) => i.refunds)) {
    if (seen.has(refund.refundId)) continue;
    seen.add(refund.refundId);
    fresh.push(refund);
  }
  if (!fresh.length) return;
  await tx.$executeRaw`
    INSERT INTO "OrderRefund" ("shopDomain", "refundId", "orderId", payload, "createdAt")
    SELECT ${shopDomain}, r.id, r.order_id, r.payload, now()
    FROM unnest(${fresh.map((r) => r.refundId)}::text[], ${fresh.map((r) => r.orderId)}::text[], ${fresh.map((r) => JSON.stringify(r))}::jsonb[]) AS r(id, order_id, payload)
    ON CONFLICT ("shopDomain", "refundId") DO NOTHING`;
}

async function insertEntries(tx: Tx, shopDomain: string, entries: readonly NewEntryRow[]): Promise<void> {
  if (!entries.length) return;
  const inserted = await tx.$executeRaw`
    INSERT INTO "LedgerEntry" (id, "shopDomain", "memberId", kind, points, "pendingPoints", shortfall, "expiredWriteOff", reason, source,
      "sourceId", "orderId", "idempotencyKey", "occurredAt", "createdAt")
    SELECT e.id, ${shopDomain}, e.member, e.kind, e.points, e.pending, e.shortfall, e.written_off, e.reason, e.source, e.source_id, e.order_id, e.key, e.at, now()
    FROM unnest(${entries.map((e) => e.id)}::text[], ${entries.map((e) => e.memberId)}::text[], ${entries.map((e) => e.kind)}::text[],
      ${entries.map((e) => e.points)}::int[], ${entries.map((e) => e.pendingPoints)}::int[], ${entries.map((e) => e.shortfall)}::int[],
      ${entries.map((e) => e.expiredWriteOff)}::int[],
      ${entries.map((e) => e.reason)}::text[], ${entries.map((e) => e.source)}::text[], ${entries.map((e) => e.sourceId)}::text[],
      ${entries.map((e) => e.orderId)}::text[], ${entries.map((e) => e.idempotencyKey)}::text[], ${entries.map((e) => e.occurredAt)}::timestamp[])
      AS e(id, member, kind, points, pending, shortfall, written_off, reason, source, source_id, order_id, key, at)
    ON CONFLICT ("shopDomain", "idempotencyKey") DO NOTHING`;
  // An entry posted before under one of these keys would have been skipped one by one, changing what follows.
  if (inserted !== entries.length) throw new OrderBatchNotApplicable("an idempotency key was already taken");
}

async function updateMembers(tx: Tx, members: ReadonlyArray<Totals & { id: string }>): Promise<void> {
  if (!members.length) return;
  await tx.$executeRaw`
    UPDATE "Member" m SET balance = t.balance, pending = t.pending, "lifetimeEarned" = t.lifetime, shortfall = t.shortfall,
      -- The customer's balance metafields are due, as postLedgerEntry marks them (app/notifications/balance-sync.server.ts).
      "metafieldsDueAt" = now(),
      -- Last activity is the newest thing that happened, so a late or backfilled order does not make a member look active.
      "lastActivityAt" = (SELECT max("occurredAt") FROM "LedgerEntry" WHERE "memberId" = m.id)
    FROM unnest(${members.map((m) => m.id)}::text[], ${members.map((m) => m.balance)}::int[], ${members.map((m) => m.pending)}::int[],
      ${members.map((m) => m.lifetimeEarned)}::int[], ${members.map((m) => m.shortfall)}::int[]) AS t(id, balance, pending, lifetime, shortfall)
    WHERE m.id = t.id`;
}

/** moveLots for each entry in turn: lots opened by positive entries in one INSERT until an entry takes points. */
async function writeLots(tx: Tx, shopDomain: string, entries: readonly NewEntryRow[]): Promise<void> {
  let opened: NewEntryRow[] = [];
  const flush = async () => {
    if (!opened.length) return;
    const rows = opened;
    opened = [];
    await tx.$executeRaw`
      INSERT INTO "PointLot" (id, "shopDomain", "memberId", "entryId", "orderId", points, remaining, "earnedAt")
      SELECT l.id, ${shopDomain}, l.member, l.id, l.order_id, l.points, l.points, l.at
      FROM unnest(${rows.map((e) => e.id)}::text[], ${rows.map((e) => e.memberId)}::text[], ${rows.map((e) => e.orderId)}::text[],
        ${rows.map((e) => e.points)}::int[], ${rows.map((e) => e.occurredAt)}::timestamp[]) AS l(id, member, order_id, points, at)`;
  };
  for (const entry of entries) {
    if (entry.points > 0) opened.push(entry);
    else if (entry.points < 0) {
      await flush();
      const movement: LotMovement = { ...entry, entryId: entry.id, shopDomain };
      await moveLots(tx, movement);
    }
  }
  await flush();
}

async function insertEvents(tx: Tx, shopDomain: string, events: readonly EventRow[]): Promise<void> {
  if (!events.length) return;
  await tx.$executeRaw`
    INSERT INTO "ProgramEvent" (id, "shopDomain", "customerId", type, payload, "idempotencyKey", "occurredAt")
    SELECT e.id, ${shopDomain}, e.customer, e.type, e.payload, e.key, e.at
    FROM unnest(${events.map(() => randomUUID())}::text[], ${events.map((e) => e.customerId)}::text[], ${events.map((e) => e.type)}::text[],
      ${events.map((e) => JSON.stringify(e.payload))}::jsonb[], ${events.map((e) => e.idempotencyKey)}::text[], ${events.map((e) => e.occurredAt)}::timestamp[])
      AS e(id, customer, type, payload, key, at)
    ON CONFLICT ("shopDomain", "idempotencyKey") DO NOTHING`;
}

type Final = { order: OrderState; targetPoints: number; spendMinor: number; counts: boolean };

/** recordTierOrder without tiers: each order's last state is upserted (or deleted when it has no member). */
async function writeTierOrders(tx: Tx, shopDomain: string, finals: ReadonlyMap<string, Final>): Promise<void> {
  const all = [...finals.values()];
  const kept = all.filter((f) => f.order.memberId);
  const dropped = all.filter((f) => !f.order.memberId).map((f) => f.order.orderId);
  if (kept.length) {
    await tx.$executeRaw`
      INSERT INTO "TierOrder" ("shopDomain", "orderId", "memberId", "occurredAt", "spendMinor", counts)
      SELECT ${shopDomain}, t.id, t.member, t.at, t.spend, t.counts
      FROM unnest(${kept.map((f) => f.order.orderId)}::text[], ${kept.map((f) => f.order.memberId)}::text[], ${kept.map((f) => orderTime(f.order.snapshot))}::timestamp[],
        ${kept.map((f) => f.spendMinor)}::int[], ${kept.map((f) => f.counts)}::boolean[]) AS t(id, member, at, spend, counts)
      ON CONFLICT ("shopDomain", "orderId") DO UPDATE SET "memberId" = EXCLUDED."memberId", "occurredAt" = EXCLUDED."occurredAt",
        "spendMinor" = EXCLUDED."spendMinor", counts = EXCLUDED.counts`;
  }
  if (dropped.length) await tx.$executeRaw`DELETE FROM "TierOrder" WHERE "shopDomain" = ${shopDomain} AND "orderId" = ANY(${dropped}::text[])`;
}

/** The orders' new state, and the newest snapshot of those whose snapshot changed, in one UPDATE. */
async function updateOrders(tx: Tx, shopDomain: string, finals: ReadonlyMap<string, Final>, snapshots: ReadonlyMap<string, SnapshotWrite>): Promise<void> {
  const rows = [...finals.values()];
  const snap = (f: Final) => snapshots.get(f.order.orderId);
  await tx.$executeRaw`
    UPDATE "OrderRecord" o SET
      snapshot = CASE WHEN u.changed THEN u.snapshot ELSE o.snapshot END,
      "updatedAtShopify" = CASE WHEN u.changed THEN u.updated ELSE o."updatedAtShopify" END,
      "occurredAt" = CASE WHEN u.changed THEN u.at ELSE o."occurredAt" END,
      email = CASE WHEN u.changed THEN COALESCE(u.email, o.email) ELSE o.email END,
      "subtotalMinor" = CASE WHEN u.changed THEN u.subtotal ELSE o."subtotalMinor" END,
      "locationId" = CASE WHEN u.changed THEN u.location ELSE o."locationId" END,
      "discountCodes" = CASE WHEN u.changed THEN ARRAY(SELECT jsonb_array_elements_text(u.codes)) ELSE o."discountCodes" END,
      "memberId" = u.member, "customerId" = u.customer, "eligibleAt" = u.eligible, "targetPoints" = u.target, "updatedAt" = now()
    FROM unnest(${rows.map((f) => f.order.orderId)}::text[], ${rows.map((f) => Boolean(snap(f)))}::boolean[],
      ${rows.map((f) => (snap(f) ? JSON.stringify(snap(f)!.facts) : null))}::jsonb[],
      ${rows.map((f) => (snap(f) ? new Date(snap(f)!.facts.updatedAt) : null))}::timestamp[],
      ${rows.map((f) => (snap(f) ? orderTime(snap(f)!.facts) : null))}::timestamp[], ${rows.map((f) => snap(f)?.email ?? null)}::text[],
      ${rows.map((f) => (snap(f) ? String(snap(f)!.facts.subtotalMinor) : null))}::bigint[], ${rows.map((f) => snap(f)?.facts.locationId ?? null)}::text[],
      ${rows.map((f) => (snap(f) ? JSON.stringify(snap(f)!.facts.discountCodes) : null))}::jsonb[],
      ${rows.map((f) => f.order.memberId)}::text[], ${rows.map((f) => f.order.customerId)}::text[], ${rows.map((f) => f.order.eligibleAt)}::timestamp[],
      ${rows.map((f) => f.targetPoints)}::int[])
      AS u(id, changed, snapshot, updated, at, email, subtotal, location, codes, member, customer, eligible, target)
    WHERE o."shopDomain" = ${shopDomain} AND o."orderId" = u.id`;
}
