// /api/pos/customers, for the smart-grid tile's prompt when a sale has no customer: GET ?email=<email> finds the
// shop's customer with that email so staff can attach them; POST creates one (an email or only a phone number) so
// the sale is still captured.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { jsonResponse } from "~/platform/http.server";
import { readJsonBody } from "~/platform/json-body.server";
import { shopperErrorResponse } from "~/platform/error-response.server";
import { failure } from "~/platform/errors";
import { posCustomerCreateSchema, type PosCustomerLookup } from "~/members/contract";
import { posEndpoint } from "~/surfaces/endpoint.server";
import { createCustomerForPos, findCustomerForPos, posActor } from "~/surfaces/surfaces.server";

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

/** POST creates the customer (201, the lookup's shape, so the extension attaches it the same way); preflights pass. */
export async function action({ request }: ActionFunctionArgs) {
  return posEndpoint(request, "POST", async ({ shop, staffUserId }, locale) => {
    const form = await readJsonBody(request, posCustomerCreateSchema);
    const result = await createCustomerForPos(shop, posActor(staffUserId), form);
    if (!result.ok) return shopperErrorResponse(locale, result);
    const body: PosCustomerLookup = { customer: result.customer };
    return jsonResponse(body, 201, { "Cache-Control": "private, no-store" });
  });
}
