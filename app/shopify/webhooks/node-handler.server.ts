// Serves webhook paths straight from Node's HTTP server, before Remix: a delivery costs one HMAC, one
// JSON parse and one INSERT, not a Remix request cycle (docs/decisions/003, measured by npm run bench).
import type { IncomingMessage, ServerResponse } from "node:http";
import { logger } from "~/logger.server";
import { webhookEndpoints } from "./endpoints.server";
import { MAX_WEBHOOK_BYTES, receiveWebhook } from "./receive.server";

/** Past this an oversized body is not even drained: the connection is dropped. */
const DRAIN_LIMIT = 64 * 1024 * 1024;

/** Reads a body, keeping at most `limit` bytes; an oversized body is drained so the client gets the 413. */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | "too_large"> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > DRAIN_LIMIT) req.destroy();
      else if (size <= limit) chunks.push(chunk);
    });
    req.on("end", () => resolve(size > limit ? "too_large" : Buffer.concat(chunks, size)));
    req.on("error", reject);
    req.on("close", () => size > DRAIN_LIMIT && resolve("too_large"));
  });
}

/** Answers a request on a declared webhook path and returns true; returns false for any other path. */
export async function handleWebhookRequest(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  const path = (req.url ?? "").split("?")[0];
  const topics = webhookEndpoints().get(path);
  if (!topics) return false;
  let status = 500;
  let body: unknown = { error: { code: "internal_error", message: "The delivery could not be recorded; Shopify will retry" } };
  let headers: Record<string, string> = {};
  try {
    const declared = Number(req.headers["content-length"] ?? 0);
    const raw = req.method === "POST" ? (declared > DRAIN_LIMIT ? "too_large" : await readBody(req, MAX_WEBHOOK_BYTES)) : Buffer.alloc(0);
    const answer = await receiveWebhook(
      {
        method: req.method ?? "GET",
        header: (name) => {
          const value = req.headers[name];
          return Array.isArray(value) ? value[0] : (value ?? null);
        },
        body: raw,
      },
      topics,
    );
    ({ status, body } = answer);
    headers = answer.headers ?? {};
  } catch (error) {
    // Only a failure of our own (the database) lands here; Shopify retries a 5xx, so nothing is lost.
    logger.error({ err: error, path }, "webhook delivery could not be recorded");
  }
  res.writeHead(status, { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store", ...headers });
  res.end(JSON.stringify(body));
  return true;
}
