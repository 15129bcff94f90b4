// GET <proxy root>/referral (storefront: /apps/loyalist/referral): the signed-in member's referral code and link.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { authenticateAppProxy } from "~/platform/shopify/app-proxy.server";
import { jsonResponse } from "~/platform/http.server";
import { inShopperLanguage, shopperErrorResponse } from "~/platform/error-response.server";
import { failure } from "~/platform/errors";
import type { ReferralResponse } from "~/members/contract";
import { memberReferral } from "~/referrals/referrals.server";

export async function loader({ request }: LoaderFunctionArgs) {
  return inShopperLanguage(request, async (locale) => {
    const { shop, customerId } = await authenticateAppProxy(request);
    if (!customerId) return shopperErrorResponse(locale, failure("not_signed_in"));
    const result = await memberReferral(shop, customerId);
    if ("ok" in result) return shopperErrorResponse(locale, result);
    const body: ReferralResponse = result;
    return jsonResponse(body, 200, { "Cache-Control": "private, no-store" });
  });
}
