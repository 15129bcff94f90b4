// GET /api/pos/customers?email=<email>: finds the shop's customer with that email, so POS staff can attach them
// to a sale that has no customer (the smart-grid tile's prompt).
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { jsonResponse } from "~/platform/http.server";
import { shopperErrorResponse } from "~/platform/error-response.server";
import { failure } from "~/platform/errors";
import type { PosCustomerLookup } from "~/members/contract";
import { posEndpoint } from "~/surfaces/endpoint.server";
import { findCustomerForPos } from "~/surfaces/surfaces.server";

const querySchema = z.object({ email: z.string().trim().email().max(254), locale: z.string().max(35).optional() }).strict();

export async function loader({ request }: LoaderFunctionArgs) {
  return posEndpoint(request, "GET", async ({ shop }, locale) => {
    const query = querySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
    if (!query.success) return shopperErrorResponse(locale, failure("invalid_request"));
    const result = await findCustomerForPos(shop, query.data.email);
    if (!result.ok) return shopperErrorResponse(locale, result);
    const body: PosCustomerLookup = { customer: result.customer };
    return jsonResponse(body, 200, { "Cache-Control": "private, no-store" });
  });
}

/** Preflights (OPTIONS) reach the action; any other method is refused there. */
export const action = ({ request }: ActionFunctionArgs) => loader({ request, params: {}, context: {} });
