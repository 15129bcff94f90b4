// Signed orders/paid deliveries for the ingest benchmark: realistic REST order payloads from the test
// builders (varied customers, products, quantities, discounts, shipping), a share of them re-sent with the
// same X-Shopify-Webhook-Id as Shopify's retries are, and what the ledger should hold afterwards.
import { randomUUID } from "node:crypto";
import type { Harness } from "./harness";
import type { LoadRequest } from "./load";

export type DeliveryPlan = {
  shop: string;
  /** Requests in sending order, duplicates included (a duplicate is the same object as its original). */
  requests: LoadRequest[];
  /** Distinct webhook ids (= orders) among the requests. */
  unique: number;
  duplicates: number;
  /** Points every order should earn at 1 point per currency unit, summed. */
  expectedPoints: number;
  /** Orders that should earn at least one point (an order earning 0 posts no entry). */
  earningOrders: number;
  distinctCustomers: number;
  /** Mean body size in bytes. */
  meanBodyBytes: number;
};

export type PlanOptions = {
  shop: string;
  count: number;
  duplicateRatio: number;
  customers: number;
  seed: number;
  secret: string;
  apiVersion: string;
  path: string;
};

/** A small deterministic PRNG (mulberry32), so two runs send the same mix. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PRODUCT_NAMES = ["Espresso beans", "Filter papers", "Ceramic mug", "Travel tumbler", "Milk frother", "Grinder", "Kettle", "Tea sampler"];
const PRICES = ["4.50", "9.99", "12.00", "18.50", "24.00", "35.95", "49.00", "89.00", "129.00"];

/** Builds `count` signed orders/paid deliveries for `shop`, `duplicateRatio` of them re-sends. */
export function planOrderDeliveries(h: Harness, options: PlanOptions): DeliveryPlan {
  const random = rng(options.seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const customers = Array.from({ length: options.customers }, (_, i) =>
    h.buildCustomer({ email: `member${i}.${options.seed}@example.com`, firstName: `Member${i}`, lastName: "Bench", tags: i % 7 === 0 ? ["vip"] : [] }),
  );
  const products = Array.from({ length: 120 }, (_, i) => ({
    productId: h.nextId("product"),
    variantId: h.nextId("variant"),
    title: `${PRODUCT_NAMES[i % PRODUCT_NAMES.length]} ${Math.floor(i / PRODUCT_NAMES.length) + 1}`,
    price: PRICES[i % PRICES.length],
    sku: `SKU-${1000 + i}`,
  }));

  const unique = Math.round(options.count * (1 - options.duplicateRatio));
  const duplicates = options.count - unique;
  const originals: LoadRequest[] = [];
  const requests: LoadRequest[] = [];
  let expectedPoints = 0;
  let earningOrders = 0;
  let bodyBytes = 0;
  const usedCustomers = new Set<number>();
  const start = Date.now() - 3_600_000;

  const makeOrder = (n: number): LoadRequest => {
    const customer = pick(customers);
    usedCustomers.add(customer.id);
    const lineCount = 1 + Math.floor(random() * random() * 5);
    const lines = Array.from({ length: lineCount }, () => {
      const p = pick(products);
      return {
        productId: p.productId,
        variantId: p.variantId,
        title: p.title,
        sku: p.sku,
        vendor: "Loyalist Roasters",
        price: p.price,
        quantity: 1 + Math.floor(random() * random() * 4),
        grams: 250,
      };
    });
    const roll = random();
    const discountCodes =
      roll < 0.1 ? [{ code: "WELCOME10", type: "percentage" as const, value: "10" }] : roll < 0.2 ? [{ code: "SAVE5", amount: "5.00" }] : [];
    const at = new Date(start + n * 150).toISOString();
    const order = h.buildOrder({
      number: n + 1,
      shopDomain: options.shop,
      customer,
      lines,
      discountCodes,
      shippingPrice: random() < 0.7 ? "6.90" : undefined,
      totalTax: "0.00",
      financialStatus: "paid",
      createdAt: at,
      updatedAt: at,
      processedAt: at,
      sourceName: "web",
    });
    // At 1 point per unit: the lines' money after discounts, rounded down (app/earning/orders.ts).
    const netMinor = order.line_items.reduce(
      (sum, l) => sum + h.toMinor(l.price, order.currency) * l.quantity - l.discount_allocations.reduce((a, d) => a + h.toMinor(d.amount, order.currency), 0),
      0,
    );
    const points = Math.floor(Math.max(0, netMinor) / 10 ** h.currencyDigits(order.currency));
    expectedPoints += points;
    if (points > 0) earningOrders++;
    const body = Buffer.from(JSON.stringify(order));
    bodyBytes += body.length;
    return {
      method: "POST",
      path: options.path,
      body,
      headers: {
        "Content-Type": "application/json",
        "User-Agent": "Shopify-Captain-Hook",
        Accept: "*/*",
        "X-Shopify-Topic": "orders/paid",
        "X-Shopify-Shop-Domain": options.shop,
        "X-Shopify-Webhook-Id": randomUUID(),
        "X-Shopify-Event-Id": randomUUID(),
        "X-Shopify-Triggered-At": at,
        "X-Shopify-API-Version": options.apiVersion,
        "X-Shopify-Hmac-Sha256": h.signWebhookBody(body, options.secret),
      },
    };
  };

  // Selection sampling: exactly `duplicates` re-sends, spread over the run, each of an order sent
  // shortly before (Shopify retries within minutes), sometimes while the original is still in flight.
  let dupsLeft = duplicates;
  for (let slot = 0; slot < options.count; slot++) {
    const slotsLeft = options.count - slot;
    const resend = originals.length > 0 && (dupsLeft === slotsLeft || random() < dupsLeft / slotsLeft);
    if (resend && dupsLeft > 0) {
      const window = Math.min(originals.length, 500);
      requests.push(originals[originals.length - 1 - Math.floor(random() * window)]);
      dupsLeft--;
    } else {
      const request = makeOrder(originals.length);
      originals.push(request);
      requests.push(request);
    }
  }
  return {
    shop: options.shop,
    requests,
    unique: originals.length,
    duplicates: requests.length - originals.length,
    expectedPoints,
    earningOrders,
    distinctCustomers: usedCustomers.size,
    meanBodyBytes: originals.length ? bodyBytes / originals.length : 0,
  };
}
