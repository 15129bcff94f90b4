// Hostile traffic at the webhook door of the built app on real PostgreSQL: generated odd JSON, poison
// values and odd headers, all correctly signed. Never a 5xx, never a hang, every 200 recorded, nothing
// recorded for a 400, the ledger untouched; afterwards the app still answers and processes a real order.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSandbox, type Sandbox } from "../support/sandbox";
import { deepJson, invalidUtf8Body, nestedJson, oddHeaderValue, refusedJsonText } from "../support/hostile";

const SHOP = "hostile-webhooks.myshopify.com";
const ORDER_TOPICS = ["orders/create", "orders/paid", "orders/updated", "orders/cancelled"] as const;
const ALL_TOPICS = [...ORDER_TOPICS, "refunds/create", "customers/create", "customers/update", "customers/redact", "app/scopes_update"] as const;
/** Each request gets this long; the hostile run's deep document hung the database for good. */
const TIMEOUT_MS = 10_000;

/** A payload to spoil one field of. */
type Spoilable = Record<string, unknown> & { line_items: Array<Record<string, unknown>>; refund_line_items: Array<Record<string, unknown>> };

let sandbox: Sandbox;
/** Ledger entries of orders that no recorded delivery names (a refused delivery that still had an effect). */
async function entriesWithoutRecordedDelivery(): Promise<number> {
  const { rows } = await sandbox.db.query<{ n: string }>(
    `SELECT COUNT(*) AS n FROM "LedgerEntry" e WHERE e."orderId" IS NOT NULL AND NOT EXISTS (
       SELECT 1 FROM "WebhookDelivery" d WHERE d."shopDomain" = e."shopDomain" AND d.payload->>'id' = e."orderId")`,
  );
  return Number(rows[0].n);
}
let seq = 0;

async function recorded(shop: string, webhookId: string): Promise<boolean> {
  const { rows } = await sandbox.db.query(`SELECT 1 FROM "WebhookDelivery" WHERE "shopDomain" = $1 AND "webhookId" = $2`, [shop.toLowerCase(), webhookId]);
  return rows.length > 0;
}

/** A valid order of the shop, as the emulator would deliver it (not sent). */
function anOrder() {
  const product = sandbox.emulator.store.addProduct(SHOP, { title: "Tea", variants: [{ price: "12.00" }] });
  const customer = sandbox.emulator.store.addCustomer(SHOP, { email: `h${seq++}@example.com` });
  // A member's order: had a refused delivery got through, it would show in the ledger.
  return sandbox.emulator.store.placeOrder(SHOP, {
    customer,
    lines: [{ productId: product.id, variantId: product.variants[0].id, quantity: 1, price: "12.00" }],
  });
}

/** Sends raw bytes, correctly signed; a 5xx or no answer in time fails the test at once. */
async function sendRaw(topic: string, body: string | Buffer, headers: Record<string, string> = {}, shop = SHOP) {
  const webhookId = `hostile-${seq++}`;
  const delivery = await sandbox.emulator.webhooks.sendRaw({ shop, topic, body, webhookId, headers, timeoutMs: TIMEOUT_MS });
  expect(delivery.error, `no answer for ${topic}: ${delivery.error}`).toBeUndefined();
  expect(delivery.status, delivery.body).toBeLessThan(500);
  return { ...delivery, webhookId: headers["X-Shopify-Webhook-Id"] ?? webhookId };
}

beforeAll(async () => {
  sandbox = await startSandbox();
  await sandbox.install(SHOP);
  await sandbox.saveProgram(SHOP, { enabled: "on", pointsPerUnit: "1", awardOn: "paid", pendingDays: "0" });
});

afterAll(async () => sandbox?.stop());

describe("odd JSON", () => {
  it("GIVEN bodies no reader may take (NUL, lone surrogates, deep nesting, huge numbers, broken JSON) THEN 400 and nothing recorded", async () => {
    await fc.assert(
      fc.asyncProperty(refusedJsonText, fc.constantFrom(...ALL_TOPICS), async (body, topic) => {
        const delivery = await sendRaw(topic, body);
        expect(delivery.status, delivery.body).toBe(400);
        expect(JSON.parse(delivery.body).error.code).toMatch(/^(invalid_json|malformed_json)$/);
        expect(await recorded(SHOP, delivery.webhookId)).toBe(false);
      }),
      { numRuns: 60 },
    );
  });

  it("GIVEN bytes that are not UTF-8 THEN 400 invalid_json and nothing recorded", async () => {
    await fc.assert(
      fc.asyncProperty(invalidUtf8Body, async (body) => {
        const delivery = await sendRaw("customers/update", body);
        expect(delivery.status).toBe(400);
        expect(JSON.parse(delivery.body).error.code).toBe("invalid_json");
        expect(await recorded(SHOP, delivery.webhookId)).toBe(false);
      }),
      { numRuns: 10 },
    );
  });

  it("GIVEN a valid order with a NUL, a lone surrogate or 50,000 levels hidden in a field the schema passes through THEN 400, and the database still works", async () => {
    for (const hidden of ['"\\u0000"', '"\\ud800"', '{"k\\udc00":1}', nestedJson(50_000, "array")]) {
      const order = JSON.stringify(anOrder());
      const body = `${order.slice(0, -1)},"note_attributes_extra":${hidden}}`;
      const delivery = await sendRaw("orders/paid", body);
      expect(delivery.status, delivery.body).toBe(400);
      expect(await recorded(SHOP, delivery.webhookId)).toBe(false);
    }
    const fine = await sandbox.emulator.webhooks.send({ shop: SHOP, topic: "orders/paid", payload: anOrder(), timeoutMs: TIMEOUT_MS });
    expect(fine.status).toBe(200);
    expect(await recorded(SHOP, fine.webhookId)).toBe(true);
  });

  it("GIVEN wrong types and duplicate keys in a real order THEN 400, or 200 with the delivery recorded", async () => {
    const fields = ["id", "currency", "created_at", "updated_at", "line_items", "customer", "cancelled_at", "subtotal_price", "processed_at", "test"];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...fields), fc.jsonValue({ maxDepth: 3 }), fc.boolean(), async (field, value, duplicate) => {
        const order = anOrder() as unknown as Record<string, unknown>;
        const text = duplicate
          ? `${JSON.stringify(order).slice(0, -1)},${JSON.stringify(field)}:${JSON.stringify(value)}}` // the last value wins, as in jsonb
          : JSON.stringify({ ...order, [field]: value });
        const delivery = await sendRaw("orders/updated", text);
        expect([200, 400]).toContain(delivery.status);
        expect(await recorded(SHOP, delivery.webhookId)).toBe(delivery.status === 200);
      }),
      { numRuns: 40 },
    );
  });
});

describe("poison values", () => {
  const prices = ["1,000.00", "NaN", "1e309", "", "١٠٫٠٠", "12.001", "Infinity", " ", "1e3"];
  const dates = ["", "not a date", "2026-02-31T25:00:00Z", "1714000000", "+275760-09-13T00:00:00Z"];

  it("GIVEN an order whose money, quantity, dates or currency processing cannot read THEN 400 and nothing recorded", async () => {
    const poison = fc.oneof(
      fc.constantFrom(...prices).map((price) => (o: Spoilable) => void (o.line_items[0].price = price)),
      fc.constantFrom(...prices).map((price) => (o: Spoilable) => void (o.current_subtotal_price = price)),
      fc.constantFrom(1e20, 1.5, -2, 2_000_000).map((q) => (o: Spoilable) => void (o.line_items[0].quantity = q)),
      fc.tuple(fc.constantFrom("updated_at", "created_at", "processed_at", "cancelled_at"), fc.constantFrom(...dates)).map(
        ([f, d]) =>
          (o: Spoilable) =>
            void (o[f] = d),
      ),
      fc.constantFrom("XXX", "usd", "", "EURO").map((c) => (o: Spoilable) => void (o.currency = c)),
    );
    await fc.assert(
      fc.asyncProperty(poison, fc.constantFrom(...ORDER_TOPICS), async (spoil, topic) => {
        const order = anOrder() as unknown as Spoilable;
        spoil(order);
        const delivery = await sendRaw(topic, JSON.stringify(order));
        expect(delivery.status, delivery.body).toBe(400);
        expect(JSON.parse(delivery.body).error.code).toBe("invalid_payload");
        expect(await recorded(SHOP, delivery.webhookId)).toBe(false);
      }),
      { numRuns: 40 },
    );
  });

  it("GIVEN a refund with an unreadable subtotal or date THEN 400 and nothing recorded", async () => {
    const order = anOrder();
    const refund = sandbox.emulator.store.refund(SHOP, order.id, { lines: [{ lineItemId: order.line_items[0].id, quantity: 1 }] }) as unknown as Spoilable;
    for (const spoil of [(r: Spoilable) => void (r.refund_line_items[0].subtotal = "NaN"), (r: Spoilable) => void (r.created_at = "soon")]) {
      const copy = structuredClone(refund);
      spoil(copy);
      const delivery = await sendRaw("refunds/create", JSON.stringify(copy));
      expect(delivery.status, delivery.body).toBe(400);
      expect(await recorded(SHOP, delivery.webhookId)).toBe(false);
    }
  });
});

describe("odd headers", () => {
  it("GIVEN odd webhook id, shop, triggered-at and API version headers THEN never a 5xx, and every 200 is recorded", async () => {
    const header = fc.constantFrom(
      "X-Shopify-Webhook-Id",
      "X-Shopify-Shop-Domain",
      "X-Shopify-Triggered-At",
      "X-Shopify-API-Version",
      "X-Shopify-Event-Id",
      "X-Shopify-Topic",
    );
    await fc.assert(
      fc.asyncProperty(header, oddHeaderValue, async (name, value) => {
        const headers = { [name]: value };
        const delivery = await sendRaw("orders/paid", JSON.stringify(anOrder()), headers);
        if (delivery.status === 200 && !JSON.parse(delivery.body).ignored) {
          const shop = name === "X-Shopify-Shop-Domain" ? value : SHOP;
          expect(await recorded(shop, name === "X-Shopify-Webhook-Id" ? value : delivery.webhookId)).toBe(true);
        }
      }),
      { numRuns: 40 },
    );
  });
});

describe("valid deliveries", () => {
  it("GIVEN generated valid orders (any lines, customers or guests, refunds, cancellations) THEN each is answered 200, recorded and processed without error", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ cents: fc.integer({ min: 0, max: 100_000 }), quantity: fc.integer({ min: 1, max: 20 }) }), { minLength: 1, maxLength: 4 }),
        fc.boolean(),
        fc.constantFrom("none", "refund", "cancel"),
        async (lines, guest, then) => {
          const customer = guest ? null : sandbox.emulator.store.addCustomer(SHOP, { email: `v${seq++}@example.com` });
          const placed = lines.map(({ cents, quantity }) => {
            const product = sandbox.emulator.store.addProduct(SHOP, { title: "Thing", variants: [{ price: (cents / 100).toFixed(2) }] });
            return { productId: product.id, variantId: product.variants[0].id, quantity, price: (cents / 100).toFixed(2) };
          });
          const from = sandbox.emulator.webhooks.deliveries.length;
          const { order } = await sandbox.emulator.orders.place(SHOP, { customer, lines: placed });
          if (then === "refund") await sandbox.emulator.orders.refund(SHOP, order.id, { lines: [{ lineItemId: order.line_items[0].id, quantity: 1 }] });
          if (then === "cancel") await sandbox.emulator.orders.cancel(SHOP, order.id);
          await sandbox.settle();
          const sent = sandbox.emulator.webhooks.deliveries.slice(from);
          expect(sent.length).toBeGreaterThan(0);
          expect(sent.map((d) => d.status)).toEqual(sent.map(() => 200));
          const { rows } = await sandbox.db.query<{ processed: boolean; lastError: string | null }>(
            `SELECT "processedAt" IS NOT NULL AS processed, "lastError" FROM "WebhookDelivery" WHERE "shopDomain" = $1 AND payload->>'id' = $2`,
            [SHOP, String(order.id)],
          );
          expect(rows.length).toBeGreaterThan(0);
          for (const row of rows) expect(row).toEqual({ processed: true, lastError: null });
        },
      ),
      { numRuns: 12 },
    );
  });
});

describe("afterwards", () => {
  it("the refused traffic left no mark on the ledger, and the app still answers and earns", async () => {
    // Only orders with a recorded delivery may have earned points: everything refused earned nothing.
    expect(await entriesWithoutRecordedDelivery()).toBe(0);
    expect((await fetch(`${sandbox.app.url}/healthz`, { signal: AbortSignal.timeout(TIMEOUT_MS) })).status).toBe(200);
    const order = anOrder();
    const fine = await sandbox.emulator.webhooks.send({ shop: SHOP, topic: "orders/paid", payload: order, timeoutMs: TIMEOUT_MS });
    expect(fine.status).toBe(200);
    await sandbox.settle();
    // 12.00 at 1 point per unit: the door still lets real orders earn.
    const { rows } = await sandbox.db.query<{ total: string }>(`SELECT SUM(points) AS total FROM "LedgerEntry" WHERE "shopDomain" = $1 AND "orderId" = $2`, [
      SHOP,
      String(order.id),
    ]);
    expect(Number(rows[0].total)).toBe(12);
  });

  it("a deeply nested body is refused quickly, not parsed", async () => {
    const [body] = fc.sample(deepJson, { numRuns: 1, seed: 7 });
    const started = Date.now();
    const delivery = await sendRaw("orders/paid", body);
    expect(delivery.status).toBe(400);
    expect(Date.now() - started).toBeLessThan(TIMEOUT_MS);
  });
});
