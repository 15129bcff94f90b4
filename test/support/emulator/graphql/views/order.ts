/** Order, LineItem and Refund views, derived from the REST order the store keeps (so both views stay consistent). */
import { fromMinor, toMinor, type RestLineItem, type RestOrder, type RestRefund } from "../../../shopify-payloads";
import { gid } from "../../ids";
import { connection, type ConnectionArgs } from "../connection";
import { moneyBag, splitTags, type GqlContext, type View } from "../context";
import { productView, variantView, locationView } from "./catalog";
import { customerView } from "./customer";

const FINANCIAL: Record<RestOrder["financial_status"], string> = {
  pending: "PENDING",
  authorized: "AUTHORIZED",
  partially_paid: "PARTIALLY_PAID",
  paid: "PAID",
  partially_refunded: "PARTIALLY_REFUNDED",
  refunded: "REFUNDED",
  voided: "VOIDED",
};

function lineDiscountMinor(line: RestLineItem, currency: string): number {
  return line.discount_allocations.reduce((a, d) => a + toMinor(d.amount, currency), 0);
}

/** The LineItem view. */
export function lineItemView(order: RestOrder, line: RestLineItem): View {
  const c = order.currency;
  const bag = (minor: number) => moneyBag(fromMinor(minor, c), c);
  const discounted = toMinor(line.price, c) * line.quantity - lineDiscountMinor(line, c);
  return {
    __typename: "LineItem",
    id: line.admin_graphql_api_id,
    name: line.name,
    title: line.title,
    variantTitle: line.variant_title,
    sku: line.sku,
    vendor: line.vendor,
    quantity: line.quantity,
    currentQuantity: line.current_quantity,
    refundableQuantity: line.current_quantity,
    unfulfilledQuantity: line.fulfillment_status === "fulfilled" ? 0 : line.current_quantity,
    nonFulfillableQuantity: 0,
    requiresShipping: line.requires_shipping,
    taxable: line.taxable,
    isGiftCard: line.gift_card,
    restockable: true,
    merchantEditable: true,
    customAttributes: line.properties.map((p) => ({ key: p.name, value: p.value })),
    taxLines: [],
    duties: [],
    originalUnitPriceSet: bag(toMinor(line.price, c)),
    originalTotalSet: bag(toMinor(line.price, c) * line.quantity),
    discountedUnitPriceSet: bag(Math.round(discounted / line.quantity)),
    discountedTotalSet: bag(discounted),
    discountedUnitPriceAfterAllDiscountsSet: bag(Math.round(discounted / line.quantity)),
    totalDiscountSet: bag(lineDiscountMinor(line, c)),
    discountAllocations: line.discount_allocations.map((d) => ({ allocatedAmountSet: moneyBag(d.amount, c) })),
    product: (_: unknown, ctx: GqlContext) => {
      const product = line.product_id === null ? undefined : ctx.data.products.get(line.product_id);
      return product ? productView(product) : null;
    },
    variant: (_: unknown, ctx: GqlContext) => {
      const product = line.product_id === null ? undefined : ctx.data.products.get(line.product_id);
      const variant = product?.variants.find((v) => v.id === line.variant_id);
      return product && variant ? variantView(product, variant) : null;
    },
  };
}

/** The Refund view. */
export function refundView(order: RestOrder, refund: RestRefund): View {
  const c = order.currency;
  const total = refund.transactions.reduce((a, t) => a + toMinor(t.amount, c), 0);
  return {
    __typename: "Refund",
    id: refund.admin_graphql_api_id,
    legacyResourceId: String(refund.id),
    createdAt: refund.created_at,
    updatedAt: refund.created_at,
    processedAt: refund.processed_at,
    note: refund.note,
    duties: [],
    return: null,
    staffMember: null,
    totalRefundedSet: moneyBag(fromMinor(total, c), c),
    totalRefunded: { amount: fromMinor(total, c), currencyCode: c },
    order: () => orderView(order),
    refundLineItems: (args: ConnectionArgs) =>
      connection(
        refund.refund_line_items,
        args,
        (r) => r.id,
        (r) => ({
          __typename: "RefundLineItem",
          id: gid("RefundLineItem", r.id),
          quantity: r.quantity,
          restockType: r.restock_type.toUpperCase(),
          restocked: r.restock_type !== "no_restock",
          priceSet: moneyBag(r.line_item.price, c),
          subtotalSet: moneyBag(r.subtotal_set.shop_money.amount, c),
          totalTaxSet: moneyBag(fromMinor(0, c), c),
          lineItem: lineItemView(order, order.line_items.find((l) => l.id === r.line_item_id) ?? r.line_item),
          location: (_: unknown, ctx: GqlContext) => {
            const l = r.location_id ? ctx.data.locations.get(r.location_id) : undefined;
            return l ? locationView(l) : null;
          },
        }),
      ),
    transactions: (args: ConnectionArgs) =>
      connection(
        refund.transactions,
        args,
        (t) => t.id,
        (t) => ({
          __typename: "OrderTransaction",
          id: t.admin_graphql_api_id,
          kind: t.kind.toUpperCase(),
          status: t.status.toUpperCase(),
          gateway: t.gateway,
          formattedGateway: t.gateway,
          amountSet: moneyBag(t.amount, c),
          createdAt: t.created_at,
          processedAt: t.processed_at,
          test: t.test,
          fees: [],
          manualPaymentGateway: false,
          manuallyCapturable: false,
          multiCapturable: false,
          errorCode: null,
        }),
      ),
    orderAdjustments: (args: ConnectionArgs) =>
      connection(
        refund.order_adjustments,
        args,
        (a) => a.id,
        (a) => ({
          __typename: "OrderAdjustment",
          id: gid("OrderAdjustment", a.id),
          reason: a.kind === "shipping_refund" ? "SHIPPING_REFUND" : "REFUND_DISCREPANCY",
          amountSet: moneyBag(a.amount, c),
          taxAmountSet: moneyBag(a.tax_amount, c),
        }),
      ),
    refundShippingLines: (args: ConnectionArgs) =>
      connection(
        [],
        args,
        () => 0,
        () => null,
      ),
  };
}

/** The Order view. */
export function orderView(order: RestOrder): View {
  const c = order.currency;
  const bag = (amount: string) => moneyBag(amount, c);
  const location = (_: unknown, ctx: GqlContext) => {
    const l = order.location_id === null ? undefined : ctx.data.locations.get(order.location_id);
    return l ? locationView(l) : null;
  };
  const refunded = order.refunds.flatMap((r) => r.transactions).reduce((a, t) => a + toMinor(t.amount, c), 0);
  return {
    __typename: "Order",
    id: order.admin_graphql_api_id,
    name: order.name,
    email: order.email || null,
    phone: order.phone,
    note: order.note,
    createdAt: order.created_at,
    updatedAt: order.updated_at,
    processedAt: order.processed_at,
    cancelledAt: order.cancelled_at,
    closedAt: order.closed_at,
    closed: order.closed_at !== null,
    cancelReason: order.cancel_reason?.toUpperCase() ?? null,
    confirmed: order.confirmed,
    test: order.test,
    confirmationNumber: order.confirmation_number,
    currencyCode: c,
    presentmentCurrencyCode: order.presentment_currency,
    customerLocale: order.customer_locale,
    displayFinancialStatus: FINANCIAL[order.financial_status],
    displayFulfillmentStatus:
      order.fulfillment_status === "fulfilled" ? "FULFILLED" : order.fulfillment_status === "partial" ? "PARTIALLY_FULFILLED" : "UNFULFILLED",
    fullyPaid: order.financial_status === "paid",
    unpaid: order.financial_status === "pending",
    refundable: order.financial_status !== "refunded",
    discountCodes: order.discount_codes.map((d) => d.code),
    discountCode: order.discount_codes[0]?.code ?? null,
    sourceName: order.source_name,
    sourceIdentifier: order.source_identifier,
    tags: splitTags(order.tags),
    taxesIncluded: order.taxes_included,
    edited: false,
    capturable: false,
    paymentGatewayNames: order.payment_gateway_names,
    requiresShipping: order.line_items.some((l) => l.requires_shipping),
    statusPageUrl: order.order_status_url,
    customAttributes: order.note_attributes.map((a) => ({ key: a.name, value: a.value })),
    totalWeight: String(order.total_weight),
    subtotalLineItemsQuantity: order.line_items.reduce((a, l) => a + l.quantity, 0),
    currentSubtotalLineItemsQuantity: order.line_items.reduce((a, l) => a + l.current_quantity, 0),
    subtotalPriceSet: bag(order.subtotal_price),
    currentSubtotalPriceSet: bag(order.current_subtotal_price),
    totalPriceSet: bag(order.total_price),
    currentTotalPriceSet: bag(order.current_total_price),
    originalTotalPriceSet: bag(order.total_price),
    totalDiscountsSet: bag(order.total_discounts),
    currentTotalDiscountsSet: bag(order.current_total_discounts),
    totalTaxSet: bag(order.total_tax),
    currentTotalTaxSet: bag(order.current_total_tax),
    totalShippingPriceSet: bag(order.total_shipping_price_set.shop_money.amount),
    totalRefundedSet: bag(fromMinor(refunded, c)),
    totalOutstandingSet: bag(order.total_outstanding),
    totalReceivedSet: bag(order.total_price),
    netPaymentSet: bag(fromMinor(toMinor(order.total_price, c) - refunded, c)),
    cartDiscountAmountSet: null,
    customer: (_: unknown, ctx: GqlContext) => {
      const customer = order.customer && (ctx.data.customers.get(order.customer.id) ?? order.customer);
      return customer ? customerView(customer) : null;
    },
    physicalLocation: location,
    retailLocation: location,
    lineItems: (args: ConnectionArgs) =>
      connection(
        order.line_items,
        args,
        (l) => l.id,
        (l) => lineItemView(order, l),
      ),
    refunds: (args: { first?: number | null }) => order.refunds.slice(0, args.first ?? undefined).map((r) => refundView(order, r)),
    fulfillments: (args: { first?: number | null }) =>
      order.fulfillments.slice(0, args.first ?? undefined).map((f) => ({
        __typename: "Fulfillment",
        id: f.admin_graphql_api_id,
        name: f.name,
        status: f.status.toUpperCase(),
        createdAt: f.created_at,
        updatedAt: f.updated_at,
        displayStatus: "FULFILLED",
        trackingInfo: [],
        requiresShipping: true,
      })),
  };
}
