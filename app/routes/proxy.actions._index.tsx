// GET <proxy root>/actions (storefront: /apps/loyalist/actions): the active ways to earn with the signed-in
// shopper's state in each (done, available, challenge progress) and their birthday; guests see them all available.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { authenticateAppProxy } from "~/platform/shopify/app-proxy.server";
import { jsonResponse } from "~/platform/http.server";
import { inShopperLanguage } from "~/platform/error-response.server";
import { memberActionsView } from "~/actions/actions.server";

export async function loader({ request }: LoaderFunctionArgs) {
  return inShopperLanguage(request, async () => {
    const { shop, customerId } = await authenticateAppProxy(request);
    return jsonResponse(await memberActionsView(shop, customerId), 200, { "Cache-Control": "private, no-store" });
  });
}
