// Browser: the widget's "Ways to earn" on a 360 px phone, in English and Arabic: every kind the sandbox seeds,
// a sign-up claimed with one tap (balance and state change at once), a birthday entered, a survey answered.
// Screenshots go to __screenshots__/widget-earn-*.png.
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { launchBrowser, newDesktopContext } from "../support/browser";
import { startSandbox, type Sandbox } from "../support/sandbox";
import { aMember, anAction } from "../support/factories";
import { DEMO_ACTIONS } from "../support/demo-actions";

const SHOP = "e2e-earn.myshopify.com";
const SHOTS = path.resolve(__dirname, "__screenshots__");

let sandbox: Sandbox;
let browser: Browser;
let context: BrowserContext;
let handle: string;
const pageErrors: string[] = [];

const url = (page: string, query: Record<string, string | number>) =>
  `${sandbox.emulator.url}/storefront/${SHOP}${page}?${new URLSearchParams(Object.entries({ locale: "en", ...query }).map(([k, v]) => [k, String(v)]))}`;

async function phonePage(): Promise<Page> {
  const page = await context.newPage();
  page.on("pageerror", (error) => pageErrors.push(error.message));
  await page.setViewportSize({ width: 360, height: 740 });
  return page;
}

async function openPanel(page: Page) {
  await page.getByRole("button", { name: /Rewards|المكافآت/ }).click();
  const dialog = page.getByRole("dialog");
  await expect.poll(() => dialog.isVisible()).toBe(true);
  return dialog;
}

beforeAll(async () => {
  sandbox = await startSandbox();
  await sandbox.install(SHOP, { name: "E2E Earn" });
  const saved = await sandbox.saveProgram(SHOP, { enabled: "on", pointsPerUnit: "1", awardOn: "paid", pendingDays: "0" });
  expect(saved.status).toBe(200);
  handle = sandbox.emulator.store.addProduct(SHOP, { title: "Espresso cups", handle: "espresso-cups", variants: [{ price: "20.00" }] }).handle;
  for (const action of DEMO_ACTIONS) await anAction(sandbox, SHOP, action);
  browser = await launchBrowser();
  context = await newDesktopContext(browser, { reducedMotion: "reduce" });
});

afterAll(async () => {
  await browser?.close();
  await sandbox?.stop();
});

describe("ways to earn in the widget", () => {
  it("GIVEN every kind of action WHEN a member opens the panel on a phone THEN each is listed and a sign-up is claimed with one tap", async () => {
    const { customerId, balance } = await aMember(sandbox, SHOP, { balance: 40 });
    const page = await phonePage();
    await page.goto(url(`/products/${handle}`, { as: customerId }));
    const dialog = await openPanel(page);
    const items = dialog.locator(".lw-act");
    await expect.poll(() => items.count(), { timeout: 15_000 }).toBe(DEMO_ACTIONS.length);
    await expect.poll(() => dialog.getByText("Celebrate your birthday").isVisible()).toBe(true);
    await expect.poll(() => dialog.getByRole("button", { name: "Follow on Instagram" }).isVisible()).toBe(true);
    await expect.poll(() => dialog.getByText("Buy from 3 different collections within 60 days").isVisible()).toBe(true);
    await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(360);

    await dialog.getByRole("button", { name: "Claim" }).first().click();
    await expect.poll(() => dialog.locator(".lw-big").textContent(), { timeout: 15_000 }).toBe(`${balance + 100} points`);
    await expect.poll(() => dialog.locator('[data-action="signup"]').textContent()).toContain("Done");
    await expect.poll(() => page.locator(".lw-notice").first().textContent()).toContain("You earned 100 points!");

    const survey = dialog.locator('[data-action="survey"]');
    await survey.locator("select").nth(0).selectOption("Coffee");
    await survey.locator("select").nth(1).selectOption("2-3");
    await survey.getByRole("button", { name: "Send answers" }).click();
    await expect.poll(() => dialog.locator('[data-action="survey"]').textContent(), { timeout: 15_000 }).toContain("Done");
    const { rows } = await sandbox.db.query(`SELECT question, answer FROM "SurveyAnswer" WHERE "customerId" = $1 ORDER BY question`, [customerId]);
    expect(rows).toEqual([
      { question: "cups_per_day", answer: "2-3" },
      { question: "favourite_category", answer: "Coffee" },
    ]);
    await dialog.locator('[data-action="birthday"] input[type="date"]').fill("1990-06-15");
    await dialog.locator('[data-action="birthday"]').getByRole("button", { name: "Save" }).click();
    await expect.poll(() => page.locator(".lw-notice").first().textContent(), { timeout: 15_000 }).toContain("Birthday saved");
    await dialog.locator('[data-action="signup"]').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SHOTS, "widget-earn-en-360.png") });
    await dialog.locator('[data-action="challenge"]').first().scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SHOTS, "widget-earn-en-360-more.png") });
  });

  it("GIVEN an Arabic storefront WHEN a member opens ways to earn THEN it reads right to left in Arabic", async () => {
    const { customerId } = await aMember(sandbox, SHOP, { balance: 10 });
    const page = await phonePage();
    await page.goto(url(`/products/${handle}`, { as: customerId, locale: "ar" }));
    const dialog = await openPanel(page);
    await expect.poll(() => dialog.locator(".lw-act").count(), { timeout: 15_000 }).toBe(DEMO_ACTIONS.length);
    await expect.poll(() => dialog.getByText("احتفل بعيد ميلادك").isVisible()).toBe(true);
    await expect.poll(() => dialog.getByRole("button", { name: "تابع على Instagram" }).isVisible()).toBe(true);
    await expect(page.evaluate(() => getComputedStyle(document.querySelector(".lw-panel")!).direction)).resolves.toBe("rtl");
    await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(360);
    await dialog.locator('[data-action="signup"]').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SHOTS, "widget-earn-ar-360.png") });
  });

  it("raised no page errors", () => {
    expect(pageErrors).toEqual([]);
  });
});

describe("ways to earn in the admin", () => {
  it("GIVEN every kind configured and a vote WHEN the merchant opens Ways to earn THEN each is listed with the poll's results", async () => {
    const { customerId } = await aMember(sandbox, SHOP);
    const { rows } = await sandbox.db.query<{ id: string }>(`SELECT id FROM "EarningAction" WHERE "shopDomain" = $1 AND kind = 'poll'`, [SHOP]);
    const vote = await sandbox.proxy(SHOP, `actions/${rows[0].id}`, customerId, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ option: "kenya" }),
    });
    expect(vote.status).toBe(201);
    const page = await context.newPage();
    page.on("pageerror", (error) => pageErrors.push(error.message));
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(sandbox.emulator.adminUrl(SHOP));
    const app = page.frameLocator("#app-iframe");
    await expect.poll(() => page.locator("#app-nav a", { hasText: "Ways to earn" }).isVisible(), { timeout: 30_000 }).toBe(true);
    await page.locator("#app-nav a", { hasText: "Ways to earn" }).click();
    await expect.poll(() => app.getByText("Poll results: Next single origin").isVisible(), { timeout: 30_000 }).toBe(true);
    for (const action of DEMO_ACTIONS) await expect.poll(() => app.getByRole("link", { name: action.title }).isVisible()).toBe(true);
    await expect.poll(() => app.getByText("100%").isVisible()).toBe(true);
    await page.screenshot({ path: path.join(SHOTS, "admin-ways-to-earn.png"), fullPage: true });
  });
});
