import "@shopify/shopify-api/adapters/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiVersion, LogSeverity, RequestedTokenType, shopifyApi, type Shopify } from "@shopify/shopify-api";
import { setAbstractFetchFunc } from "@shopify/shopify-api/runtime";
import { createSessionToken, type Emulator } from "../../support/emulator";
import { anEmulator, API_KEY, API_SECRET, SHOP } from "./fixtures";

let emulator: Emulator;
let api: Shopify;

beforeAll(async () => {
  emulator = await anEmulator();
  // The app's own mechanism: https://{shop}/admin/... is sent to the emulator's origin.
  setAbstractFetchFunc((input, init) => {
    const url = new URL(typeof input === "string" ? input : input instanceof URL ? input.href : input.url);
    return fetch(`${emulator.url}/${url.hostname}${url.pathname}${url.search}`, init);
  });
  api = shopifyApi({
    apiKey: API_KEY,
    apiSecretKey: API_SECRET,
    scopes: ["read_orders"],
    hostName: "127.0.0.1:3000",
    hostScheme: "http",
    apiVersion: ApiVersion.October26,
    isEmbeddedApp: true,
    logger: { level: LogSeverity.Error, log: async () => {} },
  });
});

afterAll(() => emulator.close());

async function rawExchange(body: Record<string, string>) {
  const response = await fetch(`${emulator.url}/${SHOP}/admin/oauth/access_token`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/json" },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe("session tokens", () => {
  it("are accepted by @shopify/shopify-api's decodeSessionToken", async () => {
    const owner = emulator.store.staff(SHOP);
    const payload = await api.session.decodeSessionToken(emulator.sessionToken(SHOP));
    expect(payload).toMatchObject({ iss: `https://${SHOP}/admin`, dest: `https://${SHOP}`, aud: API_KEY, sub: String(owner.id) });
    expect(payload.exp - payload.iat).toBe(60);
    expect(payload.nbf).toBeLessThanOrEqual(payload.iat);
  });

  it("are rejected when signed with another secret", async () => {
    const forged = createSessionToken({ shop: SHOP, apiKey: API_KEY, apiSecret: "not-the-secret", userId: 1 });
    await expect(api.session.decodeSessionToken(forged)).rejects.toThrow(/signature/);
  });
});

describe("token exchange", () => {
  it("gives an offline token that the Admin API accepts", async () => {
    const { session } = await api.auth.tokenExchange({
      shop: SHOP,
      sessionToken: emulator.sessionToken(SHOP),
      requestedTokenType: RequestedTokenType.OfflineAccessToken,
    });
    expect(session.isOnline).toBe(false);
    expect(session.id).toBe(`offline_${SHOP}`);
    expect(session.accessToken).toMatch(/^shpat_/);
    expect(session.scope).toBe(emulator.config.scopes.join(","));
    const { status, body } = await emulator.graphql(SHOP, "{ shop { name myshopifyDomain currencyCode } }", {}, { token: session.accessToken });
    expect(status).toBe(200);
    expect(body.data).toEqual({ shop: { name: "Loyalist Test", myshopifyDomain: SHOP, currencyCode: "USD" } });
  });

  it("gives an online token with the staff member as associated_user", async () => {
    const staff = emulator.store.addStaff(SHOP, { firstName: "Sam", lastName: "Clerk" });
    const { session } = await api.auth.tokenExchange({
      shop: SHOP,
      sessionToken: emulator.sessionToken(SHOP, { userId: staff.id }),
      requestedTokenType: RequestedTokenType.OnlineAccessToken,
    });
    expect(session.isOnline).toBe(true);
    expect(session.id).toBe(`${SHOP}_${staff.id}`);
    expect(session.onlineAccessInfo?.associated_user).toMatchObject({ id: staff.id, first_name: "Sam", account_owner: false });
    expect(session.expires!.getTime()).toBeGreaterThan(Date.now() + 86_000_000);
  });

  it("gives expiring offline tokens with a refresh token that can be used once", async () => {
    const { session } = await api.auth.tokenExchange({
      shop: SHOP,
      sessionToken: emulator.sessionToken(SHOP),
      requestedTokenType: RequestedTokenType.OfflineAccessToken,
      expiring: true,
    });
    expect(session.expires).toBeInstanceOf(Date);
    expect(session.refreshToken).toMatch(/^shprt_/);
    const refreshed = await api.auth.refreshToken({ shop: SHOP, refreshToken: session.refreshToken! });
    expect(refreshed.session.accessToken).not.toBe(session.accessToken);
    await expect(api.auth.refreshToken({ shop: SHOP, refreshToken: session.refreshToken! })).rejects.toThrow();
  });

  it("keeps a shop's offline token across an emulator restart, until uninstall", async () => {
    const { session } = await api.auth.tokenExchange({
      shop: SHOP,
      sessionToken: emulator.sessionToken(SHOP),
      requestedTokenType: RequestedTokenType.OfflineAccessToken,
    });
    const again = await api.auth.tokenExchange({
      shop: SHOP,
      sessionToken: emulator.sessionToken(SHOP),
      requestedTokenType: RequestedTokenType.OfflineAccessToken,
    });
    expect(again.session.accessToken).toBe(session.accessToken);
    const restarted = await anEmulator();
    try {
      expect((await restarted.graphql(SHOP, "{ shop { name } }", {}, { token: session.accessToken })).status).toBe(200);
      restarted.store.tokens.revokeShop(SHOP);
      expect((await restarted.graphql(SHOP, "{ shop { name } }", {}, { token: session.accessToken })).status).toBe(401);
    } finally {
      await restarted.close();
    }
  });

  it("answers like Shopify for a forged subject token and for wrong client credentials", async () => {
    const base = {
      client_id: API_KEY,
      client_secret: API_SECRET,
      grant_type: "urn:ietf:params:oauth:grant-type:token-exchange",
      subject_token_type: "urn:ietf:params:oauth:token-type:id_token",
      requested_token_type: "urn:shopify:params:oauth:token-type:offline-access-token",
    };
    const forged = createSessionToken({ shop: SHOP, apiKey: API_KEY, apiSecret: "wrong", userId: 1 });
    expect(await rawExchange({ ...base, subject_token: forged })).toMatchObject({ status: 400, body: { error: "invalid_subject_token" } });
    const otherApp = createSessionToken({ shop: SHOP, apiKey: "other-app", apiSecret: API_SECRET, userId: 1 });
    expect(await rawExchange({ ...base, subject_token: otherApp })).toMatchObject({ status: 400, body: { error: "invalid_subject_token" } });
    expect(await rawExchange({ ...base, client_secret: "nope", subject_token: emulator.sessionToken(SHOP) })).toMatchObject({
      status: 401,
      body: { error: "invalid_client" },
    });
  });
});
