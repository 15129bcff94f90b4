// Browser: referral sharing in the storefront widget (English and Arabic on a 360 px phone), a referred guest
// claiming their first-order code from the ?ref= link, and the admin's referral review queue with staff approving
// a held referral. Screenshots go to __screenshots__/referral-*.png.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { launchBrowser, newDesktopContext } from "../support/browser";
import { startSandbox, type Sandbox } from "../support/sandbox";
import { aMember, aReferralProgram } from "../support/factories";

const SHOP = "e2e-referrals.myshopify.com";
const SHOTS = path.resolve(__dirname, "__screenshots__");

let sandbox: Sandbox;
let browser: Browser;
let context: BrowserContext;
const pageErrors: string[] = [];

const url = (query: Record<string, string | number>) =>
  `${sandbox.emulator.url}/storefront/${SHOP}?${new URLSearchParams(Object.entries({ locale: "en", ...query }).map(([k, v]) => [k, String(v)]))}`;

async function newPage(width = 360): Promise<Page> {
  const page = await context.newPage();
  page.on("pageerror", (error) => pageErrors.push(error.message));
  await page.setViewportSize({ width, height: 740 });
  return page;
}

async function openPanel(page: Page) {
  await page.getByRole("button", { name: /Rewards|المكافآت/ }).click();
  const dialog = page.getByRole("dialog");
  await expect.poll(() => dialog.isVisible()).toBe(true);
  return dialog;
}

async function referralCode(customerId: string) {
  return ((await (await sandbox.proxy(SHOP, "referral", customerId)).json()) as { code: string; url: string }).code;
}

beforeAll(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  sandbox = await startSandbox({ env: { PROXY_RATE_LIMIT_BURST: "100000", PROXY_RATE_LIMIT_PER_SECOND: "10000" } });
  await sandbox.install(SHOP, { name: "E2E Tea" });
  expect((await sandbox.saveProgram(SHOP, { enabled: "on", pointsPerUnit: "1", awardOn: "paid", pendingDays: "0" })).status).toBe(200);
  await aReferralProgram(sandbox, SHOP, { referrerPoints: 500, friendRewardValue: "10.00", refundWindowDays: 30 });
  browser = await launchBrowser();
  context = await newDesktopContext(browser, { reducedMotion: "reduce" });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await sandbox?.stop();
});

describe("referral sharing in the widget", () => {
  it("shows a member their link with copy, email, WhatsApp, X and Facebook on a 360 px phone, nothing wider than the screen", async () => {
    const member = await aMember(sandbox, SHOP, { firstName: "Mei" });
    const code = await referralCode(member.customerId);
    const page = await newPage();
    await page.goto(url({ as: member.customerId }));
    const dialog = await openPanel(page);
    const card = dialog.locator(".lw-referral");
    await expect.poll(() => card.isVisible(), { timeout: 15_000 }).toBe(true);
    await expect(card.innerText()).resolves.toContain("Give friends $10.00 off their first order and get 500 points when they order.");
    await expect(card.innerText()).resolves.toContain(`?ref=${code}`);
    const link = `https://${SHOP}/?ref=${code}`;
    const message = encodeURIComponent(`Here's $10.00 off your first order: ${link}`);
    await expect(card.getByRole("link", { name: "WhatsApp" }).getAttribute("href")).resolves.toBe(`https://wa.me/?text=${message}`);
    await expect(card.getByRole("link", { name: "X" }).getAttribute("href")).resolves.toBe(`https://x.com/intent/post?text=${message}`);
    await expect(card.getByRole("link", { name: "Facebook" }).getAttribute("href")).resolves.toBe(
      `https://www.facebook.com/sharer/sharer.php?u=${encodeURIComponent(link)}`,
    );
    await expect(card.getByRole("link", { name: "Email" }).getAttribute("href")).resolves.toMatch(/^mailto:\?subject=A%20gift/);
    await card.getByRole("button", { name: "Copy link" }).click();
    await expect.poll(() => dialog.getByRole("status").first().textContent()).toBe("Link copied");
    await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(360);
    await card.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SHOTS, "referral-widget-en-360.png") });
  });

  it("shows the same card in Arabic, right to left", async () => {
    const member = await aMember(sandbox, SHOP, { firstName: "Layla" });
    const page = await newPage();
    await page.goto(url({ as: member.customerId, locale: "ar" }));
    const dialog = await openPanel(page);
    const card = dialog.locator(".lw-referral");
    await expect.poll(() => card.isVisible(), { timeout: 15_000 }).toBe(true);
    await expect(card.innerText()).resolves.toContain("ادعُ صديقًا");
    await expect(card.getByRole("button", { name: "نسخ الرابط" }).isVisible()).resolves.toBe(true);
    await expect(card.getByRole("link", { name: "واتساب" }).isVisible()).resolves.toBe(true);
    await expect(page.locator(".lw-root").getAttribute("dir")).resolves.toBe("rtl");
    await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(360);
    await card.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SHOTS, "referral-widget-ar-360.png") });
  });

  it("offers a referred guest their first-order code from the ?ref= link", async () => {
    const referrer = await aMember(sandbox, SHOP, { firstName: "Ada" });
    const code = await referralCode(referrer.customerId);
    const page = await newPage();
    await page.goto(url({ as: "guest", ref: code }));
    const dialog = await openPanel(page);
    await expect.poll(() => dialog.getByText("A friend sent you a gift").isVisible(), { timeout: 15_000 }).toBe(true);
    await dialog.getByLabel("Your email").fill(`friend-${crypto.randomUUID().slice(0, 8)}@example.com`);
    await page.screenshot({ path: path.join(SHOTS, "referral-claim-form.png") });
    await dialog.getByRole("button", { name: "Get my code" }).click();
    await expect.poll(() => dialog.locator("[data-k=claimed]").textContent(), { timeout: 15_000 }).toMatch(/^Your code: REF-[A-Z2-9]{10}$/);
    const discountCode = (await dialog.locator("[data-k=claimed]").textContent())!.replace("Your code: ", "");
    expect(sandbox.emulator.store.discountCodes(SHOP).some((d) => d.code === discountCode)).toBe(true);
    await page.screenshot({ path: path.join(SHOTS, "referral-claimed.png") });
  });
});

describe("admin review queue", () => {
  it("lists a held referral with its reason and lets staff approve it", { timeout: 120_000 }, async () => {
    const ip = "203.0.113.9";
    const claim = (code: string, email: string) =>
      sandbox.proxy(SHOP, "referral/claim", null, {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-Forwarded-For": ip },
        body: JSON.stringify({ code, email }),
      });
    for (let i = 0; i < 3; i++) {
      const someone = await aMember(sandbox, SHOP);
      expect((await claim(await referralCode(someone.customerId), `ok-${i}-${crypto.randomUUID().slice(0, 6)}@example.com`)).status).toBe(201);
    }
    const referrer = await aMember(sandbox, SHOP, { firstName: "Grace", lastName: "Hopper" });
    const held = await claim(await referralCode(referrer.customerId), "suspect@example.com");
    expect(held.status).toBe(409);

    const page = await newPage(1280);
    const app = page.frameLocator("#app-iframe");
    await page.goto(sandbox.emulator.adminUrl(SHOP));
    await page.locator("#app-nav a", { hasText: "Referrals" }).click();
    await expect.poll(() => app.getByText("Held for review").first().isVisible(), { timeout: 30_000 }).toBe(true);
    const row = app.locator("tr", { hasText: "suspect@example.com" });
    await expect.poll(() => row.innerText()).toContain("Many referrals from one IP address this week");
    await expect(row.innerText()).resolves.toContain("Grace Hopper");
    await page.screenshot({ path: path.join(SHOTS, "referral-admin-queue.png"), fullPage: true });
    await row.getByRole("button", { name: "Approve" }).click();
    await expect.poll(() => app.getByText("Referral approved").isVisible(), { timeout: 15_000 }).toBe(true);
    await expect.poll(() => app.getByText("No referrals are waiting for review").isVisible()).toBe(true);
    await page.screenshot({ path: path.join(SHOTS, "referral-admin-approved.png"), fullPage: true });
  });

  it("raised no page errors", () => {
    expect(pageErrors).toEqual([]);
  });
});
