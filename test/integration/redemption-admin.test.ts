// Rewards in the admin: the catalogue form validates on the server, redemptions show status and code, staff return
// a used code's points once, and donations are owed per cause with the merchant's match until marked paid.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSandbox, type Sandbox } from "../support/sandbox";
import { adminGet, adminPost, aMemberWithPoints } from "../support/admin";
import { aDonationCause, aReward, rewardForm, type RewardSpec } from "../support/factories";

const SHOP = "rewards-admin.myshopify.com";
let sandbox: Sandbox;

const FIVE_OFF: RewardSpec = {
  kind: "amount_off",
  name: "Five off",
  description: "5.00 off your next order",
  pointsCost: 500,
  config: { valueMinor: 500, returnPointsOnExpiry: true },
};

function redeem(customerId: string, body: unknown) {
  return sandbox.proxy(SHOP, "redeem", customerId, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
}

beforeAll(async () => {
  sandbox = await startSandbox({ env: { PROXY_RATE_LIMIT_BURST: "1000" } });
  await sandbox.install(SHOP);
  expect((await sandbox.saveProgram(SHOP, { enabled: "on", pointsPerUnit: "1", awardOn: "paid", pendingDays: "0" })).status).toBe(200);
});

afterAll(async () => {
  await sandbox?.stop();
});

describe("reward catalogue", () => {
  it("GIVEN an invalid form THEN 422 with the fields in error and nothing saved; GIVEN a valid one THEN it is listed and redeemable", async () => {
    const invalid = rewardForm(FIVE_OFF);
    invalid.set("name", "");
    invalid.set("config.valueMinor", "five");
    const bad = await adminPost(sandbox, { shop: SHOP, path: "/app/rewards/new", routeId: "app.rewards.$id" }, invalid);
    expect(bad.status).toBe(422);
    const { fieldErrors } = await bad.json();
    expect(Object.keys(fieldErrors)).toEqual(expect.arrayContaining(["name", "config.valueMinor"]));

    const good = await adminPost(sandbox, { shop: SHOP, path: "/app/rewards/new", routeId: "app.rewards.$id" }, rewardForm(FIVE_OFF));
    expect(good.status).toBe(204);
    expect(good.headers.get("x-remix-redirect")).toBe("/app/rewards");

    const list = await (await adminGet(sandbox, { shop: SHOP, path: "/app/rewards", routeId: "app.rewards._index" })).json();
    const reward = list.rewards.find((r: { name: string }) => r.name === "Five off");
    expect(reward).toMatchObject({ kind: "amount_off", pointsCost: 500, enabled: true });
    const { rows } = await sandbox.db.query(`SELECT config, "combinesWith" FROM "Reward" WHERE id = $1`, [reward.id]);
    expect(rows[0]).toEqual({
      config: { valueMinor: 500, returnPointsOnExpiry: true },
      combinesWith: { orderDiscounts: false, productDiscounts: true, shippingDiscounts: true },
    });
    const audit = await sandbox.db.query(`SELECT action FROM "AuditEvent" WHERE "shopDomain" = $1 AND "subjectId" = $2`, [SHOP, reward.id]);
    expect(audit.rows.map((r) => r.action)).toEqual(["reward.create"]);

    const member = await aMemberWithPoints(sandbox, SHOP, 600);
    const redeemed = await redeem(member.customerId, { rewardId: reward.id });
    expect(redeemed.status).toBe(201);
  });
});

describe("redemptions and the refund policy", () => {
  it("GIVEN a used code whose order was refunded THEN its points are not returned automatically, and staff return them once", async () => {
    const rewardId = await aReward(sandbox, SHOP, { ...FIVE_OFF, name: "Ten off", pointsCost: 100, config: { valueMinor: 1000, returnPointsOnExpiry: true } });
    const member = await aMemberWithPoints(sandbox, SHOP, 300);
    const { code, redemptionId } = await (await redeem(member.customerId, { rewardId })).json();
    const product = sandbox.emulator.store.addProduct(SHOP, { title: "Mug", variants: [{ price: "30.00" }] });
    const { order } = await sandbox.emulator.orders.place(SHOP, {
      customer: { id: Number(member.customerId) },
      lines: [{ productId: product.id, variantId: product.variants[0].id, quantity: 1, price: "30.00" }],
      discountCodes: [code],
    });
    await sandbox.settle();
    await sandbox.emulator.orders.refund(SHOP, order.id, { lines: [{ lineItemId: order.line_items[0].id, quantity: 1 }] });
    await sandbox.settle();

    const page = await (await adminGet(sandbox, { shop: SHOP, path: "/app/redemptions", routeId: "app.redemptions" })).json();
    const row = page.redemptions.find((r: { id: string }) => r.id === redemptionId);
    expect(row).toMatchObject({ code, status: "used", staffMayReturn: true, pointsReturned: false });
    const balanceBefore = (await sandbox.db.query(`SELECT balance FROM "Member" WHERE id = $1`, [member.memberId])).rows[0].balance;

    const form = { intent: "return", id: redemptionId, reason: "Order refunded" };
    const results = await Promise.all([1, 2].map(() => adminPost(sandbox, { shop: SHOP, path: "/app/redemptions", routeId: "app.redemptions" }, form)));
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const after = (await sandbox.db.query(`SELECT balance FROM "Member" WHERE id = $1`, [member.memberId])).rows[0].balance;
    expect(after).toBe(balanceBefore + 100);
    const audit = await sandbox.db.query(`SELECT actor, reason FROM "AuditEvent" WHERE action = 'redemption.points_returned' AND "subjectId" = $1`, [
      redemptionId,
    ]);
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0].reason).toBe("Order refunded");
  });
});

describe("donations", () => {
  it("GIVEN a cause matched at 50% THEN what members gave plus the match is owed until marked paid", async () => {
    const causeId = await aDonationCause(sandbox, SHOP, { name: "Clean rivers", matchPercent: 50 });
    const rewardId = await aReward(sandbox, SHOP, { kind: "donation", name: "Give 2.00", pointsCost: 200, config: { valueMinor: 200 } });

    const member = await aMemberWithPoints(sandbox, SHOP, 500);
    for (let i = 0; i < 2; i++) expect((await redeem(member.customerId, { rewardId, causeId })).status).toBe(201);

    let report = await (await adminGet(sandbox, { shop: SHOP, path: "/app/donations", routeId: "app.donations" })).json();
    expect(report.causes.find((c: { id: string }) => c.id === causeId)).toMatchObject({
      donations: 2,
      donatedMinor: 400,
      matchedMinor: 200,
      paidMinor: 0,
      owedMinor: 600,
    });

    const paid = await adminPost(
      sandbox,
      { shop: SHOP, path: "/app/donations", routeId: "app.donations" },
      { intent: "paid", causeId, amountMinor: "600", note: "Bank transfer" },
    );
    expect(paid.status).toBe(200);
    report = await (await adminGet(sandbox, { shop: SHOP, path: "/app/donations", routeId: "app.donations" })).json();
    expect(report.causes.find((c: { id: string }) => c.id === causeId)).toMatchObject({ paidMinor: 600, owedMinor: 0 });
    const audit = await sandbox.db.query(`SELECT action FROM "AuditEvent" WHERE action = 'donation.paid' AND "subjectId" = $1`, [causeId]);
    expect(audit.rows).toHaveLength(1);

    const mine = await (await sandbox.proxy(SHOP, "redemptions", member.customerId)).json();
    expect(mine.filter((r: { kind: string }) => r.kind === "donation")).toHaveLength(2);
  });
});
