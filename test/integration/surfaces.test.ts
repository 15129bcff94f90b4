// Customer accounts, thank-you / order status and POS reach Loyalist with Shopify's session tokens: verified by the
// library's production path (wrong secret, expired, another shop: 401 and no data; a POS user without the app's
// permission: 403), answered from the same services as the app proxy, and a POS redemption is a code that works
// online and cancels once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  memberResponseSchema,
  orderPointsResponseSchema,
  posCustomerLookupSchema,
  posCustomerResponseSchema,
  redemptionsResponseSchema,
} from "~/members/contract";
import { startSandbox, BROWSER_USER_AGENT, type Sandbox } from "../support/sandbox";
import { TEST_API_KEY, TEST_API_SECRET } from "../support/app-server";
import { aMember, aReward, anOrder } from "../support/factories";
import { extensionToken, type ExtensionTokenInput } from "../support/ui-extension-host/tokens";

const SHOP = "surfaces-test.myshopify.com";
const OTHER_SHOP = "surfaces-other.myshopify.com";
const NOT_INSTALLED = "surfaces-never.myshopify.com";

let sandbox: Sandbox;
let rewardId: string;

type TokenSpec = Partial<Omit<ExtensionTokenInput, "surface" | "subject">> & { subject: string | number | null };

function token(surface: ExtensionTokenInput["surface"], spec: TokenSpec) {
  return extensionToken({ surface, shop: SHOP, apiKey: TEST_API_KEY, secret: TEST_API_SECRET, ...spec });
}

function call(path: string, bearer: string | null, init: { method?: string; body?: unknown } = {}) {
  return fetch(`${sandbox.app.url}${path}`, {
    method: init.method ?? "GET",
    headers: {
      "User-Agent": BROWSER_USER_AGENT,
      Origin: "https://extensions.shopifycdn.com",
      ...(bearer ? { Authorization: `Bearer ${bearer}` } : {}),
      ...(init.body ? { "Content-Type": "application/json" } : {}),
    },
    body: init.body ? JSON.stringify(init.body) : undefined,
  });
}

async function ledgerOf(customerId: string) {
  const { rows } = await sandbox.db.query<{ balance: number; sum: string }>(
    `SELECT m.balance, COALESCE(SUM(e.points), 0) AS sum FROM "Member" m LEFT JOIN "LedgerEntry" e ON e."memberId" = m.id
     WHERE m."shopDomain" = $1 AND m."customerId" = $2 GROUP BY m.id`,
    [SHOP, customerId],
  );
  return { balance: rows[0].balance, sum: Number(rows[0].sum) };
}

beforeAll(async () => {
  sandbox = await startSandbox({ env: { PROXY_RATE_LIMIT_BURST: "100000", PROXY_RATE_LIMIT_PER_SECOND: "10000" } });
  await sandbox.install(SHOP);
  await sandbox.install(OTHER_SHOP);
  for (const shop of [SHOP, OTHER_SHOP]) {
    expect((await sandbox.saveProgram(shop, { enabled: "on", pointsPerUnit: "1", awardOn: "paid", pendingDays: "0" })).status).toBe(200);
  }
  rewardId = await aReward(sandbox, SHOP, { kind: "amount_off", config: { valueMinor: 500 }, pointsCost: 100 });
}, 120_000);

afterAll(async () => {
  await sandbox?.stop();
});

describe("customer-account session tokens", () => {
  it("GIVEN a signed-in member WHEN the extension calls with its token THEN it gets the same member view as the app proxy, with CORS", async () => {
    const member = await aMember(sandbox, SHOP, { balance: 240 });

    const answer = await call("/api/customer-account/member?locale=fi", token("customer-account", { subject: member.customerId }));

    expect(answer.status).toBe(200);
    expect(answer.headers.get("access-control-allow-origin")).toBe("*");
    const body = memberResponseSchema.parse(await answer.json());
    const proxied = memberResponseSchema.parse(await (await sandbox.proxy(SHOP, "member", member.customerId, { query: { locale: "fi" } })).json());
    expect(body).toEqual(proxied);
    expect(body.balance).toBe(240);
  });

  it("GIVEN a preflight WHEN the browser asks THEN it is allowed with the Authorization header", async () => {
    const answer = await call("/api/customer-account/member", null, { method: "OPTIONS" });
    expect(answer.status).toBe(204);
    expect(answer.headers.get("access-control-allow-headers")).toContain("Authorization");
  });

  it.each([
    ["signed with another secret", (id: string) => token("customer-account", { subject: id, secret: "not-the-app-secret" })],
    ["expired", (id: string) => token("customer-account", { subject: id, now: new Date(Date.now() - 10 * 60_000), ttlSeconds: 60 })],
    ["for a shop without Loyalist", (id: string) => token("customer-account", { subject: id, shop: NOT_INSTALLED })],
    ["not a token", () => "nonsense"],
  ])("GIVEN a token %s WHEN it is used THEN 401 with no data", async (_name, make) => {
    const member = await aMember(sandbox, SHOP, { balance: 50 });

    const answer = await call(`/api/customer-account/member`, make(member.customerId));

    expect(answer.status).toBe(401);
    expect(answer.headers.get("access-control-allow-origin")).toBe("*");
    const body = await answer.json();
    expect(body.error.code).toBe("unauthenticated");
    expect(JSON.stringify(body)).not.toContain('"balance"');
  });

  it("GIVEN no token WHEN the member is asked for THEN 401", async () => {
    const answer = await call("/api/customer-account/member", null);
    expect(answer.status).toBe(401);
    expect((await answer.json()).error.code).toBe("unauthenticated");
  });

  it("GIVEN a member of one shop WHEN a valid token of another installed shop names the same customer id THEN it sees nothing of the first shop", async () => {
    const member = await aMember(sandbox, SHOP, { balance: 300 });

    const answer = await call("/api/customer-account/member", token("customer-account", { subject: member.customerId, shop: OTHER_SHOP }));

    const body = memberResponseSchema.parse(await answer.json());
    expect(body.member).toBe(false);
    expect(body.balance).toBe(0);
  });

  it("GIVEN a member's order WHEN the order-status and thank-you blocks ask THEN they get its points, the balance and the nearest reward; another customer gets nothing", async () => {
    const member = await aMember(sandbox, SHOP, { balance: 40 });
    const { order } = await anOrder(sandbox, SHOP, { customer: member.customer, price: "25.00" });

    const status = await call(
      `/api/customer-account/orders/${encodeURIComponent(`gid://shopify/Order/${order.id}`)}`,
      token("customer-account", { subject: member.customerId }),
    );
    const thankYou = await call(
      `/api/checkout/orders/${encodeURIComponent(`gid://shopify/OrderIdentity/${order.id}`)}?locale=ar`,
      token("checkout", { subject: member.customerId }),
    );
    const stranger = await aMember(sandbox, SHOP, { balance: 10 });
    const other = await call(`/api/customer-account/orders/${order.id}`, token("customer-account", { subject: stranger.customerId }));

    const body = orderPointsResponseSchema.parse(await status.json());
    // A shop without tiers: no tier line (tier null), as the member view has none.
    expect(body).toMatchObject({
      recorded: true,
      member: true,
      points: 25,
      balance: 65,
      nextReward: { rewardId, pointsCost: 100, pointsNeeded: 35 },
      tier: null,
    });
    expect(orderPointsResponseSchema.parse(await thankYou.json())).toEqual(body);
    expect(orderPointsResponseSchema.parse(await other.json())).toMatchObject({ recorded: false, points: 0, balance: 10 });
  });
});

describe("POS session tokens and staff", () => {
  it("GIVEN a POS user without Loyalist's permission (no user in the token) WHEN POS asks for a customer THEN 403 with no data", async () => {
    const member = await aMember(sandbox, SHOP, { balance: 120 });

    const answer = await call(`/api/pos/customers/${member.customerId}`, token("pos", { subject: null }));

    expect(answer.status).toBe(403);
    const body = await answer.json();
    expect(body.error.code).toBe("staff_not_permitted");
    expect(JSON.stringify(body)).not.toContain("120");
  });

  it.each([
    ["signed with another secret", { secret: "wrong" }],
    ["expired", { now: new Date(Date.now() - 10 * 60_000), ttlSeconds: 60 }],
    ["for a shop without Loyalist", { shop: NOT_INSTALLED }],
  ])("GIVEN a POS token %s WHEN it is used THEN 401 with no data", async (_name, spec) => {
    const member = await aMember(sandbox, SHOP, { balance: 130 });
    const answer = await call(`/api/pos/customers/${member.customerId}`, token("pos", { subject: 7, ...spec }));
    expect(answer.status).toBe(401);
    expect(JSON.stringify(await answer.json())).not.toContain("130");
  });

  it("GIVEN a permitted staff user WHEN they open a customer THEN they see points, rewards and codes", async () => {
    const member = await aMember(sandbox, SHOP, { balance: 150 });
    const answer = await call(`/api/pos/customers/${member.customerId}`, token("pos", { subject: 7 }));
    expect(answer.status).toBe(200);
    const body = posCustomerResponseSchema.parse(await answer.json());
    expect(body.member.balance).toBe(150);
    expect(body.rewards.find((r) => r.id === rewardId)).toMatchObject({ affordable: true, available: true });
    expect(body.nextReward).toMatchObject({ rewardId, pointsNeeded: 0 });
  });

  it("GIVEN a POS redemption WHEN its code is used in an online order THEN the order takes it and the redemption is used", async () => {
    const member = await aMember(sandbox, SHOP, { balance: 200 });
    const staff = token("pos", { subject: 7 });

    const redeemed = await call(`/api/pos/customers/${member.customerId}/redeem`, staff, {
      method: "POST",
      body: { rewardId, idempotencyKey: "pos-online-1" },
    });

    expect(redeemed.status).toBe(201);
    const { code, redemptionId, balance } = await redeemed.json();
    expect(balance).toBe(100);
    const discount = sandbox.emulator.store.discountCodes(SHOP).find((d) => d.code === code);
    expect(discount?.customerIds).toEqual([Number(member.customerId)]);
    await anOrder(sandbox, SHOP, { customer: member.customer, price: "30.00", discountCodes: [code] });
    const codes = redemptionsResponseSchema.parse(
      await (await call("/api/customer-account/redemptions", token("customer-account", { subject: member.customerId }))).json(),
    );
    expect(codes.find((c) => c.id === redemptionId)?.status).toBe("used");
  });

  it("GIVEN a POS redemption WHEN staff cancel it twice THEN the code is gone and the points come back once", async () => {
    const member = await aMember(sandbox, SHOP, { balance: 200 });
    const staff = token("pos", { subject: 7 });
    const { code, redemptionId } = await (
      await call(`/api/pos/customers/${member.customerId}/redeem`, staff, { method: "POST", body: { rewardId, idempotencyKey: "pos-cancel-1" } })
    ).json();

    const first = await call(`/api/pos/customers/${member.customerId}/redemptions/${redemptionId}/cancel`, staff, { method: "POST" });
    const second = await call(`/api/pos/customers/${member.customerId}/redemptions/${redemptionId}/cancel`, staff, { method: "POST" });

    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ pointsReturned: 100, balance: 200, redemption: { status: "cancelled" } });
    expect(await second.json()).toMatchObject({ pointsReturned: 0, balance: 200 });
    expect(sandbox.emulator.store.discountCodes(SHOP).some((d) => d.code === code)).toBe(false);
    expect(await ledgerOf(member.customerId)).toEqual({ balance: 200, sum: 200 });
  });

  it("GIVEN a permitted staff user WHEN they adjust a balance with a reason THEN it posts once, as them, in the ledger and the activity log", async () => {
    const member = await aMember(sandbox, SHOP, { balance: 20 });
    const staff = token("pos", { subject: 7 });
    const form = { direction: "add", points: 15, reason: "service_recovery", submissionId: "pos-adjust-0001" };

    const first = await call(`/api/pos/customers/${member.customerId}/adjustments`, staff, { method: "POST", body: form });
    const again = await call(`/api/pos/customers/${member.customerId}/adjustments`, staff, { method: "POST", body: form });
    const tooMuch = await call(`/api/pos/customers/${member.customerId}/adjustments`, staff, {
      method: "POST",
      body: { ...form, direction: "remove", points: 500, submissionId: "pos-adjust-0002" },
    });

    expect(first.status).toBe(201);
    expect(await first.json()).toMatchObject({ balance: 35, duplicate: false });
    expect(await again.json()).toMatchObject({ balance: 35, duplicate: true });
    expect(tooMuch.status).toBe(422);
    expect((await tooMuch.json()).error.code).toBe("insufficient_points");
    const { rows } = await sandbox.db.query<{ actor: string; reason: string }>(
      `SELECT actor, reason FROM "LedgerEntry" WHERE "memberId" = $1 AND reason = 'service_recovery'`,
      [member.memberId],
    );
    expect(rows).toEqual([{ actor: "POS staff (staff 7)", reason: "service_recovery" }]);
    const audit = await sandbox.db.query(`SELECT 1 FROM "AuditEvent" WHERE "subjectId" = $1 AND actor = 'POS staff (staff 7)'`, [member.memberId]);
    expect(audit.rowCount).toBe(1);
    expect(await ledgerOf(member.customerId)).toEqual({ balance: 35, sum: 35 });
  });

  it("GIVEN a cart without a customer WHEN staff look a customer up by email THEN they get that customer of their shop, or null", async () => {
    const member = await aMember(sandbox, SHOP, { balance: 5 });
    const staff = token("pos", { subject: 7 });

    const found = await call(`/api/pos/customers?email=${encodeURIComponent(member.email.toUpperCase())}`, staff);
    const missing = await call(`/api/pos/customers?email=nobody%40example.com`, staff);
    const elsewhere = await call(`/api/pos/customers?email=${encodeURIComponent(member.email)}`, token("pos", { subject: 7, shop: OTHER_SHOP }));
    const invalid = await call(`/api/pos/customers?email=not-an-email`, staff);

    expect(posCustomerLookupSchema.parse(await found.json()).customer).toMatchObject({ customerId: member.customerId, email: member.email });
    expect(await missing.json()).toEqual({ customer: null });
    expect(await elsewhere.json()).toEqual({ customer: null });
    expect(invalid.status).toBe(400);
  });

  it("GIVEN a cart without a customer WHEN staff create one THEN Shopify has the customer, the lookup finds them, and a second create is refused", async () => {
    const staff = token("pos", { subject: 7 });
    const email = `counter-${Date.now()}@example.com`;
    const created = await call(`/api/pos/customers`, staff, { method: "POST", body: { firstName: "Aino", lastName: "Virtanen", email } });
    expect(created.status).toBe(201);
    const customer = posCustomerLookupSchema.parse(await created.json()).customer;
    expect(customer).toMatchObject({ email });

    const found = await call(`/api/pos/customers?email=${encodeURIComponent(email)}`, staff);
    expect(posCustomerLookupSchema.parse(await found.json()).customer).toMatchObject({ customerId: customer?.customerId, email });

    const again = await call(`/api/pos/customers`, staff, { method: "POST", body: { firstName: "Aino", email } });
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ error: { code: "customer_exists" } });

    const phoneOnly = await call(`/api/pos/customers`, staff, { method: "POST", body: { firstName: "Sami", phone: "+358 40 123 4567" } });
    expect(phoneOnly.status).toBe(201);
    expect(posCustomerLookupSchema.parse(await phoneOnly.json()).customer).toMatchObject({ phone: "+358401234567" });
  });

  it("GIVEN a create without email or phone, a forged token or staff without permission THEN nothing is created", async () => {
    const body = { firstName: "Nobody" };
    const noContact = await call(`/api/pos/customers`, token("pos", { subject: 7 }), { method: "POST", body });
    const forged = await call(`/api/pos/customers`, token("pos", { subject: 7, secret: "wrong" } as TokenSpec), {
      method: "POST",
      body: { ...body, email: "forged@example.com" },
    });
    const noStaff = await call(`/api/pos/customers`, token("pos", { subject: null }), { method: "POST", body: { ...body, email: "nostaff@example.com" } });
    expect(noContact.status).toBe(400);
    expect(forged.status).toBe(401);
    expect(noStaff.status).toBe(403);
    for (const email of ["forged@example.com", "nostaff@example.com"]) {
      const lookup = await call(`/api/pos/customers?email=${encodeURIComponent(email)}`, token("pos", { subject: 7 }));
      expect(await lookup.json()).toEqual({ customer: null });
    }
  });

  it("GIVEN a POS order at a store location using a POS-redeemed code WHEN it is paid THEN it earns like an online order, keeps its location and uses the code", async () => {
    const member = await aMember(sandbox, SHOP, { balance: 100 });
    const { code, redemptionId } = await (
      await call(`/api/pos/customers/${member.customerId}/redeem`, token("pos", { subject: 7 }), {
        method: "POST",
        body: { rewardId, idempotencyKey: "pos-in-store-1" },
      })
    ).json();
    const product = sandbox.emulator.store.addProduct(SHOP, { title: "Counter item", variants: [{ price: "40.00" }] });

    const place = async (sourceName: string, discountCodes: string[], locationId: number | null) =>
      (
        await sandbox.emulator.orders.place(SHOP, {
          customer: { id: member.customer.id },
          lines: [{ productId: product.id, variantId: product.variants[0].id, quantity: 1, price: "40.00" }],
          discountCodes,
          sourceName,
          locationId,
        })
      ).order;
    const order = await place("pos", [code], 4242);
    const online = await place("web", [], null);
    await sandbox.settle();

    const pointsOf = async (id: number | string) =>
      orderPointsResponseSchema.parse(
        await (await call(`/api/customer-account/orders/${id}`, token("customer-account", { subject: member.customerId }))).json(),
      );
    const points = await pointsOf(order.id);
    expect(points.recorded).toBe(true);
    expect(points.points).toBeGreaterThan(0);
    expect(points.points).toBe((await pointsOf(online.id)).points);
    const { rows } = await sandbox.db.query<{ locationId: string }>(`SELECT "locationId" FROM "OrderRecord" WHERE "shopDomain" = $1 AND "orderId" = $2`, [
      SHOP,
      String(order.id),
    ]);
    expect(rows).toEqual([{ locationId: "4242" }]);
    const codes = redemptionsResponseSchema.parse(
      await (await call("/api/customer-account/redemptions", token("customer-account", { subject: member.customerId }))).json(),
    );
    expect(codes.find((c) => c.id === redemptionId)?.status).toBe("used");
  });

  it("GIVEN a body that is not the form WHEN posted THEN 400 and nothing is written", async () => {
    const member = await aMember(sandbox, SHOP, { balance: 20 });
    const answer = await call(`/api/pos/customers/${member.customerId}/redeem`, token("pos", { subject: 7 }), { method: "POST", body: { rewardId, extra: 1 } });
    expect(answer.status).toBe(400);
    expect((await answer.json()).error.code).toBe("invalid_request");
    expect(await ledgerOf(member.customerId)).toEqual({ balance: 20, sum: 20 });
  });
});
