// POST /api/pos/customers/<customer id>/redemptions/<id>/cancel: staff take back an unused code; the points return once.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { jsonResponse } from "~/platform/http.server";
import { shopperErrorResponse } from "~/platform/error-response.server";
import { failure } from "~/platform/errors";
import type { CancelResponse } from "~/members/contract";
import { cancelRedemption } from "~/rewards/redemptions.server";
import { posEndpoint } from "~/surfaces/endpoint.server";
import { posCustomerId } from "~/surfaces/pos-input.server";

export async function action({ request, params }: ActionFunctionArgs) {
  return posEndpoint(request, "POST", async ({ shop }, locale) => {
    const id = params.id ?? "";
    if (!/^[\w-]{1,100}$/.test(id)) return shopperErrorResponse(locale, failure("not_found"));
    const result = await cancelRedemption(shop, posCustomerId(params), id, locale);
    if (!result.ok) return shopperErrorResponse(locale, result);
    const body: CancelResponse = { redemption: result.redemption, pointsReturned: result.pointsReturned, balance: result.balance };
    return jsonResponse(body, 200, { "Cache-Control": "private, no-store" });
  });
}

export const loader = ({ request, params }: LoaderFunctionArgs) => action({ request, params, context: {} });
