// GET <proxy root>/member (storefront: /apps/loyalist/member): the signed-in shopper's points.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { authenticateAppProxy } from "~/shopify/app-proxy.server";
import { errorResponse, jsonResponse } from "~/lib/http.server";
import { storefrontMemberView } from "~/models/members.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const { shop, customerId } = await authenticateAppProxy(request);
  const view = await storefrontMemberView(shop, customerId);
  if (!view) return errorResponse(401, "unknown_shop", "Loyalist is not installed on this shop");
  return jsonResponse(view, 200, { "Cache-Control": "private, no-store" });
}
