import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signProxyQuery, verifyProxyQuery, type Emulator } from "../../support/emulator";
import { anEmulator, API_SECRET, SHOP, startFakeApp } from "./fixtures";

/** Shopify's documented algorithm, written independently: sort "k=v" (values joined by ","), concatenate, HMAC hex. */
function independentSignature(query: string, secret: string): string {
  const params: Record<string, string[]> = {};
  for (const [k, v] of new URLSearchParams(query)) if (k !== "signature") (params[k] ??= []).push(v);
  const message = Object.keys(params)
    .map((k) => `${k}=${params[k].join(",")}`)
    .sort()
    .join("");
  return createHmac("sha256", secret).update(message).digest("hex");
}

describe("signProxyQuery", () => {
  it("signs like Shopify, with an empty logged_in_customer_id for guests", () => {
    const query = signProxyQuery({
      secret: API_SECRET,
      shop: SHOP,
      customerId: "7000000000001",
      pathPrefix: "/apps/loyalist",
      timestamp: 1_700_000_000,
      extra: { ids: ["2", "1"] },
    });
    const params = new URLSearchParams(query);
    expect(params.get("signature")).toBe(independentSignature(query, API_SECRET));
    expect(Object.fromEntries([...params].filter(([k]) => k !== "signature" && k !== "ids"))).toEqual({
      shop: SHOP,
      logged_in_customer_id: "7000000000001",
      path_prefix: "/apps/loyalist",
      timestamp: "1700000000",
    });
    const guest = new URLSearchParams(signProxyQuery({ secret: API_SECRET, shop: SHOP, customerId: null, pathPrefix: "/apps/loyalist" }));
    expect(guest.get("logged_in_customer_id")).toBe("");
    expect(verifyProxyQuery(guest, API_SECRET)).toBe(true);
    guest.set("logged_in_customer_id", "1");
    expect(verifyProxyQuery(guest, API_SECRET)).toBe(false);
  });
});

describe("storefront app proxy", () => {
  let emulator: Emulator;
  let app: Awaited<ReturnType<typeof startFakeApp>>;

  beforeAll(async () => {
    app = await startFakeApp((req) => ({ status: req.method === "POST" ? 201 : 200, body: JSON.stringify({ path: req.url.split("?")[0] }) }));
    emulator = await anEmulator(app.url);
  });
  afterAll(async () => {
    await emulator.close();
    await app.close();
  });

  it("forwards /apps/loyalist/* to the app's proxy root with a signed query for the chosen shopper", async () => {
    const customer = emulator.store.addCustomer(SHOP, { email: "shopper@example.com" });
    const response = await fetch(`${emulator.url}/storefront/${SHOP}/apps/loyalist/member?as=${customer.id}&lang=en`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ path: "/proxy/member" });
    const query = app.received[0].url.split("?")[1];
    const params = new URLSearchParams(query);
    expect(params.get("logged_in_customer_id")).toBe(String(customer.id));
    expect(params.get("lang")).toBe("en");
    expect(params.get("path_prefix")).toBe("/apps/loyalist");
    expect(params.get("signature")).toBe(independentSignature(query, API_SECRET));
    expect(Math.abs(Number(params.get("timestamp")) - Date.now() / 1000)).toBeLessThan(5);
    const cookie = response.headers.get("set-cookie") ?? "";
    const redeem = await fetch(`${emulator.url}/apps/loyalist/redeem`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Cookie: `${cookie.split(";")[0]}; shopify_emulator_shop=${SHOP}` },
      body: JSON.stringify({ rewardId: "r1" }),
    });
    expect(redeem.status).toBe(201);
    expect(app.received[1].body.toString()).toBe(JSON.stringify({ rewardId: "r1" }));
    expect(new URLSearchParams(app.received[1].url.split("?")[1]).get("logged_in_customer_id")).toBe(String(customer.id));
    await fetch(`${emulator.url}/storefront/${SHOP}/apps/loyalist/member?as=guest`);
    expect(new URLSearchParams(app.received[2].url.split("?")[1]).get("logged_in_customer_id")).toBe("");
  });

  it("serves the admin frame embedding the app with shop, host and a valid id_token", async () => {
    const html = await (await fetch(emulator.adminUrl(SHOP))).text();
    const src = /<iframe[^>]*src="([^"]+)"/.exec(html)?.[1].replace(/&amp;/g, "&") ?? "";
    const url = new URL(src);
    expect(url.origin + url.pathname).toBe(`${emulator.tunnelUrl}/app`);
    expect(url.searchParams.get("embedded")).toBe("1");
    expect(url.searchParams.get("shop")).toBe(SHOP);
    expect(Buffer.from(url.searchParams.get("host") ?? "", "base64").toString()).toBe("admin.shopify.com/store/loyalist-test");
    expect(url.searchParams.get("id_token")?.split(".")).toHaveLength(3);
    const script = await fetch(emulator.appBridgeUrl);
    expect(script.headers.get("content-type")).toMatch(/javascript/);
    expect(await script.text()).toContain("window.shopify");
  });
});
