/**
 * The same webhook as Shopify's other delivery methods carry it (docs/decisions/033):
 *   - Google Cloud Pub/Sub push: the push subscription POSTs { message: { data: base64(payload), attributes:
 *     { X-Shopify-Topic, …, X-Shopify-Hmac-SHA256 }, messageId, publishTime }, subscription } with an OIDC token
 *     Google signs (RS256) for the subscription's service account and audience;
 *   - Amazon EventBridge: an event { version, id, "detail-type": "shopifyWebhook", source:
 *     "aws.partner/shopify.com/<app id>/<source>", account, time, region, resources, detail: { payload, metadata } },
 *     which an AWS-side consumer relays to the app.
 * `googleOidc()` stands in for Google's signer: a key pair, its JWKS, and tokens signed with it.
 */
import { generateKeyPairSync, randomUUID, sign, type KeyObject } from "node:crypto";

/** A webhook as the HTTP sender would deliver it: its headers and raw body. */
export type WebhookWire = { headers: Record<string, string>; body: string };

export function pubSubPushEnvelope(webhook: WebhookWire, subscription = "projects/loyalist/subscriptions/shopify-webhooks") {
  return {
    message: {
      attributes: { ...webhook.headers },
      data: Buffer.from(webhook.body).toString("base64"),
      messageId: String(Math.floor(Math.random() * 1e16)),
      publishTime: new Date().toISOString(),
    },
    subscription,
  };
}

export function eventBridgeEvent(webhook: WebhookWire, options: { appId?: string; source?: string; account?: string; region?: string } = {}) {
  const { "Content-Type": _type, ...metadata } = webhook.headers;
  void _type;
  return {
    version: "0",
    id: randomUUID(),
    "detail-type": "shopifyWebhook",
    source: `aws.partner/shopify.com/${options.appId ?? "1234567"}/${options.source ?? "loyalist"}`,
    account: options.account ?? "123456789012",
    time: new Date().toISOString(),
    region: options.region ?? "us-east-1",
    resources: [],
    detail: { payload: JSON.parse(webhook.body) as unknown, metadata },
  };
}

export type GoogleOidc = {
  jwks: { keys: Array<Record<string, unknown>> };
  token: (claims: { aud: string; email: string; expiresInSeconds?: number; emailVerified?: boolean; iss?: string }) => string;
};

/** A stand-in for Google's OIDC signer (tokens on Pub/Sub push requests). */
export function googleOidc(kid = "emulator-key-1", privateKey?: KeyObject): GoogleOidc {
  const pair = privateKey ? null : generateKeyPairSync("rsa", { modulusLength: 2048 });
  const key = privateKey ?? pair!.privateKey;
  const publicJwk = pair ? pair.publicKey.export({ format: "jwk" }) : {};
  const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
  return {
    jwks: { keys: [{ ...publicJwk, kid, alg: "RS256", use: "sig" }] },
    token: (claims) => {
      const now = Math.floor(Date.now() / 1000);
      const head = b64({ alg: "RS256", kid, typ: "JWT" });
      const body = b64({
        iss: claims.iss ?? "https://accounts.google.com",
        aud: claims.aud,
        email: claims.email,
        email_verified: claims.emailVerified ?? true,
        sub: "1234567890",
        azp: "1234567890",
        iat: now,
        exp: now + (claims.expiresInSeconds ?? 3600),
      });
      return `${head}.${body}.${sign("RSA-SHA256", Buffer.from(`${head}.${body}`), key).toString("base64url")}`;
    },
  };
}
