import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { gid, type Emulator } from "../../support/emulator";
import { anEmulator, SHOP } from "./fixtures";

let emulator: Emulator;
let customerGid: string;

beforeAll(async () => {
  emulator = await anEmulator();
  customerGid = emulator.store.addCustomer(SHOP, { email: "member@example.com" }).admin_graphql_api_id;
});

afterAll(() => emulator.close());
beforeEach(() => emulator.faults.clear());

const CREATE = /* GraphQL */ `
  mutation CreateReward($discount: DiscountCodeBasicInput!) {
    discountCodeBasicCreate(basicCodeDiscount: $discount) {
      codeDiscountNode {
        id
        codeDiscount {
          ... on DiscountCodeBasic {
            title
            status
            appliesOncePerCustomer
            usageLimit
            codes(first: 1) {
              nodes {
                code
              }
            }
            context {
              __typename
              ... on DiscountCustomers {
                customers {
                  id
                }
              }
            }
            customerGets {
              value {
                ... on DiscountAmount {
                  amount {
                    amount
                    currencyCode
                  }
                }
              }
              items {
                ... on AllDiscountItems {
                  allItems
                }
              }
            }
          }
        }
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`;

function reward(code: string, customer = customerGid) {
  return {
    title: `Loyalty reward ${code}`,
    code,
    startsAt: new Date().toISOString(),
    usageLimit: 1,
    appliesOncePerCustomer: true,
    context: { customers: { add: [customer] } },
    combinesWith: { orderDiscounts: false, productDiscounts: true, shippingDiscounts: true },
    customerGets: { value: { discountAmount: { amount: "5.00", appliesOnEachItem: false } }, items: { all: true } },
  };
}

type CreateResult = {
  discountCodeBasicCreate: {
    codeDiscountNode: { id: string; codeDiscount: Record<string, unknown> } | null;
    userErrors: Array<{ field: string[]; message: string; code: string }>;
  };
};

describe("discountCodeBasicCreate", () => {
  it("creates a code restricted to the customer and stores the full input", async () => {
    const { body } = await emulator.graphql(SHOP, CREATE, { discount: reward("LOYAL-AAA111") });
    const result = (body.data as CreateResult).discountCodeBasicCreate;
    expect(result.userErrors).toEqual([]);
    expect(result.codeDiscountNode?.codeDiscount).toMatchObject({
      title: "Loyalty reward LOYAL-AAA111",
      status: "ACTIVE",
      appliesOncePerCustomer: true,
      usageLimit: 1,
      codes: { nodes: [{ code: "LOYAL-AAA111" }] },
      context: { __typename: "DiscountCustomers", customers: [{ id: customerGid }] },
      customerGets: { value: { amount: { amount: "5.0", currencyCode: "USD" } }, items: { allItems: true } },
    });
    const stored = emulator.store.discountCodes(SHOP).find((d) => d.code === "LOYAL-AAA111");
    expect(stored?.customerIds).toEqual([Number(customerGid.split("/").pop())]);
    expect(stored?.input).toMatchObject({ context: { customers: { add: [customerGid] } }, combinesWith: { productDiscounts: true } });
    const lookup = await emulator.graphql(SHOP, `{ codeDiscountNodeByCode(code: "loyal-aaa111") { id } }`);
    expect(lookup.body.data).toEqual({ codeDiscountNodeByCode: { id: result.codeDiscountNode?.id } });
  });

  it("refuses a duplicate code with Shopify's TAKEN userError", async () => {
    await emulator.graphql(SHOP, CREATE, { discount: reward("DUP-1") });
    const { body } = await emulator.graphql(SHOP, CREATE, { discount: reward("dup-1") });
    expect((body.data as CreateResult).discountCodeBasicCreate).toEqual({
      codeDiscountNode: null,
      userErrors: [{ field: ["basicCodeDiscount", "code"], message: "Code must be unique. Please try a different code.", code: "TAKEN" }],
    });
  });

  it("refuses a customer that does not exist", async () => {
    const { body } = await emulator.graphql(SHOP, CREATE, { discount: reward("NOBODY-1", gid("Customer", 1)) });
    const errors = (body.data as CreateResult).discountCodeBasicCreate.userErrors;
    expect(errors).toEqual([expect.objectContaining({ field: ["basicCodeDiscount", "context", "customers", "add"], code: "INVALID" })]);
    expect(emulator.store.discountCodes(SHOP).some((d) => d.code === "NOBODY-1")).toBe(false);
  });

  it("rejects input shapes the schema does not have", async () => {
    const { body } = await emulator.graphql(SHOP, CREATE, { discount: { ...reward("BAD-SHAPE"), customerIds: [customerGid] } });
    expect(body.errors?.[0].message).toMatch(/Field "customerIds" is not defined by type "DiscountCodeBasicInput"/);
  });
});

describe("fault injection", () => {
  it("fails a mutation without applying it", async () => {
    emulator.faults.inject({ operation: "discountCodeBasicCreate", kind: "http500" });
    const failed = await emulator.graphql(SHOP, CREATE, { discount: reward("FAULT-1") });
    expect(failed.status).toBe(500);
    expect(emulator.store.discountCodes(SHOP).some((d) => d.code === "FAULT-1")).toBe(false);
    const retried = await emulator.graphql(SHOP, CREATE, { discount: reward("FAULT-1") });
    expect((retried.body.data as CreateResult).discountCodeBasicCreate.userErrors).toEqual([]);
  });

  it("can apply the mutation and lose the answer (afterApply)", async () => {
    emulator.faults.inject({ operation: "discountCodeBasicCreate", kind: "http503", afterApply: true });
    const lost = await emulator.graphql(SHOP, CREATE, { discount: reward("LOST-1") });
    expect(lost.status).toBe(503);
    expect(emulator.store.discountCodes(SHOP).some((d) => d.code === "LOST-1")).toBe(true);
  });

  it("answers THROTTLED, drops connections and holds responses", async () => {
    emulator.faults.inject({ kind: "throttled", times: 1 });
    const throttled = await emulator.graphql(SHOP, "{ shop { name } }");
    expect(throttled.body.errors?.[0].extensions).toMatchObject({ code: "THROTTLED" });
    emulator.faults.inject({ kind: "network" });
    await expect(emulator.graphql(SHOP, "{ shop { name } }")).rejects.toThrow(/fetch failed/);
    emulator.faults.inject({ kind: "timeout" });
    const started = Date.now();
    await expect(
      fetch(emulator.graphqlUrl(SHOP), {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-Shopify-Access-Token": emulator.accessToken(SHOP) },
        body: JSON.stringify({ query: "{ shop { name } }" }),
        signal: AbortSignal.timeout(300),
      }),
    ).rejects.toThrow(/aborted|timeout/i);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect((await emulator.graphql(SHOP, "{ shop { name } }")).body.data).toEqual({ shop: { name: "Loyalist Test" } });
  });
});

describe("other mutations", () => {
  it("tags a customer and sets a metafield", async () => {
    const tags = await emulator.graphql(
      SHOP,
      `mutation($id: ID!) { tagsAdd(id: $id, tags: ["loyalty-gold"]) { node { ... on Customer { tags } } userErrors { message } } }`,
      { id: customerGid },
    );
    expect(tags.body.data).toEqual({ tagsAdd: { node: { tags: ["loyalty-gold"] }, userErrors: [] } });
    const set = await emulator.graphql(
      SHOP,
      `mutation($m: [MetafieldsSetInput!]!) { metafieldsSet(metafields: $m) { metafields { key value } userErrors { field code } } }`,
      {
        m: [{ ownerId: customerGid, namespace: "loyalist", key: "points", type: "number_integer", value: "120" }],
      },
    );
    expect(set.body.data).toEqual({ metafieldsSet: { metafields: [{ key: "points", value: "120" }], userErrors: [] } });
    const read = await emulator.graphql(SHOP, `query($id: ID!) { customer(id: $id) { metafield(namespace: "loyalist", key: "points") { value } } }`, {
      id: customerGid,
    });
    expect(read.body.data).toEqual({ customer: { metafield: { value: "120" } } });
  });

  it("credits store credit only with the scope, a positive amount and the shop currency", async () => {
    const doc = `mutation($id: ID!, $c: StoreCreditAccountCreditInput!) { storeCreditAccountCredit(id: $id, creditInput: $c) {
      storeCreditAccountTransaction { amount { amount } account { balance { amount } } } userErrors { code } } }`;
    // A token without the store credit scopes is refused (the app's toml grants them).
    const withoutScope = emulator.accessToken(SHOP, { scopes: emulator.config.scopes.filter((s) => !s.includes("store_credit")) });
    const denied = await emulator.graphql(SHOP, doc, { id: customerGid, c: { creditAmount: { amount: "5", currencyCode: "USD" } } }, { token: withoutScope });
    expect(denied.body.errors?.[0].extensions).toMatchObject({ code: "ACCESS_DENIED" });
    const token = emulator.accessToken(SHOP, { scopes: [...emulator.config.scopes, "write_store_credit_account_transactions", "read_store_credit_accounts"] });
    const wrong = await emulator.graphql(SHOP, doc, { id: customerGid, c: { creditAmount: { amount: "5", currencyCode: "EUR" } } }, { token });
    expect(wrong.body.data).toMatchObject({ storeCreditAccountCredit: { userErrors: [{ code: "UNSUPPORTED_CURRENCY" }] } });
    const zero = await emulator.graphql(SHOP, doc, { id: customerGid, c: { creditAmount: { amount: "0", currencyCode: "USD" } } }, { token });
    expect(zero.body.data).toMatchObject({ storeCreditAccountCredit: { userErrors: [{ code: "NEGATIVE_OR_ZERO_AMOUNT" }] } });
    await emulator.graphql(SHOP, doc, { id: customerGid, c: { creditAmount: { amount: "5", currencyCode: "USD" } } }, { token });
    const ok = await emulator.graphql(SHOP, doc, { id: customerGid, c: { creditAmount: { amount: "2.50", currencyCode: "USD" } } }, { token });
    expect(ok.body.data).toEqual({
      storeCreditAccountCredit: { storeCreditAccountTransaction: { amount: { amount: "2.5" }, account: { balance: { amount: "7.5" } } }, userErrors: [] },
    });
  });
});
