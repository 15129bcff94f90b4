// The door every webhook comes through: verify, validate, record durably, answer. Processing follows
// asynchronously from the recorded delivery (app/jobs/webhook-worker.server.ts).
import crypto from "node:crypto";
import { env } from "~/env.server";
import { logger } from "~/logger.server";
import { recordDelivery } from "~/models/webhook-deliveries.server";
import { shopStatus } from "~/models/shops.server";
import { noteDeliveryReceived, wakeWebhookWorker } from "~/jobs/webhook-worker.server";
import { PAYLOAD_SCHEMAS } from "./payloads";

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

function parseDate(value: string | null): Date | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
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
  if (request.method !== "POST") return answer(405, "method_not_allowed", "Webhooks are POST requests", { Allow: "POST" });
  if (request.body === "too_large") return answer(413, "payload_too_large", `Webhook bodies are limited to ${MAX_WEBHOOK_BYTES} bytes`);
  const body = request.body;
  const hmac = request.header("x-shopify-hmac-sha256");
  if (!hmac) return answer(401, "missing_hmac", "X-Shopify-Hmac-Sha256 is required");
  if (!isValidWebhookHmac(body, hmac, env().SHOPIFY_API_SECRET)) return answer(401, "invalid_hmac", "HMAC signature does not match");

  const topic = request.header("x-shopify-topic") ?? "";
  const shopDomain = (request.header("x-shopify-shop-domain") ?? "").toLowerCase();
  const webhookId = request.header("x-shopify-webhook-id") ?? "";
  if (!topics.includes(topic)) return answer(400, "unexpected_topic", `This endpoint does not take topic "${topic}"`);
  if (!SHOP_DOMAIN.test(shopDomain)) return answer(400, "invalid_shop", "X-Shopify-Shop-Domain must be a myshopify.com domain");
  if (!webhookId || webhookId.length > 255) return answer(400, "missing_webhook_id", "X-Shopify-Webhook-Id is required");

  const text = body.toString("utf8");
  // PostgreSQL's jsonb cannot hold NUL characters; no real Shopify payload has one.
  if (text.includes("\\u0000")) return answer(400, "invalid_payload", "The body contains a NUL character");
  let payload: unknown;
  try {
    payload = JSON.parse(text);
  } catch {
    return answer(400, "malformed_json", "The body is not valid JSON");
  }
  const parsed = PAYLOAD_SCHEMAS[topic].safeParse(payload);
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
    eventId: request.header("x-shopify-event-id"),
    triggeredAt: parseDate(request.header("x-shopify-triggered-at")),
    apiVersion: request.header("x-shopify-api-version"),
    rawBody: text,
  });
  noteDeliveryReceived();
  if (recorded) wakeWebhookWorker();
  return { status: 200, body: { received: true, duplicate: !recorded } };
}
