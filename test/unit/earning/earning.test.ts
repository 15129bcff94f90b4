import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { orderEarning, reachedAwardTrigger } from "~/earning/orders";
import { refundFacts, type RefundPayload } from "~/platform/webhooks/payloads";
import { aCatalog, aLine, anOrder, aRefund, aRule } from "./factories";

describe("orderEarning: the rate", () => {
  it("GIVEN a paid 12.99 order at 1 point per unit THEN earns 12", () => {
    const order = anOrder({ lines: [aLine({ netMinor: 1299 })] });

    const earning = orderEarning(order, [], aRule());

    expect(earning).toEqual({ points: 12, eligible: true, eligibleMinor: 1299, reason: "earned" });
  });

  it("GIVEN 10 points per unit THEN earns on the whole subtotal, rounded down once", () => {
    const order = anOrder({ lines: [aLine({ netMinor: 1299 }), aLine({ netMinor: 1 })] });

    expect(orderEarning(order, [], aRule({ pointsPerUnit: 10 })).points).toBe(130);
  });

  it("sums lines before rounding (two 0.50 lines earn 1 point)", () => {
    const order = anOrder({ lines: [aLine({ netMinor: 50 }), aLine({ netMinor: 50 })] });

    expect(orderEarning(order, [], aRule()).points).toBe(1);
  });

  it("earns on the lines after discounts, never on a negative line", () => {
    const order = anOrder({ lines: [aLine({ netMinor: 2000 }), aLine({ netMinor: -500 })], subtotalMinor: 1500 });

    expect(orderEarning(order, [], aRule()).points).toBe(20);
  });

  it("uses the order's currency (JPY whole yen, KWD fils)", () => {
    expect(orderEarning(anOrder({ currency: "JPY", lines: [aLine({ netMinor: 1500 })] }), [], aRule()).points).toBe(1500);
    expect(orderEarning(anOrder({ currency: "KWD", lines: [aLine({ netMinor: 12_999 })] }), [], aRule()).points).toBe(12);
  });

  it("applies bonus multipliers after the rate", () => {
    const order = anOrder({ lines: [aLine({ netMinor: 1000 })] });

    expect(orderEarning(order, [], aRule({ bonusPercents: [200, 150] })).points).toBe(30);
  });

  it("GIVEN a zero rate THEN the order is eligible but earns nothing", () => {
    expect(orderEarning(anOrder(), [], aRule({ pointsPerUnit: 0 }))).toMatchObject({ points: 0, eligible: true, reason: "nothing_eligible" });
  });

  it("GIVEN the program is off THEN earns nothing", () => {
    expect(orderEarning(anOrder(), [], aRule({ programEnabled: false }))).toMatchObject({ points: 0, eligible: false, reason: "program_off" });
  });
});

describe("orderEarning: the minimum order", () => {
  it("GIVEN an order below the minimum THEN earns nothing but counts as eligible", () => {
    const order = anOrder({ lines: [aLine({ netMinor: 4999 })] });

    expect(orderEarning(order, [], aRule({ minimumOrderMinor: 5000 }))).toEqual({
      points: 0,
      eligible: true,
      eligibleMinor: 0,
      reason: "below_minimum",
    });
  });

  it("GIVEN an order exactly at the minimum THEN earns", () => {
    const order = anOrder({ lines: [aLine({ netMinor: 5000 })] });

    expect(orderEarning(order, [], aRule({ minimumOrderMinor: 5000 })).points).toBe(50);
  });

  it("judges the minimum on eligible lines only (gift cards and excluded products do not count)", () => {
    const order = anOrder({
      lines: [aLine({ netMinor: 3000 }), aLine({ netMinor: 3000, giftCard: true }), aLine({ productId: "p-excluded", netMinor: 3000 })],
    });

    const earning = orderEarning(order, [], aRule({ minimumOrderMinor: 5000, excludedProductIds: ["p-excluded"] }));

    expect(earning.reason).toBe("below_minimum");
  });

  it("judges the minimum on what was bought: a later refund below the minimum keeps the rest earning", () => {
    const order = anOrder({ lines: [aLine({ lineItemId: "l1", netMinor: 6000 })] });

    const earning = orderEarning(order, [aRefund([{ lineItemId: "l1", subtotalMinor: 2000 }])], aRule({ minimumOrderMinor: 5000 }));

    expect(earning).toMatchObject({ points: 40, eligibleMinor: 4000 });
  });
});

describe("orderEarning: exclusions", () => {
  it("GIVEN a gift card line THEN only the other lines earn", () => {
    const order = anOrder({ lines: [aLine({ netMinor: 2500 }), aLine({ netMinor: 5000, giftCard: true })] });

    expect(orderEarning(order, [], aRule())).toMatchObject({ points: 25, eligibleMinor: 2500 });
  });

  it("GIVEN a gift card without a product THEN it still earns nothing", () => {
    const order = anOrder({ lines: [aLine({ productId: null, netMinor: 5000, giftCard: true })] });

    expect(orderEarning(order, [], aRule())).toMatchObject({ points: 0, reason: "nothing_eligible" });
  });

  it("GIVEN an excluded product THEN its line earns nothing", () => {
    const order = anOrder({ lines: [aLine({ productId: "p1", netMinor: 1000 }), aLine({ productId: "p2", netMinor: 4000 })] });

    expect(orderEarning(order, [], aRule({ excludedProductIds: ["p2"] })).points).toBe(10);
  });

  it("GIVEN an excluded tag THEN lines of products carrying it earn nothing, whatever the tag's case", () => {
    const order = anOrder({ lines: [aLine({ productId: "p1", netMinor: 1000 }), aLine({ productId: "p2", netMinor: 4000 })] });
    const products = aCatalog({ p1: { tags: ["Summer"] }, p2: { tags: ["No-Points", "sale"] } });

    expect(orderEarning(order, [], aRule({ excludedProductTags: ["no-points"] }), products).points).toBe(10);
  });

  it("GIVEN an excluded collection THEN lines of products in it earn nothing", () => {
    const order = anOrder({ lines: [aLine({ productId: "p1", netMinor: 1000 }), aLine({ productId: "p2", netMinor: 4000 })] });
    const products = aCatalog({ p1: { collectionIds: ["c-sale", "c-gifts"] }, p2: { collectionIds: ["c-new"] } });

    expect(orderEarning(order, [], aRule({ excludedCollectionIds: ["c-gifts"] }), products).points).toBe(40);
  });

  it("GIVEN a product Loyalist knows nothing about THEN only its id can exclude it", () => {
    const order = anOrder({ lines: [aLine({ productId: "p-unknown", netMinor: 1000 })] });

    expect(orderEarning(order, [], aRule({ excludedProductTags: ["sale"], excludedCollectionIds: ["c-sale"] })).points).toBe(10);
  });

  it("GIVEN a custom line without a product THEN it earns", () => {
    const order = anOrder({ lines: [aLine({ productId: null, netMinor: 1000 })] });

    expect(orderEarning(order, [], aRule({ excludedProductIds: ["p1"] })).points).toBe(10);
  });

  it("GIVEN an excluded sales channel THEN the order earns nothing", () => {
    const order = anOrder({ sourceName: "pos" });

    expect(orderEarning(order, [], aRule({ excludedSalesChannels: ["pos"] }))).toMatchObject({ points: 0, reason: "excluded_channel" });
    expect(orderEarning(anOrder({ sourceName: "web" }), [], aRule({ excludedSalesChannels: ["pos"] })).points).toBe(10);
    expect(orderEarning(anOrder({ sourceName: null }), [], aRule({ excludedSalesChannels: ["pos"] })).points).toBe(10);
  });

  it("GIVEN a test order THEN it earns only when the program includes test orders", () => {
    const order = anOrder({ test: true });

    expect(orderEarning(order, [], aRule())).toMatchObject({ points: 0, reason: "test_order" });
    expect(orderEarning(order, [], aRule({ includeTestOrders: true })).points).toBe(10);
  });
});

describe("orderEarning: when points are awarded", () => {
  it.each(["pending", "authorized", "partially_paid", "voided", null])("GIVEN award on paid AND financial status %s THEN earns nothing", (status) => {
    expect(orderEarning(anOrder({ financialStatus: status }), [], aRule())).toMatchObject({ points: 0, eligible: false, reason: "not_paid" });
  });

  it.each(["paid", "partially_refunded", "refunded"])("GIVEN award on paid AND financial status %s THEN earns", (status) => {
    expect(orderEarning(anOrder({ financialStatus: status }), [], aRule()).points).toBe(10);
  });

  it("GIVEN award on fulfilled WHEN paid but not fulfilled THEN earns nothing yet", () => {
    const rule = aRule({ awardOn: "fulfilled" });

    expect(orderEarning(anOrder({ fulfillmentStatus: null }), [], rule)).toMatchObject({ points: 0, reason: "not_fulfilled" });
    expect(orderEarning(anOrder({ fulfillmentStatus: "partial" }), [], rule)).toMatchObject({ points: 0, reason: "not_fulfilled" });
  });

  it("GIVEN award on fulfilled WHEN fulfilled and paid THEN earns", () => {
    expect(orderEarning(anOrder({ fulfillmentStatus: "fulfilled" }), [], aRule({ awardOn: "fulfilled" })).points).toBe(10);
  });

  it("GIVEN award on fulfilled WHEN fulfilled but not paid THEN earns nothing", () => {
    const order = anOrder({ fulfillmentStatus: "fulfilled", financialStatus: "pending" });

    expect(orderEarning(order, [], aRule({ awardOn: "fulfilled" })).points).toBe(0);
    expect(reachedAwardTrigger(order, aRule({ awardOn: "fulfilled" }))).toBe(false);
  });

  it("GIVEN a cancelled order THEN earns nothing, even when paid and fulfilled", () => {
    const order = anOrder({ cancelledAt: "2025-03-02T09:00:00Z", fulfillmentStatus: "fulfilled" });

    expect(orderEarning(order, [], aRule())).toEqual({ points: 0, eligible: false, eligibleMinor: 0, reason: "cancelled" });
  });
});

describe("orderEarning: refunds", () => {
  const twoLines = () =>
    anOrder({ lines: [aLine({ lineItemId: "l1", netMinor: 3000 }), aLine({ lineItemId: "l2", netMinor: 2000 })], financialStatus: "partially_refunded" });

  it("GIVEN a partial refund of one line THEN the refunded money stops earning", () => {
    const refund = aRefund([{ lineItemId: "l1", subtotalMinor: 1000 }]);

    expect(orderEarning(twoLines(), [refund], aRule())).toMatchObject({ points: 40, eligibleMinor: 4000 });
  });

  it("GIVEN several refunds of the same and different lines THEN all of them count", () => {
    const refunds = [
      aRefund([{ lineItemId: "l1", subtotalMinor: 1000 }], { refundId: "r1" }),
      aRefund(
        [
          { lineItemId: "l1", subtotalMinor: 1000 },
          { lineItemId: "l2", subtotalMinor: 550 },
        ],
        { refundId: "r2" },
      ),
    ];

    expect(orderEarning(twoLines(), refunds, aRule())).toMatchObject({ points: 24, eligibleMinor: 2450 });
  });

  it("GIVEN a refund larger than its line THEN the line earns nothing and the other lines keep earning", () => {
    const refund = aRefund([{ lineItemId: "l2", subtotalMinor: 9999 }]);

    expect(orderEarning(twoLines(), [refund], aRule())).toMatchObject({ points: 30, eligibleMinor: 3000 });
  });

  it("GIVEN refunds that together exceed a line THEN the line is clamped at zero", () => {
    const refunds = [
      aRefund([{ lineItemId: "l2", subtotalMinor: 1500 }], { refundId: "r1" }),
      aRefund([{ lineItemId: "l2", subtotalMinor: 1500 }], { refundId: "r2" }),
    ];

    expect(orderEarning(twoLines(), refunds, aRule()).eligibleMinor).toBe(3000);
  });

  it("GIVEN everything refunded THEN earns nothing", () => {
    const refund = aRefund([
      { lineItemId: "l1", subtotalMinor: 3000 },
      { lineItemId: "l2", subtotalMinor: 2000 },
    ]);

    expect(orderEarning(twoLines(), [refund], aRule())).toMatchObject({ points: 0, eligible: true, reason: "nothing_eligible" });
  });

  it("ignores refunds of gift cards, excluded lines and unknown lines", () => {
    const order = anOrder({
      lines: [
        aLine({ lineItemId: "l1", netMinor: 3000 }),
        aLine({ lineItemId: "gift", netMinor: 5000, giftCard: true }),
        aLine({ lineItemId: "excluded", productId: "p-x", netMinor: 1000 }),
      ],
    });
    const refund = aRefund([
      { lineItemId: "gift", subtotalMinor: 5000 },
      { lineItemId: "excluded", subtotalMinor: 1000 },
      { lineItemId: "not-on-order", subtotalMinor: 3000 },
    ]);

    expect(orderEarning(order, [refund], aRule({ excludedProductIds: ["p-x"] })).points).toBe(30);
  });

  it("takes the refunded money back whether or not the items were restocked", () => {
    const order = anOrder({ lines: [aLine({ lineItemId: "111", netMinor: 4000, quantity: 2 })] });
    const refundOf = (restockType: string, id: string): RefundPayload => ({
      id,
      order_id: "1",
      created_at: "2025-03-02T10:00:00Z",
      refund_line_items: [{ line_item_id: "111", quantity: 1, subtotal: "20.00", restock_type: restockType }],
    });

    const restocked = orderEarning(order, [refundFacts(refundOf("return", "1"), "USD")], aRule());
    const notRestocked = orderEarning(order, [refundFacts(refundOf("no_restock", "2"), "USD")], aRule());

    expect(restocked).toMatchObject({ points: 20, eligibleMinor: 2000 });
    expect(notRestocked).toEqual(restocked);
  });

  it("does not depend on the order refunds are listed in, and never earns more for a refund (property)", () => {
    const lineIds = ["l1", "l2", "l3"];
    const refundArb = fc.array(fc.record({ lineItemId: fc.constantFrom(...lineIds, "other"), subtotalMinor: fc.nat({ max: 5000 }) }), {
      minLength: 1,
      maxLength: 3,
    });
    fc.assert(
      fc.property(
        fc.array(fc.nat({ max: 5000 }), { minLength: 3, maxLength: 3 }),
        fc.array(refundArb, { maxLength: 4 }),
        fc.nat({ max: 20 }),
        (nets, refundLines, rate) => {
          const order = anOrder({ lines: lineIds.map((lineItemId, i) => aLine({ lineItemId, netMinor: nets[i] })) });
          const refunds = refundLines.map((lines, i) => aRefund(lines, { refundId: `r${i}` }));
          const rule = aRule({ pointsPerUnit: rate });

          const earning = orderEarning(order, refunds, rule);

          expect(orderEarning(order, [...refunds].reverse(), rule)).toEqual(earning);
          expect(earning.points).toBeLessThanOrEqual(orderEarning(order, refunds.slice(1), rule).points);
          expect(earning.eligibleMinor).toBeGreaterThanOrEqual(0);
          expect(earning.eligibleMinor).toBeLessThanOrEqual(nets.reduce((a, b) => a + b, 0));
        },
      ),
    );
  });
});
