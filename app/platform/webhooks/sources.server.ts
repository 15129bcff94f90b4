// Where webhook deliveries come from (docs/decisions/033-webhook-delivery-sources.md). Every source turns what
// it receives into the same InboundDelivery (topic, shop, webhook id, the payload's bytes) and proves it came
// from Shopify its own way; the inbox (receive.server.ts: acceptDelivery) then validates and records it once per
// X-Shopify-Webhook-Id, whichever source brought it, so a delivery that arrives by HTTP and again through
// Pub/Sub (or twice through either) is applied once.
//   - HTTP: Shopify's POST with its headers; the HMAC of the body with the app's secret.
//   - Google Pub/Sub push: { message: { data (base64 payload), attributes (the X-Shopify-* headers), messageId },
//     subscription }, with Google's OIDC token (RS256 JWT) in Authorization: verified against Google's keys,
//     audience and service account configured; the payload's HMAC too when the attributes carry it.
//   - Amazon EventBridge: events reach AWS only (a partner event bus); an AWS-side consumer (Lambda or SQS
//     poller) relays each event ({ "detail-type": "shopifyWebhook", detail: { metadata, payload } }) to the app
//     with a shared bearer token. The payload arrives re-serialized, so Shopify's HMAC cannot be recomputed:
//     authenticity rests on AWS (only Shopify writes to the partner source) and on the relay token.
import crypto from "node:crypto";
import { isValidWebhookHmac, type WebhookAnswer, type WebhookRequest } from "~/platform/webhooks/receive.server";

export type InboundDelivery = {
  topic: string;
  shopDomain: string;
  webhookId: string;
  eventId: string | null;
  triggeredAt: string | null;
  apiVersion: string | null;
  /** The payload's bytes (JSON). */
  body: Buffer;
};

export type Unwrapped = { ok: true; deliveries: InboundDelivery[] } | { ok: false; answer: WebhookAnswer };

/** One place deliveries come from: authenticates a request and unwraps the deliveries it carries. */
export type DeliverySource = { name: "http" | "pubsub" | "eventbridge"; unwrap: (request: WebhookRequest) => Promise<Unwrapped> };

const refuse = (status: number, code: string, message: string): Unwrapped => ({ ok: false, answer: { status, body: { error: { code, message } } } });

/** Header lookup in a record whose keys are Shopify's header names in any case. */
function headerOf(record: Record<string, unknown>, name: string): string | null {
  const key = Object.keys(record).find((k) => k.toLowerCase() === name);
  const value = key === undefined ? undefined : record[key];
  return typeof value === "string" ? value : null;
}

function deliveryFrom(header: (name: string) => string | null, body: Buffer): InboundDelivery {
  return {
    topic: header("x-shopify-topic") ?? "",
    shopDomain: (header("x-shopify-shop-domain") ?? "").toLowerCase(),
    webhookId: header("x-shopify-webhook-id") ?? "",
    eventId: header("x-shopify-event-id"),
    triggeredAt: header("x-shopify-triggered-at"),
    apiVersion: header("x-shopify-api-version"),
    body,
  };
}

/** Shopify's HTTP delivery: the headers, and the HMAC of the raw body. */
export function httpSource(secret: () => string): DeliverySource {
  return {
    name: "http",
    async unwrap(request) {
      if (request.body === "too_large") return refuse(413, "payload_too_large", "Webhook body too large");
      const hmac = request.header("x-shopify-hmac-sha256");
      if (!hmac) return refuse(401, "missing_hmac", "X-Shopify-Hmac-Sha256 is required");
      if (!isValidWebhookHmac(request.body, hmac, secret())) return refuse(401, "invalid_hmac", "HMAC signature does not match");
      return { ok: true, deliveries: [deliveryFrom(request.header, request.body)] };
    },
  };
}

function bearer(request: WebhookRequest): string | null {
  const value = request.header("authorization") ?? "";
  return value.startsWith("Bearer ") ? value.slice(7).trim() : null;
}

function parseBody(request: WebhookRequest): unknown {
  if (request.body === "too_large") return undefined;
  try {
    return JSON.parse(request.body.toString("utf8"));
  } catch {
    return undefined;
  }
}

export type Jwk = crypto.JsonWebKey & { kid?: string };

export type PubSubConfig = {
  /** The push subscription's OIDC audience. */
  audience: string;
  /** The service account the push subscription authenticates as. */
  serviceAccount: string;
  /** Google's signing keys (JWKS), cached by the caller. */
  keys: () => Promise<Jwk[]>;
  secret: () => string;
  now?: () => number;
};

const GOOGLE_ISSUERS = new Set(["https://accounts.google.com", "accounts.google.com"]);

/** Verifies a Google-signed OIDC token (RS256) for the push subscription: signature, issuer, audience, account, time. */
export async function verifyPubSubToken(token: string, config: PubSubConfig): Promise<string | null> {
  const parts = token.split(".");
  if (parts.length !== 3) return "malformed token";
  let header: { alg?: string; kid?: string };
  let claims: { iss?: string; aud?: string; email?: string; email_verified?: boolean; exp?: number; iat?: number };
  try {
    header = JSON.parse(Buffer.from(parts[0], "base64url").toString("utf8"));
    claims = JSON.parse(Buffer.from(parts[1], "base64url").toString("utf8"));
  } catch {
    return "malformed token";
  }
  if (header.alg !== "RS256") return "unexpected algorithm";
  const jwk = (await config.keys()).find((k) => k.kid === header.kid);
  if (!jwk) return "unknown signing key";
  const valid = crypto.verify(
    "RSA-SHA256",
    Buffer.from(`${parts[0]}.${parts[1]}`),
    crypto.createPublicKey({ key: jwk, format: "jwk" }),
    Buffer.from(parts[2], "base64url"),
  );
  if (!valid) return "bad signature";
  const nowSeconds = Math.floor((config.now?.() ?? Date.now()) / 1000);
  if (!claims.iss || !GOOGLE_ISSUERS.has(claims.iss)) return "unexpected issuer";
  if (claims.aud !== config.audience) return "unexpected audience";
  if (claims.email !== config.serviceAccount || claims.email_verified !== true) return "unexpected service account";
  if (typeof claims.exp !== "number" || claims.exp < nowSeconds - 60) return "expired token";
  return null;
}

/** Google Pub/Sub push: Google's OIDC bearer token, then the message's base64 data and X-Shopify-* attributes. */
export function pubSubPushSource(config: PubSubConfig): DeliverySource {
  return {
    name: "pubsub",
    async unwrap(request) {
      const token = bearer(request);
      if (!token) return refuse(401, "missing_token", "Pub/Sub push requests carry Google's OIDC token");
      const problem = await verifyPubSubToken(token, config);
      if (problem) return refuse(401, "invalid_token", `Pub/Sub push token refused: ${problem}`);
      const envelope = parseBody(request) as { message?: { data?: unknown; attributes?: Record<string, unknown> } } | undefined;
      const message = envelope?.message;
      if (!message || typeof message.data !== "string" || !message.attributes) return refuse(400, "invalid_envelope", "Not a Pub/Sub push envelope");
      const body = Buffer.from(message.data, "base64");
      const attributes = message.attributes;
      const hmac = headerOf(attributes, "x-shopify-hmac-sha256");
      if (hmac && !isValidWebhookHmac(body, hmac, config.secret())) return refuse(401, "invalid_hmac", "HMAC signature does not match");
      return { ok: true, deliveries: [deliveryFrom((name) => headerOf(attributes, name), body)] };
    },
  };
}

export type EventBridgeConfig = { relayToken: string };

type EventBridgeEvent = { "detail-type"?: unknown; detail?: { metadata?: Record<string, unknown>; payload?: unknown } };

/** Amazon EventBridge through an AWS-side relay: its bearer token, then one event or a batch ({ events: [...] }). */
export function eventBridgeRelaySource(config: EventBridgeConfig): DeliverySource {
  const expected = Buffer.from(config.relayToken);
  return {
    name: "eventbridge",
    async unwrap(request) {
      const token = Buffer.from(bearer(request) ?? "");
      if (!token.length || token.length !== expected.length || !crypto.timingSafeEqual(token, expected)) {
        return refuse(401, "invalid_token", "EventBridge relay requests carry the relay's bearer token");
      }
      const parsed = parseBody(request) as EventBridgeEvent | { events?: EventBridgeEvent[] } | undefined;
      const events = parsed && "events" in parsed && Array.isArray(parsed.events) ? parsed.events : parsed ? [parsed as EventBridgeEvent] : [];
      if (!events.length) return refuse(400, "invalid_envelope", "Not an EventBridge event");
      const deliveries: InboundDelivery[] = [];
      for (const event of events) {
        const metadata = event.detail?.metadata;
        if (event["detail-type"] !== "shopifyWebhook" || !metadata || event.detail?.payload === undefined) {
          return refuse(400, "invalid_envelope", "Not a Shopify EventBridge event");
        }
        deliveries.push(deliveryFrom((name) => headerOf(metadata, name), Buffer.from(JSON.stringify(event.detail.payload))));
      }
      return { ok: true, deliveries };
    },
  };
}

let googleKeys: { at: number; keys: Jwk[] } | undefined;

/** Google's OIDC signing keys from `url`, cached for an hour. */
export function cachedJwks(url: string): () => Promise<Jwk[]> {
  return async () => {
    if (googleKeys && Date.now() - googleKeys.at < 3_600_000) return googleKeys.keys;
    const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
    if (!response.ok) throw new Error(`JWKS ${url} answered HTTP ${response.status}`);
    googleKeys = { at: Date.now(), keys: ((await response.json()) as { keys: Jwk[] }).keys };
    return googleKeys.keys;
  };
}

/** The relay sources this instance serves (path → source), from the environment: none unless configured. */
export function configuredRelaySources(secret: () => string, environment: NodeJS.ProcessEnv = process.env): Map<string, DeliverySource> {
  const sources = new Map<string, DeliverySource>();
  if (environment.WEBHOOK_PUBSUB_AUDIENCE && environment.WEBHOOK_PUBSUB_SERVICE_ACCOUNT) {
    sources.set(
      "/webhooks/pubsub",
      pubSubPushSource({
        audience: environment.WEBHOOK_PUBSUB_AUDIENCE,
        serviceAccount: environment.WEBHOOK_PUBSUB_SERVICE_ACCOUNT,
        keys: cachedJwks(environment.WEBHOOK_PUBSUB_JWKS_URL || "https://www.googleapis.com/oauth2/v3/certs"),
        secret,
      }),
    );
  }
  if (environment.WEBHOOK_EVENTBRIDGE_RELAY_TOKEN) {
    sources.set("/webhooks/eventbridge", eventBridgeRelaySource({ relayToken: environment.WEBHOOK_EVENTBRIDGE_RELAY_TOKEN }));
  }
  return sources;
}
