// Verifies Shopify app-proxy requests: the storefront reaches Loyalist only through them, and the
// shopper is whoever Shopify's signed `logged_in_customer_id` says (absent or empty: a guest).
import crypto from "node:crypto";
import { env } from "~/platform/env.server";
import { errorResponse } from "~/platform/http.server";
import { isStorableText } from "~/platform/safe-json";
import { appProxyLimiter, proxyRateLimitKey } from "~/platform/rate-limit.server";
import { shopStatus } from "~/shops/shops.server";

/** How old an app-proxy signature's timestamp may be, in seconds. */
export const PROXY_MAX_AGE_SECONDS = 90;

/** Parameters that say who and where the shopper is, or prove it: each must come at most once. */
export const IDENTITY_PARAMS = ["shop", "logged_in_customer_id", "timestamp", "path_prefix", "signature"] as const;

export type ProxyContext = { shop: string; customerId: string | null };

/** The signature Shopify computes: hex HMAC-SHA256 over the sorted `key=value` pairs (multi-values joined by ","). */
export function appProxySignature(params: URLSearchParams, secret: string): string {
  const grouped = new Map<string, string[]>();
  for (const [key, value] of params) {
    if (key === "signature") continue;
    grouped.set(key, [...(grouped.get(key) ?? []), value]);
  }
  const message = [...grouped.entries()]
    .map(([key, values]) => `${key}=${values.join(",")}`)
    .sort()
    .join("");
  return crypto.createHmac("sha256", secret).update(message).digest("hex");
}

/**
 * Authenticates an app-proxy request or throws a 401/400 Response with no data: a repeated identity
 * parameter or NUL in the query (400), bad or missing signature, stale timestamp, malformed or unknown
 * shop; or a 429 `rate_limited` with Retry-After when the shopper (customer, or IP for a guest) is over
 * the limit.
 */
export async function authenticateAppProxy(request: Request, now = Date.now()): Promise<ProxyContext> {
  const params = new URL(request.url).searchParams;
  // The signature covers repeated values only as a joined list ("1,2"), so a repeated identity parameter
  // would be signed as one value and read as another: refuse it before anything else is read.
  const repeated = IDENTITY_PARAMS.find((key) => params.getAll(key).length > 1);
  if (repeated) throw errorResponse(400, "ambiguous_parameter", `${repeated} must appear at most once`);
  for (const [key, value] of params) {
    if (!isStorableText(key) || !isStorableText(value)) throw errorResponse(400, "invalid_request", "The query holds a NUL character or a lone surrogate");
  }
  const signature = params.get("signature");
  if (!signature) throw errorResponse(401, "missing_signature", "App proxy requests must be signed by Shopify");
  if (!/^[0-9a-f]{64}$/i.test(signature)) throw errorResponse(401, "invalid_signature", "The app proxy signature does not match");
  const expected = appProxySignature(params, env().SHOPIFY_API_SECRET);
  const given = Buffer.from(signature, "hex");
  if (given.length !== 32 || !crypto.timingSafeEqual(given, Buffer.from(expected, "hex"))) {
    throw errorResponse(401, "invalid_signature", "The app proxy signature does not match");
  }
  const timestampText = params.get("timestamp") ?? "";
  const timestamp = /^\d{1,12}$/.test(timestampText) ? Number(timestampText) : NaN;
  if (!Number.isInteger(timestamp) || Math.abs(now / 1000 - timestamp) > PROXY_MAX_AGE_SECONDS) {
    throw errorResponse(401, "stale_request", `The request timestamp must be within ${PROXY_MAX_AGE_SECONDS} seconds`);
  }
  const shop = (params.get("shop") ?? "").toLowerCase();
  if (!/^[a-z0-9][a-z0-9-]*\.myshopify\.com$/.test(shop)) throw errorResponse(400, "invalid_shop", "shop must be a myshopify.com domain");
  if ((await shopStatus(shop)) !== "installed") throw errorResponse(401, "unknown_shop", "Loyalist is not installed on this shop");
  const customer = params.get("logged_in_customer_id");
  // One spelling per customer: "042" or "42 " would otherwise name a second member for the same shopper.
  if (customer && !/^[1-9]\d{0,19}$/.test(customer)) throw errorResponse(400, "invalid_customer", "logged_in_customer_id must be numeric");
  const customerId = customer || null;
  const limit = await appProxyLimiter().take(proxyRateLimitKey(shop, customerId, request));
  if (!limit.allowed) {
    throw errorResponse(429, "rate_limited", `Too many requests; try again in ${limit.retryAfterSeconds} s`, {
      "Retry-After": String(limit.retryAfterSeconds),
    });
  }
  return { shop, customerId };
}
