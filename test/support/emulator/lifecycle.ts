/** Store changes that also deliver the webhooks Shopify would send for them. */
import type { CustomerInput, RestCustomer, RestOrder, RestRefund } from "../shopify-payloads";
import { cancelOrder, refundOrder, type PlaceOrderInput, type RefundOrderInput } from "./store/orders";
import type { EmulatorStore } from "./store/store";
import type { WebhookDelivery, WebhookSender } from "./webhooks/sender";

export class OrderActions {
  constructor(private readonly store: EmulatorStore, private readonly webhooks: WebhookSender) {}

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
  async refund(shop: string, orderId: number | string, input: RefundOrderInput): Promise<{ refund: RestRefund; order: RestOrder; deliveries: WebhookDelivery[] }> {
    const { refund, order } = refundOrder(this.store.data(shop), this.store.now(), orderId, input);
    return { refund, order, deliveries: await this.deliver(shop, [["refunds/create", refund], ["orders/updated", order]]) };
  }

  /** Cancels an order and sends orders/cancelled and orders/updated (plus refunds/create when `refund: true`). */
  async cancel(shop: string, orderId: number | string, options: { reason?: RestOrder["cancel_reason"]; refund?: boolean } = {}): Promise<{ order: RestOrder; refund: RestRefund | null; deliveries: WebhookDelivery[] }> {
    const { order, refund } = cancelOrder(this.store.data(shop), this.store.now(), orderId, options);
    const sends: Array<[string, unknown]> = refund ? [["refunds/create", refund]] : [];
    sends.push(["orders/cancelled", order], ["orders/updated", order]);
    return { order, refund, deliveries: await this.deliver(shop, sends) };
  }

  /** Fulfils an order and sends orders/fulfilled and orders/updated. */
  async fulfill(shop: string, orderId: number | string): Promise<{ order: RestOrder; deliveries: WebhookDelivery[] }> {
    const order = this.store.fulfill(shop, orderId);
    return { order, deliveries: await this.deliver(shop, [["orders/fulfilled", order], ["orders/updated", order]]) };
  }
}

export class CustomerActions {
  constructor(private readonly store: EmulatorStore, private readonly webhooks: WebhookSender) {}

  /** Adds a customer and sends customers/create. */
  async create(shop: string, input: CustomerInput = {}): Promise<{ customer: RestCustomer; delivery: WebhookDelivery }> {
    const customer = this.store.addCustomer(shop, input);
    return { customer, delivery: await this.webhooks.send({ shop, topic: "customers/create", payload: customer }) };
  }

  /** Changes a customer and sends customers/update. */
  async update(shop: string, id: number | string, patch: Parameters<EmulatorStore["updateCustomer"]>[2]): Promise<{ customer: RestCustomer; delivery: WebhookDelivery }> {
    const customer = this.store.updateCustomer(shop, id, patch);
    return { customer, delivery: await this.webhooks.send({ shop, topic: "customers/update", payload: customer }) };
  }
}
