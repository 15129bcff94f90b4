// Seeds an emulated shop from the deterministic generator: catalog, locations, customers and an order
// history that flows through the real webhook path (or, on a restart of the sandbox, only rebuilds the
// emulator's in-memory store, which the app's database already reflects).
import type { Emulator } from "./emulator";
import { generateCatalog, generateCustomers, generateOrders, toPlaceOrderInput, toRefundInput } from "./generator";

export type SeedOptions = {
  seed?: number | string;
  customers?: number;
  days?: number;
  ordersPerDay?: number;
  endDate?: Date;
  /** Send the webhooks Shopify would (first run) or only fill the emulator's store (restart). */
  sendWebhooks?: boolean;
  onProgress?: (done: number) => void;
};

export type SeedResult = { products: number; customers: number; orders: number; memberIds: number[] };

/** Fills `shop` (already installed in the emulator) with a realistic store and its history. */
export async function seedShop(emulator: Emulator, shop: string, options: SeedOptions = {}): Promise<SeedResult> {
  const seed = options.seed ?? 2026;
  const endDate = options.endDate ?? new Date(new Date().toISOString().slice(0, 10));
  const days = options.days ?? 90;
  const catalog = generateCatalog(seed);
  const store = emulator.store;
  for (const location of catalog.locations) {
    store.addLocation(shop, {
      id: location.id,
      name: location.name,
      city: location.city,
      countryCode: location.countryCode,
      fulfillsOnlineOrders: location.fulfillsOnlineOrders,
    });
  }
  for (const product of catalog.products) {
    store.addProduct(shop, {
      id: product.id,
      title: product.title,
      handle: product.handle,
      vendor: product.vendor,
      productType: product.productType,
      tags: product.tags,
      createdAt: product.createdAt,
      variants: product.variants.map((v) => ({ id: v.id, title: v.title, price: v.price, sku: v.sku })),
    });
  }
  for (const collection of catalog.collections) {
    store.addCollection(shop, { id: collection.id, title: collection.title, handle: collection.handle, productIds: collection.productIds });
  }
  const customers = generateCustomers(seed, options.customers ?? 300, { endDate, days });
  for (const customer of customers) {
    store.addCustomer(shop, {
      id: customer.id,
      email: customer.email,
      firstName: customer.firstName,
      lastName: customer.lastName,
      createdAt: customer.createdAt,
      tags: customer.tags,
      verifiedEmail: true,
      acceptsMarketing: customer.acceptsMarketing,
    });
  }

  let orders = 0;
  const buyers = new Set<number>();
  for (const generated of generateOrders(seed, { customers, catalog, days, endDate, ordersPerDay: options.ordersPerDay ?? 6 })) {
    const input = toPlaceOrderInput(generated);
    const placed = options.sendWebhooks === false ? store.placeOrder(shop, input) : (await emulator.orders.place(shop, input)).order;
    if (generated.customerId !== null && !generated.test) buyers.add(generated.customerId);
    const lineItemIds = placed.line_items.map((line) => Number(line.id));
    // Each follow-up happens at its own generated time, so the history shows the orders' own dates.
    for (const event of generated.events) {
      if (event.type === "fulfill") {
        if (options.sendWebhooks === false) store.fulfill(shop, placed.id, event.at);
        else await emulator.orders.fulfill(shop, placed.id, event.at);
      } else if (event.type === "refund") {
        const refund = { ...toRefundInput(event, lineItemIds), at: event.at };
        if (options.sendWebhooks === false) store.refund(shop, placed.id, refund);
        else await emulator.orders.refund(shop, placed.id, refund);
      } else {
        if (options.sendWebhooks === false) store.cancel(shop, placed.id, { at: event.at });
        else await emulator.orders.cancel(shop, placed.id, { at: event.at });
      }
    }
    orders++;
    if (orders % 50 === 0) options.onProgress?.(orders);
  }
  return { products: catalog.products.length, customers: customers.length, orders, memberIds: [...buyers] };
}
