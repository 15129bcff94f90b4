// The emulator's bulk queries behave as Shopify documents them: CREATED, then RUNNING, then COMPLETED with a
// JSONL url; nested connections become lines of their own with __parentId (grouped under their parent with
// groupObjects: true, after all roots otherwise); Shopify's shape limits are user errors.
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Emulator } from "../../support/emulator";
import { anEmulator, SHOP } from "./fixtures";

let emulator: Emulator;
let token: string;

beforeAll(async () => {
  emulator = await anEmulator();
  token = emulator.accessToken(SHOP, { scopes: ["read_orders", "read_all_orders", "read_products", "read_customers"] });
  const beans = emulator.store.addProduct(SHOP, { title: "Beans", productType: "Coffee", variants: [{ price: "10.00" }] });
  emulator.store.placeOrder(SHOP, {
    customer: null,
    lines: [
      { productId: beans.id, quantity: 1 },
      { productId: beans.id, quantity: 2 },
    ],
  });
  emulator.store.placeOrder(SHOP, { customer: null, lines: [{ productId: beans.id, quantity: 3 }] });
});
afterAll(async () => emulator?.close());

const RUN = `mutation Run($query: String!, $group: Boolean!) {
  bulkOperationRunQuery(query: $query, groupObjects: $group) { bulkOperation { id status } userErrors { field message code } }
}`;
const POLL = `query Poll($id: ID!) { node(id: $id) { ... on BulkOperation { id status objectCount rootObjectCount url } } }`;
const ORDERS = `{ orders { edges { node { id name lineItems { edges { node { id quantity product { productType } } } } } } } }`;

type Op = { id: string; status: string; objectCount: string; rootObjectCount: string; url: string | null };

async function runToCompletion(query: string, group: boolean): Promise<{ op: Op; lines: Record<string, unknown>[] }> {
  const started = await emulator.graphql(SHOP, RUN, { query, group }, { token });
  const payload = (started.body.data as { bulkOperationRunQuery: { bulkOperation: { id: string; status: string }; userErrors: unknown[] } })
    .bulkOperationRunQuery;
  expect(payload.userErrors).toEqual([]);
  expect(payload.bulkOperation.status).toBe("CREATED");
  for (let i = 0; i < 100; i++) {
    const polled = await emulator.graphql(SHOP, POLL, { id: payload.bulkOperation.id }, { token });
    const op = (polled.body.data as { node: Op }).node;
    if (op.status === "COMPLETED") {
      const text = await (await fetch(op.url!)).text();
      return {
        op,
        lines: text
          .trim()
          .split("\n")
          .map((l) => JSON.parse(l) as Record<string, unknown>),
      };
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error("bulk operation did not complete");
}

it("GIVEN orders with line items WHEN a grouped bulk query runs THEN each order's line items follow it with its id as __parentId", async () => {
  const { op, lines } = await runToCompletion(ORDERS, true);
  expect(op).toMatchObject({ rootObjectCount: "2", objectCount: "5" });
  const [first, a, b, second, c] = lines;
  expect(first).not.toHaveProperty("__parentId");
  expect(first).not.toHaveProperty("lineItems");
  expect([a.__parentId, b.__parentId]).toEqual([first.id, first.id]);
  expect(second).not.toHaveProperty("__parentId");
  expect(c).toMatchObject({ __parentId: second.id, quantity: 3, product: { productType: "Coffee" } });
});

it("GIVEN groupObjects false WHEN the bulk query runs THEN children come after every root object", async () => {
  const { lines } = await runToCompletion(ORDERS, false);
  expect(lines.map((l) => (l.__parentId ? "child" : "root"))).toEqual(["root", "root", "child", "child", "child"]);
});

it("GIVEN a connection inside a list field, or no connection WHEN a bulk query is asked for THEN Shopify's user error comes back and nothing runs", async () => {
  for (const [query, message] of [
    [`{ orders { edges { node { id refunds { refundLineItems { edges { node { id } } } } } } } }`, "connection field within a list field"],
    [`{ shop { name } }`, "at least one connection"],
  ]) {
    const answer = await emulator.graphql(SHOP, RUN, { query, group: true }, { token });
    const payload = (answer.body.data as { bulkOperationRunQuery: { bulkOperation: null; userErrors: Array<{ message: string; code: string }> } })
      .bulkOperationRunQuery;
    expect(payload.bulkOperation).toBeNull();
    expect(payload.userErrors[0].message).toContain(message);
    expect(payload.userErrors[0].code).toBe("INVALID");
  }
});
