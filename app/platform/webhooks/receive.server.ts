// The door every webhook comes through: verify, validate, record durably, answer. Processing follows
// asynchronously from the recorded delivery (app/platform/webhooks/worker.server.ts).
import crypto from "node:crypto";
import { env } from "~/platform/env.server";
import { logger } from "~/platform/logger.server";
import { recordDelivery } from "~/platform/webhooks/deliveries.server";
import { shopStatus } from "~/shops/shops.server";
import { noteDeliveryReceived, wakeWebhookWorker } from "~/platform/webhooks/worker.server";
import { PAYLOAD_CHECKS } from "~/platform/webhooks/payloads";
import { JSON_REJECTION_MESSAGES, parseJsonSafely } from "~/platform/safe-json";
import { httpSource, type DeliverySource, type InboundDelivery } from "~/platform/webhooks/sources.server";

/** Shopify's order payloads can be large (hundreds of lines); anything past this is not a real delivery. */
export const MAX_WEBHOOK_BYTES = 2 * 1024 * 1024;

const SHOP_DOMAIN = /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/;
const COMPLIANCE_TOPICS = new Set(["customers/data_request", "customers/redact", "shop/redact"]);

/** True when `hmacHeader` is the base64 HMAC-SHA256 of `body` with the app's secret (constant time). */
export function isValidWebhookHmac(body: Buffer, hmacHeader: string, secret: string): boolean {
  const expected = crypto.createHmac("sha256", secret).update(body).digest();
  const given = Buffer.from(hmacHeader, "base64");
  return given.length === expected.length && crypto.timingSafeEqual(given, expected);
}

/** X-Shopify-Triggered-At as a date PostgreSQL can store, else null (the header is informative only). */
function parseDate(value: string | null): Date | null {
  if (!value) return null;
  const date = new Date(value);
  const year = date.getUTCFullYear();
  return Number.isNaN(date.getTime()) || year < 1970 || year > 9999 ? null : date;
}

export type WebhookRequest = {
  method: string;
  header: (name: string) => string | null;
  /** The raw body, or "too_large" when it exceeded MAX_WEBHOOK_BYTES. */
  body: Buffer | "too_large";
};

export type WebhookAnswer = { status: number; body: unknown; headers?: Record<string, string> };

const answer = (status: number, code: string, message: string, headers?: Record<string, string>): WebhookAnswer => ({
  status,
  body: { error: { code, message } },
  headers,
});

/**
 * Receives one webhook delivery for the given topics: 401 for a missing or wrong HMAC, 400 for a body
 * that is not the topic's JSON shape, 413 for an oversized body, 200 once the delivery is recorded.
 * The same X-Shopify-Webhook-Id twice is recorded once.
 */
export async function receiveWebhook(request: WebhookRequest, topics: readonly string[]): Promise<WebhookAnswer> {
  return receiveFrom(HTTP_SOURCE, request, topics);
}

const HTTP_SOURCE = httpSource(() => env().SHOPIFY_API_SECRET);

/**
 * Receives what one request of a delivery source carries (docs/decisions/033): the source authenticates and
 * unwraps it, then each delivery goes through the same inbox. A batch answers 200 only when every delivery in it
 * was recorded (or was a duplicate); otherwise the first refusal, and the sender retries the batch, which the
 * webhook-id dedupe makes safe.
 */
export async function receiveFrom(source: DeliverySource, request: WebhookRequest, topics: readonly string[]): Promise<WebhookAnswer> {
  if (request.method !== "POST") return answer(405, "method_not_allowed", "Webhooks are POST requests", { Allow: "POST" });
  if (request.body === "too_large") return answer(413, "payload_too_large", `Webhook bodies are limited to ${MAX_WEBHOOK_BYTES} bytes`);
  const unwrapped = await source.unwrap(request);
  if (!unwrapped.ok) return unwrapped.answer;
  let last: WebhookAnswer = answer(400, "empty", "No delivery in the request");
  const results: unknown[] = [];
  for (const delivery of unwrapped.deliveries) {
    last = await acceptDelivery(delivery, topics);
    if (last.status !== 200) return last;
    results.push(last.body);
  }
  return results.length === 1 ? last : { status: 200, body: { received: true, deliveries: results } };
}

/** The inbox, for a delivery from any source: topic, shop, id, JSON and payload shape checked, then recorded once per webhook id. */
export async function acceptDelivery(delivery: InboundDelivery, topics: readonly string[]): Promise<WebhookAnswer> {
  const { topic, shopDomain, webhookId, body } = delivery;
  if (body.length > MAX_WEBHOOK_BYTES) return answer(413, "payload_too_large", `Webhook bodies are limited to ${MAX_WEBHOOK_BYTES} bytes`);
  if (!topics.includes(topic)) return answer(400, "unexpected_topic", `This endpoint does not take topic "${topic}"`);
  if (!SHOP_DOMAIN.test(shopDomain)) return answer(400, "invalid_shop", "X-Shopify-Shop-Domain must be a myshopify.com domain");
  if (!webhookId || webhookId.length > 255) return answer(400, "missing_webhook_id", "X-Shopify-Webhook-Id is required");

  const json = parseJsonSafely(body);
  if (!json.ok) {
    if (json.code === "malformed_json") return answer(400, "malformed_json", "The body is not valid JSON");
    return answer(400, "invalid_json", `The body cannot be stored: ${JSON_REJECTION_MESSAGES[json.code]}`);
  }
  const { text, value: payload } = json;
  const parsed = PAYLOAD_CHECKS[topic].safeParse(payload);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return answer(400, "invalid_payload", `Not a ${topic} payload: ${issue.path.join(".") || "body"} ${issue.message}`);
  }

  const status = await shopStatus(shopDomain);
  const accepts = status === "installed" || (status === "uninstalled" && (COMPLIANCE_TOPICS.has(topic) || topic.startsWith("app/")));
  if (!accepts) {
    logger.info({ shop: shopDomain, topic, status }, "webhook for a shop without Loyalist installed: acknowledged, ignored");
    return { status: 200, body: { received: true, ignored: "shop_not_installed" } };
  }

  const recorded = await recordDelivery({
    shopDomain,
    webhookId,
    topic,
    eventId: delivery.eventId,
    triggeredAt: parseDate(delivery.triggeredAt),
    apiVersion: delivery.apiVersion,
    rawBody: text,
  });
  noteDeliveryReceived();
  if (recorded === "unknown_shop") return { status: 200, body: { received: true, ignored: "shop_not_installed" } };
  if (recorded === "recorded") wakeWebhookWorker();
  return { status: 200, body: { received: true, duplicate: recorded === "duplicate" } };
}
