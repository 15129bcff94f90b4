// What happens when work fails: a scheduled job retries with backoff, is dead-lettered, and runs again from
// the admin's Retry; a poison webhook delivery is dead-lettered after a few attempts without holding up the
// others; old raw payloads are emptied by the retention job's function, recent and unprocessed ones kept.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_DELIVERY_ATTEMPTS, recordDelivery } from "~/platform/webhooks/deliveries.server";
import { purgeProcessedPayloads } from "~/platform/webhooks/retention.server";
import { BROWSER_USER_AGENT, startSandbox, type Sandbox } from "../support/sandbox";
import { CONTROLLABLE_CLOCK_ENV, scheduledWork, type ScheduledWork } from "../support/scheduled-work";

const SHOP = "failing-jobs.myshopify.com";
const RETENTION_SHOP = "retention.myshopify.com";
const HOUR = 3_600_000;

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 90_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out; last value ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe("failing work", () => {
  let sandbox: Sandbox;
  let work: ScheduledWork;

  /** Posts a form to the jobs page as the shop owner; the action's JSON answer. */
  async function jobsAction(form: Record<string, string>) {
    const response = await fetch(`${sandbox.app.url}/app/jobs?_data=routes%2Fapp.jobs`, {
      method: "POST",
      headers: {
        Authorization: `Bearer ${sandbox.emulator.sessionToken(SHOP)}`,
        "Content-Type": "application/x-www-form-urlencoded",
        "User-Agent": BROWSER_USER_AGENT,
      },
      body: new URLSearchParams(form).toString(),
    });
    return { status: response.status, body: (await response.json()) as { ok: boolean; code: string } };
  }

  beforeAll(async () => {
    sandbox = await startSandbox({ env: CONTROLLABLE_CLOCK_ENV });
    await sandbox.install(SHOP);
    await sandbox.saveProgram(SHOP, { enabled: "on", pointsPerUnit: "1", awardOn: "paid", pendingDays: "0" });
    work = scheduledWork(sandbox.app.databaseUrl);
    await work.settle();
  });
  afterAll(async () => {
    await work?.close();
    await sandbox?.stop();
  });

  it("retries a failing scheduled job with backoff, dead-letters it, and runs it again from the admin's Retry", { timeout: 180_000 }, async () => {
    // GIVEN Shopify fails every product read
    sandbox.emulator.faults.inject({ operation: "products", kind: "http500", times: Infinity });
    // WHEN the clock passes the next product sync (every 2 hours)
    await work.advance(2 * HOUR, 120_000);
    // THEN the run was tried 1 + retryLimit times and is dead-lettered with Shopify's error
    const runs = await sandbox.db.query<{ dueAt: string; status: string; attempts: number; lastError: string }>(
      `SELECT to_char("dueAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "dueAt", status, attempts, "lastError" FROM "ScheduledRun" WHERE job = 'sync-products'`,
    );
    expect(runs.rows).toHaveLength(1);
    const [run] = runs.rows;
    const retryLimit = work.schedules.find((s) => s.name === "sync-products")!.retryLimit;
    expect(run).toMatchObject({ status: "dead", attempts: 1 + retryLimit });
    expect(run!.lastError).toContain(`product sync failed for ${SHOP}: Internal error`);
    const deadLetters = await sandbox.db.query(`SELECT 1 FROM pgboss.job WHERE name = 'dead-letter' AND data->>'dueAt' = $1`, [run!.dueAt]);
    expect(deadLetters.rowCount).toBe(1);

    // WHEN Shopify recovers and staff press Retry on the jobs page
    sandbox.emulator.faults.clear();
    const retried = await jobsAction({ intent: "retry-run", job: "sync-products", dueAt: run!.dueAt });
    expect(retried).toEqual({ status: 200, body: { ok: true, code: "run_retried" } });
    // THEN the same run runs once more and completes
    const after = await until(
      async () =>
        (await sandbox.db.query<{ status: string; attempts: number }>(`SELECT status, attempts FROM "ScheduledRun" WHERE job = 'sync-products'`)).rows,
      (rows) => rows[0]?.status === "completed",
    );
    expect(after).toEqual([{ status: "completed", attempts: 2 + retryLimit }]);
    // AND a second Retry of a run that is no longer dead is refused
    expect((await jobsAction({ intent: "retry-run", job: "sync-products", dueAt: run!.dueAt })).status).toBe(409);
  });

  it("dead-letters a poison delivery after its attempts, while other deliveries are processed", { timeout: 120_000 }, async () => {
    const product = sandbox.emulator.store.addProduct(SHOP, { title: "Tea", variants: [{ price: "20.00" }] });
    const customer = sandbox.emulator.store.addCustomer(SHOP, { email: "steady@example.com" });
    const order = sandbox.emulator.store.placeOrder(SHOP, {
      customer,
      lines: [{ productId: product.id, variantId: product.variants[0].id, quantity: 1, price: "20.00" }],
    });
    // GIVEN a recorded delivery that passed the door but cannot be processed (a price that is no number)
    const poison = { ...order, id: order.id + 1, total_price: "NaN", current_total_price: "NaN", subtotal_price: "NaN", current_subtotal_price: "NaN" };
    expect(
      await recordDelivery({
        shopDomain: SHOP,
        webhookId: "poison-1",
        topic: "orders/paid",
        eventId: null,
        triggeredAt: null,
        apiVersion: null,
        rawBody: JSON.stringify(poison),
      }),
    ).toBe("recorded");
    // WHEN a good delivery arrives too
    const good = await sandbox.emulator.webhooks.send({ shop: SHOP, topic: "orders/paid", payload: order });
    expect(good.status).toBe(200);
    // THEN the good one is processed while the poison one is still being retried
    const balance = async () => ((await (await sandbox.proxy(SHOP, "member", customer.id)).json()) as { balance?: number }).balance;
    expect(await until(balance, (points) => points === 20, 20_000)).toBe(20);
    const retrying = await sandbox.db.query<{ deadAt: Date | null }>(`SELECT "deadAt" FROM "WebhookDelivery" WHERE "webhookId" = 'poison-1'`);
    expect(retrying.rows[0]!.deadAt).toBeNull();
    // AND the poison one ends dead-lettered after MAX_DELIVERY_ATTEMPTS, no longer retried
    const dead = await until(
      async () =>
        (
          await sandbox.db.query<{ attempts: number; deadAt: Date | null; lastError: string }>(
            `SELECT attempts, "deadAt", "lastError" FROM "WebhookDelivery" WHERE "webhookId" = 'poison-1'`,
          )
        ).rows[0],
      (row) => Boolean(row?.deadAt),
    );
    expect(dead.attempts).toBe(MAX_DELIVERY_ATTEMPTS);
    expect(dead.lastError).toBeTruthy();
    await new Promise((r) => setTimeout(r, 3_000));
    const still = await sandbox.db.query<{ attempts: number }>(`SELECT attempts FROM "WebhookDelivery" WHERE "webhookId" = 'poison-1'`);
    expect(still.rows[0]!.attempts).toBe(MAX_DELIVERY_ATTEMPTS);
    // AND the jobs page counts it for this shop and can send it back
    const page = await fetch(`${sandbox.app.url}/app/jobs?_data=routes%2Fapp.jobs`, {
      headers: { Authorization: `Bearer ${sandbox.emulator.sessionToken(SHOP)}`, "User-Agent": BROWSER_USER_AGENT },
    });
    const overview = (await page.json()) as { deliveries: { count: number; deliveries: { id: string; topic: string }[] } };
    expect(overview.deliveries.count).toBe(1);
    const retried = await jobsAction({ intent: "retry-delivery", id: overview.deliveries.deliveries[0]!.id });
    expect(retried.body).toEqual({ ok: true, code: "delivery_retried" });
    const requeued = await sandbox.db.query<{ deadAt: Date | null }>(`SELECT "deadAt" FROM "WebhookDelivery" WHERE "webhookId" = 'poison-1'`);
    expect(requeued.rows[0]!.deadAt).toBeNull();
  });

  it("empties payloads processed longer ago than the retention, and keeps recent and unprocessed ones", async () => {
    // GIVEN a shop with one delivery processed 31 days ago, one 29 days ago and one a worker still holds. The rows
    // are written in that state in one statement: recorded one by one, the sandbox's own worker would process them
    // between the steps and the test would measure its timing, not the retention.
    await sandbox.install(RETENTION_SHOP);
    await sandbox.db.query(
      `INSERT INTO "WebhookDelivery" ("shopDomain", "webhookId", topic, payload, "receivedAt", "processedAt", "lockedUntil")
       VALUES ($1, 'old', 'app/uninstalled', '{"id":"old"}', now() - interval '32 days', now() - interval '31 days', NULL),
              ($1, 'recent', 'app/uninstalled', '{"id":"recent"}', now() - interval '30 days', now() - interval '29 days', NULL),
              ($1, 'unprocessed', 'app/uninstalled', '{"id":"unprocessed"}', now() - interval '40 days', NULL, now() + interval '1 hour')`,
      [RETENTION_SHOP],
    );
    // WHEN the retention job runs with a 30-day retention
    const purged = await purgeProcessedPayloads(30, new Date());
    // THEN only the older processed payload is emptied (with those of other tests' deliveries processed before
    // it); rows stay, so a late duplicate is still recognised
    expect(purged).toBeGreaterThanOrEqual(1);
    const payloads = await sandbox.db.query<{ webhookId: string; payload: unknown }>(
      `SELECT "webhookId", payload FROM "WebhookDelivery" WHERE "shopDomain" = $1 ORDER BY "webhookId"`,
      [RETENTION_SHOP],
    );
    expect(payloads.rows).toEqual([
      { webhookId: "old", payload: {} },
      { webhookId: "recent", payload: { id: "recent" } },
      { webhookId: "unprocessed", payload: { id: "unprocessed" } },
    ]);
    const again = await recordDelivery({
      shopDomain: RETENTION_SHOP,
      webhookId: "old",
      topic: "app/uninstalled",
      eventId: null,
      triggeredAt: null,
      apiVersion: null,
      rawBody: `{"id":"old"}`,
    });
    expect(again).toBe("duplicate");
  });
});
