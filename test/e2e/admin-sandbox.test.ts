// Browser: the sandbox admin (emulator's admin frame + the app's embedded page, production auth path)
// renders, saves the program, and shows a member's balance after a signed order webhook.
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchBrowser, newDesktopContext } from "../support/browser";
import { startSandbox, type Sandbox } from "../support/sandbox";

const SHOP = "e2e-admin.myshopify.com";
const SHOTS = path.resolve(__dirname, "__screenshots__");

let sandbox: Sandbox;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  sandbox = await startSandbox();
  await sandbox.install(SHOP, { name: "E2E Coffee" });
  browser = await launchBrowser();
  page = await (await newDesktopContext(browser)).newPage();
  page.on("pageerror", (error) => pageErrors.push(error.message));
});

afterAll(async () => {
  await browser?.close();
  await sandbox?.stop();
});

it("turns the program on from the admin and shows a member's balance after an order", async () => {
  // GIVEN the merchant opens Loyalist in the (emulated) Shopify admin
  await page.goto(sandbox.emulator.adminUrl(SHOP));
  const app = page.frameLocator("#app-iframe");
  await expect.poll(() => app.getByText("Program is on").count(), { timeout: 20_000 }).toBe(1);
  await expect(app.getByText("No members yet").count()).resolves.toBe(1);

  // WHEN they switch the program on at 2 points per dollar and save
  await app.getByLabel("Program is on").check();
  await app.getByLabel("Points per 1 USD").fill("2");
  await app.getByRole("button", { name: "Save" }).click();
  await expect.poll(() => app.getByText("On", { exact: true }).count(), { timeout: 10_000 }).toBeGreaterThan(0);

  // AND a customer pays for an order (signed webhooks from the emulator)
  const product = sandbox.emulator.store.addProduct(SHOP, { title: "Pour-over kettle", variants: [{ price: "42.50" }] });
  const customer = sandbox.emulator.store.addCustomer(SHOP, { email: "maria@example.com", first_name: "Maria", last_name: "Garcia" });
  await sandbox.emulator.orders.place(SHOP, { customer, lines: [{ productId: product.id, variantId: product.variants[0].id, quantity: 1, price: "42.50" }] });
  await sandbox.settle();

  // THEN the members table shows her 85 points (2 per dollar on 42.50)
  await page.reload();
  const row = page.frameLocator("#app-iframe").getByRole("row", { name: /Maria Garcia/ });
  await expect.poll(() => row.count(), { timeout: 20_000 }).toBe(1);
  await expect(row.innerText()).resolves.toContain("85");
  await page.screenshot({ path: path.join(SHOTS, "admin-home-member-balance.png"), fullPage: true });
  expect(pageErrors).toEqual([]);
});
