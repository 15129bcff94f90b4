// Property, through HTTP on real PostgreSQL: a shop's order deliveries processed by the worker's fast path
// (claimed together, one transaction of set-based statements: app/earning/orders-batch.server.ts) end in
// exactly the state that processing the same deliveries one at a time reaches: ledger entries, members'
// totals, lots, orders, refunds, tier orders, program events and Insight's tables, row for row.
import fc from "fast-check";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startSandbox, type Sandbox } from "../support/sandbox";

let sandbox: Sandbox;
let run = 0;

beforeAll(async () => {
  sandbox = await startSandbox();
  await sandbox.db.query(`
    CREATE OR REPLACE FUNCTION test_hold_delivery() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN NEW."processedAt" := 'infinity'; RETURN NEW; END $$;`);
});
afterAll(async () => sandbox?.stop());

type Delivery = { topic: string; payload: unknown };

type Life = { refund: boolean; cancel: boolean; fulfil: boolean; customer: number };

/** The deliveries of a few orders' lives (some customers shared), as Shopify would send them. */
function orderLives(shop: string, lives: readonly Life[]): Delivery[] {
  const store = sandbox.emulator.store;
  const product = store.addProduct(shop, { title: "Beans", variants: [{ price: "12.50" }] });
  const customers = [0, 1, 2].map((i) => store.addCustomer(shop, { email: `batch${run}-${i}@example.com`, first_name: `C${i}` }));
  const out: Delivery[] = [];
  for (const life of lives) {
    const paid = store.placeOrder(shop, {
      customer: customers[life.customer],
      lines: [{ productId: product.id, variantId: product.variants[0].id, quantity: 4, price: "12.50" }],
    });
    const created = { ...paid, financial_status: "pending", updated_at: new Date(Date.parse(paid.updated_at) - 1000).toISOString() };
    out.push({ topic: "orders/create", payload: created }, { topic: "orders/paid", payload: paid });
    if (life.refund) {
      store.refund(shop, paid.id, { lines: [{ lineItemId: paid.line_items[0].id, quantity: 1 }] });
      out.push({ topic: "orders/updated", payload: store.order(shop, paid.id) });
    }
    if (life.fulfil) out.push({ topic: "orders/fulfilled", payload: store.fulfill(shop, paid.id) });
    if (life.cancel) out.push({ topic: "orders/cancelled", payload: store.cancel(shop, paid.id) });
  }
  return out;
}

const DROPPED = new Set([
  "id",
  "shopDomain",
  "createdAt",
  "updatedAt",
  "entryId",
  "markedAt",
  "deliveredAt",
  "attempts",
  "lockedUntil",
  "triggerOutcome",
  "customerSyncedAt",
  "lastError",
  "deadAt",
]);
const TABLES = [
  "LedgerEntry",
  "Member",
  "PointLot",
  "OrderRecord",
  "OrderRefund",
  "TierOrder",
  "ProgramEvent",
  "InsightOrder",
  "InsightOrderLine",
  "InsightCustomer",
  "InsightRefundLine",
];

/** Everything processing wrote for the shop, with member ids replaced by their customer ids and row ids dropped. */
async function stateOf(shop: string): Promise<Record<string, string[]>> {
  const members = (
    await sandbox.db.query<{ id: string; customerId: string; entries: string }>(
      `SELECT id, "customerId", (SELECT count(*) FROM "LedgerEntry" e WHERE e."memberId" = m.id) AS entries FROM "Member" m WHERE "shopDomain" = $1`,
      [shop],
    )
  ).rows;
  const names = new Map(members.map((m) => [m.id, `customer:${m.customerId}`]));
  const withoutEntries = new Set(members.filter((m) => Number(m.entries) === 0).map((m) => m.id));
  const state: Record<string, string[]> = {};
  for (const table of TABLES) {
    const { rows } = await sandbox.db.query<Record<string, unknown>>(`SELECT * FROM "${table}" WHERE "shopDomain" = $1`, [shop]);
    state[table] = rows
      .map((row) => {
        // A member's last activity without any entry is when it was enrolled (now()), not something processing decided.
        if (table === "Member" && withoutEntries.has(row.id as string)) delete row.lastActivityAt;
        // When metafields fell due is a wall-clock time, and the balance sync clears it on its own schedule: compare
        // only that a member whose balance moved was marked (or already synced), never one without entries.
        if (table === "Member") row.metafieldsDueAt = withoutEntries.has(row.id as string) ? row.metafieldsDueAt : "due or synced";
        for (const key of Object.keys(row)) if (DROPPED.has(key)) delete row[key];
        let text = JSON.stringify(row);
        for (const [id, name] of names) text = text.split(id).join(name);
        return text;
      })
      .sort();
  }
  return state;
}

it("a batch processed by the fast path ends in exactly the state one-by-one processing reaches", async () => {
  // A run may earn nothing (points on fulfilment, no life fulfilled); the property is not empty when some runs earn.
  let runsWithEntries = 0;
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.record({ refund: fc.boolean(), cancel: fc.boolean(), fulfil: fc.boolean(), customer: fc.nat({ max: 2 }) }), { minLength: 1, maxLength: 3 }),
      fc.array(fc.nat(), { minLength: 20, maxLength: 20 }),
      fc.array(fc.nat({ max: 30 }), { maxLength: 3 }),
      fc.constantFrom("paid", "fulfilled"),
      fc.constantFrom("0", "0", "14"),
      async (lives, order, duplicates, awardOn, pendingDays) => {
        // Points on fulfilment with no life fulfilled earn nothing anywhere: nothing to compare.
        fc.pre(awardOn === "paid" || lives.some((life) => life.fulfil));
        run++;
        const batched = `batch-fast-${run}.myshopify.com`;
        const single = `batch-single-${run}.myshopify.com`;
        for (const shop of [batched, single]) {
          await sandbox.install(shop);
          const saved = await sandbox.saveProgram(shop, { enabled: "on", pointsPerUnit: "1", awardOn, pendingDays });
          expect(saved.status).toBe(200);
        }
        // Shuffled, then some snapshots re-sent under new webhook ids (a snapshot seen twice in one batch).
        const lifeDeliveries = orderLives(batched, lives);
        const shuffled = lifeDeliveries
          .map((d, i) => ({ d, key: order[i % order.length] + i / 100 }))
          .sort((a, b) => a.key - b.key)
          .map((x) => x.d);
        const deliveries = [...shuffled, ...duplicates.map((i) => shuffled[i % shuffled.length])];

        // The fast path: every delivery recorded while held back, then released at once, so one claim takes them all.
        await sandbox.db.query(`DROP TRIGGER IF EXISTS test_hold ON "WebhookDelivery"`);
        await sandbox.db.query(
          `CREATE TRIGGER test_hold BEFORE INSERT ON "WebhookDelivery" FOR EACH ROW WHEN (NEW."shopDomain" = '${batched}') EXECUTE FUNCTION test_hold_delivery()`,
        );
        for (const d of deliveries) expect((await sandbox.emulator.webhooks.send({ shop: batched, ...d })).status).toBe(200);
        await sandbox.db.query(`DROP TRIGGER test_hold ON "WebhookDelivery"`);
        await sandbox.db.query(`UPDATE "WebhookDelivery" SET "processedAt" = NULL WHERE "shopDomain" = $1`, [batched]);
        await sandbox.settle();

        // One by one: each delivery processed before the next is sent.
        for (const d of deliveries) {
          expect((await sandbox.emulator.webhooks.send({ shop: single, ...d })).status).toBe(200);
          await sandbox.settle();
        }

        const marks = await sandbox.db.query<{ shop: string; batches: string; failed: string }>(
          `SELECT "shopDomain" AS shop, count(DISTINCT "processedAt") AS batches, count(*) FILTER (WHERE attempts > 1 OR "lastError" IS NOT NULL) AS failed
           FROM "WebhookDelivery" WHERE "shopDomain" = ANY($1) GROUP BY 1`,
          [[batched, single]],
        );
        const byShop = new Map(marks.rows.map((r) => [r.shop, r]));
        // One claim, one batch, marked processed by one statement: the fast path ran (a fallback marks each delivery apart).
        expect(Number(byShop.get(batched)!.batches)).toBe(1);
        expect(Number(byShop.get(batched)!.failed)).toBe(0);
        expect(Number(byShop.get(single)!.batches)).toBe(deliveries.length);

        const [fast, slow] = [await stateOf(batched), await stateOf(single)];
        if (fast.LedgerEntry.length > 0) runsWithEntries++;
        expect(fast).toEqual(slow);
      },
    ),
    { numRuns: 4 },
  );
  expect(runsWithEntries).toBeGreaterThan(0);
  // Two shops per run driven over HTTP, one of them a settle per delivery: minutes on a loaded machine.
}, 1_200_000);
