// Two app instances behind nginx on one PostgreSQL and one Redis (issue 14, "Several instances"): signed webhooks
// spread over both, redemptions racing across them, scheduled jobs falling due meanwhile, one instance SIGKILLed
// mid-burst and started again. Every acknowledged delivery is applied exactly once, no balance goes below zero
// or differs from its ledger, no scheduled run runs twice, and a shopper's rate limit holds across instances.
import { afterAll, beforeAll, expect, it } from "vitest";
import { startCluster, type Cluster } from "../support/cluster";
import { aMember, aReward } from "../support/factories";
import { CONTROLLABLE_CLOCK_ENV, scheduledWork, type ScheduledWork } from "../support/scheduled-work";

const SHOP = "several.myshopify.com";
const HOUR = 3_600_000;
const ORDERS = 80;
// 20 requests per shopper in a 200-second window: no refill during the test.
const LIMIT = 20;

let cluster: Cluster;
let work: ScheduledWork;

beforeAll(async () => {
  cluster = await startCluster({
    env: { ...CONTROLLABLE_CLOCK_ENV, PROXY_RATE_LIMIT_BURST: String(LIMIT), PROXY_RATE_LIMIT_PER_SECOND: "0.1" },
  });
  await cluster.install(SHOP);
  const saved = await cluster.saveProgram(SHOP, { enabled: "on", pointsPerUnit: "1", awardOn: "paid", pendingDays: "0" });
  expect(saved.status).toBe(200);
  work = scheduledWork(cluster.app.databaseUrl);
}, 180_000);
afterAll(async () => {
  await work?.close();
  await cluster?.stop();
});

/** Deliveries of orders/paid answered by the instance's own webhook endpoint since it started (its /metrics). */
async function receivedBy(index: number): Promise<number> {
  const text = await (await fetch(`${cluster.instances[index].url}/metrics`)).text();
  return text
    .split("\n")
    .filter((line) => line.startsWith("loyalist_webhook_deliveries_received_total{") && line.includes('topic="orders/paid"'))
    .reduce((sum, line) => sum + Number(line.split(" ").pop()), 0);
}

/** Runs `tasks` with at most `width` in flight. */
async function inFlight<T>(tasks: (() => Promise<T>)[], width: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const lane = async () => {
    for (let i = next++; i < tasks.length; i = next++) results[i] = await tasks[i]();
  };
  await Promise.all(Array.from({ length: width }, lane));
  return results;
}

it("applies every acknowledged delivery once across two instances, one of them killed mid-burst", { timeout: 300_000 }, async () => {
  // GIVEN 8 customers with 10 orders of $10 each in Shopify, a member with 750 points and a 100-point reward
  const store = cluster.emulator.store;
  const product = store.addProduct(SHOP, { title: "Beans", variants: [{ price: "10.00" }] });
  const customers = Array.from({ length: 8 }, (_, i) => store.addCustomer(SHOP, { email: `several-${i}@example.com` }));
  const orders = Array.from({ length: ORDERS }, (_, i) =>
    store.placeOrder(SHOP, {
      customer: customers[i % customers.length],
      lines: [{ productId: product.id, variantId: product.variants[0].id, quantity: 1, price: "10.00" }],
    }),
  );
  const redeemer = await aMember(cluster, SHOP, { balance: 750 });
  const rewardId = await aReward(cluster, SHOP, { kind: "amount_off", config: { valueMinor: 500 }, pointsCost: 100 });
  const runsBefore = Number((await cluster.db.query<{ n: string }>(`SELECT count(*) AS n FROM "ScheduledRun"`)).rows[0].n);

  // WHEN each order's paid webhook is sent twice under one id (Shopify's at-least-once), through nginx ...
  const deliver = (i: number) => () =>
    cluster.emulator.webhooks.send({ shop: SHOP, topic: "orders/paid", payload: orders[i % ORDERS], webhookId: `several-${i % ORDERS}` });
  const firstHalf = Array.from({ length: ORDERS }, (_, i) => deliver(i));
  const secondHalf = Array.from({ length: ORDERS }, (_, i) => deliver(i + ORDERS));
  // ... while 12 redemptions race over both instances and the clock moves two hours (scheduled jobs fall due)
  const redeem = () =>
    fetch(`${cluster.app.url}/proxy/redeem?${cluster.emulator.signProxyQuery({ shop: SHOP, customerId: redeemer.customerId })}`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ rewardId }),
    });
  const [early, redemptions] = await Promise.all([inFlight(firstHalf, 8), Promise.all(Array.from({ length: 12 }, redeem)), work.advance(2 * HOUR, 120_000)]);
  const bothReceived = [await receivedBy(0), await receivedBy(1)];
  // ... and instance 1 is SIGKILLed (with its jobs process) in the middle of the second half, then started again
  const late = inFlight(secondHalf, 8);
  await new Promise((r) => setTimeout(r, 300));
  await cluster.stopInstance(1, { kill: true });
  const lateResults = await late;
  await cluster.startInstance(1);
  // Shopify retries what was not answered 200 (a 502 from nginx, a dropped connection)
  const sent = [...early, ...lateResults];
  const retried = await inFlight(
    sent
      .filter((d) => d.status !== 200)
      .map(
        (d) => () =>
          cluster.emulator.webhooks.send({ shop: SHOP, topic: "orders/paid", payload: orders[Number(d.webhookId.split("-")[1])], webhookId: d.webhookId }),
      ),
    4,
  );
  await cluster.settle(120_000);

  // THEN both instances answered deliveries
  expect(
    bothReceived.every((n) => n > 0),
    `received per instance: ${bothReceived}`,
  ).toBe(true);
  expect(retried.every((d) => d.status === 200)).toBe(true);
  // AND every acknowledged delivery is recorded and processed, and each order was applied exactly once
  const acknowledged = new Set([...sent, ...retried].filter((d) => d.status === 200).map((d) => d.webhookId));
  expect(acknowledged.size).toBe(ORDERS);
  const deliveries = await cluster.db.query<{ webhookId: string; processed: boolean }>(
    `SELECT "webhookId", "processedAt" IS NOT NULL AS processed FROM "WebhookDelivery" WHERE "shopDomain" = $1 AND topic = 'orders/paid'`,
    [SHOP],
  );
  const severalIds = deliveries.rows.filter((d) => d.webhookId.startsWith("several-"));
  expect(severalIds.map((d) => d.webhookId).sort()).toEqual([...acknowledged].sort());
  expect(severalIds.every((d) => d.processed)).toBe(true);
  const perOrder = await cluster.db.query<{ orderId: string; entries: number; points: number }>(
    `SELECT e."orderId", count(*)::int AS entries, sum(e.points)::int AS points FROM "LedgerEntry" e
     JOIN "Member" m ON m.id = e."memberId" WHERE e."shopDomain" = $1 AND m."customerId" = ANY($2) GROUP BY e."orderId"`,
    [SHOP, customers.map((c) => String(c.id))],
  );
  expect(perOrder.rows).toHaveLength(ORDERS);
  expect(perOrder.rows.filter((r) => r.entries !== 1 || r.points !== 10)).toEqual([]);
  // AND no balance is below zero or different from its ledger
  const books = await cluster.db.query<{ customerId: string; balance: number; sum: number }>(
    `SELECT m."customerId", m.balance, COALESCE((SELECT sum(points) FROM "LedgerEntry" e WHERE e."memberId" = m.id), 0)::int AS sum
     FROM "Member" m WHERE m."shopDomain" = $1`,
    [SHOP],
  );
  expect(books.rows.filter((b) => b.balance < 0 || b.balance !== b.sum)).toEqual([]);
  for (const customer of customers) expect(books.rows.find((b) => b.customerId === String(customer.id))?.balance).toBe(100);
  // AND exactly 7 of the 12 racing redemptions won, the rest were refused for points
  const statuses = redemptions.map((r) => r.status);
  expect(statuses.filter((s) => s === 201)).toHaveLength(7);
  expect(statuses.filter((s) => s === 422)).toHaveLength(5);
  expect(books.rows.find((b) => b.customerId === redeemer.customerId)?.balance).toBe(50);

  // AND scheduled work fell due during the run and no run was claimed or run twice
  const runs = await cluster.db.query<{ job: string; dueAt: Date; attempts: number; status: string; bossJobId: string }>(
    `SELECT job, "dueAt", attempts, status, "bossJobId" FROM "ScheduledRun"`,
  );
  expect(runs.rows.length).toBeGreaterThan(runsBefore);
  expect(runs.rows.filter((r) => r.attempts > 1)).toEqual([]);
  const bossJobs = await cluster.db.query<{ id: string }>(
    `SELECT id::text FROM pgboss.job WHERE name <> 'dead-letter' UNION ALL SELECT id::text FROM pgboss.archive WHERE name <> 'dead-letter'`,
  );
  expect(bossJobs.rows.map((j) => j.id).sort()).toEqual(runs.rows.map((r) => r.bossJobId).sort());
  expect(runs.rows.filter((r) => r.status === "dead" || r.status === "retrying")).toEqual([]);

  // AND one shopper's rate limit holds across the instances: 30 requests through nginx, exactly LIMIT answered
  const shopper = customers[0].id;
  const limited: number[] = [];
  for (let i = 0; i < 30; i++) {
    const response = await fetch(`${cluster.app.url}/proxy/member?${cluster.emulator.signProxyQuery({ shop: SHOP, customerId: String(shopper) })}`);
    await response.arrayBuffer();
    limited.push(response.status);
  }
  expect(limited.filter((s) => s === 200)).toHaveLength(LIMIT);
  expect(limited.filter((s) => s === 429)).toHaveLength(30 - LIMIT);
});
