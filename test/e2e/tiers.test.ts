// Browser: VIP tiers. The merchant defines tiers on the admin's Tiers page, previews who would move, applies
// them (the apply job places members); the widget's account block shows the member's tier and "$120.00 more to
// Gold" on a 360 px phone, in English and Arabic. Screenshots go to __screenshots__/tiers-*.png.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Browser, FrameLocator, Page } from "playwright-core";
import { launchBrowser, newDesktopContext } from "../support/browser";
import { startSandbox, type Sandbox } from "../support/sandbox";

const SHOP = "e2e-tiers.myshopify.com";
const SHOTS = path.resolve(__dirname, "__screenshots__");

let sandbox: Sandbox;
let browser: Browser;
let page: Page;
let app: FrameLocator;
let customerId: number;
const pageErrors: string[] = [];

beforeAll(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  sandbox = await startSandbox();
  await sandbox.install(SHOP, { name: "Tiers Coffee" });
  expect((await sandbox.saveProgram(SHOP, { enabled: "on", pointsPerUnit: "1", awardOn: "paid", pendingDays: "0" })).status).toBe(200);
  const customer = sandbox.emulator.store.addCustomer(SHOP, { email: "layla@example.com", first_name: "Layla", last_name: "Haddad" });
  customerId = customer.id;
  const product = sandbox.emulator.store.addProduct(SHOP, { title: "Cold brew kit", variants: [{ price: "80.00" }] });
  await sandbox.emulator.orders.place(SHOP, { customer, lines: [{ productId: product.id, variantId: product.variants[0].id, quantity: 1, price: "80.00" }] });
  await sandbox.settle(60_000);
  browser = await launchBrowser();
  page = await (await newDesktopContext(browser, { reducedMotion: "reduce" })).newPage();
  page.on("pageerror", (error) => pageErrors.push(error.message));
  app = page.frameLocator("#app-iframe");
});

afterAll(async () => {
  await browser?.close();
  await sandbox?.stop();
});

const shot = (name: string, fullPage = true) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage });
const visible = (text: string | RegExp, timeout = 15_000) => expect.poll(() => app.getByText(text).first().isVisible(), { timeout }).toBe(true);

it("defines tiers with a preview of who moves, then applies them", { timeout: 180_000 }, async () => {
  await page.goto(sandbox.emulator.adminUrl(SHOP));
  await page.locator("#app-nav a", { hasText: "Tiers" }).click();
  await visible("Qualifying period", 30_000);
  const row = (label: string, n: number) => app.getByLabel(label, { exact: true }).nth(n);
  await row("Name", 0).fill("Silver");
  await row("Spend to reach it", 0).fill("50.00");
  await row("Points multiplier", 0).fill("1.25");
  await row("Name", 1).fill("Gold");
  await row("Spend to reach it", 1).fill("200.00");
  await row("Points multiplier", 1).fill("1.5");
  await row("Birthday bonus (points)", 1).fill("250");
  await app.getByRole("button", { name: "Preview changes" }).click();
  await visible("Moving up: 1");
  await visible("Moving down: 0");
  await app.getByRole("button", { name: "Apply changes" }).scrollIntoViewIfNeeded();
  await shot("tiers-admin-preview");

  await app.getByRole("button", { name: "Apply changes" }).click();
  await visible("Your tier changes are queued");
  // The apply job runs every minute.
  await expect
    .poll(async () => (await sandbox.db.query(`SELECT 1 FROM "TierRuleChange" WHERE "shopDomain" = $1 AND status = 'applied'`, [SHOP])).rows.length, {
      timeout: 90_000,
      interval: 1000,
    })
    .toBe(1);
  await page.locator("#app-nav a", { hasText: "Members" }).click();
  await page.locator("#app-nav a", { hasText: "Tiers" }).click();
  await expect.poll(() => app.getByRole("rowheader", { name: "Silver" }).count(), { timeout: 30_000 }).toBe(1);
  // The form shows the applied tiers
  await expect.poll(() => app.getByLabel("Name", { exact: true }).nth(1).inputValue(), { timeout: 10_000 }).toBe("Gold");
  await app.getByText("Tier distribution").scrollIntoViewIfNeeded();
  await shot("tiers-admin-applied");
  expect(pageErrors).toEqual([]);
});

it.each([
  ["en", "Tier: Silver", "$120.00 more to Gold"],
  ["ar", "المستوى: Silver", "إضافية للوصول إلى Gold"],
])("shows the member's tier and progress in the account block on a 360 px phone (%s)", { timeout: 60_000 }, async (locale, tierText, progressText) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto(`${sandbox.emulator.url}/storefront/${SHOP}/account?${new URLSearchParams({ locale, as: String(customerId) })}`);
  const account = page.locator("[data-loyalist-mount=account]");
  await expect.poll(() => account.getByText(tierText).count(), { timeout: 20_000 }).toBe(1);
  await expect(account.getByText(progressText, { exact: false }).count()).resolves.toBe(1);
  await expect(account.locator("progress").first().getAttribute("max")).resolves.toBe("20000");
  await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(360);
  await shot(`tiers-widget-${locale}-360`, false);
  expect(pageErrors).toEqual([]);
});
