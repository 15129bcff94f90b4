// The webhook door's payload schemas: every payload Shopify (the emulator, the payload builders) sends is
// taken and can be processed; a payload whose values processing cannot read is refused with the path.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  PAYLOAD_CHECKS,
  PAYLOAD_SCHEMAS,
  customerPayloadSchema,
  orderFacts,
  orderPayloadSchema,
  refundFacts,
  refundPayloadSchema,
} from "~/platform/webhooks/payloads";
import { minorDigits } from "~/platform/money";
import { EmulatorStore } from "../../support/emulator/store/store";
import { buildCustomer, buildOrder, buildRefund } from "../../support/shopify-payloads";

const CURRENCIES = ["USD", "EUR", "JPY", "KWD", "GBP", "KRW", "BHD", "CAD"];

/** A price in `currency` as Shopify writes it: 2 decimals, zeros past the currency's own precision. */
function priceIn(currency: string, minor: number): string {
  const digits = minorDigits(currency);
  const major = minor / 10 ** digits;
  return digits <= 2 ? major.toFixed(2) : major.toFixed(digits);
}

const aLine = fc.record({ minor: fc.integer({ min: 0, max: 5_000_000 }), quantity: fc.integer({ min: 1, max: 50 }) });

describe("order payloads", () => {
  it("GIVEN any order the emulator places, in any currency, with refunds THEN the door takes it and earning can read it", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...CURRENCIES),
        fc.array(aLine, { minLength: 1, maxLength: 5 }),
        fc.boolean(),
        fc.boolean(),
        (currency, lines, withCustomer, refundOne) => {
          const store = new EmulatorStore();
          const shop = "door.myshopify.com";
          store.installShop({ shop, currency });
          const customer = withCustomer ? store.addCustomer(shop, { email: "a@example.com" }) : null;
          const placed = lines.map((l) => {
            // Whole units for currencies without minor digits, as a real JPY shop has.
            const price = minorDigits(currency) === 0 ? priceIn(currency, l.minor) : (l.minor / 100).toFixed(2);
            const product = store.addProduct(shop, { title: "Thing", variants: [{ price }] });
            return { productId: product.id, variantId: product.variants[0].id, quantity: l.quantity, price };
          });
          let order = store.placeOrder(shop, { customer, lines: placed, discountCodes: ["WELCOME"] });
          if (refundOne) {
            const refund = store.refund(shop, order.id, { lines: [{ lineItemId: order.line_items[0].id, quantity: 1 }] });
            const parsedRefund = refundPayloadSchema.safeParse(refund);
            expect(parsedRefund.error?.issues).toBeUndefined();
            expect(() => refundFacts(parsedRefund.data!, currency)).not.toThrow();
            order = store.order(shop, order.id)!;
          }
          const parsed = orderPayloadSchema.safeParse(order);
          expect(parsed.error?.issues).toBeUndefined();
          expect(orderFacts(parsed.data!).lines).toHaveLength(lines.length);
          if (customer) expect(customerPayloadSchema.safeParse(customer).success).toBe(true);
        },
      ),
      { numRuns: 150 },
    );
  });

  it("GIVEN the payload builders' orders and refunds THEN the door takes them", () => {
    const order = buildOrder({
      lines: [{ productId: 1, variantId: 2, quantity: 3, price: "10.00" }],
      discountCodes: [{ code: "OFF", amount: "3.00" }],
      shippingPrice: "4.99",
    });
    const refund = buildRefund(order, { lines: [{ lineItemId: order.line_items[0].id, quantity: 2 }], shipping: "1.00" });
    expect(orderPayloadSchema.safeParse(order).success).toBe(true);
    expect(orderPayloadSchema.safeParse({ ...order, refunds: [refund] }).success).toBe(true);
    expect(refundPayloadSchema.safeParse(refund).success).toBe(true);
    expect(customerPayloadSchema.safeParse(buildCustomer({ firstName: "Ada" })).success).toBe(true);
  });

  const valid = () => buildOrder({ currency: "USD", lines: [{ productId: 1, variantId: 2, quantity: 2, price: "10.00" }] });
  const refusedAt = (payload: unknown) => {
    const parsed = orderPayloadSchema.safeParse(payload);
    expect(parsed.success).toBe(false);
    return parsed.error!.issues.map((i) => i.path.join("."));
  };

  it.each(["1,000.00", "NaN", "1e309", "", "١٠٫٠٠", "10.001", "Infinity", "0x10", "1e3", " ", "--1", "1.2.3", "١٢"])(
    "GIVEN a line price %j THEN the order is refused at that price",
    (price) => {
      const order = valid();
      order.line_items[0].price = price;
      expect(refusedAt(order)).toContain("line_items.0.price");
    },
  );

  it("GIVEN prices and subtotals that are exact in the order's currency THEN they are taken; finer ones are refused", () => {
    expect(orderPayloadSchema.safeParse({ ...valid(), currency: "KWD", subtotal_price: "1.005" }).success).toBe(true);
    expect(refusedAt({ ...valid(), currency: "USD", subtotal_price: "1.005" })).toContain("subtotal_price");
    expect(refusedAt({ ...valid(), currency: "JPY", current_subtotal_price: "100.50" })).toContain("current_subtotal_price");
  });

  it("GIVEN a non-finite or huge number as an amount THEN it is refused", () => {
    const order = valid() as unknown as { line_items: Array<Record<string, unknown>> };
    order.line_items[0].price = 1e21;
    expect(refusedAt(order)).toContain("line_items.0.price");
  });

  it.each([1e20, 1.5, -1, 1_000_001])("GIVEN quantity %d THEN the order is refused", (quantity) => {
    const order = valid();
    order.line_items[0].quantity = quantity;
    expect(refusedAt(order).some((p) => p.startsWith("line_items.0"))).toBe(true);
  });

  it("GIVEN price × quantity past exact integers THEN the order is refused", () => {
    const order = valid();
    order.line_items[0].price = "90071992547409.91";
    order.line_items[0].quantity = 1000;
    expect(refusedAt(order)).toContain("line_items.0");
  });

  it.each(["", "yesterday", "2026-13-01T00:00:00Z", "2026-01-01", "2026-01-01T25:00:00Z", "+275760-09-13T00:00:00Z", "1714000000"])(
    "GIVEN updated_at, created_at or cancelled_at %j THEN the order is refused",
    (at) => {
      expect(refusedAt({ ...valid(), updated_at: at })).toContain("updated_at");
      expect(refusedAt({ ...valid(), created_at: at })).toContain("created_at");
      expect(refusedAt({ ...valid(), cancelled_at: at })).toContain("cancelled_at");
      expect(refusedAt({ ...valid(), processed_at: at })).toContain("processed_at");
    },
  );

  it("GIVEN Shopify's own offset timestamps THEN they are taken", () => {
    const at = "2026-01-15T10:00:00-05:00";
    expect(orderPayloadSchema.safeParse({ ...valid(), created_at: at, updated_at: at, processed_at: at, cancelled_at: null }).success).toBe(true);
  });

  it.each(["XXX", "usd", "US", "DOLLAR", ""])("GIVEN currency %j THEN the order is refused", (currency) => {
    expect(refusedAt({ ...valid(), currency })).toContain("currency");
  });

  it.each([1e21, "99999999999999999999", "12a", -5])("GIVEN order id %j THEN the order is refused", (id) => {
    expect(refusedAt({ ...valid(), id })).toContain("id");
  });
});

describe("refund payloads", () => {
  const order = buildOrder({ lines: [{ productId: 1, variantId: 2, quantity: 3, price: "10.00" }] });
  const refund = () => buildRefund(order, { lines: [{ lineItemId: order.line_items[0].id, quantity: 1 }] });

  it.each(["NaN", "1,000.00", "1e309", "10.001"])("GIVEN a refund line subtotal %j THEN the refund is refused", (subtotal) => {
    const r = refund() as unknown as { refund_line_items: Array<Record<string, unknown>> };
    r.refund_line_items[0].subtotal = subtotal;
    expect(refundPayloadSchema.safeParse(r).success).toBe(false);
  });

  it("GIVEN an unparseable created_at THEN the refund is refused", () => {
    expect(refundPayloadSchema.safeParse({ ...refund(), created_at: "soon" }).success).toBe(false);
  });
});

describe("the door's checks", () => {
  const order = buildOrder({ currency: "JPY", lines: [{ productId: 1, variantId: 2, quantity: 3, price: "1000" }] });
  const refund = buildRefund(order, { lines: [{ lineItemId: order.line_items[0].id, quantity: 1 }] }) as unknown as Record<string, unknown>;
  // A JPY refund that names its currency only in subtotal_set: the door must still check it in yen.
  const lines = refund.refund_line_items as Array<Record<string, unknown>>;
  lines[0] = { ...lines[0], subtotal: "1000", subtotal_set: { shop_money: { amount: "1000", currency_code: "JPY" } } };

  /** Sets `value` at a random path of a deep copy of `payload` (a field replaced, added or a list entry changed). */
  const mutated = (payload: unknown, steps: number[], key: string, value: unknown): unknown => {
    const copy = structuredClone(payload) as Record<string, unknown>;
    let at: Record<string, unknown> = copy;
    for (const step of steps) {
      const keys = Object.keys(at);
      if (!keys.length) break;
      const next = at[keys[step % keys.length]];
      if (next === null || typeof next !== "object") {
        at[keys[step % keys.length]] = value;
        return copy;
      }
      at = next as Record<string, unknown>;
    }
    at[Array.isArray(at) ? "0" : key] = value;
    return copy;
  };

  it("GIVEN any payload, mutated anywhere THEN the door refuses it exactly when the worker's schema would", () => {
    const payloads: Array<[string, unknown]> = [
      ["orders/paid", order],
      ["refunds/create", refund],
      ["customers/update", buildCustomer({ email: "a@example.com" })],
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...payloads),
        fc.array(fc.nat(), { maxLength: 5 }),
        fc.constantFrom("id", "price", "subtotal", "quantity", "created_at", "currency", "extra"),
        fc.oneof(fc.jsonValue(), fc.constantFrom("1,000.00", "NaN", "1e309", "10.5", "", "2026-13-01T00:00:00Z")),
        ([topic, payload], steps, key, value) => {
          const input = mutated(payload, steps, key, value);
          expect(PAYLOAD_CHECKS[topic].safeParse(input).success).toBe(PAYLOAD_SCHEMAS[topic].safeParse(input).success);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("GIVEN a yen refund with a fraction of a yen THEN the door refuses it, reading the currency the payload names", () => {
    const fractional = structuredClone(refund) as { refund_line_items: Array<Record<string, unknown>> };
    fractional.refund_line_items[0].subtotal = "10.5";
    expect(PAYLOAD_SCHEMAS["refunds/create"].safeParse(fractional).success).toBe(false);
    expect(PAYLOAD_CHECKS["refunds/create"].safeParse(fractional).success).toBe(false);
    expect(PAYLOAD_CHECKS["refunds/create"].safeParse(refund).success).toBe(true);
  });
});
