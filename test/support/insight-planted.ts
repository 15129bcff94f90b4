// Loads a generated shop (test/support/generator, e.g. generatePlanted) into a test database in-process,
// through Insight's own ingestion (catalogue, customers, orders), then refreshes the rollups. Balances, rewards
// and survey answers go through the services that production uses (staff adjustments, the reward form's
// service, recordSurveyAnswers).
import type { PlantedDataset } from "./generator";
import { decimalToCents } from "./generator/ids";

const BATCH = 2000;

/**
 * Catalogue, locations, customers and orders of `data` in `shop`'s analytics tables, rollups refreshed. Orders go
 * in set-based (the rows ingestion would write for paid, unrefunded orders: test/integration/insight/ingest.test.ts
 * holds ingestion to that), because one transaction per order makes a planted year take minutes.
 */
export async function loadShopHistory(shop: string, data: Pick<PlantedDataset, "catalog" | "customers" | "orders">): Promise<void> {
  const { default: prisma } = await import("~/db.server");
  const { saveProductFacts, saveLocations } = await import("~/catalogue/products.server");
  const { recordInsightCustomer } = await import("~/insight/ingest.server");
  const { recomputeInsightRollups } = await import("~/insight/rollups.server");
  await saveProductFacts(
    shop,
    data.catalog.products.map((p) => ({ productId: String(p.id), title: p.title, tags: p.tags, collectionIds: [], productType: p.productType })),
  );
  await saveLocations(
    shop,
    data.catalog.locations.map((l) => ({ locationId: String(l.id), name: l.name, active: true })),
  );
  for (const c of data.customers) await recordInsightCustomer(shop, String(c.id), new Date(c.createdAt));
  for (let i = 0; i < data.orders.length; i += BATCH) {
    const orders = data.orders.slice(i, i + BATCH);
    const totals = orders.map((o) => o.lines.reduce((sum, l) => sum + decimalToCents(l.price) * l.quantity, 0));
    await prisma.$executeRaw`
      INSERT INTO "InsightOrder" ("shopDomain", "orderId", "customerId", "locationId", "occurredAt", "weekStart", currency, "grossMinor", "netMinor", excluded, "updatedAtShopify")
      SELECT ${shop}, o.id, o.customer, o.location, o.at, date_trunc('week', o.at)::date, 'USD', o.total, o.total, o.test, o.at
      FROM unnest(${orders.map((o) => o.key)}::text[], ${orders.map((o) => (o.customerId === null ? null : String(o.customerId)))}::text[],
        ${orders.map((o) => (o.locationId === null ? null : String(o.locationId)))}::text[], ${orders.map((o) => o.createdAt)}::timestamp[],
        ${totals.map(String)}::bigint[], ${orders.map((o) => o.test)}::boolean[]) AS o(id, customer, location, at, total, test)`;
    const lines = orders.flatMap((o) => o.lines.map((l, n) => ({ o, l, id: `${o.key}-${n + 1}`, gross: decimalToCents(l.price) * l.quantity })));
    await prisma.$executeRaw`
      INSERT INTO "InsightOrderLine" ("shopDomain", "orderId", "lineItemId", "productId", "variantId", title, category, "locationId", "customerId",
        "occurredAt", "weekStart", quantity, "grossMinor", "netMinor", excluded)
      SELECT ${shop}, l.orderid, l.id, l.product, l.variant, l.title, NULLIF(p."productType", ''), l.location, l.customer,
        l.at, date_trunc('week', l.at)::date, l.quantity, l.gross, l.gross, l.test
      FROM unnest(${lines.map((x) => x.o.key)}::text[], ${lines.map((x) => x.id)}::text[], ${lines.map((x) => String(x.l.productId))}::text[],
        ${lines.map((x) => String(x.l.variantId))}::text[], ${lines.map((x) => x.l.title)}::text[],
        ${lines.map((x) => (x.o.locationId === null ? null : String(x.o.locationId)))}::text[],
        ${lines.map((x) => (x.o.customerId === null ? null : String(x.o.customerId)))}::text[], ${lines.map((x) => x.o.createdAt)}::timestamp[],
        ${lines.map((x) => x.l.quantity)}::int[], ${lines.map((x) => String(x.gross))}::bigint[], ${lines.map((x) => x.o.test)}::boolean[])
        AS l(orderid, id, product, variant, title, location, customer, at, quantity, gross, test)
      LEFT JOIN "ProductIndex" p ON p."shopDomain" = ${shop} AND p."productId" = l.product`;
  }
  // Written straight to the analytics tables, so counted by a full recompute, as a repair would.
  await recomputeInsightRollups(shop);
  // Fresh statistics, as autovacuum would give a real shop: a planner that thinks the tables are empty picks nested loops.
  await prisma.$executeRawUnsafe(`ANALYZE "InsightOrder", "InsightOrderLine", "InsightCustomer", "InsightWeekCell", "InsightCustomerWeek"`);
}

/** Members with exactly these balances (a staff correction each), enrolled as the shop's customers. */
export async function withBalances(shop: string, balances: readonly { customerId: number | string; balance: number }[]): Promise<Map<string, string>> {
  const { default: prisma } = await import("~/db.server");
  const { ensureMember } = await import("~/members/members.server");
  const { adjustBalance } = await import("~/ledger/adjustments.server");
  const ids = new Map<string, string>();
  for (const { customerId, balance } of balances) {
    const memberId = await prisma.$transaction((tx) => ensureMember(tx, shop, { customerId: String(customerId) }));
    ids.set(String(customerId), memberId);
    if (balance <= 0) continue;
    const answer = await adjustBalance(shop, memberId, "test", {
      direction: "add",
      points: balance,
      reason: "correction",
      reasonText: "",
      note: "",
      confirmed: "yes",
      submissionId: `s${crypto.randomUUID().replaceAll("-", "")}`,
    });
    if (!answer.ok) throw new Error(`adjusting ${customerId} to ${balance} failed: ${JSON.stringify(answer)}`);
  }
  return ids;
}

/** A plain amount-off reward saved through the reward service; resolves to its id. */
export async function anAmountReward(shop: string, pointsCost: number, valueMinor: number): Promise<string> {
  const { saveReward } = await import("~/rewards/rewards.server");
  const saved = await saveReward(shop, "test", null, {
    name: `${valueMinor} off`,
    kind: "amount_off",
    pointsCost,
    config: { valueMinor },
    enabled: true,
    combinesWith: { orderDiscounts: false, productDiscounts: true, shippingDiscounts: true },
    codeValidityDays: 30,
  });
  if (!saved.ok) throw new Error(`saving the reward failed: ${JSON.stringify(saved)}`);
  return saved.reward.id;
}
