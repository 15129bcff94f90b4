// The App Bridge stand-in in a real (headless) Chromium, inside the admin frame, through the tunnel.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import chromium from "@sparticuz/chromium";
import { chromium as playwright, type Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../../support/emulator";

type BridgeWindow = Window & {
  shopify: { config: { shop: string }; idToken(): Promise<string>; toast: { show(m: string): string }; modal: { show(id: string): Promise<void> } };
  submitted?: boolean;
  navigated?: string;
};

const SHOP = "bridge-test.myshopify.com";
let emulator: Emulator;
let app: Server;
let browser: Browser;
const seen: string[] = [];

function page(appBridgeUrl: string): string {
  return `<!doctype html><html><head><script src="${appBridgeUrl}" data-api-key="key"></script></head><body>
    <ui-nav-menu><a href="/app" rel="home">Home</a><a href="/app/rewards">Rewards</a></ui-nav-menu>
    <ui-title-bar title="Rewards"><button>Add</button></ui-title-bar>
    <form data-save-bar onsubmit="event.preventDefault(); window.submitted = true"><input name="x" id="x"></form>
    <ui-modal id="m"><p>hello modal</p></ui-modal>
    <script>addEventListener("shopify:navigate", (e) => { window.navigated = e.target.getAttribute("href"); });</script></body></html>`;
}

beforeAll(async () => {
  app = createServer((req, res) => {
    seen.push(`${req.method} ${req.url?.split("?")[0]} ${req.headers.authorization?.startsWith("Bearer ") ? "bearer" : "none"}`);
    if (req.url?.startsWith("/api/")) {
      res.writeHead(200, { "Content-Type": "application/json" });
      res.end('{"ok":true}');
      return;
    }
    // The CSP shopify-app-remix sends: only Shopify's admin may frame the app.
    res.writeHead(200, { "Content-Type": "text/html", "Content-Security-Policy": `frame-ancestors https://${SHOP} https://admin.shopify.com;` });
    res.end(page(emulator.appBridgeUrl));
  });
  await new Promise<void>((resolve) => app.listen(0, "127.0.0.1", resolve));
  emulator = await startEmulator({ apiKey: "key", apiSecret: "secret", appUrl: `http://127.0.0.1:${(app.address() as AddressInfo).port}` });
  emulator.installShop({ shop: SHOP });
  browser = await playwright.launch({ executablePath: await chromium.executablePath(), args: chromium.args, headless: true });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await emulator?.close();
  app?.close();
});

it("gives the embedded page a working shopify global and web components", async () => {
  const tab = await browser.newPage();
  const errors: string[] = [];
  tab.on("pageerror", (e) => errors.push(e.message));
  await tab.goto(emulator.adminUrl(SHOP));
  await tab.frameLocator("#app-iframe").locator("#x").waitFor();
  const frame = tab.frame({ name: "app-iframe" });
  if (!frame) throw new Error("no app frame");

  expect(await frame.evaluate(() => (window as unknown as BridgeWindow).shopify.config.shop)).toBe(SHOP);
  expect((await frame.evaluate(() => (window as unknown as BridgeWindow).shopify.idToken())).split(".")).toHaveLength(3);
  expect(await frame.evaluate(() => fetch("/api/thing").then((r) => r.json()))).toEqual({ ok: true });
  expect(seen).toContain("GET /api/thing bearer");

  await frame.evaluate(() => (window as unknown as BridgeWindow).shopify.toast.show("Saved!"));
  expect(await frame.locator("#shopify-emulator-toasts").innerText()).toContain("Saved!");

  await frame.locator("#x").fill("changed");
  expect(await frame.locator("#shopify-emulator-form-save-bar").isVisible()).toBe(true);
  await frame.locator('#shopify-emulator-form-save-bar button[data-action="save"]').click();
  expect(await frame.evaluate(() => (window as unknown as BridgeWindow).submitted)).toBe(true);

  // The menu is not rendered inside the app (Shopify shows it in the admin's sidebar).
  expect(await frame.locator('ui-nav-menu a[href="/app/rewards"]').isVisible()).toBe(false);
  await frame.locator('ui-nav-menu a[href="/app/rewards"]').dispatchEvent("click");
  expect(await frame.evaluate(() => (window as unknown as BridgeWindow).navigated)).toBe("/app/rewards");

  await frame.evaluate(() => (window as unknown as BridgeWindow).shopify.modal.show("m"));
  expect(await frame.locator("#m").isVisible()).toBe(true);
  expect(errors).toEqual([]);
}, 60_000);
