// GET <proxy root>/redemptions (storefront: /apps/loyalist/redemptions): the shopper's codes, credits and donations.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { authenticateAppProxy } from "~/platform/shopify/app-proxy.server";
import { jsonResponse } from "~/platform/http.server";
import { inShopperLanguage, shopperErrorResponse } from "~/platform/error-response.server";
import { failure } from "~/platform/errors";
import { shopperRedemptions } from "~/rewards/redemptions.server";

const NO_STORE = { "Cache-Control": "private, no-store" };

export async function loader({ request }: LoaderFunctionArgs) {
  return inShopperLanguage(request, async (locale) => {
    const { shop, customerId } = await authenticateAppProxy(request);
    if (!customerId) return shopperErrorResponse(locale, failure("not_signed_in"));
    return jsonResponse(await shopperRedemptions(shop, customerId, locale), 200, NO_STORE);
  });
}
