// Requests Shopify signs with the app's secret outside webhooks (Flow actions and Flow's trigger lifecycle
// callback): X-Shopify-Hmac-SHA256, the base64 HMAC-SHA256 of the raw body, as for webhooks. Read, verify, parse.
import type { z } from "zod";
import { env } from "~/platform/env.server";
import { BodyTooLargeError, errorResponse, readBodyWithLimit } from "~/platform/http.server";
import { JSON_REJECTION_MESSAGES, parseJsonSafely } from "~/platform/safe-json";
import { isValidWebhookHmac } from "~/platform/webhooks/receive.server";

/** The body of a request Shopify signed, parsed with `schema`; throws 401 (bad or missing HMAC), 413 or 400 Responses. */
export async function readSignedJsonBody<S extends z.ZodTypeAny>(request: Request, schema: S, limit = 64 * 1024): Promise<z.infer<S>> {
  if (request.method !== "POST") throw errorResponse(405, "method_not_allowed", "Use POST", { Allow: "POST" });
  let body: Buffer;
  try {
    body = await readBodyWithLimit(request, limit);
  } catch (error) {
    if (error instanceof BodyTooLargeError) throw errorResponse(413, "body_too_large", `The body must be at most ${limit} bytes`);
    throw errorResponse(400, "invalid_request", "The body could not be read");
  }
  const hmac = request.headers.get("x-shopify-hmac-sha256");
  if (!hmac) throw errorResponse(401, "missing_signature", "X-Shopify-Hmac-SHA256 is missing");
  if (!isValidWebhookHmac(body, hmac, env().SHOPIFY_API_SECRET)) throw errorResponse(401, "invalid_signature", "The signature does not match");
  const json = parseJsonSafely(body);
  if (!json.ok) throw errorResponse(400, "invalid_request", `The body must be JSON that can be stored: ${JSON_REJECTION_MESSAGES[json.code]}`);
  const parsed = schema.safeParse(json.value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw errorResponse(400, "invalid_request", `${issue.path.join(".") || "body"}: ${issue.message}`);
  }
  return parsed.data;
}
