// POST <proxy root>/actions/<id> (storefront: /apps/loyalist/actions/<id>): the signed-in shopper completes a way
// to earn with its JSON input (birthday, network, survey answers, poll option) → 201 { points, balance }.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { authenticateAppProxy } from "~/platform/shopify/app-proxy.server";
import { errorResponse, jsonResponse } from "~/platform/http.server";
import { readJsonBody } from "~/platform/json-body.server";
import { inShopperLanguage, shopperErrorResponse } from "~/platform/error-response.server";
import { failure } from "~/platform/errors";
import { shopperText } from "~/platform/shopper-i18n";
import type { ActionAwardResponse } from "~/members/contract";
import { claimAction } from "~/actions/actions.server";

const NO_STORE = { "Cache-Control": "private, no-store" };

export async function loader({ request }: LoaderFunctionArgs) {
  return inShopperLanguage(request, async (locale) => {
    await authenticateAppProxy(request);
    return shopperErrorResponse(locale, failure("method_not_allowed"), { Allow: "POST" });
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  return inShopperLanguage(request, async (locale) => {
    const { shop, customerId } = await authenticateAppProxy(request);
    if (request.method !== "POST") return shopperErrorResponse(locale, failure("method_not_allowed"), { Allow: "POST" });
    if (!customerId) return shopperErrorResponse(locale, failure("not_signed_in"));
    // The door (size, safe JSON) is shared; the action's own input is checked against its kind by the service.
    const input = await readJsonBody(request, z.unknown());
    const result = await claimAction(shop, customerId, params.id ?? "", input);
    if (!result.ok) {
      // Input that is JSON but not what the action takes is unprocessable, as the storefront contract says.
      if (result.code === "invalid_request") {
        return errorResponse(422, "invalid_request", shopperText(locale, "invalid_action_input"), NO_STORE);
      }
      if (result.code === "limit_reached") return errorResponse(409, "limit_reached", shopperText(locale, "action_limit_reached"), NO_STORE);
      return shopperErrorResponse(locale, result);
    }
    const body: ActionAwardResponse = { points: result.points, balance: result.balance };
    return jsonResponse(body, result.awarded ? 201 : 200, NO_STORE);
  });
}
