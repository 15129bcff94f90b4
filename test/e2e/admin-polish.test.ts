// Issue 13 "Admin, finished" (browser): the reward form chooses its free product with App Bridge's resource picker
// (the emulator's stand-in over its store) and shows the reward's terms in a summary; earning exclusions are chosen
// the same way; the activity log reads as sentences. Empty lists say what will appear and the step that makes it
// appear; statuses are badges and orders are their names, linked to the Shopify admin, in English and Arabic.
// Screenshots to look at in test/e2e/__screenshots__/.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Browser, FrameLocator, Page } from "playwright-core";
import { launchBrowser, newDesktopContext } from "../support/browser";
import { startSandbox, type Sandbox } from "../support/sandbox";
import { aMember, aReward, anOrder } from "../support/factories";

const SHOP = "e2e-polish.myshopify.com";
const SHOTS = path.resolve(__dirname, "__screenshots__");

let sandbox: Sandbox;
let browser: Browser;
let page: Page;
let app: FrameLocator;
const pageErrors: string[] = [];
let mugVariant = "";
let collectionId = 0;

beforeAll(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  sandbox = await startSandbox();
  await sandbox.install(SHOP, { name: "Polish Coffee" });
  const mug = sandbox.emulator.store.addProduct(SHOP, {
    title: "Travel mug",
    variants: [
      { title: "Small", price: "12.00" },
      { title: "Large", price: "16.00" },
    ],
  });
  const beans = sandbox.emulator.store.addProduct(SHOP, { title: "House beans", variants: [{ price: "18.00" }] });
  mugVariant = `gid://shopify/ProductVariant/${mug.variants[1].id}`;
  collectionId = sandbox.emulator.store.addCollection(SHOP, { title: "Gift cards and merch", productIds: [mug.id] }).id;
  sandbox.emulator.store.addCollection(SHOP, { title: "Coffee", productIds: [beans.id] });
  browser = await launchBrowser();
  page = await (await newDesktopContext(browser)).newPage();
  page.on("pageerror", (error) => pageErrors.push(error.message));
  app = page.frameLocator("#app-iframe");
});

afterAll(async () => {
  await browser?.close();
  await sandbox?.stop();
});

const shot = (name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
const nav = (label: string) => (label === "Home" ? page.locator("nav .active") : page.locator("#app-nav a", { hasText: label })).click();
const visible = (text: string | RegExp, timeout = 15_000) => expect.poll(() => app.getByText(text).first().isVisible(), { timeout }).toBe(true);
const picker = () => app.locator("#shopify-emulator-resource-picker");

it("chooses a free product's variant with the resource picker and shows the reward's terms", async () => {
  // GIVEN the merchant adds a reward
  await page.goto(sandbox.emulator.adminUrl(SHOP));
  await visible("Set up your loyalty program", 30_000);
  await nav("Rewards");
  await app.getByRole("link", { name: "Add reward" }).first().click();
  await visible("What members get");
  await app.getByLabel("Name", { exact: true }).fill("Free travel mug");
  await app.getByLabel("Type").selectOption("free_product");

  // WHEN they choose the variant in the picker (searching the store), not by typing an id
  await app.getByRole("button", { name: "Choose a product variant" }).click();
  await expect.poll(() => picker().isVisible()).toBe(true);
  await app.getByRole("searchbox", { name: "Search variants" }).fill("mug");
  await expect.poll(() => picker().getByRole("option").count()).toBe(2);
  await shot("admin-polish-resource-picker");
  await picker().getByRole("checkbox", { name: "Travel mug - Large" }).check();
  await picker().getByRole("button", { name: "Select" }).click();
  await expect.poll(() => picker().count()).toBe(0);

  // THEN the variant shows by its title, and the summary states the reward's terms
  await visible("Travel mug - Large");
  await app.getByLabel("Its price").fill("16.00");
  await app.getByLabel("Times each member can redeem it (optional)").fill("1");
  await visible("A free Travel mug - Large");
  await visible("Once per member");
  await visible("Costs 500 points");
  await shot("admin-polish-reward-form");
  expect(await app.getByText(/gid:\/\//).count()).toBe(0);

  // AND saving stores the variant's global id; reopening shows its title again (read from the Admin API)
  await app.getByRole("button", { name: "Save reward" }).click();
  await visible("How redemption works");
  const { rows } = await sandbox.db.query<{ id: string; config: { variantId: string } }>(`SELECT id, config FROM "Reward" WHERE "shopDomain" = $1`, [SHOP]);
  expect(rows).toHaveLength(1);
  expect(rows[0].config.variantId).toBe(mugVariant);
  await app.getByRole("link", { name: "Free travel mug" }).click();
  await visible("A free Travel mug - Large");
  await app.getByRole("button", { name: "Remove Travel mug - Large" }).click();
  await visible("Choose a product variant");
});

it("chooses earning exclusions with the picker and logs the change as a sentence", async () => {
  // GIVEN the settings page WHEN the merchant excludes a collection chosen in the picker and saves
  await nav("Settings");
  await visible("Discount code prefix");
  await app.getByRole("button", { name: "Add collections" }).click();
  await picker().getByRole("checkbox", { name: "Gift cards and merch" }).check();
  await picker().getByRole("button", { name: "Select" }).click();
  await visible("Gift cards and merch");
  await app.getByLabel(/^Points per 1 USD/).fill("2");
  await expect.poll(() => app.locator("#shopify-emulator-form-save-bar").isVisible()).toBe(true);
  await shot("admin-polish-settings-exclusions");
  await app.locator('#shopify-emulator-form-save-bar button[data-action="save"]').click();
  await expect.poll(() => app.locator("#shopify-emulator-toasts").innerText(), { timeout: 10_000 }).toContain("Settings saved");
  const { rows } = await sandbox.db.query<{ program: { earning: { excludedCollectionIds: string[] } } }>(`SELECT program FROM "Shop" WHERE domain = $1`, [
    SHOP,
  ]);
  expect(rows[0].program.earning.excludedCollectionIds).toEqual([String(collectionId)]);

  // THEN the activity log says who did what, in words
  await nav("Activity");
  await visible("Every staff and settings action, newest first");
  await shot("admin-polish-activity");
  await visible("Shop owner changed 2 settings");
  await visible("changed the earning rate from 1 to 2 points per $1");
  await visible("set 1 collection to earn no points");
  await visible("Shop owner created the reward “Free travel mug”");
  const text = await app.locator("table").innerText();
  expect(text).not.toMatch(/earning\.|program\.update|reward\.create|gid:\/\/|\(staff \d+\)|[{}]/);
  await shot("admin-polish-activity");
  expect(pageErrors).toEqual([]);
});

const redeem = async (customerId: string, rewardId: string) => {
  const answer = await sandbox.proxy(SHOP, "redeem", customerId, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ rewardId }),
  });
  expect(answer.status).toBe(201);
  return (await answer.json()) as { redemptionId: string; code: string | null };
};
const openApp = (appPath: string, userId?: number | string) =>
  page.goto(`${sandbox.emulator.adminUrl(SHOP)}${appPath}${userId === undefined ? "" : `?user=${userId}`}`);

it("shows empty lists with their next step, then status badges and orders linked to the admin, in English and Arabic", async () => {
  // GIVEN no redemptions and no experiences to deliver yet
  await openApp("/app/redemptions");
  await visible("No redemptions yet", 30_000);
  await visible("Codes members redeem in the storefront widget appear here.");
  expect(await app.getByRole("link", { name: "Create a reward" }).getAttribute("href")).toBe("/app/rewards/new");
  await shot("admin-polish-redemptions-empty");
  await openApp("/app/fulfilment");
  await visible("Nothing to deliver", 30_000);
  expect(await app.getByRole("link", { name: "Create an experience reward" }).count()).toBe(1);
  await shot("admin-polish-fulfilment-empty");

  // WHEN a member redeems two codes, uses one in an order, and redeems an experience
  expect((await sandbox.saveProgram(SHOP, { enabled: "on", pointsPerUnit: "1", awardOn: "paid", pendingDays: "0" })).status).toBe(200);
  const noor = await aMember(sandbox, SHOP, { balance: 1200, firstName: "Noor", lastName: "Haddad" });
  const fiveOff = await aReward(sandbox, SHOP, { kind: "amount_off", name: "$5 off", pointsCost: 500, config: { valueMinor: 500 } });
  const cupping = await aReward(sandbox, SHOP, { kind: "experience", name: "Cupping class", pointsCost: 100, config: { stock: 5 } });
  const used = await redeem(noor.customerId, fiveOff);
  await redeem(noor.customerId, fiveOff);
  await redeem(noor.customerId, cupping);
  const { order } = await anOrder(sandbox, SHOP, { customer: noor.customer, price: "30.00", discountCodes: [String(used.code)] });

  // THEN the redemptions list shows each status as a badge and the order by its name, linked to the order in Shopify
  await openApp("/app/redemptions");
  await visible("Noor Haddad", 30_000);
  // (a badge's text follows a visually hidden tone label, so match by text within it and by its tone class)
  const badge = (tone: string, text: string) => app.locator(`.Polaris-Badge--tone${tone}`, { hasText: text });
  // (the two unused redemptions, the code and the experience, are issued)
  await expect.poll(() => badge("Success", "Issued").count()).toBe(2);
  await expect.poll(() => badge("Info", "Used").count()).toBe(1);
  const orderLink = app.getByRole("link", { name: order.name });
  expect(await orderLink.getAttribute("href")).toBe(`shopify://admin/orders/${order.id}`);
  expect(await orderLink.getAttribute("target")).toBe("_top");
  await shot("admin-polish-redemptions-badges");
  // AND the experience waits to be delivered
  await openApp("/app/fulfilment");
  await visible("Cupping class", 30_000);
  await expect.poll(() => badge("Attention", "To deliver").count()).toBe(1);
  expect(await app.locator(".Polaris-Badge").count()).toBe(1);
  await shot("admin-polish-fulfilment-badges");

  // WHEN an Arabic-speaking staff member opens the same lists (their own browser, so no remembered language)
  const layla = sandbox.emulator.store.addStaff(SHOP, { firstName: "Layla", lastName: "Staff", locale: "ar" });
  const arPage = await (await newDesktopContext(browser)).newPage();
  arPage.on("pageerror", (error) => pageErrors.push(`ar: ${error.message}`));
  const ar = arPage.frameLocator("#app-iframe");
  const arVisible = (text: string | RegExp) => expect.poll(() => ar.getByText(text).first().isVisible(), { timeout: 30_000 }).toBe(true);
  const arShot = (name: string) => arPage.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
  const arBadge = (tone: string, text: string) => ar.locator(`.Polaris-Badge--tone${tone}`, { hasText: text });
  await arPage.goto(`${sandbox.emulator.adminUrl(SHOP)}/app/redemptions?user=${layla.id}`);
  // THEN the badges are in Arabic and the order keeps its name and link
  await arVisible("Noor Haddad");
  await expect.poll(() => arBadge("Success", "صادرة").count()).toBe(2);
  await expect.poll(() => arBadge("Info", "مستخدمة").count()).toBe(1);
  expect(await ar.getByRole("link", { name: order.name }).getAttribute("href")).toBe(`shopify://admin/orders/${order.id}`);
  await arShot("admin-polish-redemptions-badges-ar");
  // AND a filter that matches nothing says so, with the way back to every redemption
  await arPage.goto(`${sandbox.emulator.adminUrl(SHOP)}/app/redemptions?status=cancelled&user=${layla.id}`);
  await arVisible("لا توجد استبدالات بالحالة «ملغاة»");
  expect(await ar.getByRole("link", { name: "عرض جميع الاستبدالات" }).count()).toBe(1);
  await arShot("admin-polish-redemptions-empty-ar");
  // AND the activity log words the points with Arabic's plural forms (11 and more: نقطة)
  await arPage.goto(`${sandbox.emulator.adminUrl(SHOP)}/app/activity?user=${layla.id}`);
  await arVisible(/أضاف 1,\d{3} نقطة إلى رصيد Noor Haddad/);
  await arShot("admin-polish-activity-ar");
  // AND the reward form, right to left, shows the variant chosen in the picker by its title, with the picker's button
  const reward = await sandbox.db.query<{ id: string }>(`SELECT id FROM "Reward" WHERE "shopDomain" = $1 AND name = 'Free travel mug'`, [SHOP]);
  await arPage.goto(`${sandbox.emulator.adminUrl(SHOP)}/app/rewards/${reward.rows[0]!.id}?user=${layla.id}`);
  await arVisible("Travel mug - Large");
  expect(await ar.locator("html").getAttribute("dir")).toBe("rtl");
  await arShot("admin-polish-reward-form-ar");
  expect(pageErrors).toEqual([]);
});
