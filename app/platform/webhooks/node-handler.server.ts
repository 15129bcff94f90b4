// Serves webhook paths straight from Node's HTTP server, before Remix: a delivery costs one HMAC, one
// JSON parse and one INSERT, not a Remix request cycle (docs/decisions/003, measured by npm run bench).
import type { IncomingMessage, ServerResponse } from "node:http";
import { logger } from "~/platform/logger.server";
import { count } from "~/platform/metrics.server";
import { currentRequestId } from "~/platform/request-context";
import { webhookEndpoints } from "~/platform/webhooks/endpoints.server";
import { MAX_WEBHOOK_BYTES, receiveFrom, receiveWebhook } from "~/platform/webhooks/receive.server";
import { configuredRelaySources, type DeliverySource } from "~/platform/webhooks/sources.server";
import { env } from "~/platform/env.server";

let relays: Map<string, DeliverySource> | undefined;

/** Every topic any declared subscription takes: a relay (Pub/Sub, EventBridge) brings them all to one path. */
function allTopics(): string[] {
  return [...new Set([...webhookEndpoints().values()].flat())];
}

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

/** A delivery's outcome for the received counter: recorded, duplicate, ignored, or the refusal's error code. */
function outcomeOf(status: number, body: unknown): string {
  const answer = body as { duplicate?: boolean; ignored?: string; error?: { code?: string } };
  if (status === 200) return answer.ignored ? "ignored" : answer.duplicate ? "duplicate" : "recorded";
  return answer.error?.code ?? `http_${status}`;
}

/** Answers a request on a declared webhook path and returns true; returns false for any other path. */
export async function handleWebhookRequest(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  const path = (req.url ?? "").split("?")[0];
  relays ??= configuredRelaySources(() => env().SHOPIFY_API_SECRET);
  const relay = relays.get(path);
  const topics = relay ? allTopics() : webhookEndpoints().get(path);
  if (!topics) return false;
  let status = 500;
  let body: unknown = { error: { code: "internal_error", message: "The delivery could not be recorded; Shopify will retry" } };
  let headers: Record<string, string> = {};
  try {
    const declared = Number(req.headers["content-length"] ?? 0);
    const raw = req.method === "POST" ? (declared > DRAIN_LIMIT ? "too_large" : await readBody(req, MAX_WEBHOOK_BYTES)) : Buffer.alloc(0);
    const request = {
      method: req.method ?? "GET",
      header: (name: string) => {
        const value = req.headers[name];
        return Array.isArray(value) ? value[0] : (value ?? null);
      },
      body: raw,
    };
    const answer = relay ? await receiveFrom(relay, request, topics) : await receiveWebhook(request, topics);
    ({ status, body } = answer);
    headers = answer.headers ?? {};
    const topicHeader = req.headers["x-shopify-topic"];
    const topic = typeof topicHeader === "string" && topics.includes(topicHeader) ? topicHeader : "(other)";
    count("webhookReceived", { topic, outcome: outcomeOf(status, body) });
  } catch (error) {
    // Only a failure of our own (the database) lands here; Shopify retries a 5xx, so nothing is lost.
    logger.error({ err: error, path }, "webhook delivery could not be recorded");
  }
  const error = (body as { error?: object }).error;
  if (error) body = { error: { ...error, requestId: currentRequestId() } };
  res.writeHead(status, { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store", ...headers });
  res.end(JSON.stringify(body));
  return true;
}
