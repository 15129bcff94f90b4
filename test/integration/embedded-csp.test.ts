// Shopify requires an embedded app's documents to say who may frame them: `frame-ancestors` with the shop's own
// domain and the admin (shopify-app-remix's addDocumentResponseHeaders, called in app/entry.server.tsx).
import { afterAll, beforeAll, expect, it } from "vitest";
import { createSessionToken } from "../support/emulator";
import { TEST_API_KEY, TEST_API_SECRET } from "../support/app-server";
import { BROWSER_USER_AGENT, startSandbox, type Sandbox } from "../support/sandbox";

const SHOPS = ["csp-one.myshopify.com", "csp-two.myshopify.com"];
let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox();
  for (const shop of SHOPS) await sandbox.install(shop);
});
afterAll(async () => sandbox?.stop());

/** The embedded admin's home document as Shopify's admin frame requests it (straight to the app, no tunnel). */
function embeddedHome(shop: string, path = "/app") {
  const params = new URLSearchParams({
    embedded: "1",
    shop,
    host: Buffer.from(`admin.shopify.com/store/${shop.split(".")[0]}`).toString("base64url"),
    id_token: createSessionToken({ shop, apiKey: TEST_API_KEY, apiSecret: TEST_API_SECRET, userId: 1 }),
  });
  return fetch(`${sandbox.app.url}${path}?${params}`, { headers: { "User-Agent": BROWSER_USER_AGENT }, redirect: "manual" });
}

it.each(SHOPS)("lets only %s and the Shopify admin frame /app", async (shop) => {
  // WHEN the admin frame loads the app's home for the shop
  const response = await embeddedHome(shop);
  // THEN the document is served with the shop's own frame-ancestors
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toContain("text/html");
  const csp = response.headers.get("content-security-policy") ?? "";
  expect(csp).toContain(`frame-ancestors https://${shop} https://admin.shopify.com`);
  // AND never another shop's
  for (const other of SHOPS.filter((s) => s !== shop)) expect(csp).not.toContain(other);
  await response.arrayBuffer();
});

it("sends the same header on the app's other embedded pages", async () => {
  const response = await embeddedHome(SHOPS[1], "/app/members");
  expect(response.status).toBe(200);
  expect(response.headers.get("content-security-policy")).toContain(`frame-ancestors https://${SHOPS[1]} https://admin.shopify.com`);
  await response.arrayBuffer();
});
