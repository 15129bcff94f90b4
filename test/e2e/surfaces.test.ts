// Browser: the customer-account profile block and Rewards page, the order-status and thank-you block, and the POS
// block, redeem-onto-the-cart flow and attach-a-customer tile, each extension's real code running in Chromium on the
// UI extension host (test/support/ui-extension-host) against the sandbox app, in English and Arabic. Screenshots go
// to __screenshots__/surfaces-*.png.
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { launchBrowser, newDesktopContext } from "../support/browser";
import { startSandbox, type Sandbox } from "../support/sandbox";
import { TEST_API_KEY, TEST_API_SECRET } from "../support/app-server";
import { aMember, aReward, anOrder } from "../support/factories";
import { mountExtension, type MountOptions } from "../support/ui-extension-host/host";
import { extensionToken, type ExtensionTokenInput } from "../support/ui-extension-host/tokens";

const SHOP = "e2e-surfaces.myshopify.com";
const SHOTS = path.resolve(__dirname, "__screenshots__");
const LOCALES = ["en", "ar"] as const;

let sandbox: Sandbox;
let browser: Browser;
let context: BrowserContext;
const pageErrors: string[] = [];

const tokenFor = (surface: ExtensionTokenInput["surface"], subject: string | number | null) => () =>
  extensionToken({ surface, shop: SHOP, apiKey: TEST_API_KEY, secret: TEST_API_SECRET, subject });

async function mount(options: Omit<MountOptions, "appUrl">) {
  const mounted = await mountExtension(context, { ...options, appUrl: sandbox.app.url });
  mounted.page.on("pageerror", (error) => pageErrors.push(error.message));
  return mounted;
}

/** A POS target of the loyalist-pos extension on a phone-sized screen, as the permitted staff user 7 unless told. */
function mountPos(module: string, target: string, locale: string, extra: Partial<MountOptions> = {}) {
  return mount({ extension: "loyalist-pos", module, target, locale, width: 420, token: tokenFor("pos", 7), ...extra });
}

/** Polls until the page settles: the app's first answers (and Shopify's, through the emulator) can take seconds. */
const eventually = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 15_000, interval: 100 });

/** Runs a poll; when it fails, the failure names what the page showed. */
async function explained(page: Page, poll: () => Promise<unknown>) {
  try {
    await poll();
  } catch (error) {
    throw new Error(`${String(error)}\npage text: ${await page.locator("body").innerText()}`);
  }
}

const digits = (locale: string, n: number) => new Intl.NumberFormat(locale).format(n);

beforeAll(async () => {
  sandbox = await startSandbox({ env: { PROXY_RATE_LIMIT_BURST: "100000", PROXY_RATE_LIMIT_PER_SECOND: "10000" } });
  await sandbox.install(SHOP);
  expect((await sandbox.saveProgram(SHOP, { enabled: "on", pointsPerUnit: "1", awardOn: "paid", pendingDays: "0" })).status).toBe(200);
  await aReward(sandbox, SHOP, {
    kind: "amount_off",
    name: "$5 off",
    pointsCost: 100,
    config: { valueMinor: 500 },
    translations: { ar: { name: "خصم 5 دولارات" } },
  });
  await aReward(sandbox, SHOP, { kind: "amount_off", name: "$20 off", pointsCost: 400, config: { valueMinor: 2000 } });
  browser = await launchBrowser();
  context = await newDesktopContext(browser);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await sandbox?.stop();
  expect(pageErrors).toEqual([]);
});

describe.each(LOCALES)("customer accounts (%s)", (locale) => {
  it("GIVEN a member WHEN the profile block renders THEN it shows their points and links to the Rewards page", async () => {
    const member = await aMember(sandbox, SHOP, { balance: 240 });
    const block = await mount({
      extension: "loyalist-account-profile",
      module: "src/ProfileBlock.tsx",
      target: "customer-account.profile.block.render",
      locale,
      token: tokenFor("customer-account", member.customerId),
    });

    await eventually(() => block.page.locator("s-heading").textContent()).toContain(digits(locale, 240));
    expect(await block.page.locator("s-link").getAttribute("href")).toBe("extension:loyalist-rewards-page/");
    expect(await block.page.locator("s-link").textContent()).toBe(locale === "ar" ? "عرض مكافآتك" : "See your rewards");
    await block.page.screenshot({ path: path.join(SHOTS, `surfaces-profile-${locale}.png`), fullPage: true });
    await block.close();
  });

  it("GIVEN a member WHEN they redeem on the Rewards page and cancel the code THEN the code shows, then the points come back", async () => {
    const member = await aMember(sandbox, SHOP, { balance: 240 });
    const rewards = await mount({
      extension: "loyalist-rewards-page",
      module: "src/RewardsPage.tsx",
      target: "customer-account.page.render",
      locale,
      token: tokenFor("customer-account", member.customerId),
    });
    const page = rewards.page;
    const fiveOff = page.locator("s-stack[direction=inline]", { has: page.getByText(locale === "ar" ? "خصم 5 دولارات" : "$5 off", { exact: true }) });
    await eventually(() => fiveOff.count()).toBe(1);

    await fiveOff.locator("s-button").click();

    const banner = page.locator("s-banner[tone=success]");
    await eventually(() => banner.textContent()).toMatch(/[A-Z0-9-]{6,}/);
    const code = /([A-Z0-9][A-Z0-9-]{5,})/.exec((await banner.textContent()) ?? "")![1];
    await eventually(() => page.locator("s-heading").textContent()).toContain(digits(locale, 140));
    expect(await page.getByText(code, { exact: true }).count()).toBe(1);
    await page.screenshot({ path: path.join(SHOTS, `surfaces-rewards-page-${locale}.png`), fullPage: true });

    await page
      .locator("s-stack[direction=inline]", { has: page.getByText(code, { exact: true }) })
      .locator("s-button")
      .click();

    await explained(page, () => eventually(() => page.locator("s-heading").textContent()).toContain(digits(locale, 240)));
    expect(await page.getByText(code, { exact: true }).count()).toBe(0);
    await rewards.close();
  });

  it("GIVEN a member's order WHEN the order-status and thank-you blocks render THEN they say what it earned and the nearest reward", async () => {
    const member = await aMember(sandbox, SHOP, { balance: 50 });
    const { order } = await anOrder(sandbox, SHOP, { customer: member.customer, price: "25.00" });
    const earned = locale === "ar" ? `كسبت ${digits(locale, 25)} نقطة من هذا الطلب.` : "You earned 25 points on this order.";

    for (const [module, target, surface] of [
      ["src/OrderStatusBlock.tsx", "customer-account.order-status.block.render", "customer-account"],
      ["src/ThankYouBlock.tsx", "purchase.thank-you.block.render", "checkout"],
    ] as const) {
      const block = await mount({
        extension: "loyalist-order-status",
        module,
        target,
        locale,
        orderId: String(order.id),
        buyerCustomerId: member.customerId,
        token: tokenFor(surface, member.customerId),
      });
      await eventually(() => block.page.locator("s-heading").textContent()).toBe(earned);
      expect(await block.page.locator("body").textContent()).toContain(digits(locale, 25));
      await block.page.screenshot({
        path: path.join(SHOTS, `surfaces-${surface === "checkout" ? "thank-you" : "order-status"}-${locale}.png`),
        fullPage: true,
      });
      await block.close();
    }
  });
});

describe.each(LOCALES)("Shopify POS (%s)", (locale) => {
  it("GIVEN a member on the customer screen WHEN the block renders THEN staff see points and what they can redeem", async () => {
    const member = await aMember(sandbox, SHOP, { balance: 150 });
    const block = await mountPos("src/CustomerBlock.tsx", "pos.customer-details.block.render", locale, {
      customerId: Number(member.customerId),
    });

    await eventually(() => block.page.locator("s-pos-block s-text[type=strong]").textContent()).toContain(digits(locale, 150));
    await block.page.locator("s-pos-block s-button").click();
    expect(await block.calls()).toEqual([{ api: "action.presentModal", args: [] }]);
    await block.page.screenshot({ path: path.join(SHOTS, `surfaces-pos-block-${locale}.png`), fullPage: true });
    await block.close();
  });

  it("GIVEN a member WHEN staff redeem a reward in the modal THEN its code goes on the cart, and taking it back returns the points once", async () => {
    const member = await aMember(sandbox, SHOP, { balance: 150 });
    const modal = await mountPos("src/CustomerModal.tsx", "pos.customer-details.action.render", locale, {
      customerId: Number(member.customerId),
    });
    const page = modal.page;
    const redeem = page.locator("s-button[variant=primary]").first();
    await eventually(() => redeem.textContent()).toContain(locale === "ar" ? "خصم 5 دولارات" : "$5 off");

    await redeem.click();

    await explained(page, () => eventually(async () => (await modal.calls()).map((c) => c.api)).toContain("cart.addCartCodeDiscount"));
    const code = (await modal.calls()).find((c) => c.api === "cart.addCartCodeDiscount")!.args[0] as string;
    const issued = sandbox.emulator.store.discountCodes(SHOP).find((d) => d.code === code);
    expect(issued?.customerIds).toEqual([Number(member.customerId)]);
    await eventually(() => page.locator("s-section").first().getAttribute("heading")).toMatch(new RegExp(`^${digits(locale, 50)} `));
    await eventually(() => page.locator("s-button[tone=critical]").count()).toBe(1);
    await page.screenshot({ path: path.join(SHOTS, `surfaces-pos-redeem-${locale}.png`), fullPage: true });

    await page.locator("s-button[tone=critical]").click();

    await eventually(async () => (await modal.calls()).map((c) => c.api)).toContain("cart.removeCartDiscount");
    await eventually(() => page.locator("s-section").first().getAttribute("heading")).toMatch(new RegExp(`^${digits(locale, 150)} `));
    expect(sandbox.emulator.store.discountCodes(SHOP).some((d) => d.code === code)).toBe(false);
    await modal.close();
  });

  it("GIVEN a cart without a customer WHEN staff use the tile and attach by email THEN the customer is set on the cart", async () => {
    const member = await aMember(sandbox, SHOP, { balance: 10 });
    const tile = await mountPos("src/AttachTile.tsx", "pos.home.tile.render", locale, { cart: { customer: null } });
    expect(await tile.page.locator("s-tile").getAttribute("subheading")).toBe(locale === "ar" ? "أضف عميلًا ليكسب النقاط" : "Add a customer to earn points");
    await tile.page.locator("s-tile").click();
    expect(await tile.calls()).toEqual([{ api: "action.presentModal", args: [] }]);
    await tile.page.screenshot({ path: path.join(SHOTS, `surfaces-pos-tile-${locale}.png`) });
    await tile.close();

    const modal = await mountPos("src/AttachModal.tsx", "pos.home.modal.render", locale, { cart: { customer: null } });
    await modal.page.locator("s-email-field input").fill(member.email);
    await modal.page.locator("s-button[variant=primary]").click();

    await eventually(() => modal.calls()).toEqual([{ api: "cart.setCustomer", args: [{ id: Number(member.customerId) }] }]);
    await modal.page.screenshot({ path: path.join(SHOTS, `surfaces-pos-attach-${locale}.png`), fullPage: true });
    await modal.close();
  });

  it("GIVEN a cart without a customer and nobody with that email WHEN staff create the customer in the tile's modal THEN Shopify has them and they are set on the cart", async () => {
    const email = `new-${locale}-${Date.now()}@example.com`;
    // English creates with the looked-up email; Arabic clears it and gives only a phone, the other way the app allows.
    const phone = locale === "ar" ? `+3584${String(Date.now()).slice(-8)}` : null;
    const modal = await mountPos("src/AttachModal.tsx", "pos.home.modal.render", locale, { cart: { customer: null } });
    const { page } = modal;
    await page.locator("s-email-field input").fill(email);
    await page.locator("s-button[variant=primary]").click();

    // Nobody has it: the form opens with the email already in it.
    await explained(page, () => eventually(() => page.locator("s-text-field").count()).toBe(3));
    expect(await page.locator("s-banner[tone=info]").getAttribute("heading")).toBe(
      locale === "ar"
        ? "لا يوجد عميل بهذا البريد الإلكتروني. أنشئه هنا ليكسب نقاطًا من هذه العملية."
        : "No customer has this email. Create them here so this sale earns them points.",
    );
    expect(await page.locator("s-email-field input").inputValue()).toBe(email);
    const create = page.locator("s-button[variant=primary]");
    expect(await create.getAttribute("disabled")).not.toBeNull(); // no first name yet
    await page.locator("s-text-field input").nth(0).fill("Ana");
    await page.locator("s-text-field input").nth(1).fill("Silva");
    if (phone) {
      await page.locator("s-email-field input").fill("");
      await page
        .locator("s-text-field input")
        .nth(2)
        .fill(`${phone.slice(0, 4)} ${phone.slice(4, 6)} ${phone.slice(6)}`);
    }
    await page.screenshot({ path: path.join(SHOTS, `surfaces-pos-create-form-${locale}.png`), fullPage: true });
    await create.click();

    await explained(page, () => eventually(async () => (await modal.calls()).map((c) => c.api)).toEqual(["cart.setCustomer"]));
    const customerId = ((await modal.calls())[0].args[0] as { id: number }).id;
    expect(await modal.cart()).toMatchObject({ customer: { id: customerId } });
    const created = sandbox.emulator.store.data(SHOP).customers.get(customerId);
    expect(created).toMatchObject({ first_name: "Ana", last_name: "Silva", email: phone ? null : email, phone });
    expect(await page.locator("s-banner[tone=success]").getAttribute("heading")).toBe(
      locale === "ar" ? "تم إنشاء Ana Silva وربطه بهذه العملية" : "Ana Silva was created and is on this sale",
    );
    // Back on an empty search, so a second tap cannot create them twice.
    expect(await page.locator("s-text-field").count()).toBe(0);
    expect(await page.locator("s-email-field input").inputValue()).toBe("");
    const { rows } = await sandbox.db.query<{ actor: string; after: unknown }>(
      `SELECT actor, after FROM "AuditEvent" WHERE "shopDomain" = $1 AND action = 'customer.create' AND "subjectId" = $2`,
      [SHOP, String(customerId)],
    );
    expect(rows).toEqual([{ actor: "POS staff (staff 7)", after: { source: "pos", email: !phone, phone: Boolean(phone) } }]);
    await eventually(() => sandbox.emulator.webhooks.deliveries.filter((d) => d.topic === "customers/create").map((d) => d.status)).toContain(200);
    await page.screenshot({ path: path.join(SHOTS, `surfaces-pos-create-${locale}.png`), fullPage: true });
    await modal.close();
  });

  it("GIVEN a customer with that email WHEN staff try to create them again THEN the modal offers to attach the existing customer", async () => {
    const member = await aMember(sandbox, SHOP, { balance: 10, firstName: "Leila", lastName: "Haddad" });
    const modal = await mountPos("src/AttachModal.tsx", "pos.home.modal.render", locale, { cart: { customer: null } });
    const { page } = modal;
    await page.locator("s-button[variant=secondary]").click();
    await page.locator("s-text-field input").nth(0).fill("Leila");
    await page.locator("s-email-field input").fill(member.email);
    await page.locator("s-button[variant=primary]").click();

    const attachExisting = page.locator("s-button", { hasText: "Leila Haddad" });
    await explained(page, () => eventually(() => attachExisting.count()).toBe(1));
    expect(await page.locator("s-banner[tone=warning]").getAttribute("heading")).toContain("Leila Haddad");
    await attachExisting.click();
    await eventually(() => modal.calls()).toEqual([{ api: "cart.setCustomer", args: [{ id: Number(member.customerId) }] }]);
    expect(await modal.cart()).toMatchObject({ customer: { id: Number(member.customerId) } });
    expect([...sandbox.emulator.store.data(SHOP).customers.values()].filter((c) => c.email === member.email)).toHaveLength(1);
    await modal.close();
  });

  it("GIVEN a POS user without Loyalist's permission WHEN the block renders THEN it says so and shows no data", async () => {
    const member = await aMember(sandbox, SHOP, { balance: 321 });
    const block = await mountPos("src/CustomerBlock.tsx", "pos.customer-details.block.render", locale, {
      customerId: Number(member.customerId),
      token: () => null,
    });
    await eventually(() => block.page.locator("s-text[tone=critical]").textContent()).toContain(
      locale === "ar" ? "إذن تطبيق Loyalist" : "Loyalist app permission",
    );
    expect(await block.page.locator("body").textContent()).not.toContain(digits(locale, 321));
    await block.close();
  });
});
