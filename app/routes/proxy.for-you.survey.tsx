// POST <proxy root>/for-you/survey (storefront: /apps/loyalist/for-you/survey) with
// `{ "answers": { "reason", "comment"? } }`: a lapsed member's "why did you stop?" answers → 201 { recorded }.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { authenticateAppProxy } from "~/platform/shopify/app-proxy.server";
import { jsonResponse } from "~/platform/http.server";
import { readJsonBody } from "~/platform/json-body.server";
import { inShopperLanguage, shopperErrorResponse } from "~/platform/error-response.server";
import { failure } from "~/platform/errors";
import { winbackAnswersSchema } from "~/insight/for-you";
import { answerWinbackSurvey } from "~/insight/for-you.server";

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
    const input = await readJsonBody(request, winbackAnswersSchema);
    const result = await answerWinbackSurvey(shop, customerId, input.answers);
    if (!result.ok) return shopperErrorResponse(locale, result);
    return jsonResponse({ recorded: result.recorded }, 201, { "Cache-Control": "private, no-store" });
  });
}
