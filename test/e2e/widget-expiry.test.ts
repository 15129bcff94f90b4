// Browser: points about to expire, with their date, in the widget on a 360 px phone in English and Arabic, and
// an experience redeemed from the widget (no code: a "booked" notice). Screenshots: __screenshots__/widget-expiring-*.png.
import crypto from "node:crypto";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext } from "playwright-core";
import { launchBrowser, newDesktopContext } from "../support/browser";
import { startSandbox, type Sandbox } from "../support/sandbox";
import { aReward, anExpiryPolicy } from "../support/factories";

const SHOP = "e2e-expiry.myshopify.com";
const SHOTS = path.resolve(__dirname, "__screenshots__");

let sandbox: Sandbox;
let browser: Browser;
let context: BrowserContext;
let handle: string;
let customerId: number;
const pageErrors: string[] = [];

beforeAll(async () => {
  sandbox = await startSandbox();
  await sandbox.install(SHOP, { name: "E2E Coffee" });
  expect((await sandbox.saveProgram(SHOP, { enabled: "on", pointsPerUnit: "1", awardOn: "paid", pendingDays: "0" })).status).toBe(200);
  await anExpiryPolicy(sandbox, SHOP, { policy: "per_lot", months: 6, reminderDays: "30, 7" });
  await aReward(sandbox, SHOP, {
    kind: "experience",
    name: "Tasting session",
    description: "30 minutes with our roaster",
    pointsCost: 100,
    config: { stock: 5 },
  });
  const product = sandbox.emulator.store.addProduct(SHOP, { title: "Pour-over kettle", handle: "pour-over-kettle", variants: [{ price: "120.00" }] });
  handle = product.handle;
  const customer = sandbox.emulator.store.addCustomer(SHOP, {
    email: `layla-${crypto.randomUUID().slice(0, 8)}@example.com`,
    first_name: "Layla",
    last_name: "Haddad",
  });
  customerId = customer.id as number;
  await sandbox.emulator.orders.place(SHOP, {
    customer: { id: customer.id },
    lines: [{ productId: product.id, variantId: product.variants[0].id, quantity: 1, price: "120.00" }],
  });
  await sandbox.settle();
  browser = await launchBrowser();
  context = await newDesktopContext(browser, { reducedMotion: "reduce" });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await sandbox?.stop();
});

const url = (locale: string) => `${sandbox.emulator.url}/storefront/${SHOP}/products/${handle}?${new URLSearchParams({ locale, as: String(customerId) })}`;

describe("expiring points in the widget", () => {
  it("GIVEN a member whose points expire THEN a 360 px phone shows how many and when, in English and in Arabic", { timeout: 120_000 }, async () => {
    const member = await (await sandbox.proxy(SHOP, "member", customerId)).json();
    expect(member.expiring).toHaveLength(1);
    expect(member.expiring[0].points).toBe(120);
    for (const c of [
      { locale: "en", launcher: "Rewards", text: /^120 points expire on / },
      { locale: "ar", launcher: "المكافآت", text: /^تنتهي صلاحية/ },
    ]) {
      const page = await context.newPage();
      page.on("pageerror", (error) => pageErrors.push(error.message));
      await page.setViewportSize({ width: 360, height: 740 });
      await page.goto(url(c.locale));
      await page.getByRole("button", { name: c.launcher }).click();
      const dialog = page.getByRole("dialog");
      const line = dialog.locator(".lw-meta li").filter({ hasText: c.text });
      await expect.poll(() => line.count(), { timeout: 15_000 }).toBe(1);
      const date = await page.evaluate(
        ([locale, iso]) => new Intl.DateTimeFormat(locale, { dateStyle: "medium" }).format(new Date(iso)),
        [c.locale, member.expiring[0].at],
      );
      await expect(line.innerText()).resolves.toContain(date);
      await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(360);
      await page.screenshot({ path: path.join(SHOTS, `widget-expiring-${c.locale}-360.png`) });
      await page.close();
    }
  });

  it(
    "GIVEN an experience reward WHEN the member redeems it in the widget THEN no code, a booked notice, and the points are spent",
    { timeout: 120_000 },
    async () => {
      const page = await context.newPage();
      page.on("pageerror", (error) => pageErrors.push(error.message));
      await page.setViewportSize({ width: 360, height: 740 });
      await page.goto(url("en"));
      await page.getByRole("button", { name: "Rewards" }).click();
      const dialog = page.getByRole("dialog");
      await dialog.getByRole("button", { name: "Redeem Tasting session" }).click();
      await dialog.getByRole("button", { name: "Confirm" }).click();
      await expect.poll(() => page.locator(".lw-notice").innerText(), { timeout: 15_000 }).toBe("Booked! We will contact you to arrange it.");
      await expect.poll(() => dialog.locator(".lw-big").textContent(), { timeout: 15_000 }).toBe("20 points");
      // Once the panel has reloaded, what will expire is what is left: the spend took from the expiring lot
      await expect
        .poll(
          () =>
            dialog
              .locator(".lw-meta li")
              .filter({ hasText: /expire on/ })
              .innerText(),
          { timeout: 15_000 },
        )
        .toMatch(/^20 points expire on /);
      await expect(dialog.locator(".lw-issued").count()).resolves.toBe(0);
      await page.screenshot({ path: path.join(SHOTS, "widget-experience-booked.png") });
      await page.close();
    },
  );

  it("raised no page errors", () => {
    expect(pageErrors).toEqual([]);
  });
});
