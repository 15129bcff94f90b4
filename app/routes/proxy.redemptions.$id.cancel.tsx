// POST <proxy root>/redemptions/<id>/cancel: the shopper cancels an unused code; the points come back once.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { authenticateAppProxy } from "~/shopify/app-proxy.server";
import { errorResponse, jsonResponse } from "~/lib/http.server";
import { cancelRedemption } from "~/models/redemptions.server";

const NO_STORE = { "Cache-Control": "private, no-store" };

export async function loader({ request }: LoaderFunctionArgs) {
  await authenticateAppProxy(request);
  return errorResponse(405, "method_not_allowed", "POST to cancel", { Allow: "POST" });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { shop, customerId } = await authenticateAppProxy(request);
  if (request.method !== "POST") return errorResponse(405, "method_not_allowed", "Use POST", { Allow: "POST", ...NO_STORE });
  if (!customerId) return errorResponse(401, "not_signed_in", "Sign in to manage your rewards", NO_STORE);
  const id = params.id ?? "";
  if (!/^[\w-]{1,100}$/.test(id)) return errorResponse(400, "invalid_request", "Unknown redemption id", NO_STORE);
  const result = await cancelRedemption(shop, customerId, id);
  if (!result.ok) return errorResponse(result.status, result.code, result.message, NO_STORE);
  return jsonResponse({ redemption: result.redemption, pointsReturned: result.pointsReturned, balance: result.balance }, 200, NO_STORE);
}
