// The install backfill end to end against the emulator: the app runs its bulk query, polls it, downloads the
// JSONL Shopify-style (nested line items on their own lines with __parentId), streams it into Insight and ends
// in the state the webhook path reaches for the same orders (their REST webhook payloads, mapped by the
// handler's own conversions); a year-old order stays out; a re-run resumes and changes nothing.
import { afterAll, beforeAll, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../../support/emulator";
import { anInsightShop, startInsightDb, type InsightDb } from "../../support/insight-db";

const SHOP = "insight-backfill.myshopify.com";
const WEBHOOK_SHOP = "insight-backfill-webhooks.myshopify.com";
const SCOPES = ["read_orders", "read_all_orders", "read_customers", "read_products", "read_locations"];
let db: InsightDb;
let emulator: Emulator;
let prisma: typeof import("~/db.server").default;
let backfill: typeof import("~/insight/backfill.server");
let client: import("~/platform/shopify/admin-client.server").AdminClient;

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();

beforeAll(async () => {
  db = await startInsightDb();
  emulator = await startEmulator({ apiKey: "k", apiSecret: "s" });
  process.env.SHOPIFY_ADMIN_API_ORIGIN = emulator.adminApiOrigin;
  emulator.installShop({ shop: SHOP, name: "Backfill", currency: "EUR" });
  await anInsightShop(SHOP, "EUR");
  await anInsightShop(WEBHOOK_SHOP, "EUR");
  const store = emulator.store;
  const beans = store.addProduct(SHOP, { title: "Beans", productType: "Coffee", variants: [{ price: "12.50" }] });
  const mug = store.addProduct(SHOP, { title: "Mug", productType: "Cups", variants: [{ price: "8.00" }] });
  const shop = store.addLocation(SHOP, { name: "Harbour" });
  const ada = store.addCustomer(SHOP, { first_name: "Ada", email: "ada@example.com" } as never);
  const orders = [
    store.placeOrder(SHOP, {
      customer: { id: ada.id },
      lines: [
        { productId: beans.id, quantity: 2 },
        { productId: mug.id, quantity: 1 },
      ],
      processedAt: daysAgo(200),
      locationId: shop.id,
    }),
    store.placeOrder(SHOP, { customer: { id: ada.id }, lines: [{ productId: beans.id, quantity: 1 }], processedAt: daysAgo(100) }),
    store.placeOrder(SHOP, { customer: null, email: "guest@example.com", lines: [{ productId: mug.id, quantity: 3 }], processedAt: daysAgo(20) }),
    store.placeOrder(SHOP, { customer: { id: ada.id }, lines: [{ productId: mug.id, quantity: 2 }], processedAt: daysAgo(5), test: true }),
  ];
  store.refund(SHOP, orders[0].id, { lines: [{ lineItemId: orders[0].line_items[1].id, quantity: 1 }], at: daysAgo(190) });
  // Older than a year: not part of the backfill.
  store.placeOrder(SHOP, { customer: { id: ada.id }, lines: [{ productId: beans.id, quantity: 9 }], processedAt: daysAgo(400) });
  prisma = (await import("~/db.server")).default;
  backfill = await import("~/insight/backfill.server");
  const { adminClientForSession } = await import("~/platform/shopify/admin-client.server");
  client = adminClientForSession({ shop: SHOP, accessToken: emulator.accessToken(SHOP, { scopes: SCOPES }) });
}, 120_000);
afterAll(async () => {
  await emulator?.close();
  await db?.stop();
});

async function runToEnd(shop: string): Promise<string[]> {
  const steps: string[] = [];
  for (let i = 0; i < 200; i++) {
    const step = await backfill.advanceInsightBackfill(shop, { client });
    steps.push(step);
    if (step === "completed" || step === "failed") return steps;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`backfill did not finish: ${steps.join(",")}`);
}

async function insightState(shop: string) {
  const out: Record<string, unknown[]> = {};
  for (const [table, order] of Object.entries({
    InsightOrder: `"orderId"`,
    InsightOrderLine: `"orderId", "lineItemId"`,
    InsightRefundLine: `"refundId", "lineItemId"`,
    InsightCustomer: `"customerId"`,
  })) {
    const rows = await prisma.$queryRawUnsafe<{ row: unknown }[]>(
      `SELECT to_jsonb(t) - 'shopDomain' - 'updatedAt' AS row FROM "${table}" t WHERE "shopDomain" = $1 ORDER BY ${order}`,
      shop,
    );
    out[table] = rows.map((r) => r.row);
  }
  return out;
}

it("GIVEN a shop with a year of orders in Shopify WHEN its install backfill runs THEN the bulk query is polled, its JSONL streamed in, and the progress reaches 100%", async () => {
  await backfill.requestInsightBackfill(SHOP);
  expect(await backfill.insightBackfillProgress(SHOP)).toMatchObject({ status: "created", rows: 0, fraction: null });
  const steps = await runToEnd(SHOP);
  expect(steps[0], JSON.stringify(await backfill.insightBackfillProgress(SHOP))).toBe("waiting");
  expect(steps.at(-1)).toBe("completed");
  expect(await backfill.insightBackfillProgress(SHOP)).toMatchObject({ status: "completed", rows: 4, total: 4, fraction: 1 });
  const ops = emulator.graphqlRequests.filter((r) => r.rootFields.includes("bulkOperationRunQuery"));
  expect(ops).toHaveLength(1);
  const orders = await prisma.insightOrder.findMany({ where: { shopDomain: SHOP }, orderBy: { occurredAt: "asc" } });
  expect(orders.map((o) => [o.grossMinor, o.refundedMinor, o.excluded, o.currency])).toEqual([
    [3300n, 800n, false, "EUR"],
    [1250n, 0n, false, "EUR"],
    [2400n, 0n, false, "EUR"],
    [1600n, 0n, true, "EUR"],
  ]);
  const lines = await prisma.insightOrderLine.findMany({ where: { shopDomain: SHOP }, orderBy: [{ occurredAt: "asc" }, { grossMinor: "desc" }] });
  expect(lines.map((l) => [l.title, l.category, l.quantity])).toEqual([
    ["Beans", "Coffee", 2],
    ["Mug", "Cups", 1],
    ["Beans", "Coffee", 1],
    ["Mug", "Cups", 3],
    ["Mug", "Cups", 2],
  ]);
});

it("GIVEN the same orders delivered as webhooks WHEN Insight records them THEN it holds exactly what the backfill imported", async () => {
  const { orderFacts, orderPayloadSchema, refundFacts, shopifyTimestamp } = await import("~/platform/webhooks/payloads");
  const { insightOrder } = await import("~/insight/orders");
  const { recordInsightOrder } = await import("~/insight/ingest.server");
  const { syncProducts } = await import("~/catalogue/products-sync.server");
  await syncProducts(WEBHOOK_SHOP, client);
  const yearAgo = Date.now() - 365 * 86_400_000;
  for (const rest of emulator.store.orders(SHOP).filter((o) => Date.parse(o.processed_at ?? o.created_at) >= yearAgo)) {
    // What the orders/updated handler does with a payload (app/platform/webhooks/handlers.server.ts).
    const order = orderPayloadSchema.parse(JSON.parse(JSON.stringify(rest)));
    const refunds = (order.refunds ?? []).map((r) => refundFacts({ ...r, order_id: order.id } as never, order.currency, order.id));
    const created = shopifyTimestamp.safeParse((order.customer as { created_at?: unknown } | null | undefined)?.created_at);
    const lineTitles = new Map(order.line_items.map((l) => [l.id, typeof l.title === "string" ? l.title : null]));
    await recordInsightOrder(WEBHOOK_SHOP, insightOrder(orderFacts(order), refunds, { customerCreatedAt: created.success ? created.data : null, lineTitles }));
  }
  expect(await insightState(SHOP)).toEqual(await insightState(WEBHOOK_SHOP));
});

it("GIVEN a backfill interrupted after some orders WHEN the next run resumes THEN it skips what was imported and the state does not change", async () => {
  const before = await insightState(SHOP);
  await prisma.insightBackfill.update({
    where: { shopDomain_kind: { shopDomain: SHOP, kind: "orders" } },
    data: { status: "running", rows: 2, leaseUntil: null },
  });
  expect(await backfill.insightBackfillProgress(SHOP)).toMatchObject({ status: "running", fraction: 0.5 });
  expect(await runToEnd(SHOP)).toEqual(["completed"]);
  expect(await insightState(SHOP)).toEqual(before);
  // Requesting again (a reinstall) does not start a second import.
  await backfill.requestInsightBackfill(SHOP);
  expect(await backfill.advanceInsightBackfill(SHOP, { client })).toBe("completed");
  expect(emulator.graphqlRequests.filter((r) => r.rootFields.includes("bulkOperationRunQuery"))).toHaveLength(1);
});
