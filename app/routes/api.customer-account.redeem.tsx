// POST /api/customer-account/redeem: the customer spends points on a reward (as POST <proxy root>/redeem).
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { readJsonBody } from "~/platform/json-body.server";
import { shopperErrorResponse } from "~/platform/error-response.server";
import { failure } from "~/platform/errors";
import { redeemReward } from "~/rewards/redemptions.server";
import { customerAccountEndpoint } from "~/surfaces/endpoint.server";
import { redeemRequestSchema, redeemAnswer } from "~/rewards/redeem-answer.server";

export async function action({ request }: ActionFunctionArgs) {
  return customerAccountEndpoint(request, "POST", async ({ shop, customerId }, locale) => {
    if (!customerId) return shopperErrorResponse(locale, failure("not_signed_in"));
    const input = await readJsonBody(request, redeemRequestSchema);
    const result = await redeemReward(shop, customerId, input, locale);
    if (!result.ok) return shopperErrorResponse(locale, result);
    return redeemAnswer(result);
  });
}

export const loader = ({ request }: LoaderFunctionArgs) => action({ request, params: {}, context: {} });
