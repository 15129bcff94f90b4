// GET /app/insights/<name>.json: one Insight analysis as JSON, for the embedded admin's fetches (Bearer session
// token). No token, a bad one, or one for a shop without Loyalist: 401 and no data (authenticate.admin).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { authenticate } from "~/shopify.server";
import { runAnalysis } from "~/insight/insight.server";
import { errorResponse, jsonResponse } from "~/platform/http.server";
import { statusFor } from "~/platform/errors";
import { readSearchParams } from "~/platform/form-body.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const answer = await runAnalysis(session.shop, params.name ?? "", readSearchParams(request));
  if (!answer.ok) {
    const detail = answer.code === "not_found" ? "No such analysis" : `${String(answer.field)}: ${String(answer.message)}`;
    return errorResponse(statusFor(answer.code), answer.code, detail, { "Cache-Control": "no-store" });
  }
  return jsonResponse(answer.result, 200, { "Cache-Control": "no-store" });
}
