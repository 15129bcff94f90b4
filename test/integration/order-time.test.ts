// Order time: points history shows when an order (or refund) happened, not when its webhook arrived, and
// sorts by it; a late or backfilled order does not make a member look recently active.
import { afterAll, beforeAll, expect, it } from "vitest";
import { startSandbox, type Sandbox } from "../support/sandbox";
import { seedShop } from "../support/seed-shop";

const SHOP = "order-time.myshopify.com";
const DAY = 86_400_000;

let sandbox: Sandbox;
let productId: number;

type History = { type: string; points: number; createdAt: string; orderId: string | null }[];

beforeAll(async () => {
  sandbox = await startSandbox();
  await sandbox.install(SHOP);
  const saved = await sandbox.saveProgram(SHOP, { enabled: "on", pointsPerUnit: "1", awardOn: "paid", pendingDays: "0" });
  expect(saved.status).toBe(200);
  productId = sandbox.emulator.store.addProduct(SHOP, { title: "Espresso beans", variants: [{ price: "20.00" }] }).id as number;
});
afterAll(async () => sandbox?.stop());

async function history(customerId: number): Promise<History> {
  const response = await sandbox.proxy(SHOP, "member", customerId);
  expect(response.status).toBe(200);
  return ((await response.json()) as { history: History }).history;
}

async function lastActivity(customerId: number): Promise<string> {
  const { rows } = await sandbox.db.query<{ at: Date }>(`SELECT "lastActivityAt" AS at FROM "Member" WHERE "shopDomain" = $1 AND "customerId" = $2`, [
    SHOP,
    String(customerId),
  ]);
  return rows[0].at.toISOString();
}

const iso = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString();

it("GIVEN a member's order of yesterday WHEN an order processed 60 days ago is delivered now THEN history shows it on its own date, sorted after, and last activity stays yesterday", async () => {
  const customer = sandbox.emulator.store.addCustomer(SHOP, { email: "late@example.com" });
  const yesterday = iso(Date.now() - DAY);
  const sixtyDaysAgo = iso(Date.now() - 60 * DAY);
  const lines = [{ productId, quantity: 1, price: "20.00" }];
  await sandbox.emulator.orders.place(SHOP, { customer, lines, createdAt: yesterday });
  // The first deliveries wait for the webhook worker to start, slow on a loaded machine.
  await sandbox.settle(60_000);

  const { order: late } = await sandbox.emulator.orders.place(SHOP, { customer, lines: [{ productId, quantity: 2, price: "20.00" }], createdAt: sixtyDaysAgo });
  await sandbox.settle();

  const entries = await history(customer.id);
  expect(entries.map((e) => [e.type, e.points, e.createdAt])).toEqual([
    ["earn", 20, yesterday],
    ["earn", 40, sixtyDaysAgo],
  ]);
  expect(entries[1].orderId).toBe(String(late.id));
  expect(await lastActivity(customer.id)).toBe(yesterday);
});

it("GIVEN an order imported today that was processed 60 days ago WHEN it and a later refund arrive THEN its points carry processed_at and the refund its own time", async () => {
  const customer = sandbox.emulator.store.addCustomer(SHOP, { email: "imported@example.com" });
  const processedAt = iso(Date.now() - 60 * DAY);
  const refundedAt = iso(Date.now() - 50 * DAY);
  const { order } = await sandbox.emulator.orders.place(SHOP, { customer, lines: [{ productId, quantity: 3, price: "20.00" }], processedAt });
  expect(Date.parse(order.created_at)).toBeGreaterThan(Date.parse(processedAt) + 59 * DAY);
  // Let the order land first: a refund already on the order when it is first read is netted into one earn entry.
  await sandbox.settle();
  await sandbox.emulator.orders.refund(SHOP, order.id, { lines: [{ lineItemId: order.line_items[0].id, quantity: 1 }], at: refundedAt });
  await sandbox.settle();

  expect((await history(customer.id)).map((e) => [e.type, e.points, e.createdAt])).toEqual([
    ["clawback", -20, refundedAt],
    ["earn", 60, processedAt],
  ]);
  expect(await lastActivity(customer.id)).toBe(refundedAt);
});

it("GIVEN a seeded sandbox history THEN every entry shows its order's (or refund's, or cancellation's) own day, none the seeding day, newest first", async () => {
  const seeded = "order-time-seeded.myshopify.com";
  await sandbox.install(seeded);
  await sandbox.saveProgram(seeded, { enabled: "on", pointsPerUnit: "1", awardOn: "paid", pendingDays: "0" });
  const { memberIds } = await seedShop(sandbox.emulator, seeded, { seed: 7, customers: 12, days: 30, ordersPerDay: 3 });
  await sandbox.settle(120_000);

  const { rows } = await sandbox.db.query<{ entries: string; today: string; days: string }>(
    `SELECT count(*) AS entries, count(*) FILTER (WHERE "occurredAt" >= date_trunc('day', now())) AS today,
       count(DISTINCT "occurredAt"::date) AS days
     FROM "LedgerEntry" WHERE "shopDomain" = $1`,
    [seeded],
  );
  expect(Number(rows[0].entries)).toBeGreaterThan(20);
  expect(Number(rows[0].today)).toBe(0);
  expect(Number(rows[0].days)).toBeGreaterThan(10);

  const response = await sandbox.proxy(seeded, "member", memberIds[0]);
  const dates = ((await response.json()) as { history: History }).history.map((e) => e.createdAt);
  expect(dates.length).toBeGreaterThan(0);
  expect(dates).toEqual([...dates].sort().reverse());
}, 300_000);
