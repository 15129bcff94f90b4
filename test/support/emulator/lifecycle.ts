/** Store changes that also deliver the webhooks Shopify would send for them. */
import {
  buildCustomersDataRequest,
  buildCustomersRedact,
  buildShop,
  buildShopRedact,
  type CustomerInput,
  type RestCustomer,
  type RestOrder,
  type RestRefund,
} from "../shopify-payloads";
import { cancelOrder, eventTime, refundOrder, type PlaceOrderInput, type RefundOrderInput } from "./store/orders";
import type { EmulatorStore } from "./store/store";
import type { WebhookDelivery, WebhookSender } from "./webhooks/sender";

/** Order events: store change plus the webhooks Shopify sends. */
export class OrderActions {
  constructor(
    private readonly store: EmulatorStore,
    private readonly webhooks: WebhookSender,
  ) {}

  private async deliver(shop: string, sends: Array<[string, unknown]>): Promise<WebhookDelivery[]> {
    const out: WebhookDelivery[] = [];
    for (const [topic, payload] of sends) out.push(await this.webhooks.send({ shop, topic, payload }));
    return out;
  }

  /** Places an order and sends orders/create (and orders/paid when paid). */
  async place(shop: string, input: PlaceOrderInput): Promise<{ order: RestOrder; deliveries: WebhookDelivery[] }> {
    const order = this.store.placeOrder(shop, input);
    const sends: Array<[string, unknown]> = [["orders/create", order]];
    if (order.financial_status === "paid") sends.push(["orders/paid", order]);
    return { order, deliveries: await this.deliver(shop, sends) };
  }

  /** Refunds lines and sends refunds/create and orders/updated. */
  async refund(
    shop: string,
    orderId: number | string,
    input: RefundOrderInput,
  ): Promise<{ refund: RestRefund; order: RestOrder; deliveries: WebhookDelivery[] }> {
    const { refund, order } = refundOrder(this.store.data(shop), eventTime(this.store.now(), input.at), orderId, input);
    return {
      refund,
      order,
      deliveries: await this.deliver(shop, [
        ["refunds/create", refund],
        ["orders/updated", order],
      ]),
    };
  }

  /** Cancels an order and sends orders/cancelled and orders/updated (plus refunds/create when `refund: true`). */
  async cancel(
    shop: string,
    orderId: number | string,
    options: { reason?: RestOrder["cancel_reason"]; refund?: boolean; at?: string | Date } = {},
  ): Promise<{ order: RestOrder; refund: RestRefund | null; deliveries: WebhookDelivery[] }> {
    const { order, refund } = cancelOrder(this.store.data(shop), eventTime(this.store.now(), options.at), orderId, options);
    const sends: Array<[string, unknown]> = refund ? [["refunds/create", refund]] : [];
    sends.push(["orders/cancelled", order], ["orders/updated", order]);
    return { order, refund, deliveries: await this.deliver(shop, sends) };
  }

  /** Fulfils an order and sends orders/fulfilled and orders/updated. */
  async fulfill(shop: string, orderId: number | string, at?: string | Date): Promise<{ order: RestOrder; deliveries: WebhookDelivery[] }> {
    const order = this.store.fulfill(shop, orderId, at);
    return {
      order,
      deliveries: await this.deliver(shop, [
        ["orders/fulfilled", order],
        ["orders/updated", order],
      ]),
    };
  }
}

/** Customer events: store change plus customers/create|update. */
export class CustomerActions {
  constructor(
    private readonly store: EmulatorStore,
    private readonly webhooks: WebhookSender,
  ) {}

  /** Adds a customer and sends customers/create. */
  async create(shop: string, input: CustomerInput = {}): Promise<{ customer: RestCustomer; delivery: WebhookDelivery }> {
    const customer = this.store.addCustomer(shop, input);
    return { customer, delivery: await this.webhooks.send({ shop, topic: "customers/create", payload: customer }) };
  }

  /** Changes a customer and sends customers/update. */
  async update(
    shop: string,
    id: number | string,
    patch: Parameters<EmulatorStore["updateCustomer"]>[2],
  ): Promise<{ customer: RestCustomer; delivery: WebhookDelivery }> {
    const customer = this.store.updateCustomer(shop, id, patch);
    return { customer, delivery: await this.webhooks.send({ shop, topic: "customers/update", payload: customer }) };
  }
}

/** Shop events: uninstall and compliance requests. */
export class ShopActions {
  constructor(
    private readonly store: EmulatorStore,
    private readonly webhooks: WebhookSender,
  ) {}

  private restShop(shop: string) {
    const record = this.store.shop(shop);
    const owner = record.staff.find((s) => s.account_owner);
    return buildShop({
      id: record.id,
      name: record.name,
      domain: shop,
      email: record.email,
      currency: record.currency,
      ianaTimezone: record.ianaTimezone,
      ownerName: owner ? `${owner.first_name} ${owner.last_name}` : undefined,
      planDisplayName: record.planDisplayName,
      createdAt: record.createdAt,
    });
  }

  /** The merchant uninstalls the app: tokens are revoked and app/uninstalled is sent (the shop's data stays). */
  async uninstall(shop: string): Promise<WebhookDelivery> {
    const payload = this.restShop(shop);
    this.store.tokens.revokeShop(shop);
    return this.webhooks.send({ shop, topic: "app/uninstalled", payload });
  }

  /** A customer asks for their data: sends customers/data_request with their orders. */
  async requestCustomerData(shop: string, customerId: number): Promise<WebhookDelivery> {
    const c = this.store.data(shop).customers.get(customerId);
    const payload = buildCustomersDataRequest({
      shopId: this.store.shop(shop).id,
      shopDomain: shop,
      customer: { id: customerId, email: c?.email ?? null, phone: c?.phone ?? null },
      orderIds: this.store
        .orders(shop)
        .filter((o) => o.customer?.id === customerId)
        .map((o) => o.id),
    });
    return this.webhooks.send({ shop, topic: "customers/data_request", payload });
  }

  /** A customer is erased: sends customers/redact with their orders. */
  async redactCustomer(shop: string, customerId: number): Promise<WebhookDelivery> {
    const c = this.store.data(shop).customers.get(customerId);
    const payload = buildCustomersRedact({
      shopId: this.store.shop(shop).id,
      shopDomain: shop,
      customer: { id: customerId, email: c?.email ?? null, phone: c?.phone ?? null },
      orderIds: this.store
        .orders(shop)
        .filter((o) => o.customer?.id === customerId)
        .map((o) => o.id),
    });
    return this.webhooks.send({ shop, topic: "customers/redact", payload });
  }

  /** 48 hours after uninstall Shopify asks to erase the shop: sends shop/redact. */
  async redactShop(shop: string): Promise<WebhookDelivery> {
    return this.webhooks.send({ shop, topic: "shop/redact", payload: buildShopRedact({ shopId: this.store.shop(shop).id, shopDomain: shop }) });
  }
}
