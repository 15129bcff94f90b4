// Browser: the storefront widget (theme app extension rendered by the sandbox storefront, real Chromium) for a
// guest and for a member: balance after an order, redeem with a confirm step, cancel a code, Arabic (RTL), a
// 360 px phone, keyboard only, and axe-core. Screenshots go to __screenshots__/widget-*.png.
import crypto from "node:crypto";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { launchBrowser, newDesktopContext } from "../support/browser";
import { startSandbox, type Sandbox } from "../support/sandbox";
import { aReward as createReward, type RewardSpec } from "../support/factories";

const SHOP = "e2e-widget.myshopify.com";
const SHOTS = path.resolve(__dirname, "__screenshots__");
const AXE = path.resolve(__dirname, "../../node_modules/axe-core/axe.min.js");

let sandbox: Sandbox;
let browser: Browser;
let context: BrowserContext;
let handle: string;
const pageErrors: string[] = [];

/** A shopper with `dollars` spent in one paid order (2 points per dollar). */
async function aMember(dollars: string, name = "Maria") {
  const customer = sandbox.emulator.store.addCustomer(SHOP, {
    email: `${name.toLowerCase()}-${crypto.randomUUID().slice(0, 8)}@example.com`,
    first_name: name,
    last_name: "Garcia",
  });
  const product = [...sandbox.emulator.store.data(SHOP).products.values()][0];
  await sandbox.emulator.orders.place(SHOP, {
    customer: { id: customer.id },
    lines: [{ productId: product.id, variantId: product.variants[0].id, quantity: 1, price: dollars }],
  });
  await sandbox.settle();
  return customer;
}

/** An amount-off reward saved through the admin's reward form. */
function aReward(name: string, pointsCost: number, valueMinor: number, translations: RewardSpec["translations"] = {}): Promise<string> {
  return createReward(sandbox, SHOP, { kind: "amount_off", name, description: `${name} your next order`, pointsCost, config: { valueMinor }, translations });
}

/**
 * A page in the suite's one browser context. Chromium runs --single-process here, where contexts do not keep
 * cookies apart (and closing one can take the browser down), so every page shares one context and picks the
 * shopper with ?as= on each visit, as the sandbox storefront allows.
 */
async function newPage(): Promise<{ page: Page }> {
  const page = await context.newPage();
  page.on("pageerror", (error) => pageErrors.push(error.message));
  return { page };
}

/** A storefront page for a shopper (`as`), in English unless `locale` says otherwise. */
const url = (page: string, query: Record<string, string | number>) =>
  `${sandbox.emulator.url}/storefront/${SHOP}${page}?${new URLSearchParams(Object.entries({ locale: "en", ...query }).map(([k, v]) => [k, String(v)]))}`;

async function openPanel(page: Page) {
  await page.getByRole("button", { name: /Rewards|المكافآت|Palkinnot/ }).click();
  const dialog = page.getByRole("dialog");
  await expect.poll(() => dialog.isVisible()).toBe(true);
  return dialog;
}

async function axeViolations(page: Page) {
  await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: (context: Document, options: object) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> };
      }
    ).axe;
    return axe.run(document, { resultTypes: ["violations"] });
  });
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

beforeAll(async () => {
  sandbox = await startSandbox();
  await sandbox.install(SHOP, { name: "E2E Coffee" });
  const saved = await sandbox.saveProgram(SHOP, { enabled: "on", pointsPerUnit: "2", awardOn: "paid", pendingDays: "0" });
  expect(saved.status).toBe(200);
  handle = sandbox.emulator.store.addProduct(SHOP, { title: "Pour-over kettle", handle: "pour-over-kettle", variants: [{ price: "42.50" }] }).handle;
  await aReward("$5 off", 50, 500);
  await aReward("$10 off", 100, 1000);
  await aReward("$50 off", 500, 5000);
  browser = await launchBrowser();
  // Shoppers who ask for reduced motion get no panel animation (and screenshots are never mid-slide).
  context = await newDesktopContext(browser, { reducedMotion: "reduce" });
});

afterAll(async () => {
  await browser?.close();
  await sandbox?.stop();
});

describe("storefront widget", () => {
  it("shows a guest how to earn, what rewards cost and how to join, and the product's points without a request", async () => {
    const { page } = await newPage();
    const proxied: string[] = [];
    page.on("request", (r) => r.url().includes("/apps/loyalist/") && proxied.push(r.url()));
    await page.goto(url(`/products/${handle}`, { as: "guest" }));
    // The earn block is Liquid over the app-owned metafield: 2 points × $42.50, no app request at all.
    await expect(page.getByText("Earn 85 points with this purchase").count()).resolves.toBe(1);
    await page.waitForLoadState("networkidle");
    expect(proxied).toEqual([]);

    const dialog = await openPanel(page);
    await expect.poll(() => dialog.getByText("Join our rewards program", { exact: false }).count()).toBe(1);
    await expect(dialog.getByRole("link", { name: "Create an account" }).getAttribute("href")).resolves.toContain("/account/register");
    await expect(dialog.getByRole("link", { name: "Sign in" }).getAttribute("href")).resolves.toContain("/account/login");
    await expect(dialog.getByText("Earn 2 points for every $1.00 spent.").count()).resolves.toBe(1);
    await expect.poll(() => dialog.getByText("$10 off", { exact: true }).count()).toBe(1);
    await expect(dialog.getByText("100 points", { exact: true }).count()).resolves.toBe(1);
    await page.screenshot({ path: path.join(SHOTS, "widget-guest.png") });
    expect(await axeViolations(page)).toEqual([]);
  });

  it("shows a member the balance and history after an order, redeems a reward with one confirm step, then cancels the code", async () => {
    const customer = await aMember("42.50");
    const { page } = await newPage();
    await page.goto(url(`/products/${handle}`, { as: customer.id }));
    const dialog = await openPanel(page);
    await expect.poll(() => dialog.locator(".lw-big").textContent(), { timeout: 15_000 }).toBe("85 points");
    await expect(dialog.locator(".lw-history li").count()).resolves.toBe(1);
    await expect(dialog.locator(".lw-history li").first().innerText()).resolves.toContain("+85");
    await page.screenshot({ path: path.join(SHOTS, "widget-member.png") });
    expect(await axeViolations(page)).toEqual([]);

    // WHEN she redeems $5 off (50 points) and confirms
    await dialog.getByRole("button", { name: "Redeem $5 off" }).click();
    await expect.poll(() => dialog.getByText("Spend 50 points on $5 off?").count()).toBe(1);
    await dialog.getByRole("button", { name: "Confirm" }).click();

    // THEN the code, the new balance and the redemption in her history
    const code = dialog.locator(".lw-issued .lw-code");
    await expect.poll(() => code.count(), { timeout: 15_000 }).toBe(1);
    const issued = (await code.textContent()) ?? "";
    expect(issued).toMatch(/^LOYAL-/);
    await expect.poll(() => dialog.locator(".lw-big").textContent()).toBe("35 points");
    await expect.poll(() => dialog.locator(".lw-history li").count(), { timeout: 15_000 }).toBe(2);
    await expect(dialog.locator(".lw-history li").first().innerText()).resolves.toContain("-50");
    await expect(dialog.getByRole("link", { name: "Apply to cart" }).first().getAttribute("href")).resolves.toBe(`/discount/${issued}?redirect=%2Fcart`);
    await expect(dialog.locator(".lw-list").filter({ hasText: issued }).count()).resolves.toBeGreaterThan(0);
    expect(sandbox.emulator.store.discountCodes(SHOP).map((d) => d.code)).toContain(issued);
    await page.screenshot({ path: path.join(SHOTS, "widget-redeemed.png") });

    // WHEN she cancels the code (and confirms) THEN it is gone and the points are back
    await dialog.getByRole("button", { name: `Cancel code ${issued}` }).click();
    await dialog.getByRole("button", { name: "Yes, cancel the code" }).click();
    // (shown under "Your codes", where she was; the panel's live region speaks it too)
    await expect.poll(() => dialog.locator(".lw-note").textContent(), { timeout: 15_000 }).toBe("Code cancelled. Your points are back.");
    await expect.poll(() => dialog.locator(".lw-big").textContent()).toBe("85 points");
    await expect(dialog.getByRole("button", { name: `Cancel code ${issued}` }).count()).resolves.toBe(0);
    await page.screenshot({ path: path.join(SHOTS, "widget-cancelled.png") });
  });

  it("shows the account and cart blocks inline for a member", async () => {
    const customer = await aMember("30.00", "Aino");
    const { page } = await newPage();
    await page.goto(url("/account", { as: customer.id }));
    const account = page.locator("[data-loyalist-mount=account]");
    await expect.poll(() => account.locator(".lw-big").textContent(), { timeout: 15_000 }).toBe("60 points");
    await expect(account.getByText("Points history").count()).resolves.toBe(1);
    await page.screenshot({ path: path.join(SHOTS, "widget-account.png"), fullPage: true });
    expect(await axeViolations(page)).toEqual([]);
    await page.goto(url("/cart", { as: customer.id }));
    const cart = page.locator("[data-loyalist-mount=cart]");
    await expect.poll(() => cart.getByRole("button", { name: "Redeem $5 off" }).count(), { timeout: 15_000 }).toBe(1);
    // The next reward within reach shows how far it is; those further away are left to the full view.
    await expect(cart.getByText("40 points to go").count()).resolves.toBe(1);
    await expect(cart.getByText("$50 off").count()).resolves.toBe(0);
    await page.screenshot({ path: path.join(SHOTS, "widget-cart.png"), fullPage: true });
    expect(await axeViolations(page)).toEqual([]);
  });

  it("lays the Arabic storefront out right to left with Arabic text", async () => {
    const customer = await aMember("10.00", "Layla");
    const { page } = await newPage();
    await page.goto(url(`/products/${handle}`, { as: customer.id, locale: "ar" }));
    await expect(page.evaluate(() => document.documentElement.dir)).resolves.toBe("rtl");
    await expect(page.getByText("اكسب 85 نقطة مع هذا الشراء").count()).resolves.toBe(1);
    const launcher = page.getByRole("button", { name: "المكافآت" });
    const box = await launcher.boundingBox();
    expect(box && box.x).toBeLessThan(300); // the launcher sits in the inline-end corner: the left in RTL
    const dialog = await openPanel(page);
    await expect.poll(() => dialog.getByText("رصيدك").count(), { timeout: 15_000 }).toBe(1);
    await expect(dialog.evaluate((el) => getComputedStyle(el).direction)).resolves.toBe("rtl");
    await expect(dialog.evaluate((el) => getComputedStyle(el).animationName)).resolves.toBe("none"); // prefers-reduced-motion
    await expect(dialog.getByRole("heading", { name: "المكافآت", level: 2 }).count()).resolves.toBe(1);
    await page.screenshot({ path: path.join(SHOTS, "widget-arabic-rtl.png") });
    expect(await axeViolations(page)).toEqual([]);
  });

  it("shows history reasons in Arabic and Finnish, with dates that read correctly in each direction", async () => {
    // GIVEN a member who earned on an order and redeemed a reward the merchant translated
    const customer = await aMember("42.50", "Noor");
    const rewardId = await aReward("$2 off", 20, 200, { fi: { name: "2 $ alennus" }, ar: { name: "خصم دولارين" } });
    const redeemed = await sandbox.proxy(SHOP, "redeem", customer.id, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ rewardId }),
    });
    expect(redeemed.status).toBe(201);
    const history = ((await (await sandbox.proxy(SHOP, "member", customer.id)).json()) as { history: { createdAt: string }[] }).history;
    const cases = [
      {
        locale: "ar",
        dir: "rtl",
        redeemed: "تم استبدال \u2068خصم دولارين\u2069",
        earned: /^مكتسبة من الطلب \u2068#\d+\u2069$/,
        shot: "widget-arabic-history.png",
      },
      { locale: "fi", dir: "ltr", redeemed: "Lunastettu: 2 $ alennus", earned: /^Ansaittu tilauksesta #\d+$/, shot: "widget-finnish-history.png" },
    ];
    for (const c of cases) {
      // WHEN she opens the panel on the storefront in that language
      const { page } = await newPage();
      await page.goto(url(`/products/${handle}`, { as: customer.id, locale: c.locale }));
      const dialog = await openPanel(page);
      const items = dialog.locator(".lw-history li");
      await expect.poll(() => items.count(), { timeout: 15_000 }).toBe(2);
      // THEN the reasons are sentences in her language
      await expect(items.nth(0).locator("bdi").first().innerText()).resolves.toBe(c.redeemed);
      await expect(items.nth(1).locator("bdi").first().innerText()).resolves.toMatch(c.earned);
      // and each date is the locale's own format, isolated from the text around it
      const expected = await page.evaluate(
        ([locale, iso]) => new Intl.DateTimeFormat(locale, { dateStyle: "medium" }).format(new Date(iso)),
        [c.locale, history[1].createdAt],
      );
      await expect(items.nth(1).locator("bdi.lw-muted").innerText()).resolves.toBe(`\u2068${expected}\u2069`);
      await expect(
        items
          .nth(1)
          .locator("bdi.lw-muted")
          .evaluate((el) => getComputedStyle(el).unicodeBidi),
      ).resolves.toBe("isolate");
      await expect(dialog.evaluate((el) => getComputedStyle(el).direction)).resolves.toBe(c.dir);
      await items.nth(1).scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(SHOTS, c.shot) });
      expect(await axeViolations(page)).toEqual([]);
    }
  });

  it("fits a 360 px phone: the panel is a bottom sheet inside the viewport, nothing scrolls sideways", async () => {
    const customer = await aMember("42.50", "Mei");
    const { page } = await newPage();
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto(url(`/products/${handle}`, { as: customer.id }));
    const dialog = await openPanel(page);
    await expect.poll(() => dialog.locator(".lw-big").textContent(), { timeout: 15_000 }).toBe("85 points");
    // (polled: the sheet slides in over 160 ms)
    await expect
      .poll(async () => {
        const box = await dialog.boundingBox();
        return box && { left: box.x >= 0, right: box.x + box.width <= 360, bottom: Math.round(box.y + box.height) <= 740, wide: box.width >= 350 };
      })
      .toEqual({ left: true, right: true, bottom: true, wide: true });
    await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(360);
    const redeem = dialog.getByRole("button", { name: "Redeem $5 off" });
    const target = await redeem.boundingBox();
    expect(target!.height).toBeGreaterThanOrEqual(44); // touch target
    await page.screenshot({ path: path.join(SHOTS, "widget-phone-360.png") });
  });

  it("works with the keyboard alone: open, trap focus, redeem, close with Escape and return focus", async () => {
    const customer = await aMember("42.50", "Kai");
    const { page } = await newPage();
    await page.goto(url(`/products/${handle}`, { as: customer.id }));
    const launcher = page.getByRole("button", { name: "Rewards" });
    await launcher.waitFor();
    const focused = () =>
      page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        return {
          label: el?.getAttribute("aria-label") || el?.textContent?.trim() || "",
          inDialog: Boolean(el?.closest("[role=dialog]")),
          launcher: Boolean(el?.classList.contains("lw-launcher")),
        };
      });
    // Tab through the page until the launcher has focus
    for (let i = 0; i < 40 && !(await focused()).launcher; i++) await page.keyboard.press("Tab");
    expect((await focused()).launcher).toBe(true);
    await page.keyboard.press("Enter");
    await expect.poll(async () => (await focused()).label).toBe("Close");
    await expect.poll(() => page.locator(".lw-big").textContent(), { timeout: 15_000 }).toBe("85 points");
    // Focus stays in the dialog, forwards and backwards
    for (let i = 0; i < 25; i++) {
      await page.keyboard.press("Tab");
      expect((await focused()).inDialog).toBe(true);
    }
    for (let i = 0; i < 5; i++) {
      await page.keyboard.press("Shift+Tab");
      expect((await focused()).inDialog).toBe(true);
    }
    // Redeem $5 off with Enter, confirm with Enter: focus lands on the code
    await page.keyboard.press("Escape");
    await expect.poll(async () => (await focused()).launcher).toBe(true);
    await page.keyboard.press("Enter");
    for (let i = 0; i < 20 && (await focused()).label !== "Redeem $5 off"; i++) await page.keyboard.press("Tab");
    expect((await focused()).label).toBe("Redeem $5 off");
    await page.keyboard.press("Enter");
    await expect.poll(async () => (await focused()).label).toBe("Confirm");
    await page.keyboard.press("Enter");
    await expect.poll(async () => (await focused()).label, { timeout: 15_000 }).toBe("Your code is ready");
    await page.screenshot({ path: path.join(SHOTS, "widget-keyboard.png") });
    // Escape closes and gives focus back to the launcher
    await page.keyboard.press("Escape");
    await expect.poll(() => page.getByRole("dialog").count()).toBe(0);
    expect((await focused()).launcher).toBe(true);
    await expect(launcher.getAttribute("aria-expanded")).resolves.toBe("false");
  });

  it("raised no page errors", () => {
    expect(pageErrors).toEqual([]);
  });
});
