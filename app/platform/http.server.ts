// Small HTTP helpers shared by webhook and app-proxy routes: JSON errors in one shape, bounded bodies.
import { currentRequestId } from "~/platform/request-context";

/** A JSON error response `{ error: { code, message } }`, the shape every Loyalist API error has. */
export function errorResponse(status: number, code: string, message: string, headers: HeadersInit = {}): Response {
  const requestId = currentRequestId();
  return new Response(JSON.stringify({ error: requestId ? { code, message, requestId } : { code, message } }), {
    status,
    headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store", ...headers },
  });
}

/** A JSON response. */
export function jsonResponse(body: unknown, status = 200, headers: HeadersInit = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json; charset=utf-8", ...headers },
  });
}

export class BodyTooLargeError extends Error {}

/** Past this, an oversized body is not even drained: the connection is dropped. */
const DRAIN_LIMIT = 64 * 1024 * 1024;

/**
 * Reads a request body as bytes, keeping at most `limit` bytes. An oversized body is drained (up to a hard
 * cap) without being kept, so the client reliably receives the 413 instead of a reset connection.
 */
export async function readBodyWithLimit(request: Request, limit: number): Promise<Buffer> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > DRAIN_LIMIT) throw new BodyTooLargeError();
  if (!request.body) return Buffer.alloc(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > DRAIN_LIMIT) {
      await reader.cancel().catch(() => undefined);
      break;
    }
    if (size <= limit) chunks.push(value);
  }
  if (size > limit) throw new BodyTooLargeError();
  return Buffer.concat(chunks);
}
