/** Generated orders as the plain inputs a store takes (shaped like the emulator's placeOrder and refund inputs). */
import type { AppliedDiscount, GeneratedFinancialStatus, GeneratedLine, GeneratedOrder, OrderEvent } from "./types";

export interface PlaceOrderData {
  customer: { id: number } | null;
  email: string;
  lines: GeneratedLine[];
  discountCodes: AppliedDiscount[];
  locationId: number | null;
  sourceName: string;
  financialStatus: GeneratedFinancialStatus;
  test: boolean;
  createdAt: string;
}

export interface RefundData {
  lines: Array<{ lineItemId: number; quantity: number }>;
}

/** The placeOrder input of a generated order (its customer must already be in the store). */
export function toPlaceOrderInput(order: GeneratedOrder): PlaceOrderData {
  return {
    customer: order.customerId === null ? null : { id: order.customerId },
    email: order.email,
    lines: order.lines.map((l) => ({ ...l })),
    discountCodes: order.discountCodes.map((d) => ({ ...d })),
    locationId: order.locationId,
    sourceName: order.sourceName,
    financialStatus: order.financialStatus,
    test: order.test,
    createdAt: order.createdAt,
  };
}

/** The refund input of a refund event, given the placed order's line item ids in the order of its lines. */
export function toRefundInput(event: Extract<OrderEvent, { type: "refund" }>, lineItemIds: readonly number[]): RefundData {
  return {
    lines: event.lines.map(({ lineIndex, quantity }) => {
      const lineItemId = lineItemIds[lineIndex];
      if (lineItemId === undefined) throw new Error(`Refund names line ${lineIndex}, but the order has ${lineItemIds.length} line items`);
      return { lineItemId, quantity };
    }),
  };
}
