import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { closeRewardOffer, crossSellOffer, newCategoryOffer, rankOffers } from "~/insight/offers";

describe("next-best offers", () => {
  it("GIVEN a member who never bought tea while 60% of similar members do WHEN offered THEN tea, with the share as the reason", () => {
    const offer = newCategoryOffer(
      new Set(["coffee"]),
      new Map([
        ["coffee", 0.9],
        ["tea", 0.6],
        ["mugs", 0.3],
      ]),
    );
    expect(offer).toMatchObject({ kind: "new_category", category: "tea", why: { code: "similar_members_buy", params: { category: "tea", share: 0.6 } } });
  });

  it("GIVEN categories similar members rarely buy WHEN offered THEN no category offer", () => {
    expect(newCategoryOffer(new Set(["coffee"]), new Map([["tea", 0.1]]))).toBeNull();
  });

  it("GIVEN basket partners WHEN the member bought beans THEN the highest-lift partner they do not own", () => {
    const offer = crossSellOffer(new Set(["beans", "mug"]), [
      { boughtProductId: "beans", boughtTitle: "Beans", productId: "mug", title: "Mug", lift: 5 },
      { boughtProductId: "beans", boughtTitle: "Beans", productId: "filters", title: "Filters", lift: 3 },
      { boughtProductId: "beans", boughtTitle: "Beans", productId: "snack", title: "Snack", lift: 1.1 },
    ]);
    expect(offer).toMatchObject({ kind: "cross_sell", productId: "filters", why: { code: "bought_together", params: { boughtTitle: "Beans", lift: 3 } } });
  });

  it("GIVEN 450 points and rewards at 300, 500 and 1000 WHEN offered THEN the 500 one, 50 points away", () => {
    const offer = closeRewardOffer(450, [
      { id: "r300", name: "Small", pointsCost: 300 },
      { id: "r500", name: "Medium", pointsCost: 500 },
      { id: "r1000", name: "Large", pointsCost: 1000 },
    ]);
    expect(offer).toMatchObject({ kind: "reward_close", rewardId: "r500", why: { params: { pointsNeeded: 50 } } });
  });

  it("PROPERTY: an offer never suggests what the member already has or can already afford; ranking is by score", () => {
    const cats = fc.constantFrom("a", "b", "c", "d");
    fc.assert(
      fc.property(
        fc.uniqueArray(cats),
        fc.array(fc.tuple(cats, fc.double({ min: 0, max: 1, noNaN: true }))),
        fc.nat(2000),
        fc.array(fc.integer({ min: 1, max: 2000 })),
        (bought, shares, balance, costs) => {
          const have = new Set<string>(bought);
          const cat = newCategoryOffer(have, new Map(shares));
          if (cat?.kind === "new_category") expect(have.has(cat.category)).toBe(false);
          const reward = closeRewardOffer(
            balance,
            costs.map((c, i) => ({ id: `r${i}`, name: "R", pointsCost: c })),
          );
          if (reward?.why.code === "reward_close") expect(reward.why.params.pointsNeeded).toBeGreaterThan(0);
          const ranked = rankOffers([cat, reward]);
          for (let i = 1; i < ranked.length; i++) expect(ranked[i - 1].score).toBeGreaterThanOrEqual(ranked[i].score);
        },
      ),
    );
  });
});
