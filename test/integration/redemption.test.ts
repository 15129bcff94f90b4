// Rewards "Must show": points become real, customer-restricted Shopify codes (and store credit, donations) exactly
// once, through the app proxy on real PostgreSQL, under concurrency and Shopify failures.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { RewardKind } from "~/rewards/rewards";
import { startSandbox, type Sandbox } from "../support/sandbox";
import { aDonationCause, aMember, aReward as createReward, type RewardSpec } from "../support/factories";

const SHOP = "redemption-test.myshopify.com";

let sandbox: Sandbox;
let productId: number;
let variantId: number;
let collectionId: number;

type RedeemBody = {
  redemptionId: string;
  code: string | null;
  points: number;
  balance: number;
  status: string;
  expiresAt: string | null;
  reward: { id: string; kind: string };
};

/** A member holding exactly `points` (the factory: a first order, then a staff correction). */
async function aMemberWith(points: number) {
  return (await aMember(sandbox, SHOP, { balance: points, firstName: "Ada", lastName: "Byron" })).customer;
}

/** A reward saved through the admin's reward form (100 points unless said otherwise). */
function aReward(kind: RewardKind, config: Record<string, unknown>, extra: Omit<RewardSpec, "kind" | "config"> = {}) {
  return createReward(sandbox, SHOP, { kind, config, ...extra });
}

function redeem(customerId: number | null, body: unknown) {
  return sandbox.proxy(SHOP, "redeem", customerId, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
}

async function ledger(customerId: number) {
  const { rows } = await sandbox.db.query<{ balance: number; sum: string; kinds: string[] }>(
    `SELECT m.balance, COALESCE(SUM(e.points), 0) AS sum, array_agg(e.kind ORDER BY e."createdAt") AS kinds
     FROM "Member" m LEFT JOIN "LedgerEntry" e ON e."memberId" = m.id
     WHERE m."shopDomain" = $1 AND m."customerId" = $2 GROUP BY m.id`,
    [SHOP, String(customerId)],
  );
  return { balance: rows[0].balance, sum: Number(rows[0].sum), kinds: rows[0].kinds };
}

const codesFor = (customerId: number) => sandbox.emulator.store.discountCodes(SHOP).filter((d) => d.customerIds?.includes(customerId));

beforeAll(async () => {
  sandbox = await startSandbox({ env: { PROXY_RATE_LIMIT_BURST: "100000", PROXY_RATE_LIMIT_PER_SECOND: "10000", REDEMPTION_RETRY_SECONDS: "2" } });
  await sandbox.install(SHOP);
  const saved = await sandbox.saveProgram(SHOP, { enabled: "on", pointsPerUnit: "1", awardOn: "paid", pendingDays: "0" });
  expect(saved.status).toBe(200);
  const product = sandbox.emulator.store.addProduct(SHOP, { title: "Tea", variants: [{ price: "20.00" }] });
  productId = product.id as number;
  variantId = product.variants[0].id as number;
  collectionId = sandbox.emulator.store.addCollection(SHOP, { title: "Teas", productIds: [productId] }).id;
});

afterEach(() => sandbox.emulator.faults.clear());

afterAll(async () => {
  await sandbox?.stop();
});

describe("redeeming under concurrency", () => {
  it("GIVEN points for 7 rewards WHEN 50 redeems race THEN exactly 7 codes, balance never below zero and equal to the ledger", async () => {
    const customer = await aMemberWith(750);
    const rewardId = await aReward("amount_off", { valueMinor: 500 }, { pointsCost: 100 });

    const responses = await Promise.all(Array.from({ length: 50 }, () => redeem(customer.id, { rewardId })));
    const statuses = responses.map((r) => r.status);
    const bodies = await Promise.all(responses.map((r) => r.json()));

    expect(statuses.filter((s) => s === 201)).toHaveLength(7);
    expect(statuses.filter((s) => s === 422)).toHaveLength(43);
    expect(bodies.filter((b) => b.error).every((b) => b.error.code === "insufficient_points")).toBe(true);
    const codes = bodies.filter((b) => !b.error).map((b: RedeemBody) => b.code);
    expect(new Set(codes).size).toBe(7);
    expect(codes.every((c) => /^LOYAL-[0-9A-HJKMNP-TV-Z]{12}$/.test(String(c)))).toBe(true);
    expect(responses.every((r) => r.headers.get("cache-control") === "private, no-store")).toBe(true);

    const book = await ledger(customer.id);
    expect(book.balance).toBe(50);
    expect(book.sum).toBe(book.balance);
    const inShopify = codesFor(customer.id);
    expect(inShopify.map((d) => d.code).sort()).toEqual([...codes].sort());
    for (const d of inShopify) {
      expect(d.customerIds).toEqual([customer.id]);
      expect(d.input).toMatchObject({
        usageLimit: 1,
        appliesOncePerCustomer: true,
        context: { customers: { add: [`gid://shopify/Customer/${customer.id}`] } },
      });
      expect(d.endsAt).not.toBeNull();
    }
  });
});

describe("Shopify failures during discountCodeBasicCreate", () => {
  const faults = [
    { kind: "http500" as const },
    { kind: "http503" as const },
    { kind: "throttled" as const },
    { kind: "timeout" as const, holdMs: 300 },
    { kind: "network" as const },
    { kind: "http500" as const, afterApply: true },
    { kind: "timeout" as const, holdMs: 300, afterApply: true },
    { kind: "network" as const, afterApply: true },
  ];

  it.each(faults.map((f) => [`${f.kind}${f.afterApply ? " after applying" : ""}`, f]))(
    "GIVEN a %s WHEN redeeming THEN one code is issued and exactly the reward's points are spent",
    async (_label, fault) => {
      const customer = await aMemberWith(300);
      const rewardId = await aReward("amount_off", { valueMinor: 500 }, { pointsCost: 100 });
      sandbox.emulator.faults.inject({ operation: "discountCodeBasicCreate", shop: SHOP, times: 2, ...fault });

      const response = await redeem(customer.id, { rewardId });
      const body = (await response.json()) as RedeemBody;

      expect(response.status).toBe(201);
      expect(body.status).toBe("issued");
      expect(codesFor(customer.id).map((d) => d.code)).toEqual([body.code]);
      const book = await ledger(customer.id);
      expect(book.balance).toBe(200);
      expect(book.sum).toBe(200);
    },
  );

  it("GIVEN Shopify keeps failing WHEN redeeming THEN no code exists and the points come back exactly once", async () => {
    const customer = await aMemberWith(300);
    const rewardId = await aReward("amount_off", { valueMinor: 500 }, { pointsCost: 100 });
    sandbox.emulator.faults.inject({ operation: "discountCodeBasicCreate", shop: SHOP, kind: "http500", times: Infinity });

    const response = await redeem(customer.id, { rewardId });

    expect(response.status).toBe(502);
    expect((await response.json()).error.code).toBe("reward_failed");
    expect(codesFor(customer.id)).toEqual([]);
    const book = await ledger(customer.id);
    expect(book.balance).toBe(300);
    expect(book.sum).toBe(300);
    expect(book.kinds.filter((k) => k === "redeem_refund")).toHaveLength(1);
  });

  it("GIVEN Shopify refuses the input (userErrors) WHEN redeeming THEN it fails at once and the points come back", async () => {
    const customer = await aMemberWith(300);
    const rewardId = await aReward("percent_off", { percent: 10, collectionId: "gid://shopify/Collection/999999" }, { pointsCost: 100 });

    const response = await redeem(customer.id, { rewardId });

    expect(response.status).toBe(502);
    expect((await ledger(customer.id)).balance).toBe(300);
  });

  it("GIVEN Shopify is unreachable for a while WHEN redeeming THEN the reservation waits and the recovery job issues one code", async () => {
    const customer = await aMemberWith(300);
    const rewardId = await aReward("amount_off", { valueMinor: 500 }, { pointsCost: 100 });
    sandbox.emulator.faults.inject({ shop: SHOP, kind: "http503", times: Infinity });

    const response = await redeem(customer.id, { rewardId });
    const body = (await response.json()) as RedeemBody;
    expect(response.status).toBe(202);
    expect(body.status).toBe("reserved");
    expect(body.code).toBeNull();
    expect((await ledger(customer.id)).balance).toBe(200);

    sandbox.emulator.faults.clear();
    const deadline = Date.now() + 30_000;
    let mine: { id: string; status: string; code: string | null }[] = [];
    while (Date.now() < deadline) {
      mine = await (await sandbox.proxy(SHOP, "redemptions", customer.id)).json();
      if (mine[0]?.status === "issued") break;
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(mine[0]).toMatchObject({ id: body.redemptionId, status: "issued" });
    expect(codesFor(customer.id).map((d) => d.code)).toEqual([mine[0].code]);
    expect((await ledger(customer.id)).sum).toBe(200);
  });
});

describe("a redemption's life", () => {
  it("GIVEN an issued code WHEN an order uses it THEN the redemption is marked used", async () => {
    const customer = await aMemberWith(300);
    const rewardId = await aReward("amount_off", { valueMinor: 500 }, { pointsCost: 100 });
    const { code } = (await (await redeem(customer.id, { rewardId })).json()) as RedeemBody;

    await sandbox.emulator.orders.place(SHOP, {
      customer: { id: customer.id },
      lines: [{ productId, variantId, quantity: 1, price: "20.00" }],
      discountCodes: [String(code)],
    });
    await sandbox.settle();

    const mine = await (await sandbox.proxy(SHOP, "redemptions", customer.id)).json();
    expect(mine[0]).toMatchObject({ code, status: "used", cancellable: false });
    const cancel = await sandbox.proxy(SHOP, `redemptions/${mine[0].id}/cancel`, customer.id, { method: "POST" });
    expect(cancel.status).toBe(409);
    expect((await cancel.json()).error.code).toBe("already_used");
  });

  it("GIVEN an unused code WHEN the shopper cancels twice at once THEN the code is deleted and the points return once", async () => {
    const customer = await aMemberWith(300);
    const rewardId = await aReward("amount_off", { valueMinor: 500 }, { pointsCost: 100 });
    const { redemptionId } = (await (await redeem(customer.id, { rewardId })).json()) as RedeemBody;
    expect((await ledger(customer.id)).balance).toBe(200);

    const cancels = await Promise.all([1, 2].map(() => sandbox.proxy(SHOP, `redemptions/${redemptionId}/cancel`, customer.id, { method: "POST" })));
    const bodies = await Promise.all(cancels.map((r) => r.json()));

    expect(cancels.map((r) => r.status)).toEqual([200, 200]);
    expect(bodies.map((b) => b.pointsReturned).sort()).toEqual([0, 100]);
    expect(bodies.every((b) => b.redemption.status === "cancelled")).toBe(true);
    expect(codesFor(customer.id)).toEqual([]);
    const book = await ledger(customer.id);
    expect(book.balance).toBe(300);
    expect(book.sum).toBe(300);
    expect(book.kinds.filter((k) => k === "redeem_refund")).toHaveLength(1);
  });

  it("GIVEN a per-customer limit WHEN it is reached THEN 409 limit_reached, and cancelled ones do not count", async () => {
    const customer = await aMemberWith(500);
    const rewardId = await aReward("free_shipping", {}, { pointsCost: 100, perCustomerLimit: 1 });
    const first = (await (await redeem(customer.id, { rewardId })).json()) as RedeemBody;
    const second = await redeem(customer.id, { rewardId });
    expect(second.status).toBe(409);
    expect((await second.json()).error.code).toBe("limit_reached");
    await sandbox.proxy(SHOP, `redemptions/${first.redemptionId}/cancel`, customer.id, { method: "POST" });
    expect((await redeem(customer.id, { rewardId })).status).toBe(201);
  });
});

describe("every reward kind, end to end", () => {
  it("issues each kind in Shopify restricted to the shopper (codes), as store credit, or as a donation", async () => {
    const customer = await aMemberWith(5000);
    const gid = `gid://shopify/Customer/${customer.id}`;
    const causeId = await aDonationCause(sandbox, SHOP, { name: "Trees", matchPercent: 50 });
    const rewards = {
      amount_off: await aReward("amount_off", { valueMinor: 500, minimumSubtotalMinor: 2500 }),
      percent_off: await aReward("percent_off", { percent: 15, collectionId: `gid://shopify/Collection/${collectionId}` }),
      free_shipping: await aReward("free_shipping", { countries: ["US", "CA"], maxShippingRateMinor: 1500 }),
      free_product: await aReward("free_product", { variantId: `gid://shopify/ProductVariant/${variantId}`, valueMinor: 2000 }),
      points_for_amount: await aReward("points_for_amount", { stepPoints: 100, stepValueMinor: 100, maxSteps: 10 }),
      store_credit: await aReward("store_credit", { valueMinor: 700 }),
      donation: await aReward("donation", { valueMinor: 300, causeIds: [causeId] }),
    };

    const results: Record<string, RedeemBody> = {};
    for (const [kind, rewardId] of Object.entries(rewards)) {
      const body = kind === "points_for_amount" ? { rewardId, points: 300 } : kind === "donation" ? { rewardId, causeId } : { rewardId };
      const response = await redeem(customer.id, body);
      results[kind] = (await response.json()) as RedeemBody;
      expect(response.status, `${kind}: ${JSON.stringify(results[kind])}`).toBe(201);
      expect(results[kind].status).toBe("issued");
    }

    const byCode = new Map(codesFor(customer.id).map((d) => [d.code, d]));
    expect(byCode.size).toBe(5);
    const restricted = { context: { customers: { add: [gid] } }, usageLimit: 1, appliesOncePerCustomer: true };
    expect(byCode.get(results.amount_off.code!)?.input).toMatchObject({
      ...restricted,
      customerGets: { items: { all: true }, value: { discountAmount: { amount: "5.00" } } },
      minimumRequirement: { subtotal: { greaterThanOrEqualToSubtotal: "25.00" } },
      combinesWith: { orderDiscounts: false, productDiscounts: true, shippingDiscounts: true },
    });
    expect(byCode.get(results.percent_off.code!)?.input).toMatchObject({
      ...restricted,
      customerGets: { items: { collections: { add: [`gid://shopify/Collection/${collectionId}`] } }, value: { percentage: 0.15 } },
    });
    expect(byCode.get(results.free_shipping.code!)).toMatchObject({
      kind: "freeShipping",
      input: { ...restricted, destination: { countries: { add: ["US", "CA"] } }, maximumShippingPrice: "15.00" },
    });
    expect(byCode.get(results.free_product.code!)?.input).toMatchObject({
      ...restricted,
      customerGets: {
        items: { products: { productVariantsToAdd: [`gid://shopify/ProductVariant/${variantId}`] } },
        value: { discountAmount: { amount: "20.00" } },
      },
    });
    expect(results.points_for_amount.points).toBe(300);
    expect(byCode.get(results.points_for_amount.code!)?.input).toMatchObject({
      ...restricted,
      customerGets: { value: { discountAmount: { amount: "3.00" } } },
    });

    const credit = sandbox.emulator.store.storeCreditAccounts(SHOP).find((a) => a.customerId === customer.id);
    expect(credit?.balance).toBe("7.00");
    expect(credit?.transactions).toHaveLength(1);
    expect(results.store_credit.code).toBeNull();
    expect(results.donation.code).toBeNull();

    const mine = await (await sandbox.proxy(SHOP, "redemptions", customer.id)).json();
    expect(mine.find((r: { id: string }) => r.id === results.donation.redemptionId)).toMatchObject({
      kind: "donation",
      status: "issued",
      valueMinor: 300,
      cause: { id: causeId, name: "Trees" },
    });
    const book = await ledger(customer.id);
    expect(book.balance).toBe(5000 - 100 * 6 - 300);
    expect(book.sum).toBe(book.balance);
  });

  it("GIVEN a lost answer to a store credit WHEN retried THEN the customer is credited once", async () => {
    const customer = await aMemberWith(300);
    const rewardId = await aReward("store_credit", { valueMinor: 400 });
    sandbox.emulator.faults.inject({ operation: "storeCreditAccountCredit", shop: SHOP, kind: "http500", afterApply: true });

    const response = await redeem(customer.id, { rewardId });

    expect(response.status).toBe(201);
    const account = sandbox.emulator.store.storeCreditAccounts(SHOP).find((a) => a.customerId === customer.id);
    expect(account?.transactions).toHaveLength(1);
    expect(account?.balance).toBe("4.00");
  });
});

describe("storefront answers", () => {
  it("lists rewards with affordability and refuses bad requests with precise 4xx codes", async () => {
    const customer = await aMemberWith(150);
    const rewardId = await aReward("amount_off", { valueMinor: 500 }, { pointsCost: 100, name: "Five off" });
    const expensive = await aReward("amount_off", { valueMinor: 5000 }, { pointsCost: 1000 });

    const list = await sandbox.proxy(SHOP, "rewards", customer.id);
    expect(list.headers.get("cache-control")).toBe("private, no-store");
    const rewards = (await list.json()) as { id: string; name: string; kind: string; pointsCost: number; affordable: boolean }[];
    expect(rewards.find((r) => r.id === rewardId)).toMatchObject({ name: "Five off", kind: "amount_off", pointsCost: 100, affordable: true });
    expect(rewards.find((r) => r.id === expensive)).toMatchObject({ affordable: false });

    const expectError = async (response: Promise<Response>, status: number, code: string) => {
      const r = await response;
      expect(r.status).toBe(status);
      expect((await r.json()).error.code).toBe(code);
    };
    await expectError(redeem(null, { rewardId }), 401, "not_signed_in");
    await expectError(redeem(customer.id, { nope: true }), 400, "invalid_request");
    await expectError(sandbox.proxy(SHOP, "redeem", customer.id, { method: "POST", body: "{not json" }), 400, "invalid_request");
    await expectError(redeem(customer.id, { rewardId: "does-not-exist" }), 404, "reward_not_found");
    await expectError(redeem(customer.id, { rewardId: expensive }), 422, "insufficient_points");
    await expectError(sandbox.proxy(SHOP, "redemptions", null), 401, "not_signed_in");
    await expectError(sandbox.proxy(SHOP, "redemptions/nope/cancel", customer.id, { method: "POST" }), 404, "not_found");
  });
});
