/** Webhook HMAC: base64 HMAC-SHA256 of the raw body with the app's API secret. */
import { createHmac } from "node:crypto";

/** The X-Shopify-Hmac-Sha256 value of a raw body. */
export function signWebhookBody(body: string | Buffer, secret: string): string {
  return createHmac("sha256", secret).update(body).digest("base64");
}
