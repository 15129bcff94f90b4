// GET /api/customer-account/rewards: the rewards the customer can spend points on (as GET <proxy root>/rewards).
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { jsonResponse } from "~/platform/http.server";
import { storefrontRewards } from "~/rewards/rewards.server";
import { customerAccountEndpoint } from "~/surfaces/endpoint.server";

export async function loader({ request }: LoaderFunctionArgs) {
  return customerAccountEndpoint(request, "GET", async ({ shop, customerId }, locale) =>
    jsonResponse(await storefrontRewards(shop, customerId, locale), 200, { "Cache-Control": "private, no-store" }),
  );
}

/** Preflights (OPTIONS) reach the action; any other method is refused there. */
export const action = ({ request }: ActionFunctionArgs) => loader({ request, params: {}, context: {} });
