// GET <proxy root>/member (storefront: /apps/loyalist/member): the signed-in shopper's points, history in their `locale`.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { authenticateAppProxy } from "~/platform/shopify/app-proxy.server";
import { jsonResponse } from "~/platform/http.server";
import { inShopperLanguage, shopperErrorResponse } from "~/platform/error-response.server";
import { failure } from "~/platform/errors";
import { storefrontMemberView } from "~/members/members.server";

export async function loader({ request }: LoaderFunctionArgs) {
  return inShopperLanguage(request, async (locale) => {
    const { shop, customerId } = await authenticateAppProxy(request);
    const view = await storefrontMemberView(shop, customerId, locale);
    if (!view) return shopperErrorResponse(locale, failure("unknown_shop"));
    return jsonResponse(view, 200, { "Cache-Control": "private, no-store" });
  });
}
