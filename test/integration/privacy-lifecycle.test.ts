// Compliance and app lifecycle webhooks: data requests, customer and shop redaction, uninstall.
import { Prisma } from "@prisma/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PRIVACY_HOOKS } from "~/privacy/registry.server";
import { adminPost, adminUpload } from "../support/admin";
import { startSandbox, type Sandbox } from "../support/sandbox";

let sandbox: Sandbox;
const SHOP = "privacy.myshopify.com";

async function placePaidOrder(shop: string, email: string, price = "40.00") {
  const product = sandbox.emulator.store.addProduct(shop, { title: "Kettle", variants: [{ price }] });
  const customer = sandbox.emulator.store.addCustomer(shop, { email, first_name: "Rosa", last_name: "Parks" });
  await sandbox.emulator.orders.place(shop, { customer, lines: [{ productId: product.id, variantId: product.variants[0].id, quantity: 1, price }] });
  // The first deliveries after start wait for the background process to boot (~20 s on a loaded machine).
  await sandbox.settle(60_000);
  return customer;
}

beforeAll(async () => {
  sandbox = await startSandbox();
  await sandbox.install(SHOP);
  await sandbox.saveProgram(SHOP, { enabled: "on", pointsPerUnit: "1", awardOn: "paid", pendingDays: "0" });
});
afterAll(async () => sandbox?.stop());

it("files a customer data request in the activity log with what is held, without copying the customer's identity", async () => {
  const customer = await placePaidOrder(SHOP, "rosa@example.com");
  const sent = await sandbox.emulator.shops.requestCustomerData(SHOP, customer.id);
  expect(sent.status).toBe(200);
  await sandbox.settle();
  const { rows } = await sandbox.db.query(
    `SELECT "subjectType", "subjectId", after FROM "AuditEvent" WHERE "shopDomain" = $1 AND action = 'customer.data_request'`,
    [SHOP],
  );
  const member = await sandbox.db.query(`SELECT id FROM "Member" WHERE "shopDomain" = $1 AND "customerId" = $2`, [SHOP, String(customer.id)]);
  expect(rows).toEqual([
    {
      subjectType: "member",
      subjectId: member.rows[0].id,
      after: { memberFound: true, exported: { ledgerEntries: 1, orders: 1, redemptions: 0 }, ordersRequested: 1 },
    },
  ]);
  expect(JSON.stringify(rows)).not.toMatch(/rosa|Parks/i);
});

it("erases a redacted customer's personal data but keeps the anonymous totals", async () => {
  const customer = await placePaidOrder(SHOP, "erase.me@example.com", "25.00");
  const sent = await sandbox.emulator.shops.redactCustomer(SHOP, customer.id);
  expect(sent.status).toBe(200);
  await sandbox.settle();
  const members = await sandbox.db.query(
    `SELECT "customerId", email, "firstName", balance FROM "Member" WHERE "shopDomain" = $1 AND "redactedAt" IS NOT NULL`,
    [SHOP],
  );
  expect(members.rows).toEqual([{ customerId: expect.stringMatching(/^redacted:/), email: null, firstName: null, balance: 25 }]);
  const leftovers = await sandbox.db.query(
    `SELECT count(*)::int AS n FROM "OrderRecord" WHERE "shopDomain" = $1 AND (email = 'erase.me@example.com' OR snapshot::text LIKE '%erase.me@%')`,
    [SHOP],
  );
  expect(leftovers.rows[0].n).toBe(0);
  const deliveries = await sandbox.db.query(`SELECT count(*)::int AS n FROM "WebhookDelivery" WHERE payload::text LIKE '%erase.me@%'`);
  expect(deliveries.rows[0].n).toBe(0);
  // The shopper's storefront view no longer finds them.
  const view = (await (await sandbox.proxy(SHOP, "member", customer.id)).json()) as { member: boolean };
  expect(view.member).toBe(false);
});

it("stops earning after uninstall and erases the shop on shop/redact, leaving other shops alone", async () => {
  const other = "neighbour.myshopify.com";
  await sandbox.install(other);
  await sandbox.saveProgram(other, { enabled: "on", pointsPerUnit: "1", awardOn: "paid", pendingDays: "0" });
  const neighbour = await placePaidOrder(other, "n@example.com", "12.00");

  const leaving = "leaving.myshopify.com";
  await sandbox.install(leaving);
  await sandbox.saveProgram(leaving, { enabled: "on", pointsPerUnit: "1", awardOn: "paid", pendingDays: "0" });
  await placePaidOrder(leaving, "l@example.com");
  expect((await sandbox.emulator.shops.uninstall(leaving)).status).toBe(200);
  await sandbox.settle();
  const afterUninstall = await sandbox.db.query(`SELECT "uninstalledAt" FROM "Shop" WHERE domain = $1`, [leaving]);
  expect(afterUninstall.rows[0].uninstalledAt).not.toBeNull();
  const sessions = await sandbox.db.query(`SELECT count(*)::int AS n FROM "Session" WHERE shop = $1`, [leaving]);
  expect(sessions.rows[0].n).toBe(0);
  // The storefront no longer answers for the uninstalled shop.
  expect((await sandbox.proxy(leaving, "member", null)).status).toBe(401);

  expect((await sandbox.emulator.shops.redactShop(leaving)).status).toBe(200);
  await sandbox.settle();
  for (const table of ["Shop", "Member", "LedgerEntry", "OrderRecord"]) {
    const column = table === "Shop" ? "domain" : '"shopDomain"';
    const { rows } = await sandbox.db.query(`SELECT count(*)::int AS n FROM "${table}" WHERE ${column} = $1`, [leaving]);
    expect(rows[0].n, table).toBe(0);
  }
  const stillThere = (await (await sandbox.proxy(other, "member", neighbour.id)).json()) as { balance: number };
  expect(stillThere.balance).toBe(12);
});

// ---- Privacy by structure (issue 10 §1): a whole shop and a whole customer, searched for in every column ----

type Person = { email: string; first_name: string; last_name: string; phone: string };

/** Every "table.column" of the public schema whose text (text, varchar, json, jsonb, arrays) contains `needle`. */
async function columnsNaming(needle: string): Promise<string[]> {
  const { rows: columns } = await sandbox.db.query<{ table_name: string; column_name: string }>(
    `SELECT table_name, column_name FROM information_schema.columns
     WHERE table_schema = 'public' AND data_type IN ('text', 'character varying', 'character', 'json', 'jsonb', 'ARRAY')`,
  );
  expect(columns.length).toBeGreaterThan(20);
  const found: string[] = [];
  for (const { table_name, column_name } of columns) {
    const { rows } = await sandbox.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM "${table_name}" WHERE strpos(lower("${column_name}"::text), lower($1)) > 0`,
      [needle],
    );
    if (rows[0].n > 0) found.push(`${table_name}.${column_name}`);
  }
  return found;
}

/** A shopper joins through Shopify (customers/create), buys twice and gets part of one order refunded. */
async function aShopperWithHistory(shop: string, person: Person) {
  const { customer } = await sandbox.emulator.customers.create(shop, {
    email: person.email,
    firstName: person.first_name,
    lastName: person.last_name,
    phone: person.phone,
  });
  const product = sandbox.emulator.store.addProduct(shop, { title: "Teapot", variants: [{ price: "60.00" }] });
  const line = { productId: product.id, variantId: product.variants[0].id, quantity: 2, price: "60.00" };
  const { order } = await sandbox.emulator.orders.place(shop, { customer: { id: customer.id }, lines: [line] });
  await sandbox.emulator.orders.place(shop, { customer: { id: customer.id }, lines: [{ ...line, quantity: 1 }] });
  await sandbox.settle();
  await sandbox.emulator.orders.refund(shop, order.id, {
    lines: [{ lineItemId: order.line_items[0].id, quantity: 1 }],
    note: `Refund for ${person.first_name}`,
  });
  await sandbox.settle();
  const { rows } = await sandbox.db.query<{ id: string }>(`SELECT id FROM "Member" WHERE "shopDomain" = $1 AND "customerId" = $2`, [shop, String(customer.id)]);
  expect(rows).toHaveLength(1);
  return { customerId: customer.id as number, memberId: rows[0].id };
}

/** A reward made in the admin's reward form. */
async function aReward(shop: string, name: string) {
  const saved = await adminPost(
    sandbox,
    { shop, path: "/app/rewards/new", routeId: "app.rewards.$id" },
    {
      name,
      kind: "amount_off",
      pointsCost: "50",
      "config.valueMinor": "5.00",
      enabled: "on",
      codeValidityDays: "30",
      combinesShipping: "on",
    },
  );
  expect(saved.status).toBeLessThan(400);
  const { rows } = await sandbox.db.query<{ id: string }>(`SELECT id FROM "Reward" WHERE "shopDomain" = $1 AND name = $2`, [shop, name]);
  return rows[0].id;
}

/** Everything a shopper's personal data can end up in: redemption, staff adjustment, import, data request. */
async function touchEverything(shop: string, person: Person, who: { customerId: number; memberId: string }, rewardId: string) {
  const redeemed = await sandbox.proxy(shop, "redeem", who.customerId, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ rewardId }),
  });
  expect(redeemed.status).toBe(201);
  const adjusted = await adminPost(
    sandbox,
    { shop, path: `/app/members/${who.memberId}`, routeId: "app.members.$id" },
    {
      direction: "add",
      points: "15",
      reason: "other",
      reasonText: `phoned ${person.first_name} ${person.last_name}`,
      note: `call back on ${person.phone} or ${person.email}`,
      submissionId: `s${Math.random().toString(36).slice(2)}`,
    },
  );
  expect(adjusted.status).toBe(200);
  // An import from another app: a ready row and a broken row for the shopper.
  const csv = `email,points,birthday\n${person.email},30,1990-04-23\n${person.email.toUpperCase()},lots,\n`;
  const preview = await adminUpload(
    sandbox,
    { shop, path: "/app/import", routeId: "app.import" },
    { intent: "preview" },
    { field: "file", name: `${person.last_name}-smile.csv`, text: csv },
  );
  expect(preview.status).toBe(200);
  const { import: previewed } = (await preview.json()) as { import: { id: string; validRows: number } };
  expect(previewed.validRows).toBe(1);
  expect((await adminPost(sandbox, { shop, path: "/app/import", routeId: "app.import" }, { intent: "commit", importId: previewed.id })).status).toBe(200);
  expect((await sandbox.emulator.shops.requestCustomerData(shop, who.customerId)).status).toBe(200);
  await sandbox.settle();
}

async function shopTotals(shop: string) {
  const { rows } = await sandbox.db.query(
    `SELECT (SELECT count(*)::int FROM "Member" WHERE "shopDomain" = $1) AS members,
            (SELECT sum(balance)::int FROM "Member" WHERE "shopDomain" = $1) AS balance,
            (SELECT sum("lifetimeEarned")::int FROM "Member" WHERE "shopDomain" = $1) AS earned,
            (SELECT sum(points)::int FROM "LedgerEntry" WHERE "shopDomain" = $1) AS ledger,
            (SELECT count(*)::int FROM "OrderRecord" WHERE "shopDomain" = $1) AS orders,
            (SELECT sum("subtotalMinor")::int FROM "OrderRecord" WHERE "shopDomain" = $1) AS revenue,
            (SELECT count(*)::int FROM "Redemption" WHERE "shopDomain" = $1) AS redemptions`,
    [shop],
  );
  return rows[0];
}

describe("privacy by structure", () => {
  const zofia: Person = { email: "zofia.quillfeather@example.com", first_name: "Zofia", last_name: "Quillfeather", phone: "+358401234567" };
  const bart: Person = { email: "bart.oakenshield@example.com", first_name: "Bartholomew", last_name: "Oakenshield", phone: "+14155550199" };

  it("GIVEN the database WHEN looking at its keys THEN every table with a shop column cascades from Shop or has a shop-erasure hook", async () => {
    const hooked = new Set(PRIVACY_HOOKS.flatMap((h) => h.shopModels ?? []));
    const { rows } = await sandbox.db.query<{ table: string }>(
      `SELECT c.relname AS table FROM pg_constraint k
       JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class p ON p.oid = k.confrelid
       WHERE k.contype = 'f' AND p.relname = 'Shop' AND k.confdeltype = 'c'`,
    );
    const cascading = new Set(rows.map((r) => r.table));
    const withShopColumn = Prisma.dmmf.datamodel.models.filter(
      (m) => m.name !== "Shop" && m.fields.some((f) => f.kind === "scalar" && (f.name === "shopDomain" || f.name === "shop")),
    );
    const uncovered = withShopColumn.map((m) => m.dbName ?? m.name).filter((table) => !cascading.has(table) && !hooked.has(table));
    expect(withShopColumn.length).toBeGreaterThan(10);
    expect(uncovered).toEqual([]);
  });

  it("GIVEN a shop with members, orders, refunds, rewards, redemptions, an import, audit events and a data request WHEN shop/redact arrives THEN no column of any table names the shop", async () => {
    const shop = "erased-whole.myshopify.com";
    const neighbour = "stays-whole.myshopify.com";
    for (const s of [shop, neighbour]) {
      await sandbox.install(s);
      expect((await sandbox.saveProgram(s, { enabled: "on", pointsPerUnit: "1", awardOn: "paid", pendingDays: "0" })).status).toBe(200);
    }
    const who = await aShopperWithHistory(shop, zofia);
    await touchEverything(shop, zofia, who, await aReward(shop, "Five off"));
    const stays = await aShopperWithHistory(neighbour, bart);
    expect((await columnsNaming(shop)).length).toBeGreaterThan(5);
    const neighbourBefore = await shopTotals(neighbour);

    expect((await sandbox.emulator.shops.uninstall(shop)).status).toBe(200);
    await sandbox.settle();
    expect((await sandbox.emulator.shops.redactShop(shop)).status).toBe(200);
    await sandbox.settle();

    expect(await columnsNaming(shop)).toEqual([]);
    expect(await shopTotals(neighbour)).toEqual(neighbourBefore);
    const view = (await (await sandbox.proxy(neighbour, "member", stays.customerId)).json()) as { balance: number };
    expect(view.balance).toBe(neighbourBefore.balance);
    // A late delivery for the erased shop is acknowledged and not recorded.
    const product = sandbox.emulator.store.addProduct(shop, { title: "Late", variants: [{ price: "9.00" }] });
    const late = await sandbox.emulator.orders.place(shop, {
      customer: null,
      lines: [{ productId: product.id, variantId: product.variants[0].id, quantity: 1, price: "9.00" }],
    });
    expect(late.deliveries.map((d) => d.status)).toEqual(late.deliveries.map(() => 200));
    await sandbox.settle();
    expect(await columnsNaming(shop)).toEqual([]);
  });

  it("GIVEN two shoppers who touched every feature WHEN customers/redact arrives for one THEN her email, names and phone are in no column, the other's data and the shop's totals stay", async () => {
    const shop = "redact-whole.myshopify.com";
    await sandbox.install(shop);
    expect((await sandbox.saveProgram(shop, { enabled: "on", pointsPerUnit: "1", awardOn: "paid", pendingDays: "0" })).status).toBe(200);
    const rewardId = await aReward(shop, "Five off");
    const her = await aShopperWithHistory(shop, zofia);
    const him = await aShopperWithHistory(shop, bart);
    await touchEverything(shop, zofia, her, rewardId);
    await touchEverything(shop, bart, him, rewardId);
    for (const needle of [zofia.email, zofia.first_name, zofia.last_name, zofia.phone]) expect((await columnsNaming(needle)).length, needle).toBeGreaterThan(0);
    const before = await shopTotals(shop);
    const bartBefore = await Promise.all([bart.email, bart.first_name, bart.last_name, bart.phone].map(columnsNaming));

    expect((await sandbox.emulator.shops.redactCustomer(shop, her.customerId)).status).toBe(200);
    await sandbox.settle();

    for (const needle of [zofia.email, zofia.first_name, zofia.last_name, zofia.phone]) expect(await columnsNaming(needle), needle).toEqual([]);
    expect(await Promise.all([bart.email, bart.first_name, bart.last_name, bart.phone].map(columnsNaming))).toEqual(bartBefore);
    expect(await shopTotals(shop)).toEqual(before);
    const member = await sandbox.db.query(`SELECT "customerId", email, "redactedAt" FROM "Member" WHERE id = $1`, [her.memberId]);
    expect(member.rows[0]).toMatchObject({ customerId: `redacted:${her.memberId}`, email: null, redactedAt: expect.any(Date) });
    const his = (await (await sandbox.proxy(shop, "member", him.customerId)).json()) as { balance: number };
    expect(his.balance).toBeGreaterThan(0);
  });
});
