// Catalogue and time (INTERFACES.md): a product or location first seen in a products/* or locations/* webhook
// is known from that payload alone, a deleted product is marked and kept, and its category reaches the lines.
import { afterAll, beforeAll, expect, it } from "vitest";
import { startSandbox, type Sandbox } from "../../support/sandbox";

const SHOP = "insight-catalogue.myshopify.com";
let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox();
  await sandbox.install(SHOP);
});
afterAll(async () => sandbox?.stop());

const send = async (topic: string, payload: unknown) => {
  const delivery = await sandbox.emulator.webhooks.send({ shop: SHOP, topic, payload });
  expect(delivery.status).toBe(200);
};
const product = async (id: string) =>
  (await sandbox.db.query(`SELECT title, "productType", tags, "deletedAt" FROM "ProductIndex" WHERE "shopDomain" = $1 AND "productId" = $2`, [SHOP, id]))
    .rows[0];

it("GIVEN a product never synced WHEN products/create, products/update and products/delete arrive THEN it is known from the payloads and marked deleted, not dropped", async () => {
  await send("products/create", { id: 9001, title: "Kettle", product_type: "Gear", tags: "steel, gift", updated_at: "2026-11-01T10:00:00Z" });
  await sandbox.settle();
  expect(await product("9001")).toMatchObject({ title: "Kettle", productType: "Gear", tags: ["steel", "gift"], deletedAt: null });
  await send("products/update", { id: 9001, title: "Kettle 1L", product_type: "Brewing", tags: "", updated_at: "2026-11-02T10:00:00Z" });
  await sandbox.settle();
  await send("products/delete", { id: 9001 });
  await sandbox.settle();
  const row = await product("9001");
  expect(row).toMatchObject({ title: "Kettle 1L", productType: "Brewing" });
  expect(row.deletedAt).not.toBeNull();
});

it("GIVEN an order line of a product WHEN the product's category arrives later THEN the line carries it", async () => {
  const p = sandbox.emulator.store.addProduct(SHOP, { title: "Beans", variants: [{ price: "12.00" }] });
  await sandbox.emulator.orders.place(SHOP, { email: "g@example.com", lines: [{ productId: p.id as number, quantity: 1, price: "12.00" }] });
  await sandbox.settle();
  await send("products/update", { id: p.id, title: "Beans", product_type: "Coffee", tags: "" });
  await sandbox.settle();
  const lines = await sandbox.db.query(`SELECT category FROM "InsightOrderLine" WHERE "shopDomain" = $1 AND "productId" = $2`, [SHOP, String(p.id)]);
  expect(lines.rows).toEqual([{ category: "Coffee" }]);
});

it("GIVEN a location first seen in locations/create WHEN locations/update renames it THEN it is known by its new name", async () => {
  await send("locations/create", { id: 7001, name: "Harbour St", active: true });
  await send("locations/update", { id: 7001, name: "Harbour Street", active: false });
  await sandbox.settle();
  const { rows } = await sandbox.db.query(`SELECT name, active FROM "LocationIndex" WHERE "shopDomain" = $1 AND "locationId" = '7001'`, [SHOP]);
  expect(rows).toEqual([{ name: "Harbour Street", active: false }]);
});
