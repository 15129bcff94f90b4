// Property, through HTTP on real PostgreSQL: whatever order (and however duplicated, however late) the
// deliveries of an order's life arrive in, the balance ends where the order's final state says, the ledger
// sums to it, and the points carry the order's own time.
import fc from "fast-check";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startSandbox, type Sandbox } from "../support/sandbox";

let sandbox: Sandbox;
let run = 0;

beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(async () => sandbox?.stop());

type Delivery = { topic: string; payload: unknown; webhookId: string };

/** Plays an order's life in the emulator's store (no webhooks) and returns the deliveries Shopify would send. */
function orderLife(shop: string, refunds: number[], cancel: boolean, daysAgo: number) {
  const product = sandbox.emulator.store.addProduct(shop, { title: "Beans", variants: [{ price: "10.00" }] });
  const customer = sandbox.emulator.store.addCustomer(shop, { email: `p${run}-${Math.random()}@example.com` });
  const paid = sandbox.emulator.store.placeOrder(shop, {
    customer,
    lines: [{ productId: product.id, variantId: product.variants[0].id, quantity: 6, price: "10.00" }],
    // Placed (and processed) `daysAgo` days before its webhooks arrive: a late or backfilled order.
    createdAt: new Date(Math.floor((Date.now() - daysAgo * 86_400_000) / 1000) * 1000),
  });
  // orders/create saw the order a moment earlier, still pending payment.
  const created = { ...paid, financial_status: "pending", updated_at: new Date(Date.parse(paid.updated_at) - 1000).toISOString() };
  const deliveries: Delivery[] = [
    { topic: "orders/create", payload: created, webhookId: `c-${paid.id}` },
    { topic: "orders/paid", payload: paid, webhookId: `p-${paid.id}` },
  ];
  let refunded = 0;
  for (const quantity of refunds) {
    if (refunded + quantity > 5) break;
    refunded += quantity;
    const refund = sandbox.emulator.store.refund(shop, created.id, { lines: [{ lineItemId: created.line_items[0].id, quantity }] });
    deliveries.push({ topic: "refunds/create", payload: refund, webhookId: `r-${refund.id}` });
    deliveries.push({ topic: "orders/updated", payload: sandbox.emulator.store.order(shop, created.id), webhookId: `u-${refund.id}` });
  }
  if (cancel) {
    const cancelled = sandbox.emulator.store.cancel(shop, created.id);
    deliveries.push({ topic: "orders/cancelled", payload: cancelled, webhookId: `x-${created.id}` });
  }
  const expected = cancel ? 0 : (6 - refunded) * 10;
  return { customer, deliveries, expected, processedAt: paid.processed_at };
}

it("converges to the final state's points for any delivery order and duplication", async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.integer({ min: 1, max: 3 }), { maxLength: 3 }),
      fc.boolean(),
      fc.array(fc.nat(), { minLength: 12, maxLength: 12 }),
      fc.array(fc.nat({ max: 9 }), { maxLength: 4 }),
      fc.constantFrom(0, 0, 3, 60),
      async (refunds, cancel, order, duplicates, daysAgo) => {
        run++;
        const shop = `prop-${run}.myshopify.com`;
        await sandbox.install(shop);
        await sandbox.saveProgram(shop, { enabled: "on", pointsPerUnit: "1", awardOn: "paid", pendingDays: "0" });
        const { customer, deliveries, expected, processedAt } = orderLife(shop, refunds, cancel, daysAgo);
        // Shuffle by the generated keys, then re-send some deliveries under the same webhook id.
        const shuffled = deliveries
          .map((d, i) => ({ d, key: order[i % order.length] + i / 100 }))
          .sort((a, b) => a.key - b.key)
          .map((x) => x.d);
        const withDuplicates = [...shuffled, ...duplicates.map((i) => shuffled[i % shuffled.length])];
        const sent = await Promise.all(withDuplicates.map((d) => sandbox.emulator.webhooks.send({ shop, ...d })));
        expect(sent.every((s) => s.status === 200)).toBe(true);
        await sandbox.settle();
        const view = (await (await sandbox.proxy(shop, "member", customer.id)).json()) as { balance: number; history: { type: string; createdAt: string }[] };
        expect(view.balance).toBe(expected);
        for (const entry of view.history.filter((h) => h.type === "earn")) expect(entry.createdAt).toBe(new Date(processedAt).toISOString());
        const { rows } = await sandbox.db.query<{ balance: number; total: string }>(
          `SELECT m.balance, COALESCE((SELECT SUM(points) FROM "LedgerEntry" e WHERE e."memberId" = m.id), 0) AS total
           FROM "Member" m WHERE m."shopDomain" = $1`,
          [shop],
        );
        for (const row of rows) expect(Number(row.total)).toBe(row.balance);
      },
    ),
    { numRuns: 25 },
  );
  // 25 shops installed and driven over HTTP: minutes on a loaded machine.
}, 600_000);
