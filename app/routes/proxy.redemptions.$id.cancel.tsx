// POST <proxy root>/redemptions/<id>/cancel: the shopper cancels an unused code; the points come back once.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { authenticateAppProxy } from "~/platform/shopify/app-proxy.server";
import { jsonResponse } from "~/platform/http.server";
import { inShopperLanguage, shopperErrorResponse } from "~/platform/error-response.server";
import { failure } from "~/platform/errors";
import type { CancelResponse } from "~/members/contract";
import { cancelRedemption } from "~/rewards/redemptions.server";

const NO_STORE = { "Cache-Control": "private, no-store" };

export async function loader({ request }: LoaderFunctionArgs) {
  return inShopperLanguage(request, async (locale) => {
    await authenticateAppProxy(request);
    return shopperErrorResponse(locale, failure("method_not_allowed"), { Allow: "POST" });
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  return inShopperLanguage(request, async (locale) => {
    const { shop, customerId } = await authenticateAppProxy(request);
    if (request.method !== "POST") return shopperErrorResponse(locale, failure("method_not_allowed"), { Allow: "POST" });
    if (!customerId) return shopperErrorResponse(locale, failure("not_signed_in"));
    const id = params.id ?? "";
    if (!/^[\w-]{1,100}$/.test(id)) return shopperErrorResponse(locale, failure("not_found"));
    const result = await cancelRedemption(shop, customerId, id, locale);
    if (!result.ok) return shopperErrorResponse(locale, result);
    const body: CancelResponse = { redemption: result.redemption, pointsReturned: result.pointsReturned, balance: result.balance };
    return jsonResponse(body, 200, NO_STORE);
  });
}
