// Personalised offers pushed for marketing tools: the insight-offers job writes each top buyer's next-best offer
// to the customer metafield loyalist.next_offer (a code with values, never a sentence) and a loyalist-offer-<kind>
// tag, through the emulator's Admin API (metafieldsSet in batches of at most 25); an unchanged offer is not
// sent again, a changed one moves its tag, and erasure forgets what was pushed.
import { afterAll, beforeAll, expect, it } from "vitest";
import { anInsightShop, startInsightDb, type InsightDb } from "../../support/insight-db";
import { startEmulator, type Emulator } from "../../support/emulator";
import type { InsightOrderInput } from "~/insight/orders";

const SHOP = "insight-offers-push.myshopify.com";
const DAY = 86_400_000;
let db: InsightDb;
let emulator: Emulator;
let prisma: typeof import("~/db.server").default;
let push: typeof import("~/insight/offers-push.server");
let client: import("~/platform/shopify/admin-client.server").AdminClient;
const teaOnly: string[] = [];
const both: string[] = [];
let closeToReward: string;

const order = (id: string, customerId: string, daysAgo: number, products: string[]): InsightOrderInput => {
  const at = new Date(Date.now() - daysAgo * DAY);
  return {
    orderId: id,
    customerId,
    customerCreatedAt: new Date(Date.now() - 400 * DAY),
    locationId: "loc-1",
    occurredAt: at,
    currency: "USD",
    updatedAt: at,
    excluded: false,
    lines: products.map((p, i) => ({ lineItemId: `${id}-${i}`, productId: p, variantId: null, title: null, quantity: 1, grossMinor: 1000, locationId: null })),
    refunds: [],
  };
};

const metafieldCalls = () => emulator.graphqlRequests.filter((r) => r.shop === SHOP && r.operationName === "LoyalistCustomerMetafields" && r.status === 200);
const nextOffer = (customerId: string) =>
  emulator.store.metafields(SHOP, `gid://shopify/Customer/${customerId}`).find((m) => m.namespace === "loyalist" && m.key === "next_offer")?.value;
const tags = (customerId: string) => emulator.store.customers(SHOP).find((c) => String(c.id) === customerId)?.tags ?? [];

beforeAll(async () => {
  db = await startInsightDb();
  emulator = await startEmulator({ apiKey: "key", apiSecret: "secret", appUrl: "http://127.0.0.1:9" });
  emulator.installShop({ shop: SHOP, name: "Offers", currency: "USD" });
  process.env.SHOPIFY_ADMIN_API_ORIGIN = emulator.url;
  await anInsightShop(SHOP);
  prisma = (await import("~/db.server")).default;
  push = await import("~/insight/offers-push.server");
  const { adminClientForSession } = await import("~/platform/shopify/admin-client.server");
  client = adminClientForSession({ shop: SHOP, accessToken: emulator.accessToken(SHOP) });
  const { recordInsightOrders } = await import("~/insight/ingest.server");
  await prisma.productIndex.createMany({
    data: [
      { shopDomain: SHOP, productId: "tea-1", title: "Green tea", productType: "Tea" },
      { shopDomain: SHOP, productId: "coffee-1", title: "Espresso beans", productType: "Coffee" },
    ],
  });
  // 30 customers who only ever bought tea, 10 who bought tea and coffee: a quarter of tea buyers buy coffee,
  // so each tea-only buyer's next-best offer is coffee. One of the 10 holds 800 of a 1,000-point reward.
  const orders: InsightOrderInput[] = [];
  for (let i = 0; i < 40; i++) {
    const customer = String(emulator.store.addCustomer(SHOP, { email: `buyer${i}@example.com` }).id);
    (i < 30 ? teaOnly : both).push(customer);
    orders.push(order(`o${i}a`, customer, 30 + i, ["tea-1"]), order(`o${i}b`, customer, 10 + i, i < 30 ? ["tea-1"] : ["tea-1", "coffee-1"]));
  }
  await recordInsightOrders(SHOP, orders);
  closeToReward = both[0];
  await prisma.member.create({ data: { shopDomain: SHOP, customerId: closeToReward, balance: 800 } });
  await prisma.reward.create({
    data: { shopDomain: SHOP, name: "A free bag", kind: "amount_off", pointsCost: 1000, config: { amountMinor: 1000 }, combinesWith: {} },
  });
});
afterAll(async () => {
  await db?.stop();
  await emulator?.close();
});

it("GIVEN 30 tea-only buyers and a member close to a reward WHEN the offers are pushed THEN each gets loyalist.next_offer as a code with values and a tag, in batches of at most 25", async () => {
  const report = await push.pushOffers(SHOP, { client });
  expect(report).toMatchObject({ members: 31, pushed: 31, refused: 0 });
  expect(report.error).toBeUndefined();
  for (const customerId of teaOnly) {
    expect(JSON.parse(nextOffer(customerId)!)).toEqual({
      kind: "new_category",
      category: "Coffee",
      why: { code: "similar_members_buy", params: { category: "Coffee", share: 0.25 } },
    });
    expect(tags(customerId)).toContain("loyalist-offer-new-category");
  }
  expect(JSON.parse(nextOffer(closeToReward)!)).toMatchObject({
    kind: "reward_close",
    why: { code: "reward_close", params: { rewardName: "A free bag", pointsNeeded: 200 } },
  });
  expect(tags(closeToReward)).toContain("loyalist-offer-reward-close");
  // The others bought both categories and are far from the reward: nothing to push.
  for (const customerId of both.slice(1)) expect(nextOffer(customerId)).toBeUndefined();
  const sizes = metafieldCalls().map((c) => (c.variables as { metafields: unknown[] }).metafields.length);
  expect(sizes.sort((a, b) => b - a)).toEqual([25, 6]);
});

it("GIVEN nothing changed WHEN the offers are pushed again THEN nothing is sent", async () => {
  const before = metafieldCalls().length;
  expect(await push.pushOffers(SHOP, { client })).toMatchObject({ members: 31, pushed: 0, unchanged: 31 });
  expect(metafieldCalls().length).toBe(before);
});

it("GIVEN a tea-only buyer then buys coffee WHEN the offers are pushed THEN their offer is cleared and the tag removed, the rest untouched", async () => {
  const { recordInsightOrder } = await import("~/insight/ingest.server");
  const convert = teaOnly[0];
  await recordInsightOrder(SHOP, order("converted", convert, 1, ["coffee-1"]));
  const report = await push.pushOffers(SHOP, { client });
  expect(report).toMatchObject({ members: 30, pushed: 1 });
  expect(JSON.parse(nextOffer(convert)!)).toEqual({ kind: null });
  expect(tags(convert)).not.toContain("loyalist-offer-new-category");
  expect(tags(teaOnly[1])).toContain("loyalist-offer-new-category");
});

it("GIVEN a customer is erased WHEN Insight redacts them THEN what was pushed to them is forgotten", async () => {
  const { insightPrivacy } = await import("~/insight/privacy.server");
  const customerId = teaOnly[2];
  expect(await prisma.insightOfferPush.count({ where: { shopDomain: SHOP, customerId } })).toBe(1);
  await prisma.$transaction((tx) => insightPrivacy.redactCustomer!(tx, { shopDomain: SHOP, customerId, anonymousId: "anon-1" } as never));
  expect(await prisma.insightOfferPush.count({ where: { shopDomain: SHOP, customerId } })).toBe(0);
});
