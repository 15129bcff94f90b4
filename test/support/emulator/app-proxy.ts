/** Shopify app proxy signing: the query Shopify appends when it forwards a storefront request to the app. */
import { createHmac, timingSafeEqual } from "node:crypto";

export interface ProxyQueryInput {
  secret: string;
  shop: string;
  /** Numeric customer id of the signed-in shopper; null/undefined for a guest (sent as an empty string). */
  customerId?: string | number | null;
  pathPrefix: string;
  /** Unix seconds; now by default. */
  timestamp?: number;
  /** Other query parameters of the storefront request (signed too). */
  extra?: Record<string, string | string[]>;
}

/** Hex HMAC-SHA256 over the sorted `key=value` pairs (multiple values joined with ","), `signature` excluded. */
export function proxySignature(params: URLSearchParams | Record<string, string | string[]>, secret: string): string {
  const grouped = new Map<string, string[]>();
  const entries =
    params instanceof URLSearchParams
      ? [...params.entries()]
      : Object.entries(params).flatMap(([k, v]) => (Array.isArray(v) ? v.map((x) => [k, x]) : [[k, v]]));
  for (const [key, value] of entries) {
    if (key === "signature") continue;
    grouped.set(key, [...(grouped.get(key) ?? []), value]);
  }
  const message = [...grouped]
    .map(([key, values]) => `${key}=${values.join(",")}`)
    .sort()
    .join("");
  return createHmac("sha256", secret).update(message).digest("hex");
}

/** The signed query string Shopify sends to the app proxy (shop, logged_in_customer_id, path_prefix, timestamp, signature). */
export function signProxyQuery(input: ProxyQueryInput): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(input.extra ?? {})) for (const v of Array.isArray(value) ? value : [value]) params.append(key, v);
  params.set("shop", input.shop);
  params.set("logged_in_customer_id", input.customerId === null || input.customerId === undefined ? "" : String(input.customerId));
  params.set("path_prefix", input.pathPrefix);
  params.set("timestamp", String(input.timestamp ?? Math.floor(Date.now() / 1000)));
  params.set("signature", proxySignature(params, input.secret));
  return params.toString();
}

/** Whether a query string carries a valid app proxy signature (timestamp not checked). */
export function verifyProxyQuery(query: string | URLSearchParams, secret: string): boolean {
  const params = typeof query === "string" ? new URLSearchParams(query) : query;
  const given = Buffer.from(params.get("signature") ?? "", "hex");
  const expected = Buffer.from(proxySignature(params, secret), "hex");
  return given.length === expected.length && timingSafeEqual(given, expected);
}
