// The token review apps and Flow present when they report a review: one per shop, derived from the app secret
// (so nothing is stored, and rotating the secret rotates every token). Shown to the merchant on Ways to earn.
import { createHmac, timingSafeEqual } from "node:crypto";
import { env } from "~/platform/env.server";

/** The shop's review token: hex HMAC-SHA256 of "loyalist-review:<shop>" with SHOPIFY_API_SECRET. */
export function reviewToken(shopDomain: string): string {
  return createHmac("sha256", env().SHOPIFY_API_SECRET).update(`loyalist-review:${shopDomain}`).digest("hex");
}

/** Whether `presented` is the shop's review token (compared in constant time). */
export function isReviewToken(shopDomain: string, presented: string): boolean {
  const expected = Buffer.from(reviewToken(shopDomain));
  const given = Buffer.from(presented);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
