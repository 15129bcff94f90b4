// Compliance and app lifecycle webhooks: data requests, customer and shop redaction, uninstall.
import { afterAll, beforeAll, expect, it } from "vitest";
import { startSandbox, type Sandbox } from "../support/sandbox";

let sandbox: Sandbox;
const SHOP = "privacy.myshopify.com";

async function placePaidOrder(shop: string, email: string, price = "40.00") {
  const product = sandbox.emulator.store.addProduct(shop, { title: "Kettle", variants: [{ price }] });
  const customer = sandbox.emulator.store.addCustomer(shop, { email, first_name: "Rosa", last_name: "Parks" });
  await sandbox.emulator.orders.place(shop, { customer, lines: [{ productId: product.id, variantId: product.variants[0].id, quantity: 1, price }] });
  await sandbox.settle();
  return customer;
}

beforeAll(async () => {
  sandbox = await startSandbox();
  await sandbox.install(SHOP);
  await sandbox.saveProgram(SHOP, { enabled: "on", pointsPerUnit: "1", awardOn: "paid", pendingDays: "0" });
});
afterAll(async () => sandbox?.stop());

it("answers a customer data request with the customer's points in the activity log", async () => {
  const customer = await placePaidOrder(SHOP, "rosa@example.com");
  const sent = await sandbox.emulator.shops.requestCustomerData(SHOP, customer.id);
  expect(sent.status).toBe(200);
  await sandbox.settle();
  const { rows } = await sandbox.db.query(`SELECT after FROM "AuditEvent" WHERE "shopDomain" = $1 AND action = 'customer.data_request'`, [SHOP]);
  expect(rows).toHaveLength(1);
  expect(rows[0].after.member.email).toBe("rosa@example.com");
  expect(rows[0].after.member.balance).toBe(40);
  expect(rows[0].after.ledger).toHaveLength(1);
});

it("erases a redacted customer's personal data but keeps the anonymous totals", async () => {
  const customer = await placePaidOrder(SHOP, "erase.me@example.com", "25.00");
  const sent = await sandbox.emulator.shops.redactCustomer(SHOP, customer.id);
  expect(sent.status).toBe(200);
  await sandbox.settle();
  const members = await sandbox.db.query(`SELECT "customerId", email, "firstName", balance FROM "Member" WHERE "shopDomain" = $1 AND "redactedAt" IS NOT NULL`, [SHOP]);
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
