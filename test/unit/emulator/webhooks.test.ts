import { createHmac } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Emulator } from "../../support/emulator";
import type { RestOrder, RestRefund } from "../../support/shopify-payloads";
import { anEmulator, API_SECRET, SHOP, startFakeApp } from "./fixtures";

let emulator: Emulator;
let app: Awaited<ReturnType<typeof startFakeApp>>;
let productId: number;
let customerId: number;

beforeAll(async () => {
  app = await startFakeApp((req) => ({ status: req.headers["x-shopify-hmac-sha256"] ? 200 : 401 }));
  emulator = await anEmulator(app.url);
  productId = emulator.store.addProduct(SHOP, { title: "Mug", variants: [{ price: "12.50", sku: "MUG" }] }).id;
  customerId = emulator.store.addCustomer(SHOP, { email: "buyer@example.com", firstName: "Bea" }).id;
});

afterAll(async () => {
  await emulator.close();
  await app.close();
});

beforeEach(() => app.received.splice(0));

describe("webhook delivery", () => {
  it("POSTs the order to the toml's uri with Shopify's headers and a verifiable HMAC", async () => {
    const { order, deliveries } = await emulator.orders.place(SHOP, {
      customer: { id: customerId },
      lines: [{ productId, quantity: 2 }],
      discountCodes: [{ code: "SAVE5", amount: "5.00" }],
    });
    expect(deliveries.map((d) => [d.topic, d.status])).toEqual([
      ["orders/create", 200],
      ["orders/paid", 200],
    ]);
    const [created] = app.received;
    expect(created.url).toBe("/webhooks/orders");
    expect(created.headers).toMatchObject({
      "content-type": "application/json",
      "x-shopify-topic": "orders/create",
      "x-shopify-shop-domain": SHOP,
      "x-shopify-api-version": "2026-10",
      "x-shopify-webhook-id": deliveries[0].webhookId,
    });
    expect(created.headers["x-shopify-event-id"]).toBeTruthy();
    expect(Date.parse(String(created.headers["x-shopify-triggered-at"]))).not.toBeNaN();
    const expected = createHmac("sha256", API_SECRET).update(created.body).digest("base64");
    expect(created.headers["x-shopify-hmac-sha256"]).toBe(expected);
    const payload = JSON.parse(created.body.toString()) as RestOrder;
    expect(payload).toMatchObject({
      id: order.id,
      admin_graphql_api_id: `gid://shopify/Order/${order.id}`,
      currency: "USD",
      financial_status: "paid",
      total_price: "20.00",
      subtotal_price: "20.00",
      current_subtotal_price: "20.00",
      total_discounts: "5.00",
      source_name: "web",
      test: false,
      customer: { id: customerId, email: "buyer@example.com" },
      discount_codes: [{ code: "SAVE5", amount: "5.00", type: "fixed_amount" }],
      line_items: [{ product_id: productId, quantity: 2, price: "12.50", sku: "MUG", discount_allocations: [{ amount: "5.00" }] }],
    });
    expect(Number.isSafeInteger(payload.id)).toBe(true);
  });

  it("can tamper with the HMAC or send a raw body", async () => {
    const bad = await emulator.webhooks.send({ shop: SHOP, topic: "customers/update", payload: { id: 1 }, tamper: "badHmac" });
    expect(app.received[0].headers["x-shopify-hmac-sha256"]).not.toBe(createHmac("sha256", API_SECRET).update(app.received[0].body).digest("base64"));
    expect(bad.status).toBe(200);
    const none = await emulator.webhooks.send({ shop: SHOP, topic: "customers/update", payload: { id: 1 }, tamper: "noHmac" });
    expect(none.status).toBe(401);
    await emulator.webhooks.sendRaw({ shop: SHOP, topic: "app/uninstalled", body: "{not json", webhookId: "fixed-id" });
    expect(app.received[2]).toMatchObject({ url: "/webhooks/app", body: Buffer.from("{not json") });
    expect(app.received[2].headers["x-shopify-webhook-id"]).toBe("fixed-id");
    await expect(emulator.webhooks.send({ shop: SHOP, topic: "collections/create", payload: {} })).rejects.toThrow(/does not subscribe/);
  });

  it("delivers compliance topics to their uri", async () => {
    await emulator.webhooks.send({ shop: SHOP, topic: "shop/redact", payload: { shop_id: 1, shop_domain: SHOP } });
    expect(app.received[0].url).toBe("/webhooks/compliance");
  });
});

describe("order lifecycle", () => {
  it("refunds keep the REST payloads and the GraphQL view consistent", async () => {
    const { order } = await emulator.orders.place(SHOP, { customer: { id: customerId }, lines: [{ productId, quantity: 4 }] });
    const { refund, deliveries } = await emulator.orders.refund(SHOP, order.id, {
      lines: [{ lineItemId: order.line_items[0].id, quantity: 1, restockType: "return" }],
    });
    expect(deliveries.map((d) => d.topic)).toEqual(["refunds/create", "orders/updated"]);
    expect(app.received.find((r) => r.url === "/webhooks/refunds")).toBeTruthy();
    expect(refund).toMatchObject({
      order_id: order.id,
      refund_line_items: [{ quantity: 1, restock_type: "return", subtotal: 12.5, line_item: { id: order.line_items[0].id } }],
    });
    const updated = JSON.parse(app.received[app.received.length - 1].body.toString()) as RestOrder;
    expect(updated).toMatchObject({ financial_status: "partially_refunded", current_subtotal_price: "37.50", total_price: "50.00" });
    expect(updated.refunds.map((r: RestRefund) => r.id)).toEqual([refund.id]);
    const { body } = await emulator.graphql(
      SHOP,
      `query($id: ID!) { order(id: $id) { displayFinancialStatus currentSubtotalPriceSet { shopMoney { amount } }
      refunds { id refundLineItems(first: 5) { nodes { quantity restockType lineItem { id } subtotalSet { shopMoney { amount } } } } totalRefundedSet { shopMoney { amount } } }
      lineItems(first: 5) { nodes { quantity currentQuantity } } } }`,
      { id: order.admin_graphql_api_id },
    );
    expect(body.data).toEqual({
      order: {
        displayFinancialStatus: "PARTIALLY_REFUNDED",
        currentSubtotalPriceSet: { shopMoney: { amount: "37.5" } },
        refunds: [
          {
            id: refund.admin_graphql_api_id,
            totalRefundedSet: { shopMoney: { amount: "12.5" } },
            refundLineItems: {
              nodes: [
                {
                  quantity: 1,
                  restockType: "RETURN",
                  lineItem: { id: order.line_items[0].admin_graphql_api_id },
                  subtotalSet: { shopMoney: { amount: "12.5" } },
                },
              ],
            },
          },
        ],
        lineItems: { nodes: [{ quantity: 4, currentQuantity: 3 }] },
      },
    });
    expect(() => emulator.store.refund(SHOP, order.id, { lines: [{ lineItemId: order.line_items[0].id, quantity: 4 }] })).toThrow(/refundable: 3/);
  });

  it("cancels and fulfils with the matching webhooks", async () => {
    const { order } = await emulator.orders.place(SHOP, { customer: { id: customerId }, lines: [{ productId, quantity: 1 }] });
    const fulfilled = await emulator.orders.fulfill(SHOP, order.id);
    expect(fulfilled.deliveries.map((d) => d.topic)).toEqual(["orders/fulfilled", "orders/updated"]);
    expect(fulfilled.order.fulfillment_status).toBe("fulfilled");
    const cancelled = await emulator.orders.cancel(SHOP, order.id, { refund: true });
    expect(cancelled.deliveries.map((d) => d.topic)).toEqual(["refunds/create", "orders/cancelled", "orders/updated"]);
    expect(cancelled.order).toMatchObject({ cancel_reason: "customer", financial_status: "refunded", current_subtotal_price: "0.00" });
    expect(cancelled.order.cancelled_at).not.toBeNull();
  });
});

describe("customer lifecycle", () => {
  const CUSTOMER_CREATE = `mutation($input: CustomerInput!) { customerCreate(input: $input) { customer { id } userErrors { field message } } }`;

  it("customerCreate through the Admin API sends customers/create with the new customer; a refused create sends nothing", async () => {
    const { body } = await emulator.graphql(SHOP, CUSTOMER_CREATE, { input: { firstName: "Ana", lastName: "Silva", phone: "+351 912 345 678" } });
    const created = (body.data as { customerCreate: { customer: { id: string } } }).customerCreate.customer;
    // Sent after the answer, as Shopify does: wait for it to arrive.
    await expect.poll(() => app.received.length).toBe(1);
    expect(app.received[0].url).toBe("/webhooks/customers");
    expect(app.received[0].headers["x-shopify-topic"]).toBe("customers/create");
    expect(JSON.parse(app.received[0].body.toString())).toMatchObject({
      admin_graphql_api_id: created.id,
      first_name: "Ana",
      last_name: "Silva",
      phone: "+351912345678",
      email: null,
    });
    expect(emulator.webhooks.deliveries.at(-1)).toMatchObject({ topic: "customers/create", status: 200 });

    const taken = await emulator.graphql(SHOP, CUSTOMER_CREATE, { input: { firstName: "Ana", phone: "+351912345678" } });
    expect((taken.body.data as { customerCreate: { userErrors: unknown[] } }).customerCreate.userErrors).toEqual([
      { field: ["phone"], message: "Phone has already been taken" },
    ]);
    // One more round trip gives a stray delivery time to land; none does.
    await emulator.graphql(SHOP, "{ shop { name } }");
    expect(app.received).toHaveLength(1);
  });
});

describe("shop events", () => {
  it("uninstall revokes the app's tokens and sends app/uninstalled with the shop", async () => {
    const token = emulator.accessToken(SHOP);
    const delivery = await emulator.shops.uninstall(SHOP);
    expect(delivery.uri).toBe("/webhooks/app");
    expect(JSON.parse(app.received[0].body.toString())).toMatchObject({ myshopify_domain: SHOP, domain: SHOP, currency: "USD", name: "Loyalist Test" });
    expect((await emulator.graphql(SHOP, "{ shop { name } }", {}, { token })).status).toBe(401);
  });

  it("sends compliance requests with the customer's orders", async () => {
    await emulator.shops.redactCustomer(SHOP, customerId);
    const body = JSON.parse(app.received[0].body.toString()) as { customer: { id: number; email: string }; orders_to_redact: number[]; shop_domain: string };
    expect(app.received[0].headers["x-shopify-topic"]).toBe("customers/redact");
    expect(body.customer).toEqual({ id: customerId, email: "buyer@example.com", phone: null });
    expect(body.orders_to_redact.length).toBeGreaterThan(0);
    expect(body.shop_domain).toBe(SHOP);
  });
});
