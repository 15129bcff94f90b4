// POST <proxy root>/referral/claim (storefront: /apps/loyalist/referral/claim): a referred friend (guest or signed
// in) claims their first-order discount code with the referrer's code and their email.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { authenticateAppProxy } from "~/platform/shopify/app-proxy.server";
import { jsonResponse } from "~/platform/http.server";
import { readJsonBody } from "~/platform/json-body.server";
import { inShopperLanguage, shopperErrorResponse } from "~/platform/error-response.server";
import { failure } from "~/platform/errors";
import type { ReferralClaimResponse } from "~/members/contract";
import { claimReferral } from "~/referrals/referrals.server";

const claimSchema = z
  .object({
    code: z.string().trim().min(1).max(40),
    email: z.string().trim().email().max(254),
  })
  .strict();

/** The shopper's IP as Shopify's proxy forwards it (the first X-Forwarded-For hop). */
function shopperIp(request: Request): string | null {
  return request.headers.get("x-forwarded-for")?.split(",")[0]?.trim() || request.headers.get("x-real-ip") || null;
}

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
    const input = await readJsonBody(request, claimSchema);
    const result = await claimReferral(shop, { ...input, customerId, ip: shopperIp(request) });
    if (!result.ok) return shopperErrorResponse(locale, result);
    const body: ReferralClaimResponse = { discountCode: result.discountCode };
    return jsonResponse(body, 201, { "Cache-Control": "private, no-store" });
  });
}
