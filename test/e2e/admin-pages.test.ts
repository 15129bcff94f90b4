// Issue 7 "Must show" (browser): the sandbox admin in the emulator's admin frame, production auth path.
// Complete the setup checklist; change the earning rate and see the audit entry; search a member; adjust
// their balance with a reason and see it in their history and the widget's; export and re-import a CSV with
// an invalid row and see the error report.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Browser, FrameLocator, Page } from "playwright-core";
import { launchBrowser, newDesktopContext } from "../support/browser";
import { startSandbox, type Sandbox } from "../support/sandbox";
import { aMemberWithPoints } from "../support/admin";
import { aReward } from "../support/factories";

const SHOP = "e2e-pages.myshopify.com";
const SHOTS = path.resolve(__dirname, "__screenshots__");

let sandbox: Sandbox;
let browser: Browser;
let page: Page;
let app: FrameLocator;
const pageErrors: string[] = [];

beforeAll(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  sandbox = await startSandbox();
  await sandbox.install(SHOP, { name: "Pages Coffee" });
  browser = await launchBrowser();
  page = await (await newDesktopContext(browser, { acceptDownloads: true })).newPage();
  page.on("pageerror", (error) => pageErrors.push(error.message));
  app = page.frameLocator("#app-iframe");
});

afterAll(async () => {
  await browser?.close();
  await sandbox?.stop();
});

const shot = (name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
/** The admin sidebar: the app's name opens its home, the app's <ui-nav-menu> links are listed under it. */
const nav = (label: string) => (label === "Home" ? page.locator("nav .active") : page.locator("#app-nav a", { hasText: label })).click();
const visible = (text: string | RegExp, timeout = 15_000) => expect.poll(() => app.getByText(text).first().isVisible(), { timeout }).toBe(true);

it("completes the setup checklist", async () => {
  // GIVEN a new install
  await page.goto(sandbox.emulator.adminUrl(SHOP));
  await visible("Set up your loyalty program", 30_000);
  await visible("0 of 4 steps done");
  await shot("admin-home-checklist");
  const editor = await app.getByRole("link", { name: "Open theme editor" }).getAttribute("href");
  expect(editor).toBe(`https://${SHOP}/admin/themes/current/editor?context=apps&activateAppId=loyalist-test-key/loyalist-embed`);

  // WHEN the merchant turns the program on from the checklist
  await app.getByRole("button", { name: "Turn on" }).click();
  await visible("1 of 4 steps done");

  // AND sets the earning rate in Settings (saved from the contextual save bar)
  await app.getByRole("link", { name: "Set rate" }).click();
  await visible("Discount code prefix");
  await app.getByLabel("Points per 1 USD").fill("3");
  await expect.poll(() => app.locator("#shopify-emulator-form-save-bar").isVisible()).toBe(true);
  await shot("admin-settings-save-bar");
  await app.locator('#shopify-emulator-form-save-bar button[data-action="save"]').click();
  await expect.poll(() => app.locator("#shopify-emulator-toasts").innerText(), { timeout: 10_000 }).toContain("Settings saved");
  // App Bridge hides a data-save-bar form's bar on submit by itself; the app does not hide it by id
  await expect.poll(() => app.locator("#shopify-emulator-form-save-bar").isVisible()).toBe(false);

  // AND a first reward exists (saved through the reward form's action; its page is tested with the rewards)
  await aReward(sandbox, SHOP, { kind: "amount_off", name: "$5 off", pointsCost: 500, config: { valueMinor: 500 } });
  // AND they confirm the app embed is on
  await nav("Home");
  await visible("3 of 4 steps done");
  await app.getByRole("button", { name: "I've enabled it" }).click();

  // THEN the checklist is complete and disappears; the vital numbers remain
  await expect.poll(() => app.getByText("Set up your loyalty program").count(), { timeout: 10_000 }).toBe(0);
  await visible("Program at a glance");
  await visible("Outstanding liability");
  await shot("admin-home-complete");
});

it("changes the earning rate and shows the audit entry", async () => {
  // GIVEN the rate change above; WHEN the merchant opens Activity
  await nav("Activity");
  await visible("Every staff and settings action, newest first");
  await shot("admin-activity");
  // THEN the change is there as a sentence: who made it, from what to what (no setting keys or staff ids)
  const row = app.getByRole("row", { name: /changed the earning rate from 1 to 3 points per \$1/ });
  await expect.poll(() => row.count(), { timeout: 10_000 }).toBe(1);
  await expect(row.innerText()).resolves.toMatch(/Shop owner changed the earning rate from 1 to 3 points per \$1/);
  await expect(app.locator("table").innerText()).resolves.not.toMatch(/earning\.pointsPerUnit|\(staff \d+\)/);
  await shot("admin-activity");
});

let maria: Awaited<ReturnType<typeof aMemberWithPoints>>;

it("searches a member and adjusts their balance with a reason; it shows in their history and the widget's", async () => {
  // GIVEN members who earned points on orders (3 per dollar)
  maria = await aMemberWithPoints(sandbox, SHOP, 20, { email: "maria@example.com", firstName: "Maria", lastName: "Garcia" });
  await aMemberWithPoints(sandbox, SHOP, 12, { email: "li@example.com", firstName: "Li", lastName: "Wei" });
  await aMemberWithPoints(sandbox, SHOP, 7, { email: "sam@example.com", firstName: "Sam", lastName: "Okafor" });
  expect(maria.balance).toBe(60);

  // WHEN the merchant searches the members for "garc"
  await nav("Members");
  await visible("Li Wei");
  await app.getByPlaceholder("Search by name or email").fill("garc");
  await expect.poll(() => app.getByRole("row").count(), { timeout: 10_000 }).toBe(2); // heading + Maria
  await expect(app.getByRole("row", { name: /Maria Garcia/ }).innerText()).resolves.toContain("60");
  await shot("admin-members-search");

  // AND adjusts Maria's balance by 40 points for a reason
  await app.getByRole("link", { name: "Maria Garcia" }).click();
  await visible("Points history");
  await app.getByLabel("Points", { exact: true }).fill("40");
  await app.getByLabel("Reason", { exact: true }).selectOption("goodwill");
  await app.getByLabel("Internal note (optional)").fill("Sorry for the late parcel");
  await app.getByRole("button", { name: /Adjust Maria Garcia's balance/ }).click();

  // THEN her history shows the adjustment with its reason and who made it
  await expect.poll(() => app.locator("#shopify-emulator-toasts").innerText(), { timeout: 10_000 }).toContain("Balance adjusted");
  const entry = app.getByRole("row", { name: /Adjustment/ });
  await expect.poll(() => entry.count(), { timeout: 10_000 }).toBe(1);
  await expect(entry.innerText()).resolves.toMatch(/\+40[\s\S]*goodwill[\s\S]*Sorry for the late parcel[\s\S]*Shop owner/);
  await visible("100");
  await shot("admin-member-adjusted");

  // AND so does the storefront widget's data (the app proxy's member endpoint), the reason in the shopper's words
  const widget = (await (await sandbox.proxy(SHOP, "member", maria.customerId)).json()) as {
    balance: number;
    history: { type: string; points: number; reason: string }[];
  };
  expect(widget.balance).toBe(100);
  expect(widget.history[0]).toMatchObject({ type: "adjustment", points: 40, reason: "A thank-you from the store" });
});

it("exports members, re-imports the CSV with an invalid row and shows the error report", async () => {
  // GIVEN the merchant exports the members
  await nav("Members");
  await visible("Maria Garcia");
  const [download] = await Promise.all([page.waitForEvent("download"), app.getByRole("button", { name: "Export CSV" }).click()]);
  const exported = fs.readFileSync((await download.path())!, "utf8");
  const lines = exported.trim().split("\n");
  expect(lines[0]).toBe("customer_id,email,first_name,last_name,points,pending_points,lifetime_points,last_activity_at,joined_at");
  expect(lines).toHaveLength(4);
  expect(exported).toContain("maria@example.com");

  // WHEN they add an invalid row and a row for an unknown customer and upload the file for import
  const edited = `${exported.trim()}\n,not-an-email,X,Y,abc,0,0,,\n,nobody@example.com,No,Body,10,0,0,,\n`;
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "loyalist-e2e-")), "members-from-smile.csv");
  fs.writeFileSync(file, edited);
  await nav("Import");
  await visible("Import members");
  await app.locator('input[type="file"][name="file"]').setInputFiles(file);
  await app.getByRole("button", { name: "Check file" }).click();

  // THEN the preview shows the ready rows and the problems, with a downloadable error report
  await visible("3 of 5 rows are ready", 20_000);
  await visible("2 rows have problems and will be skipped");
  await visible("Not a valid email address");
  await visible("No Shopify customer has this email");
  await shot("admin-import-preview");
  const [report] = await Promise.all([page.waitForEvent("download"), app.getByRole("button", { name: "Download error report" }).click()]);
  const errors = fs.readFileSync((await report.path())!, "utf8");
  expect(errors.split("\n")[0]).toBe("line,email,field,message");
  expect(errors).toContain("5,not-an-email,email,Not a valid email address");
  expect(errors).toContain('5,not-an-email,points,"Points must be a whole number, 0 or more"');
  expect(errors).toContain("6,nobody@example.com,email,No Shopify customer has this email");

  // AND importing applies the valid rows as "import" entries, once
  await app.getByRole("button", { name: "Import 3 members" }).click();
  await expect.poll(() => app.locator("#shopify-emulator-toasts").innerText(), { timeout: 15_000 }).toContain("Imported: 3 balances posted.");
  const { rows } = await sandbox.db.query(
    `SELECT count(*)::int AS n, sum(points)::int AS points FROM "LedgerEntry" WHERE "shopDomain" = $1 AND kind = 'import' AND reason = 'import'`,
    [SHOP],
  );
  expect(rows[0]).toEqual({ n: 3, points: 100 + 36 + 21 });
  // Re-running the same file changes nothing.
  await app.locator('input[type="file"][name="file"]').setInputFiles(file);
  await app.getByRole("button", { name: "Check file" }).click();
  await visible(/was already imported/);
  await shot("admin-import-again");
  fs.rmSync(file, { force: true });
  expect(pageErrors).toEqual([]);
});

it("shows the background jobs with their next runs", async () => {
  // GIVEN the running sandbox WHEN the merchant opens Jobs from the admin nav
  await page.goto(sandbox.emulator.adminUrl(SHOP));
  await visible("Program at a glance", 30_000);
  await nav("Jobs");
  // THEN every scheduled job is listed with its schedule, and the shop's failed deliveries (none) below
  await visible("Order reconciliation");
  await visible("Delete old webhook payloads");
  await visible("*/15 * * * *");
  await visible("Every webhook delivery was processed.");
  await shot("admin-jobs");
  expect(pageErrors).toEqual([]);
});
