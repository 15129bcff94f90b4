// POST <proxy root>/redeem (storefront: /apps/loyalist/redeem): spend points on a reward; answers with the code.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { authenticateAppProxy } from "~/platform/shopify/app-proxy.server";
import { readJsonBody } from "~/platform/json-body.server";
import { inShopperLanguage, shopperErrorResponse } from "~/platform/error-response.server";
import { failure } from "~/platform/errors";
import { redeemAnswer, redeemRequestSchema } from "~/rewards/redeem-answer.server";
import { redeemReward } from "~/rewards/redemptions.server";

// The widget's body has always been read leniently (unknown fields ignored); the other surfaces read it strictly.
const redeemSchema = redeemRequestSchema.strip();

export async function loader({ request }: LoaderFunctionArgs) {
  return inShopperLanguage(request, async (locale) => {
    await authenticateAppProxy(request);
    return shopperErrorResponse(locale, failure("method_not_allowed"), { Allow: "POST" });
  });
}

export async function action({ request }: ActionFunctionArgs) {
  return inShopperLanguage(request, async (locale) => {
    const { shop, customerId } = await authenticateAppProxy(request);
    if (request.method !== "POST") return shopperErrorResponse(locale, failure("method_not_allowed"), { Allow: "POST" });
    if (!customerId) return shopperErrorResponse(locale, failure("not_signed_in"));
    const input = await readJsonBody(request, redeemSchema);
    const result = await redeemReward(shop, customerId, input, locale);
    if (!result.ok) return shopperErrorResponse(locale, result);
    return redeemAnswer(result);
  });
}
