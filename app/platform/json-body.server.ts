// Reading a small JSON request body against a zod schema: anything malformed, too deep or unstorable is a
// 400 `invalid_request` (app/platform/safe-json.ts), never a 5xx.
import type { z } from "zod";
import { BodyTooLargeError, errorResponse, readBodyWithLimit } from "~/platform/http.server";
import { JSON_REJECTION_MESSAGES, parseJsonSafely } from "~/platform/safe-json";

/** Parses the request's JSON body with `schema`, or throws a 400 (413 when over `limit` bytes) error Response. */
export async function readJsonBody<S extends z.ZodTypeAny>(request: Request, schema: S, limit = 16 * 1024): Promise<z.infer<S>> {
  let body: Buffer;
  try {
    body = await readBodyWithLimit(request, limit);
  } catch (error) {
    if (error instanceof BodyTooLargeError) throw errorResponse(413, "body_too_large", `The body must be at most ${limit} bytes`);
    throw errorResponse(400, "invalid_request", "The body could not be read");
  }
  // An empty body is an empty object: the endpoints' inputs are all optional or checked by `schema`.
  const json = body.toString("latin1").trim() ? parseJsonSafely(body) : { ok: true as const, value: {} };
  if (!json.ok) throw errorResponse(400, "invalid_request", `The body must be JSON that can be stored: ${JSON_REJECTION_MESSAGES[json.code]}`);
  const value = json.value;
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw errorResponse(400, "invalid_request", `${issue.path.join(".") || "body"}: ${issue.message}`);
  }
  return parsed.data;
}
