/** Delivers webhooks to the app exactly as Shopify does: the toml's uri, signed raw JSON body, Shopify's headers. */
import { randomUUID } from "node:crypto";
import { webhookUri, type AppConfig } from "../app-config";
import type { EmulatorLogger } from "../http";
import { signWebhookBody } from "./sign";

export type WebhookTamper = "badHmac" | "noHmac";

export interface WebhookSendInput {
  shop: string;
  topic: string;
  payload: unknown;
  webhookId?: string;
  eventId?: string;
  triggeredAt?: string | Date;
  apiVersion?: string;
  tamper?: WebhookTamper;
  timeoutMs?: number;
}

export interface WebhookRawInput extends Omit<WebhookSendInput, "payload"> {
  /** The exact bytes to send (e.g. malformed JSON). */
  body: string | Buffer;
  /** Overrides the toml's uri (e.g. a path the app does not declare). */
  uri?: string;
  headers?: Record<string, string>;
}

export interface WebhookDelivery {
  status: number;
  body: string;
  webhookId: string;
  eventId: string;
  topic: string;
  shop: string;
  uri: string;
  /** Set when the request failed before an HTTP answer (status 0): timeout or connection error. */
  error?: string;
}

export interface WebhookSenderEnv {
  appUrl: string;
  apiSecret: string;
  config: AppConfig;
  logger: EmulatorLogger;
  timeoutMs: number;
}

/** Sends webhooks to the app and records each delivery. */
export class WebhookSender {
  /** Every delivery attempt, oldest first. */
  readonly deliveries: WebhookDelivery[] = [];

  constructor(private readonly env: WebhookSenderEnv) {}

  /** Sends a topic's JSON payload to the app; resolves with the app's answer (never throws for HTTP errors). */
  send(input: WebhookSendInput): Promise<WebhookDelivery> {
    return this.sendRaw({ ...input, body: JSON.stringify(input.payload) });
  }

  /** Sends raw bytes as a webhook (for malformed bodies and odd headers). */
  async sendRaw(input: WebhookRawInput): Promise<WebhookDelivery> {
    const uri = input.uri ?? webhookUri(this.env.config, input.topic);
    if (!uri) throw new Error(`The app does not subscribe to ${input.topic} in shopify.app.toml`);
    const webhookId = input.webhookId ?? randomUUID();
    const eventId = input.eventId ?? randomUUID();
    const secret = input.tamper === "badHmac" ? `${this.env.apiSecret}-wrong` : this.env.apiSecret;
    const headers: Record<string, string> = {
      "Content-Type": "application/json",
      "User-Agent": "Shopify-Captain-Hook",
      Accept: "*/*",
      "X-Shopify-Topic": input.topic,
      "X-Shopify-Shop-Domain": input.shop,
      "X-Shopify-Webhook-Id": webhookId,
      "X-Shopify-Event-Id": eventId,
      "X-Shopify-Triggered-At": new Date(input.triggeredAt ?? Date.now()).toISOString(),
      "X-Shopify-API-Version": input.apiVersion ?? this.env.config.webhookApiVersion,
      ...(input.tamper === "noHmac" ? {} : { "X-Shopify-Hmac-Sha256": signWebhookBody(input.body, secret) }),
      ...input.headers,
    };
    const delivery: WebhookDelivery = { status: 0, body: "", webhookId, eventId, topic: input.topic, shop: input.shop, uri };
    try {
      const response = await fetch(new URL(uri, this.env.appUrl), {
        method: "POST",
        headers,
        body: typeof input.body === "string" ? input.body : new Uint8Array(input.body),
        signal: AbortSignal.timeout(input.timeoutMs ?? this.env.timeoutMs),
      });
      delivery.status = response.status;
      delivery.body = await response.text();
    } catch (error) {
      delivery.error = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    }
    this.deliveries.push(delivery);
    this.env.logger.debug({ topic: input.topic, shop: input.shop, status: delivery.status, webhookId }, "webhook delivered");
    return delivery;
  }
}
