// GET /api/customer-account/member: the signed-in customer's points, tier, expiring points and history, for the
// customer-account extension. The same member view the app proxy answers (GET <proxy root>/member).
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { jsonResponse } from "~/platform/http.server";
import { shopperErrorResponse } from "~/platform/error-response.server";
import { failure } from "~/platform/errors";
import { storefrontMemberView } from "~/members/members.server";
import { customerAccountEndpoint } from "~/surfaces/endpoint.server";

export async function loader({ request }: LoaderFunctionArgs) {
  return customerAccountEndpoint(request, "GET", async ({ shop, customerId }, locale) => {
    const view = await storefrontMemberView(shop, customerId, locale);
    if (!view) return shopperErrorResponse(locale, failure("unknown_shop"));
    return jsonResponse(view, 200, { "Cache-Control": "private, no-store" });
  });
}

/** Preflights (OPTIONS) reach the action; any other method is refused there. */
export const action = ({ request }: ActionFunctionArgs) => loader({ request, params: {}, context: {} });
