// POST /flow/actions/add-points: the "Add loyalty points" Flow action (extensions/flow-add-points runtime_url).
// Verified with X-Shopify-Hmac-SHA256 (401 otherwise); one ledger entry per action_run_id, so Flow's retries add once.
import type { ActionFunctionArgs } from "@remix-run/node";
import { errorResponse, jsonResponse } from "~/platform/http.server";
import { statusFor } from "~/platform/errors";
import { readSignedJsonBody } from "~/platform/shopify/signed-request.server";
import { addPointsActionSchema } from "~/notifications/flow-requests";
import { addPointsFromFlow } from "~/notifications/flow-actions.server";

export const loader = () => errorResponse(405, "method_not_allowed", "Use POST", { Allow: "POST" });

export async function action({ request }: ActionFunctionArgs) {
  const run = await readSignedJsonBody(request, addPointsActionSchema);
  const result = await addPointsFromFlow(run);
  if (!result.ok)
    return errorResponse(
      statusFor(result.code),
      result.code,
      result.code === "unknown_shop" ? "Loyalist is not installed on this shop" : "This customer was erased",
    );
  return jsonResponse({ balance: result.balance, duplicate: result.duplicate });
}
