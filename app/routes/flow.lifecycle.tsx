// POST /flow/lifecycle: Shopify Flow's trigger lifecycle callback (extensions/flow-*, lifecycle callback url):
// whether a shop has an enabled workflow using one of our triggers. Signed like a webhook; answered 200 quickly,
// or Flow does not let the merchant turn the workflow on.
import type { ActionFunctionArgs } from "@remix-run/node";
import { errorResponse, jsonResponse } from "~/platform/http.server";
import { readSignedJsonBody } from "~/platform/shopify/signed-request.server";
import { lifecycleCallbackSchema } from "~/notifications/flow-requests";
import { recordTriggerUsage } from "~/notifications/flow-usage.server";

export const loader = () => errorResponse(405, "method_not_allowed", "Use POST", { Allow: "POST" });

export async function action({ request }: ActionFunctionArgs) {
  const report = await readSignedJsonBody(request, lifecycleCallbackSchema);
  const result = await recordTriggerUsage({
    shopDomain: report.shopify_domain,
    triggerId: report.flow_trigger_definition_id,
    enabled: report.has_enabled_flow,
    reportedAt: new Date(report.timestamp),
  });
  if (result === "unknown_trigger") return errorResponse(422, "invalid_request", "flow_trigger_definition_id is not a Loyalist trigger");
  return jsonResponse({ recorded: result === "recorded" });
}
