import { describe, expect, it } from "vitest";
import { allocateMinor, buildCustomer, buildOrder, buildRefund } from "../../support/shopify-payloads";

describe("REST payload builders", () => {
  it("allocates order discounts across lines, remainder on the last line", () => {
    expect(allocateMinor(1000, [1, 1, 1])).toEqual([333, 333, 334]);
    const order = buildOrder({
      lines: [
        { productId: 1, variantId: 2, quantity: 1, price: "30.00" },
        { productId: 3, variantId: 4, quantity: 2, price: "10.00" },
      ],
      discountCodes: [{ code: "TEN", type: "percentage", value: "10" }],
      shippingPrice: "4.99",
    });
    expect(order.discount_codes).toEqual([{ code: "TEN", amount: "5.00", type: "percentage" }]);
    expect(order.line_items.map((l) => l.discount_allocations.map((d) => d.amount))).toEqual([["3.00"], ["2.00"]]);
    expect(order).toMatchObject({
      total_line_items_price: "50.00",
      subtotal_price: "45.00",
      total_price: "49.99",
      current_total_price: "49.99",
      name: "#1001",
    });
    expect(order.total_shipping_price_set.shop_money.amount).toBe("4.99");
  });

  it("refunds the discounted unit price and refuses over-refunds", () => {
    const order = buildOrder({ lines: [{ productId: 1, variantId: 2, quantity: 3, price: "10.00" }], discountCodes: [{ code: "OFF", amount: "3.00" }] });
    const refund = buildRefund(order, { lines: [{ lineItemId: order.line_items[0].id, quantity: 2 }], shipping: "1.00" });
    expect(refund.refund_line_items[0]).toMatchObject({ quantity: 2, subtotal: 18, subtotal_set: { shop_money: { amount: "18.00" } } });
    expect(refund.transactions[0]).toMatchObject({ kind: "refund", amount: "19.00", status: "success" });
    expect(refund.order_adjustments[0]).toMatchObject({ kind: "shipping_refund", amount: "-1.00" });
    expect(() => buildRefund(order, { lines: [{ lineItemId: order.line_items[0].id, quantity: 4 }] })).toThrow(/refundable: 3/);
  });

  it("builds customers from camelCase or REST names", () => {
    expect(buildCustomer({ firstName: "Ada", tags: ["vip", " gold "] })).toMatchObject({ first_name: "Ada", tags: "vip, gold", state: "enabled" });
    expect(buildCustomer({ first_name: "Grace", verified_email: false })).toMatchObject({ first_name: "Grace", verified_email: false });
  });
});
