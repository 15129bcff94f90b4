// Issue 12 "Must show" (browser): the Insight section of the sandbox admin over seeded sandbox data (orders
// through the real webhook path): the landing page and every analysis with its sentence, chart, table, date range,
// comparison and CSV export. Screenshots go to LOYALIST_SHOTS_DIR (else test/e2e/__screenshots__) to look at.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Browser, FrameLocator, Page } from "playwright-core";
import { launchBrowser, newDesktopContext } from "../support/browser";
import { startSandbox, type Sandbox } from "../support/sandbox";
import { seedShop } from "../support/seed-shop";

const SHOP = "e2e-insight.myshopify.com";
const SHOTS = process.env.LOYALIST_SHOTS_DIR ?? path.resolve(__dirname, "__screenshots__");

let sandbox: Sandbox;
let browser: Browser;
let page: Page;
let app: FrameLocator;
const pageErrors: string[] = [];

beforeAll(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  sandbox = await startSandbox();
  await sandbox.install(SHOP, { name: "Insight Coffee" });
  await sandbox.saveProgram(SHOP, { enabled: "on", pointsPerUnit: "1", awardOn: "paid", pendingDays: "0" });
  await seedShop(sandbox.emulator, SHOP, { customers: 150, days: 90, ordersPerDay: 4 });
  await sandbox.settle(180_000);
  browser = await launchBrowser();
  page = await (await newDesktopContext(browser, { acceptDownloads: true })).newPage();
  page.on("pageerror", (error) => pageErrors.push(error.message));
  app = page.frameLocator("#app-iframe");
}, 900_000);

afterAll(async () => {
  await browser?.close();
  await sandbox?.stop();
});

const shot = (name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
const visible = (text: string | RegExp, timeout = 20_000) => expect.poll(() => app.getByText(text).first().isVisible(), { timeout }).toBe(true);

it("GIVEN seeded sandbox data WHEN the merchant opens Insight THEN each section shows its sentence, chart and table, and exports CSV", async () => {
  await page.goto(sandbox.emulator.adminUrl(SHOP));
  await visible("Set up your loyalty program", 30_000);
  await page.locator("#app-nav a", { hasText: "Insight" }).click();
  await visible("Program health");
  await shot("insight-index");

  // Every section of the registry: its title on the landing page, a word its own table or page must show.
  for (const [title, expectText] of [
    ["Program health", "Points issued"],
    ["KPI trends", "Capture rate"],
    ["Members vs non-members", "Average order"],
    ["Bought together", "Pairs bought together"],
    ["Locations and categories", "Location × category"],
    ["Breakage, good and bad", "Members to act on"],
    ["Win-back", "Lapsed members"],
    ["Personalised offers", "Offers"],
    ["Said vs did", "Questions"],
  ] as const) {
    await app.getByRole("link", { name: title }).click();
    await visible("What it means");
    await visible(expectText);
    // The chart is drawn in the browser: wait for its SVG; the table is a Polaris DataTable.
    await expect.poll(() => app.locator("svg").count(), { timeout: 20_000 }).toBeGreaterThan(0);
    await expect.poll(() => app.locator("table").count(), { timeout: 20_000 }).toBeGreaterThan(0);
    await expect.poll(() => app.getByLabel("From").first().isVisible(), { timeout: 20_000 }).toBe(true);
    await page.waitForTimeout(1500);
    await shot(
      `insight-${title
        .toLowerCase()
        .replace(/[^a-z]+/g, "-")
        .replace(/-$/, "")}`,
    );
    const download = page.waitForEvent("download");
    await app.getByRole("button", { name: "Export CSV" }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^loyalist-insight-[a-z-]+-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
    await app
      .getByRole("link", { name: "Insight" })
      .first()
      .click()
      .catch(() => undefined);
    await page.locator("#app-nav a", { hasText: "Insight" }).click();
    await visible("Program health");
  }
  expect(pageErrors).toEqual([]);
}, 600_000);
