// Deliveries survive crashes: what was recorded (and answered 200) is processed after a restart.
// Also the smoke run of the embedded default database (PGlite), restart included.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSandbox, type Sandbox } from "../support/sandbox";

async function balanceOf(sandbox: Sandbox, shop: string, customerId: number) {
  const response = await sandbox.proxy(shop, "member", customerId);
  return ((await response.json()) as { balance: number }).balance;
}

function orderFor(sandbox: Sandbox, shop: string, price: string) {
  const product = sandbox.emulator.store.addProduct(shop, { title: "Beans", variants: [{ price }] });
  const customer = sandbox.emulator.store.addCustomer(shop, { email: `d${Date.now()}@example.com` });
  const order = sandbox.emulator.store.placeOrder(shop, {
    customer,
    lines: [{ productId: product.id, variantId: product.variants[0].id, quantity: 1, price }],
  });
  return { customer, order };
}

describe("on PostgreSQL", () => {
  const SHOP = "durable.myshopify.com";
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox();
    await sandbox.install(SHOP);
    await sandbox.saveProgram(SHOP, { enabled: "on", pointsPerUnit: "1", awardOn: "paid", pendingDays: "0" });
  });
  afterAll(async () => sandbox?.stop());

  it("processes a delivery recorded just before a crash once the app is back", async () => {
    const { customer, order } = orderFor(sandbox, SHOP, "64.00");
    // GIVEN the app crashed right after recording a delivery and answering 200 (the row is there, unprocessed)
    await sandbox.restart({
      kill: true,
      beforeStart: async () => {
        const body = JSON.stringify(order);
        await sandbox.db.query(
          `INSERT INTO "WebhookDelivery" ("shopDomain", "webhookId", topic, payload, "receivedAt") VALUES ($1, $2, 'orders/paid', $3::jsonb, now())`,
          [SHOP, "crashed-delivery", body],
        );
      },
    });
    // WHEN it starts again THEN the delivery is processed, once
    await sandbox.settle();
    expect(await balanceOf(sandbox, SHOP, customer.id)).toBe(64);
    const again = await sandbox.emulator.webhooks.send({ shop: SHOP, topic: "orders/paid", payload: order, webhookId: "crashed-delivery" });
    expect(again.status).toBe(200);
    await sandbox.settle();
    expect(await balanceOf(sandbox, SHOP, customer.id)).toBe(64);
  });

  it("lands every one of many concurrent deliveries for one member exactly", async () => {
    const product = sandbox.emulator.store.addProduct(SHOP, { title: "Mug", variants: [{ price: "10.00" }] });
    const customer = sandbox.emulator.store.addCustomer(SHOP, { email: "busy@example.com" });
    const orders = Array.from({ length: 30 }, () =>
      sandbox.emulator.store.placeOrder(SHOP, { customer, lines: [{ productId: product.id, variantId: product.variants[0].id, quantity: 1, price: "10.00" }] }),
    );
    // Each order delivered twice (paid + a duplicate under the same id), all at once.
    const sends = orders.flatMap((order) => {
      const webhookId = `concurrent-${order.id}`;
      return [0, 1].map(() => sandbox.emulator.webhooks.send({ shop: SHOP, topic: "orders/paid", payload: order, webhookId }));
    });
    const results = await Promise.all(sends);
    expect(results.every((r) => r.status === 200)).toBe(true);
    await sandbox.settle();
    expect(await balanceOf(sandbox, SHOP, customer.id)).toBe(300);
    const { rows } = await sandbox.db.query<{ balance: number; sum: string }>(
      `SELECT m.balance, (SELECT SUM(points) FROM "LedgerEntry" e WHERE e."memberId" = m.id) AS sum FROM "Member" m WHERE m."shopDomain" = $1 AND m."customerId" = $2`,
      [SHOP, String(customer.id)],
    );
    expect(rows[0].balance).toBe(300);
    expect(Number(rows[0].sum)).toBe(300);
  });
});

describe("on the embedded default database (PGlite)", () => {
  const SHOP = "embedded.myshopify.com";
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ database: "embedded" });
    await sandbox.install(SHOP);
    await sandbox.saveProgram(SHOP, { enabled: "on", pointsPerUnit: "1", awardOn: "paid", pendingDays: "0" });
  });
  afterAll(async () => sandbox?.stop());

  it("earns, refunds, rejects bad input and keeps its data across a restart", async () => {
    const { customer, order } = orderFor(sandbox, SHOP, "25.00");
    const sent = await sandbox.emulator.webhooks.send({ shop: SHOP, topic: "orders/paid", payload: order });
    expect(sent.status).toBe(200);
    const forged = await sandbox.emulator.webhooks.send({ shop: SHOP, topic: "orders/paid", payload: order, tamper: "badHmac" });
    expect(forged.status).toBe(401);
    await sandbox.settle();
    expect(await balanceOf(sandbox, SHOP, customer.id)).toBe(25);

    await sandbox.emulator.orders.refund(SHOP, order.id, { lines: [{ lineItemId: order.line_items[0].id, quantity: 1 }] });
    await sandbox.settle();
    expect(await balanceOf(sandbox, SHOP, customer.id)).toBe(0);

    await sandbox.restart();
    expect(await balanceOf(sandbox, SHOP, customer.id)).toBe(0);
    const history = ((await (await sandbox.proxy(SHOP, "member", customer.id)).json()) as { history: unknown[] }).history;
    expect(history).toHaveLength(2);
  });
});
