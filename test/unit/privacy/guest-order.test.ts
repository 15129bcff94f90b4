// An order delivery still waiting when its customer is erased stays processable, as a guest's order
// (app/platform/webhooks/privacy.server.ts): the same amounts, none of the customer.
import { describe, expect, it } from "vitest";
import { asGuestOrder } from "~/platform/webhooks/privacy.server";
import { orderFacts, orderPayloadSchema } from "~/platform/webhooks/payloads";
import { buildCustomer, buildOrder } from "../../support/shopify-payloads";

describe("an unprocessed order delivery of an erased customer", () => {
  it("GIVEN a paid order of a customer with a phone WHEN turned into a guest order THEN it still parses, earns on the same amounts and names no one", () => {
    const customer = buildCustomer({ email: "zofia.quillfeather@example.com", firstName: "Zofia", lastName: "Quillfeather", phone: "+358401234567" });
    const order = buildOrder({
      customer,
      email: customer.email,
      financialStatus: "paid",
      note: "Zofia asks for gift wrap",
      lines: [{ productId: 1, variantId: 2, quantity: 2, price: "12.50" }],
    });

    const guest = orderPayloadSchema.parse(asGuestOrder(JSON.parse(JSON.stringify(order))));

    const before = orderFacts(orderPayloadSchema.parse(order));
    expect(orderFacts(guest)).toEqual({
      ...before,
      customerId: null,
      email: null,
      customerFirstName: null,
      customerLastName: null,
      contactKeys: { phone: null, address: null },
    });
    expect(JSON.stringify(guest)).not.toMatch(/zofia|quillfeather|358401234567/i);
  });
});
