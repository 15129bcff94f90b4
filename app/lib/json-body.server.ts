// Reading a small JSON request body against a zod schema: anything malformed is a 400 `invalid_request`, never a 5xx.
import type { z } from "zod";
import { BodyTooLargeError, errorResponse, readBodyWithLimit } from "./http.server";

/** Parses the request's JSON body with `schema`, or throws a 400 (413 when over `limit` bytes) error Response. */
export async function readJsonBody<S extends z.ZodTypeAny>(request: Request, schema: S, limit = 16 * 1024): Promise<z.infer<S>> {
  let text: string;
  try {
    text = (await readBodyWithLimit(request, limit)).toString("utf8");
  } catch (error) {
    if (error instanceof BodyTooLargeError) throw errorResponse(413, "body_too_large", `The body must be at most ${limit} bytes`);
    throw errorResponse(400, "invalid_request", "The body could not be read");
  }
  let value: unknown;
  try {
    value = text.trim() ? JSON.parse(text) : {};
  } catch {
    throw errorResponse(400, "invalid_request", "The body must be JSON");
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw errorResponse(400, "invalid_request", `${issue.path.join(".") || "body"}: ${issue.message}`);
  }
  return parsed.data;
}
