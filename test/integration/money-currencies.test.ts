// Money in the shop's own currency, end to end, for a JPY shop (no decimals) and a KWD shop (three): the minimum
// order through the settings form, reward values through the reward form, earning from order webhooks built from
// Shopify's decimal strings, the Admin API discount input, the admin pages' formatted amounts and the CSV export.
import crypto from "node:crypto";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formValuesOf } from "~/program/settings-form";
import { DEFAULT_PROGRAM } from "~/program/program";
import { BROWSER_USER_AGENT, startSandbox, type Sandbox } from "../support/sandbox";
import { adminGet, adminPost } from "../support/admin";

let sandbox: Sandbox;
/** The background-jobs process runs at lower CPU priority: on a busy machine the first orders may wait for it. */
const SETTLE_MS = 60_000;
const ORDER_TEST_MS = 120_000;

type Case = {
  currency: string;
  shop: string;
  /** What the merchant types, and what each means in minor units. */
  minimumTyped: string;
  minimumMinor: number;
  /** How the settings form shows the stored minimum again. */
  minimumShown: string;
  /** The minimum as the theme's Liquid compares it with `variant.price` (hundredths of the unit). */
  minimumLiquid: number;
  tooPrecise: string;
  tooPreciseMessage: string;
  rewardTyped: string;
  rewardMinor: number;
  /** A paid order above the minimum, its points at 1 point per whole unit, and how the admin shows it. */
  orderPrice: string;
  orderPoints: number;
  orderShown: RegExp;
  belowMinimum: string;
  rewardShown: RegExp;
};

const CASES: Case[] = [
  {
    currency: "JPY",
    shop: "money-jpy.myshopify.com",
    minimumTyped: "1000",
    minimumMinor: 1000,
    minimumShown: "1000",
    minimumLiquid: 100_000,
    tooPrecise: "1000.5",
    tooPreciseMessage: "JPY amounts have no decimals",
    rewardTyped: "500",
    rewardMinor: 500,
    orderPrice: "1500",
    orderPoints: 1500,
    orderShown: /¥1,500(?![\d.])/,
    belowMinimum: "999",
    rewardShown: /¥500(?![\d.])/,
  },
  {
    currency: "KWD",
    shop: "money-kwd.myshopify.com",
    minimumTyped: "5.25",
    minimumMinor: 5250,
    minimumShown: "5.250",
    minimumLiquid: 525,
    tooPrecise: "5.2501",
    tooPreciseMessage: "KWD amounts have at most 3 decimals",
    rewardTyped: "2.500",
    rewardMinor: 2500,
    orderPrice: "12.345",
    orderPoints: 12,
    orderShown: /KWD\s12\.345/,
    belowMinimum: "5.249",
    rewardShown: /KWD\s2\.500/,
  },
];

const settingsForm = (currency: string, minimum: string) => {
  const values = formValuesOf({ ...DEFAULT_PROGRAM, enabled: true }, currency);
  const form = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, typeof v === "boolean" ? (v ? "on" : "off") : v]));
  return { ...form, "earning.minimumOrder": minimum };
};

const rewardForm = (currency: string, value: string) => ({
  name: `${value} ${currency} off`,
  kind: "amount_off",
  pointsCost: "100",
  "config.valueMinor": value,
  enabled: "on",
  combinesOrder: "off",
  combinesProduct: "on",
  combinesShipping: "on",
  codeValidityDays: "30",
});

/** The admin page's server-rendered HTML, opened the way the Shopify admin frame opens it. */
async function adminPage(shop: string, path: string): Promise<string> {
  const response = await fetch(sandbox.emulator.embeddedAppUrl(shop, path), { headers: { "User-Agent": BROWSER_USER_AGENT } });
  expect(response.status).toBe(200);
  return response.text();
}

beforeAll(async () => {
  sandbox = await startSandbox({ env: { PROXY_RATE_LIMIT_BURST: "1000" } });
  for (const c of CASES) await sandbox.install(c.shop, { currency: c.currency });
});

afterAll(async () => {
  await sandbox?.stop();
});

describe.each(CASES)("a $currency shop", (c) => {
  it("GIVEN the settings form WHEN the merchant types a minimum order THEN it is kept in the currency's minor units, and extra decimals are refused", async () => {
    const call = { shop: c.shop, path: "/app/settings", routeId: "app.settings" };
    const refused = await adminPost(sandbox, call, settingsForm(c.currency, c.tooPrecise));
    expect(refused.status).toBe(422);
    expect((await refused.json()).fieldErrors).toEqual({ "earning.minimumOrder": c.tooPreciseMessage });

    const saved = await adminPost(sandbox, call, settingsForm(c.currency, c.minimumTyped));
    expect(saved.status).toBe(200);
    const { rows } = await sandbox.db.query<{ currency: string; program: { earning: { minimumOrderMinor: number } } }>(
      `SELECT currency, program FROM "Shop" WHERE domain = $1`,
      [c.shop],
    );
    expect(rows[0].currency).toBe(c.currency);
    expect(rows[0].program.earning.minimumOrderMinor).toBe(c.minimumMinor);

    const page = await (await adminGet(sandbox, call)).json();
    expect(formValuesOf(page.program, page.currency)["earning.minimumOrder"]).toBe(c.minimumShown);
    const program = await (await sandbox.proxy(c.shop, "program", null)).json();
    expect(program).toMatchObject({ currency: c.currency, earning: { minimumOrderMinor: c.minimumMinor } });
    expect(Object.keys(program)).not.toContain("expiry");
    const metafield = sandbox.emulator.store.metafields(c.shop).find((m) => m.namespace === "loyalist" && m.key === "program");
    expect(JSON.parse(metafield!.value)).toMatchObject({ currency: c.currency, minimumOrderMinor: c.minimumMinor, minimumOrderCents: c.minimumLiquid });
  });

  it(
    "GIVEN order webhooks in the shop's currency THEN points follow whole units and the minimum; the admin shows the amounts with the currency's digits",
    async () => {
      const customer = sandbox.emulator.store.addCustomer(c.shop, { email: `m${crypto.randomUUID()}@example.com`, first_name: "Ada", last_name: "Lovelace" });
      const product = sandbox.emulator.store.addProduct(c.shop, { title: "Tea", variants: [{ price: c.orderPrice }] });
      const line = (price: string) => [{ productId: product.id, variantId: product.variants[0].id, quantity: 1, price }];
      const earning = await sandbox.emulator.orders.place(c.shop, { customer, lines: line(c.orderPrice) });
      await sandbox.emulator.orders.place(c.shop, { customer, lines: line(c.belowMinimum) });
      await sandbox.settle(SETTLE_MS);

      expect(earning.order.current_subtotal_price).toBe(c.orderPrice);
      const { rows } = await sandbox.db.query<{ id: string; balance: number }>(
        `SELECT id, balance FROM "Member" WHERE "shopDomain" = $1 AND "customerId" = $2`,
        [c.shop, String(customer.id)],
      );
      expect(rows[0].balance).toBe(c.orderPoints);

      const html = await adminPage(c.shop, `/app/members/${rows[0].id}`);
      expect(html).toMatch(c.orderShown);
    },
    ORDER_TEST_MS,
  );

  it(
    "GIVEN the reward form WHEN the merchant types a value THEN the reward is worth that, Shopify's code takes it off, and the admin shows it",
    async () => {
      const call = { shop: c.shop, path: "/app/rewards/new", routeId: "app.rewards.$id" };
      const refused = await adminPost(sandbox, call, rewardForm(c.currency, c.tooPrecise));
      expect(refused.status).toBe(422);
      expect((await refused.json()).fieldErrors).toMatchObject({ "config.valueMinor": c.tooPreciseMessage });
      expect((await adminPost(sandbox, call, rewardForm(c.currency, c.rewardTyped))).status).toBe(204);

      const { rows } = await sandbox.db.query<{ id: string; config: { valueMinor: number } }>(`SELECT id, config FROM "Reward" WHERE "shopDomain" = $1`, [
        c.shop,
      ]);
      expect(rows.map((r) => r.config.valueMinor)).toEqual([c.rewardMinor]);
      const edit = await (await adminGet(sandbox, { ...call, path: `/app/rewards/${rows[0].id}` })).json();
      expect(edit.values["config.valueMinor"]).toBe(c.rewardTyped);

      const customer = sandbox.emulator.store.addCustomer(c.shop, { email: `r${crypto.randomUUID()}@example.com` });
      const product = sandbox.emulator.store.addProduct(c.shop, { title: "Cake", variants: [{ price: c.orderPrice }] });
      await sandbox.emulator.orders.place(c.shop, {
        customer,
        lines: [{ productId: product.id, variantId: product.variants[0].id, quantity: 10, price: c.orderPrice }],
      });
      await sandbox.settle(SETTLE_MS);
      const listed = await (await sandbox.proxy(c.shop, "rewards", customer.id)).json();
      expect(listed).toMatchObject([{ id: rows[0].id, valueMinor: c.rewardMinor, currency: c.currency, available: true, affordable: true }]);

      const redeemed = await sandbox.proxy(c.shop, "redeem", customer.id, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ rewardId: rows[0].id }),
      });
      expect(redeemed.status).toBe(201);
      const { code } = await redeemed.json();
      const discount = sandbox.emulator.store.discountCodes(c.shop).find((d) => d.code === code);
      expect(discount?.input).toMatchObject({ customerGets: { value: { discountAmount: { amount: c.rewardTyped } } } });

      expect(await adminPage(c.shop, "/app/redemptions")).toMatch(c.rewardShown);
    },
    ORDER_TEST_MS,
  );

  it("GIVEN the settings change THEN the activity CSV export carries the minimum in the currency's minor units", async () => {
    const response = await fetch(`${sandbox.app.url}/app/activity/export`, {
      headers: { Authorization: `Bearer ${sandbox.emulator.sessionToken(c.shop)}`, "User-Agent": BROWSER_USER_AGENT },
    });
    expect(response.status).toBe(200);
    const rows = parse(await response.text(), { columns: true }) as { action: string; after: string }[];
    const change = rows.find((r) => r.action === "program.update" && r.after.includes("minimumOrderMinor"));
    expect(JSON.parse(change?.after ?? "{}")).toMatchObject({ "earning.minimumOrderMinor": c.minimumMinor });
  });
});
