// GET /api/customer-account/redemptions: the customer's codes, credits and donations (as GET <proxy root>/redemptions).
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { jsonResponse } from "~/platform/http.server";
import { shopperErrorResponse } from "~/platform/error-response.server";
import { failure } from "~/platform/errors";
import { shopperRedemptions } from "~/rewards/redemptions.server";
import { customerAccountEndpoint } from "~/surfaces/endpoint.server";

export async function loader({ request }: LoaderFunctionArgs) {
  return customerAccountEndpoint(request, "GET", async ({ shop, customerId }, locale) => {
    if (!customerId) return shopperErrorResponse(locale, failure("not_signed_in"));
    return jsonResponse(await shopperRedemptions(shop, customerId, locale), 200, { "Cache-Control": "private, no-store" });
  });
}

/** Preflights (OPTIONS) reach the action; any other method is refused there. */
export const action = ({ request }: ActionFunctionArgs) => loader({ request, params: {}, context: {} });
