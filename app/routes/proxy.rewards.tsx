// GET <proxy root>/rewards (storefront: /apps/loyalist/rewards): the rewards the shopper can spend points on.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { authenticateAppProxy } from "~/shopify/app-proxy.server";
import { jsonResponse } from "~/lib/http.server";
import { storefrontRewards } from "~/models/rewards.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const { shop, customerId } = await authenticateAppProxy(request);
  return jsonResponse(await storefrontRewards(shop, customerId), 200, { "Cache-Control": "private, no-store" });
}
