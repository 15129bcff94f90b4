// Issue 13 "The admin in the merchant's locale": staff whose Shopify admin is in Finnish or Arabic open
// Loyalist from the emulator's admin frame (production auth path; the frame passes their `locale` as Shopify
// does). The home page and the members page (reached by a client-side navigation, which carries no locale
// parameter) are in their language, numbers and dates formatted for it, Polaris's own words too, and Arabic
// right to left. Screenshots go to test/e2e/__screenshots__/ (and a copy to LOYALIST_SHOTS_DIR when set).
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, FrameLocator, Page } from "playwright-core";
import { launchBrowser, newDesktopContext } from "../support/browser";
import { startSandbox, type Sandbox } from "../support/sandbox";
import { aMember } from "../support/factories";

const SHOP = "e2e-locales.myshopify.com";
const SHOTS = [path.resolve(__dirname, "__screenshots__"), ...(process.env.LOYALIST_SHOTS_DIR ? [process.env.LOYALIST_SHOTS_DIR] : [])];

let sandbox: Sandbox;
const browsers: Browser[] = [];
const pageErrors: string[] = [];

beforeAll(async () => {
  for (const dir of SHOTS) fs.mkdirSync(dir, { recursive: true });
  sandbox = await startSandbox();
  await sandbox.install(SHOP, { name: "Kahvila Aurora" });
  expect((await sandbox.saveProgram(SHOP, { enabled: "on", pointsPerUnit: "1", awardOn: "paid", pendingDays: "0" })).status).toBe(200);
  await aMember(sandbox, SHOP, { balance: 12345, email: "aino@example.com", firstName: "Aino", lastName: "Virtanen" });
  await aMember(sandbox, SHOP, { balance: 1500, email: "layla@example.com", firstName: "Layla", lastName: "Haddad" });
}, 180_000);

afterAll(async () => {
  for (const browser of browsers) await browser.close();
  await sandbox?.stop();
});

/** A staff member with this admin language, in their own browser (one context per browser; their own cookies). */
async function openAdminAs(locale: string, firstName: string): Promise<{ page: Page; app: FrameLocator }> {
  const staff = sandbox.emulator.store.addStaff(SHOP, { firstName, lastName: "Staff", locale });
  const browser = await launchBrowser();
  browsers.push(browser);
  const page = await (await newDesktopContext(browser)).newPage();
  page.on("pageerror", (error) => pageErrors.push(`${locale}: ${error.message}`));
  page.on("console", (message) => message.type() === "error" && /hydrat/i.test(message.text()) && pageErrors.push(`${locale}: ${message.text()}`));
  await page.goto(`${sandbox.emulator.adminUrl(SHOP)}?user=${staff.id}`);
  return { page, app: page.frameLocator("#app-iframe") };
}

const shot = async (page: Page, name: string) => {
  const [first, ...others] = SHOTS.map((dir) => path.join(dir, `${name}.png`));
  await page.screenshot({ path: first, fullPage: true });
  for (const copy of others) fs.copyFileSync(first, copy);
};
const visible = (app: FrameLocator, text: string | RegExp, timeout = 30_000) =>
  expect.poll(() => app.getByText(text).first().isVisible(), { timeout }).toBe(true);
const documentOf = (app: FrameLocator) =>
  app
    .locator("html")
    .evaluate((html) => ({ lang: html.getAttribute("lang"), dir: html.getAttribute("dir"), direction: getComputedStyle(document.body).direction }));
/** The app's links in the admin sidebar, as the App Bridge stand-in lists them from <ui-nav-menu>. */
const navLabels = (page: Page) => page.locator("#app-nav a").allInnerTexts();
const navigate = (page: Page, label: string) => page.locator("#app-nav a", { hasText: label }).click();

describe("a Finnish admin", () => {
  it("shows the home page and the members page in Finnish with Finnish numbers and dates", async () => {
    // GIVEN a staff member whose Shopify admin is in Finnish (locale=fi-FI)
    const { page, app } = await openAdminAs("fi-FI", "Aino");

    // THEN the home page is in Finnish, and so is the navigation App Bridge shows in the admin
    await visible(app, "Ota kanta-asiakasohjelma käyttöön");
    await visible(app, "Ohjelma lyhyesti");
    await expect(documentOf(app)).resolves.toEqual({ lang: "fi", dir: "ltr", direction: "ltr" });
    await expect.poll(() => navLabels(page), { timeout: 10_000 }).toContain("Jäsenet");
    expect(await navLabels(page)).toContain("Asetukset");
    await shot(page, "admin-home-fi");

    // WHEN they open Members (a client-side navigation: no locale parameter, the remembered one is used)
    await navigate(page, "Jäsenet");
    await visible(app, "Aino Virtanen");

    // THEN the page, its column headings and Polaris's own controls are in Finnish, numbers grouped the Finnish way
    await visible(app, "Hae nimellä tai sähköpostilla", 10_000);
    await expect(app.getByRole("columnheader", { name: "Saldo" }).count()).resolves.toBe(1);
    expect(await app.locator("thead").innerText()).toMatch(/Jäsen[\s\S]*Sähköposti[\s\S]*Saldo[\s\S]*Viimeisin toiminta/);
    const row = await app.getByRole("row", { name: /Aino Virtanen/ }).innerText();
    expect(row).toContain("12\u00a0345");
    // the last activity date as Finns write it (d.m.yyyy)
    expect(row).toMatch(/\d{1,2}\.\d{1,2}\.20\d\d/);
    await expect(app.getByRole("button", { name: "Lajittele tulokset" }).count()).resolves.toBe(1); // Polaris's fi.json
    await expect(documentOf(app)).resolves.toEqual({ lang: "fi", dir: "ltr", direction: "ltr" });
    await shot(page, "admin-members-fi");
  });
});

describe("an Arabic admin", () => {
  it("shows the home page and the members page in Arabic, right to left", async () => {
    // GIVEN a staff member whose Shopify admin is in Arabic
    const { page, app } = await openAdminAs("ar", "Layla");

    // THEN the home page is in Arabic and laid out right to left
    await visible(app, "أعدّ برنامج الولاء الخاص بك");
    await visible(app, "البرنامج في لمحة");
    await expect(documentOf(app)).resolves.toEqual({ lang: "ar", dir: "rtl", direction: "rtl" });
    await expect.poll(() => navLabels(page), { timeout: 10_000 }).toContain("الأعضاء");
    // the page title sits on the right of the frame
    const frame = (await page.locator("#app-iframe").boundingBox())!;
    const title = (await app.getByRole("heading", { name: "أعدّ برنامج الولاء الخاص بك" }).boundingBox())!;
    expect(title.x + title.width).toBeGreaterThan(frame.x + frame.width * 0.6);
    await shot(page, "admin-home-ar");

    // WHEN they open Members
    await navigate(page, "الأعضاء");
    await visible(app, "Layla Haddad");

    // THEN headings, Polaris's controls (the project's Arabic for Polaris) and the layout are Arabic and RTL
    await visible(app, "ابحث بالاسم أو البريد الإلكتروني", 10_000);
    expect(await app.locator("thead").innerText()).toMatch(/العضو[\s\S]*البريد الإلكتروني[\s\S]*الرصيد/);
    await expect(app.getByRole("button", { name: "فرز النتائج" }).count()).resolves.toBe(1);
    const row = app.getByRole("row", { name: /Layla Haddad/ });
    expect(await row.innerText()).toContain("1,500");
    // the first column (the member) is the rightmost
    const name = (await row.getByText("Layla Haddad").boundingBox())!;
    const email = (await row.getByText("layla@example.com").boundingBox())!;
    expect(name.x).toBeGreaterThan(email.x);
    // numbers and their headings line up at the column's end, which is its left side in Arabic
    const balance = (await row.getByText("1,500").boundingBox())!;
    const heading = (await app.getByRole("columnheader", { name: "الرصيد" }).getByText("الرصيد").boundingBox())!;
    expect(Math.abs(balance.x - heading.x)).toBeLessThan(16);
    await expect(documentOf(app)).resolves.toEqual({ lang: "ar", dir: "rtl", direction: "rtl" });
    await shot(page, "admin-members-ar");
  });
});

it("renders without page errors or hydration mismatches in either language", () => {
  expect(pageErrors).toEqual([]);
});
