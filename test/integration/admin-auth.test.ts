// Issue 10 §6 and §10: every bad, expired, foreign or unknown-shop session token gets 401 on a fetch request
// (or the login page on a document request), never a 5xx; /auth/login and /auth/exit-iframe answer 200/400.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSandbox, BROWSER_USER_AGENT, type Sandbox } from "../support/sandbox";
import { createSessionToken } from "../support/emulator";
import { TEST_API_KEY, TEST_API_SECRET } from "../support/app-server";

const SHOP = "auth-installed.myshopify.com";
const UNKNOWN = "auth-nowhere.myshopify.com";
const MEMBERS = "/app/members?_data=routes%2Fapp.members._index";

let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox();
  await sandbox.install(SHOP);
});

afterAll(async () => {
  await sandbox?.stop();
});

const token = (shop: string, overrides: { apiKey?: string; apiSecret?: string; now?: Date; ttlSeconds?: number } = {}) =>
  createSessionToken({ shop, apiKey: TEST_API_KEY, apiSecret: TEST_API_SECRET, userId: 1, ...overrides });

const fetchAs = (bearer: string, path = MEMBERS) =>
  fetch(`${sandbox.app.url}${path}`, { headers: { Authorization: `Bearer ${bearer}`, "User-Agent": BROWSER_USER_AGENT }, redirect: "manual" });

describe("admin requests with session tokens", () => {
  it("answers 200 to a valid token of an installed shop (the control)", async () => {
    // GIVEN an installed shop WHEN its owner's token fetches the members list THEN it is served
    const response = await fetchAs(sandbox.emulator.sessionToken(SHOP));
    expect(response.status).toBe(200);
  });

  const bad: Array<[string, () => string]> = [
    // Signed with the right secret, but for a shop that has not installed Loyalist: token exchange is refused.
    ["a correctly signed token for a shop that has not installed the app", () => token(UNKNOWN)],
    ["an expired token", () => token(SHOP, { now: new Date(Date.now() - 10 * 60_000) })],
    ["a token signed with another app's secret", () => token(SHOP, { apiSecret: "someone-else" })],
    ["a token issued for another app", () => token(SHOP, { apiKey: "another-app" })],
    ["a token that is not a JWT", () => "not-a-token"],
  ];
  for (const [what, make] of bad) {
    it(`answers 401 and no data to ${what}`, async () => {
      // WHEN a fetch request carries the token
      const response = await fetchAs(make());
      // THEN 401, and the body names no member
      expect(response.status).toBe(401);
      expect(await response.text()).not.toContain("customerId");
    });
  }

  it("sends a document request for a shop that has not installed the app to the login page", async () => {
    // GIVEN the embedded URL Shopify would open, with a correctly signed id_token for that shop
    const params = new URLSearchParams({
      embedded: "1",
      shop: UNKNOWN,
      host: Buffer.from("admin.shopify.com/store/auth-nowhere").toString("base64url"),
      id_token: token(UNKNOWN),
    });
    // WHEN the browser loads it
    const response = await fetch(`${sandbox.app.url}/app?${params}`, { headers: { "User-Agent": BROWSER_USER_AGENT }, redirect: "manual" });
    // THEN it is sent to the login page
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/auth/login");
  });
});

describe("auth routes", () => {
  it("serves the login form at GET /auth/login", async () => {
    // WHEN a browser opens the login page without a shop
    const response = await fetch(`${sandbox.app.url}/auth/login`, { headers: { "User-Agent": BROWSER_USER_AGENT } });
    // THEN it is the shop-domain form
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('name="shop"');
    expect(html).toContain("Shop domain");
  });

  it("answers an invalid shop domain on the login form with a field error in words", async () => {
    // WHEN the merchant submits a domain that is not a shop
    const response = await fetch(`${sandbox.app.url}/auth/login?_data=routes%2Fauth.login`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", "User-Agent": BROWSER_USER_AGENT },
      body: new URLSearchParams({ shop: "not a shop!" }).toString(),
    });
    // THEN the field error says what to type
    expect(response.status).toBe(422);
    expect(await response.json()).toEqual({ errors: { shop: "Enter a valid shop domain, such as example.myshopify.com" } });
  });

  it("redirects a valid shop domain to Shopify's install page", async () => {
    const response = await fetch(`${sandbox.app.url}/auth/login?shop=${SHOP}`, { headers: { "User-Agent": BROWSER_USER_AGENT }, redirect: "manual" });
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(`https://admin.shopify.com/store/auth-installed/oauth/install?client_id=${TEST_API_KEY}`);
  });

  for (const query of [
    "",
    "?exitIframe=https%3A%2F%2Fevil.example%2Fphish",
    "?exitIframe=%2F%2Fevil.example",
    `?shop=${SHOP}&exitIframe=javascript%3Aalert(1)`,
  ]) {
    it(`answers 400 to /auth/exit-iframe${query || " without parameters"}`, async () => {
      const response = await fetch(`${sandbox.app.url}/auth/exit-iframe${query}`, { headers: { "User-Agent": BROWSER_USER_AGENT }, redirect: "manual" });
      expect(response.status).toBe(400);
    });
  }

  it("renders the exit-iframe page for a destination in the Shopify admin", async () => {
    const destination = encodeURIComponent("https://admin.shopify.com/store/auth-installed/apps/loyalist");
    const response = await fetch(`${sandbox.app.url}/auth/exit-iframe?shop=${SHOP}&exitIframe=${destination}`, {
      headers: { "User-Agent": BROWSER_USER_AGENT },
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("window.open");
  });
});
