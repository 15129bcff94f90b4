// The answer of both order-points endpoints (customer-account order status and thank-you page).
import { jsonResponse } from "~/platform/http.server";
import { shopperErrorResponse } from "~/platform/error-response.server";
import { failure } from "~/platform/errors";
import type { ShopperLocale } from "~/platform/shopper-i18n";
import { orderPoints } from "~/surfaces/surfaces.server";
import { numericIdOf } from "~/surfaces/extension-auth.server";

/** The order id an extension sends: the numeric id or a gid (Order on order status, OrderIdentity on thank-you). */
export function orderIdOf(param: string): string | null {
  return numericIdOf(decodeURIComponent(param), "Order") ?? numericIdOf(decodeURIComponent(param), "OrderIdentity");
}

export async function orderPointsAnswer(caller: { shop: string; customerId: string | null }, param: string, locale: ShopperLocale): Promise<Response> {
  if (!caller.customerId) return shopperErrorResponse(locale, failure("not_signed_in"));
  const orderId = orderIdOf(param);
  if (!orderId) return shopperErrorResponse(locale, failure("not_found"));
  return jsonResponse(await orderPoints(caller.shop, caller.customerId, orderId, locale), 200, { "Cache-Control": "private, no-store" });
}
