// GET /api/pos/customers/<customer id>: a customer's points, tier, rewards and active codes for POS staff.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { jsonResponse } from "~/platform/http.server";
import { shopperErrorResponse } from "~/platform/error-response.server";
import { failure } from "~/platform/errors";
import { posEndpoint } from "~/surfaces/endpoint.server";
import { posCustomerId } from "~/surfaces/pos-input.server";
import { posCustomerView } from "~/surfaces/surfaces.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  return posEndpoint(request, "GET", async ({ shop }, locale) => {
    const view = await posCustomerView(shop, posCustomerId(params), locale);
    if (!view) return shopperErrorResponse(locale, failure("unknown_shop"));
    return jsonResponse(view, 200, { "Cache-Control": "private, no-store" });
  });
}

/** Preflights (OPTIONS) reach the action; any other method is refused there. */
export const action = ({ request, params }: ActionFunctionArgs) => loader({ request, params, context: {} });
