// A reward's conditions as the shopper reads them, and whether a cart meets them (said before redeeming).
import { describe, expect, it } from "vitest";
import { cartQualification, rewardConditions } from "~/rewards/rewards";
import { shopperOffer } from "~/insight/for-you";

const COLLECTION = "gid://shopify/Collection/42";
const cart = (subtotalMinor: number, collections: string[] = []) => ({ subtotalMinor, hasCollectionProduct: (id: string) => collections.includes(id) });

describe("reward conditions", () => {
  it("GIVEN an amount off with a minimum order THEN the minimum is its condition; other kinds' settings are not conditions", () => {
    expect(rewardConditions("amount_off", { valueMinor: 800, minimumSubtotalMinor: 10_000 })).toEqual({
      minimumSubtotalMinor: 10_000,
      collectionId: null,
      collectionTitle: null,
    });
    expect(rewardConditions("percent_off", { percent: 10, collectionId: COLLECTION, collectionTitle: "Teas" })).toEqual({
      minimumSubtotalMinor: null,
      collectionId: COLLECTION,
      collectionTitle: "Teas",
    });
    expect(rewardConditions("free_shipping", { minimumSubtotalMinor: 5000 })).toEqual({
      minimumSubtotalMinor: null,
      collectionId: null,
      collectionTitle: null,
    });
  });

  it("GIVEN a cart under the minimum THEN it does not qualify, short by exactly the difference; at the minimum it qualifies", () => {
    const conditions = rewardConditions("amount_off", { valueMinor: 800, minimumSubtotalMinor: 10_000 });
    expect(cartQualification(conditions, cart(4_250))).toEqual({ qualifies: false, reason: "minimum_order", shortMinor: 5_750 });
    expect(cartQualification(conditions, cart(10_000))).toEqual({ qualifies: true });
  });

  it("GIVEN a collection-only reward THEN a cart without the collection's products does not qualify, one with them does", () => {
    const conditions = rewardConditions("percent_off", { percent: 10, collectionId: COLLECTION });
    expect(cartQualification(conditions, cart(99_999))).toEqual({ qualifies: false, reason: "collection" });
    expect(cartQualification(conditions, cart(100, [COLLECTION]))).toEqual({ qualifies: true });
  });
});

describe("offers for the shopper", () => {
  it("keeps the facts of each offer and leaves the score out", () => {
    const base = { customerId: "7", score: 0.8 };
    expect(
      shopperOffer({ ...base, kind: "reward_close", rewardId: "r1", why: { code: "reward_close", params: { rewardName: "$10 off", pointsNeeded: 15 } } }),
    ).toEqual({ kind: "reward_close", rewardId: "r1", rewardName: "$10 off", pointsNeeded: 15 });
    expect(
      shopperOffer({
        ...base,
        kind: "cross_sell",
        productId: "9",
        title: "Filters",
        why: { code: "bought_together", params: { boughtProductId: "8", boughtTitle: "Kettle", lift: 3 } },
      }),
    ).toEqual({ kind: "cross_sell", productId: "9", title: "Filters", boughtTitle: "Kettle" });
    expect(
      shopperOffer({ ...base, kind: "new_category", category: "Tea", why: { code: "similar_members_buy", params: { category: "Tea", share: 0.4 } } }),
    ).toEqual({
      kind: "new_category",
      category: "Tea",
    });
  });
});
