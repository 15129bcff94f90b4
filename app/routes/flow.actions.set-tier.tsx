// POST /flow/actions/set-tier: the "Set loyalty tier" Flow action (extensions/flow-set-tier runtime_url).
// Verified with X-Shopify-Hmac-SHA256 (401 otherwise); one change per action_run_id, so Flow's retries set once.
import type { ActionFunctionArgs } from "@remix-run/node";
import { errorResponse, jsonResponse } from "~/platform/http.server";
import { adminErrorMessage } from "~/platform/error-response.server";
import { statusFor } from "~/platform/errors";
import { readSignedJsonBody } from "~/platform/shopify/signed-request.server";
import { setTierActionSchema } from "~/notifications/flow-requests";
import { setTierFromFlow } from "~/notifications/flow-actions.server";

export const loader = () => errorResponse(405, "method_not_allowed", "Use POST", { Allow: "POST" });

export async function action({ request }: ActionFunctionArgs) {
  const run = await readSignedJsonBody(request, setTierActionSchema);
  const result = await setTierFromFlow(run);
  if (!result.ok) return errorResponse(statusFor(result.code), result.code, adminErrorMessage(result));
  return jsonResponse({ tier: result.tier, duplicate: result.duplicate });
}
