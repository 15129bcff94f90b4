// GET <proxy root>/redemptions (storefront: /apps/loyalist/redemptions): the shopper's codes, credits and donations.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { authenticateAppProxy } from "~/shopify/app-proxy.server";
import { errorResponse, jsonResponse } from "~/lib/http.server";
import { shopperRedemptions } from "~/models/redemptions.server";

const NO_STORE = { "Cache-Control": "private, no-store" };

export async function loader({ request }: LoaderFunctionArgs) {
  const { shop, customerId } = await authenticateAppProxy(request);
  if (!customerId) return errorResponse(401, "not_signed_in", "Sign in to see your rewards", NO_STORE);
  return jsonResponse(await shopperRedemptions(shop, customerId), 200, NO_STORE);
}
