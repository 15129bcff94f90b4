// GET /app/insights/<name>.json: the session token decides everything (401 and no data without a valid one),
// and health, trends and members answer with the fields INTERFACES.md lists, from orders that came in as
// signed webhooks (members from their customer record's created_at, guest orders as non-member orders).
import { afterAll, beforeAll, expect, it } from "vitest";
import { createSessionToken } from "../../support/emulator";
import { BROWSER_USER_AGENT, startSandbox, type Sandbox } from "../../support/sandbox";
import { TEST_API_KEY, TEST_API_SECRET } from "../../support/app-server";

const SHOP = "insight-json.myshopify.com";
const OTHER = "insight-json-other.myshopify.com";
let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox();
  await sandbox.install(SHOP);
  const product = sandbox.emulator.store.addProduct(SHOP, { title: "Beans", productType: "Coffee", variants: [{ price: "20.00" }] });
  const { customer } = await sandbox.emulator.customers.create(SHOP, { email: "m@example.com" });
  const lines = [{ productId: product.id as number, quantity: 1, price: "20.00" }];
  await sandbox.emulator.orders.place(SHOP, { customer, lines });
  await sandbox.emulator.orders.place(SHOP, { email: "guest@example.com", lines: [{ productId: product.id as number, quantity: 2, price: "20.00" }] });
  await sandbox.settle(60_000);
});
afterAll(async () => sandbox?.stop());

const get = (path: string, token?: string) =>
  fetch(`${sandbox.app.url}${path}`, {
    headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), "User-Agent": BROWSER_USER_AGENT },
    redirect: "manual",
  });
const today = () => new Date().toISOString().slice(0, 10);

it("GIVEN no token, a forged one, or one for a shop without Loyalist WHEN an Insight JSON is asked for THEN 401 and no data", async () => {
  const none = await get("/app/insights/health.json", undefined);
  expect([401, 302]).toContain(none.status);
  expect(await none.text()).not.toContain("members");
  const forged = createSessionToken({ shop: SHOP, apiKey: TEST_API_KEY, apiSecret: "not-the-secret", userId: 1, now: new Date() });
  const bad = await get("/app/insights/health.json", forged);
  expect(bad.status).toBe(401);
  expect(await bad.text()).not.toContain("members");
  // Signed with the app's secret, but for a shop that never installed Loyalist (token exchange refused).
  const stranger = createSessionToken({ shop: OTHER, apiKey: TEST_API_KEY, apiSecret: TEST_API_SECRET, userId: 1, now: new Date() });
  const other = await get("/app/insights/health.json", stranger);
  expect(other.status).toBe(401);
  expect(await other.text()).not.toContain("activeMembers");
});

it("GIVEN another installed shop's token THEN it sees that shop's figures, never this one's", async () => {
  const second = "insight-json-second.myshopify.com";
  await sandbox.install(second);
  const response = await get("/app/insights/health.json", sandbox.emulator.sessionToken(second));
  expect(response.status).toBe(200);
  expect(await response.json()).toMatchObject({ members: 0, activeMembers: 0 });
});

it("GIVEN no from/to header at all WHEN the token is valid THEN health answers its fields", async () => {
  const response = await get("/app/insights/health.json", sandbox.emulator.sessionToken(SHOP));
  expect(response.status).toBe(200);
  const body = (await response.json()) as Record<string, unknown>;
  for (const field of ["members", "activeMembers", "pointsIssued", "pointsRedeemed", "pointsExpired", "redemptionRate", "liabilityMinor", "breakageRate"]) {
    expect(body).toHaveProperty(field);
  }
  expect(body).toMatchObject({ members: 1, activeMembers: 1 });
});

it("GIVEN a member's order and a guest order this week WHEN trends and members are asked for THEN the week and both groups carry them", async () => {
  const token = sandbox.emulator.sessionToken(SHOP);
  const trends = (await (await get(`/app/insights/trends.json?from=${today()}&to=${today()}`, token)).json()) as {
    weeks: Record<string, unknown>[];
    anomalies: unknown[];
  };
  expect(trends.weeks).toHaveLength(1);
  expect(Object.keys(trends.weeks[0])).toEqual(
    expect.arrayContaining([
      "weekStart",
      "orders",
      "memberOrders",
      "captureRate",
      "revenueMinor",
      "enrolments",
      "redemptions",
      "aovMemberMinor",
      "aovNonMemberMinor",
    ]),
  );
  expect(trends.weeks[0]).toMatchObject({
    orders: 2,
    memberOrders: 1,
    captureRate: 0.5,
    revenueMinor: 6000,
    enrolments: 1,
    aovMemberMinor: 2000,
    aovNonMemberMinor: 4000,
  });
  expect(trends.anomalies).toEqual([]);

  const members = (await (await get(`/app/insights/members.json?from=${today()}&to=${today()}`, token)).json()) as Record<string, unknown>;
  expect(members).toMatchObject({
    members: { customers: 1, orders: 1, revenueMinor: 2000, aovMinor: 2000, ordersPerCustomer: 1 },
    nonMembers: { customers: 1, orders: 1, revenueMinor: 4000, aovMinor: 4000, ordersPerCustomer: 1 },
  });
  expect(members).toHaveProperty("incrementalRevenueMinor");
  expect(members).toHaveProperty("interval");
  expect(members).toHaveProperty("roi");
});

it("GIVEN bad parameters or an unknown analysis THEN 400 or 404 with the error shape, never 5xx", async () => {
  const token = sandbox.emulator.sessionToken(SHOP);
  const bad = await get("/app/insights/trends.json?from=2026-13-01", token);
  expect(bad.status).toBe(400);
  expect(((await bad.json()) as { error: { code: string } }).error.code).toBe("invalid_request");
  expect((await get("/app/insights/trends.json?from=2026-05-02&to=2026-05-01", token)).status).toBe(400);
  expect((await get("/app/insights/trends.json?bogus=1", token)).status).toBe(400);
  expect((await get("/app/insights/nope.json", token)).status).toBe(404);
});
