// POST /api/actions/review: a review app or a Flow "Send HTTP request" reports that a customer wrote a review.
// Authenticated per shop: `X-Loyalist-Shop-Domain: <shop>.myshopify.com` and `Authorization: Bearer <token>`,
// the shop's review token from Admin → Ways to earn. JSON `{ customerId, reviewId, actionId? }`.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { errorResponse, jsonResponse } from "~/platform/http.server";
import { readJsonBody } from "~/platform/json-body.server";
import { adminErrorMessage } from "~/platform/error-response.server";
import { failure, statusFor } from "~/platform/errors";
import { isReviewToken } from "~/actions/review-token.server";
import { recordReview } from "~/actions/actions.server";
import { shopStatus } from "~/shops/shops.server";

const reviewSchema = z
  .object({
    customerId: z.union([z.string().regex(/^[1-9]\d{0,18}$/), z.number().int().positive().max(Number.MAX_SAFE_INTEGER)]).transform(String),
    reviewId: z.string().min(1).max(200),
    actionId: z.string().min(1).max(100).optional(),
  })
  .strict();

const unauthorized = () => errorResponse(401, "invalid_signature", adminErrorMessage(failure("invalid_signature")));

export async function loader(_args: LoaderFunctionArgs) {
  return errorResponse(405, "method_not_allowed", adminErrorMessage(failure("method_not_allowed")), { Allow: "POST" });
}

export async function action({ request }: ActionFunctionArgs) {
  try {
    if (request.method !== "POST") return await loader({ request, params: {}, context: {} });
    const shop = request.headers.get("x-loyalist-shop-domain") ?? "";
    const token = /^Bearer (.+)$/.exec(request.headers.get("authorization") ?? "")?.[1] ?? "";
    if (!/^[a-z0-9][a-z0-9-]*\.myshopify\.com$/.test(shop) || !isReviewToken(shop, token)) return unauthorized();
    if ((await shopStatus(shop)) !== "installed") return unauthorized();
    const input = await readJsonBody(request, reviewSchema);
    const result = await recordReview(shop, input);
    if (!result.ok) return errorResponse(statusFor(result.code), result.code, adminErrorMessage(result));
    return jsonResponse({ points: result.points, balance: result.balance }, 201);
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}
