// POST /api/pos/customers/<customer id>/adjustments: staff add or remove points with a reason, recorded as them.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { jsonResponse } from "~/platform/http.server";
import { readJsonBody } from "~/platform/json-body.server";
import { shopperErrorResponse } from "~/platform/error-response.server";
import { adjustmentFormSchema } from "~/ledger/adjustments";
import { posEndpoint } from "~/surfaces/endpoint.server";
import { posCustomerId } from "~/surfaces/pos-input.server";
import { adjustBalanceAtPos, posActor } from "~/surfaces/surfaces.server";

export async function action({ request, params }: ActionFunctionArgs) {
  return posEndpoint(request, "POST", async ({ shop, staffUserId }, locale) => {
    const form = await readJsonBody(request, adjustmentFormSchema);
    const result = await adjustBalanceAtPos(shop, posCustomerId(params), posActor(staffUserId), form);
    if (!result.ok) return shopperErrorResponse(locale, result);
    const { ok: _ok, ...body } = result;
    return jsonResponse(body, result.duplicate ? 200 : 201, { "Cache-Control": "private, no-store" });
  });
}

export const loader = ({ request, params }: LoaderFunctionArgs) => action({ request, params, context: {} });
