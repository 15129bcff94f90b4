// Issue 10 §6: offline access tokens expire (future.expiringOfflineAccessTokens) and background work refreshes
// them through the library before calling Shopify, so a redemption after the token's hour still gets its code.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSandbox, type Sandbox } from "../support/sandbox";
import { adminGet, adminPost, aMemberWithPoints } from "../support/admin";

const SHOP = "token-refresh.myshopify.com";
let sandbox: Sandbox;

type SessionRow = { accessToken: string; expires: Date | null; refreshToken: string | null; refreshTokenExpires: Date | null };
const offlineSession = async () =>
  (
    await sandbox.db.query<SessionRow>(
      `SELECT "accessToken", expires, "refreshToken", "refreshTokenExpires" FROM "Session" WHERE shop = $1 AND NOT "isOnline"`,
      [SHOP],
    )
  ).rows;

beforeAll(async () => {
  sandbox = await startSandbox();
  await sandbox.install(SHOP);
  expect((await sandbox.saveProgram(SHOP, { enabled: "on", pointsPerUnit: "1", awardOn: "paid", pendingDays: "0" })).status).toBe(200);
});

afterAll(async () => {
  await sandbox?.stop();
});

describe("expiring offline access tokens", () => {
  it("installs with an expiring offline token and a refresh token", async () => {
    const [session] = await offlineSession();
    // Shopify's expiring offline tokens live an hour; the refresh token far longer.
    expect(session.refreshToken).toMatch(/^shprt_/);
    expect(session.expires!.getTime() - Date.now()).toBeGreaterThan(50 * 60_000);
    expect(session.expires!.getTime() - Date.now()).toBeLessThanOrEqual(60 * 60_000);
    expect(session.refreshTokenExpires!.getTime()).toBeGreaterThan(session.expires!.getTime());
  });

  it("refreshes an offline token about to expire before a background Admin call, and stores the new one", async () => {
    // GIVEN a member with points and a reward made in the admin
    const member = await aMemberWithPoints(sandbox, SHOP, 600);
    const saved = await adminPost(
      sandbox,
      { shop: SHOP, path: "/app/rewards/new", routeId: "app.rewards.$id" },
      {
        name: "Five off",
        description: "",
        kind: "amount_off",
        pointsCost: "500",
        "config.valueMinor": "5.00",
        enabled: "on",
        combinesOrder: "off",
        combinesProduct: "on",
        combinesShipping: "on",
        returnPointsOnExpiry: "on",
        codeValidityDays: "30",
      },
    );
    expect(saved.headers.get("x-remix-redirect")).toBe("/app/rewards");
    const rewards = (await (await adminGet(sandbox, { shop: SHOP, path: "/app/rewards", routeId: "app.rewards._index" })).json()) as {
      rewards: { id: string; name: string }[];
    };
    const rewardId = rewards.rewards.find((r) => r.name === "Five off")!.id;
    // AND the hour has passed: Shopify no longer accepts the offline token, and the app's copy is about to expire
    const [before] = await offlineSession();
    const record = sandbox.emulator.store.tokens.forShop(SHOP).find((t) => t.token === before.accessToken)!;
    record.expiresAt = Date.now() - 1_000;
    await sandbox.db.query(`UPDATE "Session" SET expires = now() + interval '1 minute' WHERE shop = $1 AND NOT "isOnline"`, [SHOP]);
    // WHEN the shopper redeems (the app calls Shopify with the shop's offline session)
    const redeemed = await sandbox.proxy(SHOP, "redeem", member.customerId, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ rewardId }),
    });
    // THEN the code is created, and the session now holds a new access token and a new refresh token
    expect(redeemed.status).toBe(201);
    const { code } = (await redeemed.json()) as { code: string };
    expect(sandbox.emulator.store.discountCodes(SHOP).some((d) => d.code === code)).toBe(true);
    const [after] = await offlineSession();
    expect(after.accessToken).not.toBe(before.accessToken);
    expect(after.refreshToken).not.toBe(before.refreshToken);
    expect(after.expires!.getTime() - Date.now()).toBeGreaterThan(50 * 60_000);
  });
});
