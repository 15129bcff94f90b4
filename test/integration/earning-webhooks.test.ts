// Foundation "Must show": signed order webhooks change what the shopper sees through the app proxy,
// exactly once, in any order; bad input is refused with a precise 4xx and changes nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BROWSER_USER_AGENT, startSandbox, type Sandbox } from "../support/sandbox";

const SHOP = "earning-test.myshopify.com";
const OTHER_SHOP = "other-shop.myshopify.com";

let sandbox: Sandbox;
let productId: number;
let variantId: number;

async function member(customerId: number | string, shop = SHOP) {
  const response = await sandbox.proxy(shop, "member", customerId);
  expect(response.status).toBe(200);
  return (await response.json()) as { balance: number; pending: number; lifetimeEarned: number; history: { type: string; points: number; reason: string }[] };
}

function aCustomer(shop = SHOP) {
  return sandbox.emulator.store.addCustomer(shop, { email: `c${Math.random().toString(36).slice(2)}@example.com`, first_name: "Ada", last_name: "Lovelace" });
}

function anOrder(customer: { id: number } | null, lines: { quantity: number; price: string }[], extra: Record<string, unknown> = {}) {
  return { customer, lines: lines.map((l) => ({ productId, variantId, quantity: l.quantity, price: l.price })), ...extra };
}

beforeAll(async () => {
  sandbox = await startSandbox();
  await sandbox.install(SHOP);
  await sandbox.install(OTHER_SHOP);
  for (const shop of [SHOP, OTHER_SHOP]) {
    const saved = await sandbox.saveProgram(shop, { enabled: "on", pointsPerUnit: "1", awardOn: "paid", pendingDays: "0" });
    expect(saved.status).toBe(200);
  }
  const product = sandbox.emulator.store.addProduct(SHOP, { title: "Espresso beans", variants: [{ price: "20.00" }] });
  productId = product.id as number;
  variantId = product.variants[0].id as number;
});

afterAll(async () => {
  await sandbox?.stop();
});

describe("earning on orders", () => {
  it("awards points for a paid order, once, however often the delivery repeats", async () => {
    const customer = aCustomer();
    const order = sandbox.emulator.store.placeOrder(
      SHOP,
      anOrder(customer, [
        { quantity: 2, price: "20.00" },
        { quantity: 1, price: "5.99" },
      ]),
    );
    const first = await sandbox.emulator.webhooks.send({ shop: SHOP, topic: "orders/paid", payload: order, webhookId: "delivery-1" });
    expect(first.status).toBe(200);
    await sandbox.settle();
    expect((await member(customer.id)).balance).toBe(45);

    const again = await sandbox.emulator.webhooks.send({ shop: SHOP, topic: "orders/paid", payload: order, webhookId: "delivery-1" });
    expect(again.status).toBe(200);
    // A new delivery id with the same order state finds nothing to do either.
    await sandbox.emulator.webhooks.send({ shop: SHOP, topic: "orders/updated", payload: order });
    await sandbox.settle();
    const after = await member(customer.id);
    expect(after.balance).toBe(45);
    expect(after.history.filter((h) => h.type === "earn")).toHaveLength(1);
  });

  it("takes points back for a partial refund and for a cancellation", async () => {
    const customer = aCustomer();
    const { order } = await sandbox.emulator.orders.place(SHOP, anOrder(customer, [{ quantity: 3, price: "20.00" }]));
    await sandbox.settle();
    expect((await member(customer.id)).balance).toBe(60);

    await sandbox.emulator.orders.refund(SHOP, order.id, { lines: [{ lineItemId: order.line_items[0].id, quantity: 1 }] });
    await sandbox.settle();
    expect((await member(customer.id)).balance).toBe(40);

    await sandbox.emulator.orders.cancel(SHOP, order.id);
    await sandbox.settle();
    const view = await member(customer.id);
    expect(view.balance).toBe(0);
    expect(view.history.map((h) => h.type)).toEqual(expect.arrayContaining(["earn", "clawback", "reversal"]));
  });

  it("ignores an older snapshot that arrives after a newer one", async () => {
    const customer = aCustomer();
    const { order } = await sandbox.emulator.orders.place(SHOP, anOrder(customer, [{ quantity: 1, price: "30.00" }]));
    const { order: cancelled } = await sandbox.emulator.orders.cancel(SHOP, order.id);
    await sandbox.settle();
    expect((await member(customer.id)).balance).toBe(0);
    expect(Date.parse(cancelled.updated_at)).toBeGreaterThan(Date.parse(order.updated_at));

    // The paid snapshot from before the cancellation, delivered late under a new webhook id.
    await sandbox.emulator.webhooks.send({ shop: SHOP, topic: "orders/paid", payload: order });
    await sandbox.settle();
    expect((await member(customer.id)).balance).toBe(0);
  });

  it("counts a refund that arrives before its order", async () => {
    const customer = aCustomer();
    const placed = sandbox.emulator.store.placeOrder(SHOP, anOrder(customer, [{ quantity: 2, price: "20.00" }]));
    const refund = sandbox.emulator.store.refund(SHOP, placed.id, { lines: [{ lineItemId: placed.line_items[0].id, quantity: 1 }] });
    // WHEN the refund is delivered first and the (older) paid order afterwards
    await sandbox.emulator.webhooks.send({ shop: SHOP, topic: "refunds/create", payload: refund });
    await sandbox.settle();
    expect((await member(customer.id)).balance).toBe(0);
    await sandbox.emulator.webhooks.send({ shop: SHOP, topic: "orders/paid", payload: placed });
    await sandbox.settle();
    // THEN the order earns only for what was kept
    expect((await member(customer.id)).balance).toBe(20);
  });

  it("awards nothing for test orders", async () => {
    const customer = aCustomer();
    await sandbox.emulator.orders.place(SHOP, anOrder(customer, [{ quantity: 1, price: "50.00" }], { test: true }));
    await sandbox.settle();
    expect((await member(customer.id)).balance).toBe(0);
  });

  it("credits a guest order when that shopper becomes a customer with the same verified email", async () => {
    const email = `guest${Date.now()}@example.com`;
    await sandbox.emulator.orders.place(SHOP, anOrder(null, [{ quantity: 1, price: "25.00" }], { email }));
    await sandbox.settle();
    const customer = sandbox.emulator.store.addCustomer(SHOP, { email, verified_email: true, first_name: "Grace" });
    await sandbox.emulator.webhooks.send({ shop: SHOP, topic: "customers/create", payload: customer });
    await sandbox.settle();
    expect((await member(customer.id)).balance).toBe(25);
  });
});

describe("bad deliveries", () => {
  async function ledgerCount() {
    const { rows } = await sandbox.db.query<{ n: string }>(`SELECT COUNT(*) AS n FROM "LedgerEntry"`);
    return Number(rows[0].n);
  }

  it("answers 401 for a wrong or missing HMAC and 400 for a malformed body, writing nothing", async () => {
    const customer = aCustomer();
    const order = sandbox.emulator.store.placeOrder(SHOP, anOrder(customer, [{ quantity: 1, price: "10.00" }]));
    const before = await ledgerCount();
    const bad = await sandbox.emulator.webhooks.send({ shop: SHOP, topic: "orders/paid", payload: order, tamper: "badHmac" });
    expect(bad.status).toBe(401);
    const none = await sandbox.emulator.webhooks.send({ shop: SHOP, topic: "orders/paid", payload: order, tamper: "noHmac" });
    expect(none.status).toBe(401);
    const malformed = await sandbox.emulator.webhooks.sendRaw({ shop: SHOP, topic: "orders/paid", body: '{"id": 1, "line_items": [' });
    expect(malformed.status).toBe(400);
    expect(JSON.parse(malformed.body).error.code).toBe("malformed_json");
    const wrongShape = await sandbox.emulator.webhooks.send({ shop: SHOP, topic: "orders/paid", payload: { hello: "world" } });
    expect(wrongShape.status).toBe(400);
    const huge = await sandbox.emulator.webhooks.sendRaw({ shop: SHOP, topic: "orders/paid", body: JSON.stringify({ pad: "x".repeat(3 * 1024 * 1024) }) });
    expect(huge.status).toBe(413);
    await sandbox.settle();
    expect(await ledgerCount()).toBe(before);
    expect((await member(customer.id)).balance).toBe(0);
  });

  it("acknowledges a webhook for a shop that never installed Loyalist and changes nothing", async () => {
    const stranger = "never-installed.myshopify.com";
    sandbox.emulator.installShop({ shop: stranger, name: "Stranger", currency: "USD" });
    const product = sandbox.emulator.store.addProduct(stranger, { title: "Tea", variants: [{ price: "10.00" }] });
    const customer = sandbox.emulator.store.addCustomer(stranger, { email: "x@example.com" });
    const before = await ledgerCount();
    const result = await sandbox.emulator.orders.place(stranger, {
      customer,
      lines: [{ productId: product.id, variantId: product.variants[0].id, quantity: 1, price: "10.00" }],
    });
    expect(result.deliveries.map((d) => d.status)).toEqual([200, 200]);
    await sandbox.settle();
    expect(await ledgerCount()).toBe(before);
  });
});

describe("app proxy", () => {
  it("refuses unsigned, forged and stale requests with no data", async () => {
    const customer = aCustomer();
    const unsigned = await fetch(`${sandbox.app.url}/proxy/member?shop=${SHOP}&logged_in_customer_id=${customer.id}`);
    expect(unsigned.status).toBe(401);
    const query = new URLSearchParams(sandbox.emulator.signProxyQuery({ shop: SHOP, customerId: String(customer.id) }));
    query.set("logged_in_customer_id", "1"); // someone else's id under the original signature
    const forged = await fetch(`${sandbox.app.url}/proxy/member?${query}`);
    expect(forged.status).toBe(401);
    const stale = await fetch(
      `${sandbox.app.url}/proxy/member?${sandbox.emulator.signProxyQuery({ shop: SHOP, customerId: String(customer.id), timestamp: Math.floor(Date.now() / 1000) - 600 })}`,
    );
    expect(stale.status).toBe(401);
    expect(((await stale.json()) as { error: { code: string } }).error.code).toBe("stale_request");
  });

  it("shows a guest the program and no member data", async () => {
    const response = await sandbox.proxy(SHOP, "member", null);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toContain("no-store");
    const body = (await response.json()) as Record<string, unknown>;
    expect(body.guest).toBe(true);
    expect(body).not.toHaveProperty("balance");
  });

  it("keeps shops apart: a customer id of shop A shows nothing of A in shop B", async () => {
    const customer = aCustomer();
    await sandbox.emulator.orders.place(SHOP, anOrder(customer, [{ quantity: 1, price: "20.00" }]));
    await sandbox.settle();
    expect((await member(customer.id, SHOP)).balance).toBe(20);
    const elsewhere = await member(customer.id, OTHER_SHOP);
    expect(elsewhere.balance).toBe(0);
    expect(elsewhere.history).toEqual([]);
  });
});

describe("reconciliation", () => {
  it("repairs an order whose webhooks never arrived, and running it again changes nothing", async () => {
    const customer = aCustomer();
    // GIVEN an order Shopify has but whose webhooks were lost
    sandbox.emulator.store.placeOrder(SHOP, anOrder(customer, [{ quantity: 1, price: "33.00" }]));
    expect((await member(customer.id)).balance).toBe(0);
    // WHEN the merchant syncs orders (the periodic job does the same)
    const sync = async () =>
      fetch(`${sandbox.app.url}/app/sync-orders`, {
        method: "POST",
        headers: { Authorization: `Bearer ${sandbox.emulator.sessionToken(SHOP)}`, "User-Agent": BROWSER_USER_AGENT, Accept: "application/json" },
        body: new URLSearchParams({ days: "2" }),
      });
    const first = await sync();
    expect(first.status, sandbox.app.output().slice(-3000)).toBe(200);
    expect(((await first.json()) as { applied: number }).applied).toBeGreaterThanOrEqual(1);
    // THEN the points are there, once
    expect((await member(customer.id)).balance).toBe(33);
    const second = await sync();
    expect(((await second.json()) as { applied: number }).applied).toBe(0);
    expect((await member(customer.id)).balance).toBe(33);
  });
});

describe("exclusions by product tag and collection", () => {
  it("earns nothing on lines whose product carries an excluded tag or sits in an excluded collection", async () => {
    const shop = "exclusions.myshopify.com";
    sandbox.emulator.installShop({ shop, name: "Exclusions", currency: "USD" });
    const beans = sandbox.emulator.store.addProduct(shop, { title: "Beans", tags: ["coffee"], variants: [{ price: "10.00" }] });
    const card = sandbox.emulator.store.addProduct(shop, { title: "Sampler", tags: ["no-points"], variants: [{ price: "10.00" }] });
    const mug = sandbox.emulator.store.addProduct(shop, { title: "Mug", variants: [{ price: "10.00" }] });
    const clearance = sandbox.emulator.store.addCollection(shop, { title: "Clearance", productIds: [mug.id] });
    // GIVEN the merchant excludes a tag and a collection (installing indexes the products)
    await sandbox.install(shop);
    await sandbox.saveProgram(shop, { enabled: "on", pointsPerUnit: "1", awardOn: "paid", pendingDays: "0" });
    const { rows } = await sandbox.db.query(`SELECT program FROM "Shop" WHERE domain = $1`, [shop]);
    const program = rows[0].program as { earning: Record<string, unknown> };
    program.earning.excludedProductTags = ["no-points"];
    program.earning.excludedCollectionIds = [String(clearance.id)];
    await sandbox.db.query(`UPDATE "Shop" SET program = $2 WHERE domain = $1`, [shop, JSON.stringify(program)]);
    await expect
      .poll(async () => (await sandbox.db.query(`SELECT 1 FROM "ProductIndex" WHERE "shopDomain" = $1`, [shop])).rowCount, { timeout: 10_000 })
      .toBe(3);
    // WHEN a customer buys one of each
    const customer = sandbox.emulator.store.addCustomer(shop, { email: "ex@example.com" });
    const line = (p: typeof beans) => ({ productId: p.id, variantId: p.variants[0].id, quantity: 1, price: "10.00" });
    await sandbox.emulator.orders.place(shop, { customer, lines: [line(beans), line(card), line(mug)] });
    await sandbox.settle();
    // THEN only the beans earn
    expect((await member(customer.id, shop)).balance).toBe(10);
  });
});
