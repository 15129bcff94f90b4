// POST /api/pos/customers/<customer id>/redeem: staff redeem a reward for the customer; the code goes on the cart.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { readJsonBody } from "~/platform/json-body.server";
import { shopperErrorResponse } from "~/platform/error-response.server";
import { redeemReward } from "~/rewards/redemptions.server";
import { redeemAnswer, redeemRequestSchema } from "~/rewards/redeem-answer.server";
import { posEndpoint } from "~/surfaces/endpoint.server";
import { posCustomerId } from "~/surfaces/pos-input.server";

export async function action({ request, params }: ActionFunctionArgs) {
  return posEndpoint(request, "POST", async ({ shop }, locale) => {
    const customerId = posCustomerId(params);
    const input = await readJsonBody(request, redeemRequestSchema);
    const result = await redeemReward(shop, customerId, input, locale);
    if (!result.ok) return shopperErrorResponse(locale, result);
    return redeemAnswer(result);
  });
}

export const loader = ({ request, params }: LoaderFunctionArgs) => action({ request, params, context: {} });
