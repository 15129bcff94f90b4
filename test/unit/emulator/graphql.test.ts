import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse, validate } from "graphql";
import { loadAdminSchema, type Emulator } from "../../support/emulator";
import { anEmulator, SHOP } from "./fixtures";

let emulator: Emulator;

beforeAll(async () => {
  emulator = await anEmulator();
  const shirt = emulator.store.addProduct(SHOP, { title: "Shirt", variants: [{ price: "20.00" }] });
  const ann = emulator.store.addCustomer(SHOP, { email: "ann@example.com", firstName: "Ann" });
  const day = (d: number) => new Date(Date.now() - d * 86_400_000).toISOString();
  for (let i = 0; i < 5; i++) {
    emulator.store.placeOrder(SHOP, { customer: { id: ann.id }, lines: [{ productId: shirt.id, quantity: i + 1 }], createdAt: day(10 - i) });
  }
  emulator.store.placeOrder(SHOP, { customer: null, email: "old@example.com", lines: [{ productId: shirt.id, quantity: 1 }], createdAt: day(90) });
});

afterAll(() => emulator.close());

const ORDERS = /* GraphQL */ `
  query Orders($first: Int!, $after: String, $query: String) {
    orders(first: $first, after: $after, query: $query, sortKey: CREATED_AT) {
      edges {
        cursor
        node {
          id
          legacyResourceId
          name
          email
          createdAt
          customer {
            id
            email
          }
          currentSubtotalPriceSet {
            shopMoney {
              amount
              currencyCode
            }
          }
          lineItems(first: 5) {
            nodes {
              quantity
              currentQuantity
              product {
                id
              }
              originalUnitPriceSet {
                shopMoney {
                  amount
                }
              }
            }
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
        hasPreviousPage
        startCursor
      }
    }
  }
`;

describe("Admin GraphQL", () => {
  it("executes a real query with paging and a search filter", async () => {
    const since = new Date(Date.now() - 8.5 * 86_400_000).toISOString();
    const first = await emulator.graphql(SHOP, ORDERS, { first: 2, query: `updated_at:>='${since}'` });
    expect(first.status).toBe(200);
    const page1 = (
      first.body.data as {
        orders: {
          edges: Array<{
            node: { name: string; lineItems: { nodes: Array<{ quantity: number }> }; currentSubtotalPriceSet: { shopMoney: { amount: string } } };
          }>;
          pageInfo: { hasNextPage: boolean; endCursor: string };
        };
      }
    ).orders;
    expect(page1.edges.map((e) => e.node.lineItems.nodes[0].quantity)).toEqual([3, 4]);
    expect(page1.edges[0].node.currentSubtotalPriceSet.shopMoney.amount).toBe("60.0");
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const second = await emulator.graphql(SHOP, ORDERS, { first: 2, after: page1.pageInfo.endCursor, query: `updated_at:>='${since}'` });
    const page2 = (
      second.body.data as {
        orders: { edges: Array<{ node: { lineItems: { nodes: Array<{ quantity: number }> } } }>; pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean } };
      }
    ).orders;
    expect(page2.edges.map((e) => e.node.lineItems.nodes[0].quantity)).toEqual([5]);
    expect(page2.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
  });

  it("filters by email and hides orders older than 60 days without read_all_orders", async () => {
    const byEmail = await emulator.graphql(SHOP, ORDERS, { first: 20, query: "email:ann@example.com" });
    expect((byEmail.body.data as { orders: { edges: unknown[] } }).orders.edges).toHaveLength(5);
    const old = await emulator.graphql(SHOP, ORDERS, { first: 20, query: "email:old@example.com" });
    expect((old.body.data as { orders: { edges: unknown[] } }).orders.edges).toHaveLength(0);
    const withAll = await emulator.graphql(
      SHOP,
      ORDERS,
      { first: 20, query: "email:old@example.com" },
      { token: emulator.accessToken(SHOP, { scopes: ["read_orders", "read_all_orders", "read_customers", "read_products"] }) },
    );
    expect((withAll.body.data as { orders: { edges: unknown[] } }).orders.edges).toHaveLength(1);
  });

  it("answers an invalid document with graphql-js validation errors", async () => {
    const doc = "{ shop { name notAField } }";
    const expected = validate(loadAdminSchema(), parse(doc)).map((e) => e.message);
    const { status, body } = await emulator.graphql(SHOP, doc);
    expect(status).toBe(200);
    expect(body.data).toBeUndefined();
    expect(body.errors?.map((e) => e.message)).toEqual(expected);
    expect(expected[0]).toMatch(/Cannot query field "notAField" on type "Shop"/);
  });

  it("rejects unknown access tokens like Shopify", async () => {
    const { status, body } = await emulator.graphql(SHOP, "{ shop { name } }", {}, { token: "shpat_nope" });
    expect(status).toBe(401);
    expect(body).toEqual({ errors: "[API] Invalid API key or access token (unrecognized login or wrong password)" });
  });

  it("reports the query cost and throttles when the bucket is empty", async () => {
    const { body } = await emulator.graphql(SHOP, ORDERS, { first: 10 });
    const cost = body.extensions?.cost;
    expect(cost?.requestedQueryCost).toBeGreaterThan(10);
    expect(cost?.actualQueryCost).toBeLessThanOrEqual(cost?.requestedQueryCost ?? 0);
    expect(cost?.throttleStatus).toMatchObject({ maximumAvailable: 2000, restoreRate: 100 });
    emulator.throttle.set(SHOP, 5);
    const throttled = await emulator.graphql(SHOP, ORDERS, { first: 10 });
    expect(throttled.status).toBe(200);
    expect(throttled.body.errors).toEqual([expect.objectContaining({ message: "Throttled", extensions: expect.objectContaining({ code: "THROTTLED" }) })]);
    expect(throttled.body.extensions?.cost?.throttleStatus.currentlyAvailable).toBeLessThan(throttled.body.extensions?.cost?.requestedQueryCost ?? 0);
    emulator.throttle.set(SHOP, 2000);
  });

  it("denies fields the token's scopes do not grant", async () => {
    const token = emulator.accessToken(SHOP, { scopes: ["read_products"] });
    const { body } = await emulator.graphql(SHOP, "{ orders(first: 1) { nodes { id } } }", {}, { token });
    expect(body.errors?.[0]).toMatchObject({ extensions: { code: "ACCESS_DENIED" } });
  });
});
