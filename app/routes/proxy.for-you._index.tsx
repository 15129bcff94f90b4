// GET <proxy root>/for-you (storefront: /apps/loyalist/for-you): the signed-in member's personalised offers and,
// after a win-back offer, the "why did you stop?" survey. Guests get nothing to show.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { authenticateAppProxy } from "~/platform/shopify/app-proxy.server";
import { jsonResponse } from "~/platform/http.server";
import { inShopperLanguage } from "~/platform/error-response.server";
import type { ForYouResponse } from "~/insight/for-you";
import { memberForYou } from "~/insight/for-you.server";

const NO_STORE = { "Cache-Control": "private, no-store" };

export async function loader({ request }: LoaderFunctionArgs) {
  return inShopperLanguage(request, async () => {
    const { shop, customerId } = await authenticateAppProxy(request);
    const empty: ForYouResponse = { offers: [], winback: null };
    return jsonResponse(customerId ? await memberForYou(shop, customerId) : empty, 200, NO_STORE);
  });
}
