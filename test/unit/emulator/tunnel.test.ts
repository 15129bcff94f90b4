import { afterAll, beforeAll, expect, it } from "vitest";
import type { Emulator } from "../../support/emulator";
import { mapFrameAncestors } from "../../support/emulator/tunnel";
import { anEmulator, startFakeApp } from "./fixtures";

const CSP = "frame-ancestors https://shop.myshopify.com https://admin.shopify.com https://*.spin.dev;";
let emulator: Emulator;
let app: Awaited<ReturnType<typeof startFakeApp>>;

beforeAll(async () => {
  app = await startFakeApp(() => ({ status: 200, body: "<p>app</p>", type: "text/html" }));
  emulator = await anEmulator(app.url);
});
afterAll(async () => {
  await emulator.close();
  await app.close();
});

it("maps only Shopify's admin origin in frame-ancestors to the emulator's", () => {
  expect(mapFrameAncestors(CSP, "http://127.0.0.1:9")).toBe("frame-ancestors https://shop.myshopify.com http://127.0.0.1:9 https://*.spin.dev;");
  expect(mapFrameAncestors("default-src 'self'; frame-ancestors 'none'", "http://x")).toBe("default-src 'self'; frame-ancestors 'none'");
});

it("proxies requests to the app unchanged, body and method included", async () => {
  const response = await fetch(`${emulator.tunnelUrl}/app/thing?x=1`, { method: "POST", body: "hello" });
  expect(response.status).toBe(200);
  expect(await response.text()).toBe("<p>app</p>");
  expect(app.received[0]).toMatchObject({ method: "POST", url: "/app/thing?x=1", body: Buffer.from("hello") });
});

it("embeds the app in the admin frame through the tunnel", async () => {
  const html = await (await fetch(emulator.adminUrl("loyalist-test.myshopify.com"))).text();
  expect(html).toContain(`src="${emulator.tunnelUrl}/app?`);
});
