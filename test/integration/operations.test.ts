// Operating Loyalist: /metrics in Prometheus format with the series an operator needs, /readyz that fails
// while the database is unreachable or behind on migrations, and a request id on every answer.
import { afterAll, beforeAll, expect, it } from "vitest";
import { startSandbox, type Sandbox } from "../support/sandbox";
import { startTestApp } from "../support/app-server";
import { dropDatabase } from "../support/postgres";

const SHOP = "operations.myshopify.com";
let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox();
  await sandbox.install(SHOP);
  await sandbox.saveProgram(SHOP, { enabled: "on", pointsPerUnit: "1", awardOn: "paid", pendingDays: "0" });
});
afterAll(async () => sandbox?.stop());

async function metrics(): Promise<string> {
  const response = await fetch(`${sandbox.app.url}/metrics`);
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toContain("text/plain");
  return response.text();
}

/** The value of one series, e.g. `loyalist_webhook_backlog` or `name{label="x"}`; 0 when absent. */
function value(text: string, series: string): number {
  const line = text.split("\n").find((l) => l.startsWith(series + " "));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

it("GIVEN orders delivered and processed WHEN /metrics is scraped THEN received, processed and request-duration series count them", async () => {
  const before = await metrics();
  const received = `loyalist_webhook_deliveries_received_total{topic="orders/paid",outcome="recorded"}`;
  const processed = `loyalist_webhook_deliveries_processed_total{topic="orders/paid"}`;
  const product = sandbox.emulator.store.addProduct(SHOP, { title: "Tea", variants: [{ price: "10.00" }] });
  for (let i = 0; i < 3; i++) {
    const customer = sandbox.emulator.store.addCustomer(SHOP, { email: `ops${i}@example.com` });
    await sandbox.emulator.orders.place(SHOP, { customer, lines: [{ productId: product.id as number, quantity: 1, price: "10.00" }] });
  }
  await sandbox.settle();
  // The worker's counts reach the server in one-second batches from the background-jobs process.
  let after = await metrics();
  for (let i = 0; i < 40 && value(after, processed) - value(before, processed) < 3; i++) {
    await new Promise((r) => setTimeout(r, 250));
    after = await metrics();
  }
  expect(value(after, received) - value(before, received)).toBeGreaterThanOrEqual(3);
  expect(value(after, processed) - value(before, processed)).toBeGreaterThanOrEqual(3);
  expect(after).toMatch(/loyalist_http_request_duration_seconds_count\{route="\/webhooks\/orders",method="POST",status="200"\} \d+/);
  expect(after).toContain("# TYPE loyalist_job_queue_depth gauge");
  expect(after).toContain("# TYPE loyalist_admin_api_throttle_waits_total counter");
  expect(value(after, "loyalist_webhook_backlog")).toBe(0);
});

it("GIVEN a delivery nobody could process for a minute THEN the lag and backlog gauges show it, and clear once it is done", async () => {
  const { rows } = await sandbox.db.query<{ id: string }>(
    `INSERT INTO "WebhookDelivery" ("shopDomain", "webhookId", topic, payload, "receivedAt", "lockedUntil")
     VALUES ($1, 'ops-held', 'customers/update', '{}'::jsonb, now() - interval '60 seconds', now() + interval '1 hour') RETURNING id`,
    [SHOP],
  );
  const held = await metrics();
  expect(value(held, "loyalist_webhook_backlog")).toBe(1);
  expect(value(held, "loyalist_webhook_processing_lag_seconds")).toBeGreaterThanOrEqual(59);
  await sandbox.db.query(`UPDATE "WebhookDelivery" SET "processedAt" = now(), "lockedUntil" = NULL WHERE id = $1`, [rows[0].id]);
  const done = await metrics();
  expect(value(done, "loyalist_webhook_backlog")).toBe(0);
  expect(value(done, "loyalist_webhook_processing_lag_seconds")).toBe(0);
});

it("GIVEN any request THEN the answer carries a request id, the caller's own when it sent a sane one, and error answers name it", async () => {
  const own = await fetch(`${sandbox.app.url}/healthz`, { headers: { "X-Request-Id": "lb-trace-12345678" } });
  expect(own.headers.get("x-request-id")).toBe("lb-trace-12345678");
  const made = await fetch(`${sandbox.app.url}/healthz`, { headers: { "X-Request-Id": "bad id with spaces" } });
  expect(made.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);

  const refused = await fetch(`${sandbox.app.url}/webhooks/orders`, { method: "POST", body: "{}", headers: { "X-Request-Id": "webhook-trace-1" } });
  expect(refused.status).toBe(401);
  expect(((await refused.json()) as { error: { requestId: string } }).error.requestId).toBe("webhook-trace-1");
  const proxy = await fetch(`${sandbox.app.url}/proxy/member?shop=${SHOP}`, { headers: { "X-Request-Id": "proxy-trace-1" } });
  expect(proxy.status).toBe(401);
  expect(((await proxy.json()) as { error: { requestId: string } }).error.requestId).toBe("proxy-trace-1");
});

it("GIVEN METRICS_TOKEN set THEN /metrics answers only with that bearer token", async () => {
  const app = await startTestApp({ env: { METRICS_TOKEN: "scrape-secret" } });
  try {
    expect((await fetch(`${app.url}/metrics`)).status).toBe(401);
    expect((await fetch(`${app.url}/metrics`, { headers: { Authorization: "Bearer wrong" } })).status).toBe(401);
    const ok = await fetch(`${app.url}/metrics`, { headers: { Authorization: "Bearer scrape-secret" } });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain("loyalist_webhook_backlog");
  } finally {
    await app.stop();
  }
});

it("GIVEN a migration not applied, then a database gone THEN /readyz answers 503 with the reason, while /healthz still says alive", async () => {
  const app = await startTestApp();
  const pg = await import("pg");
  const db = new pg.default.Client({ connectionString: app.databaseUrl });
  await db.connect();
  try {
    expect((await fetch(`${app.url}/readyz`)).status).toBe(200);
    const { rows } = await db.query<{ migration_name: string }>(`SELECT migration_name FROM _prisma_migrations ORDER BY migration_name DESC LIMIT 1`);
    const latest = rows[0].migration_name;
    await db.query(`UPDATE _prisma_migrations SET rolled_back_at = now() WHERE migration_name = $1`, [latest]);
    const behind = await fetch(`${app.url}/readyz`);
    expect(behind.status).toBe(503);
    expect(await behind.json()).toEqual({ ready: false, database: "ok", pendingMigrations: [latest] });
    await db.query(`UPDATE _prisma_migrations SET rolled_back_at = NULL WHERE migration_name = $1`, [latest]);
    expect((await fetch(`${app.url}/readyz`)).status).toBe(200);

    await db.end();
    await dropDatabase(new URL(app.databaseUrl).pathname.slice(1));
    const gone = await fetch(`${app.url}/readyz`);
    expect(gone.status).toBe(503);
    expect(await gone.json()).toEqual({ ready: false, database: "unreachable", pendingMigrations: null });
  } finally {
    await db.end().catch(() => undefined);
    await app.stop();
  }
}, 120_000);
