// Where calls to a shop's Admin API go. In production: https://{shop}. In the sandbox and tests the
// SHOPIFY_ADMIN_API_ORIGIN setting sends them to the Shopify emulator instead, by configuration only.

/** Rewrites https://{shop}/admin/... to {origin}/{shop}/admin/... when an origin override is configured. */
export function adminApiUrl(url: string, origin = process.env.SHOPIFY_ADMIN_API_ORIGIN): string {
  if (!origin) return url;
  const parsed = new URL(url);
  if (!parsed.hostname.endsWith(".myshopify.com") || !parsed.pathname.startsWith("/admin")) return url;
  return `${origin.replace(/\/$/, "")}/${parsed.hostname}${parsed.pathname}${parsed.search}`;
}

/** fetch() for Shopify Admin calls, honouring the origin override. */
export const shopifyFetch: typeof fetch = (input, init) => {
  const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
  const target = adminApiUrl(url);
  if (target === url) return fetch(input, init);
  if (typeof input === "string" || input instanceof URL) return fetch(target, init);
  return fetch(new Request(target, input), init);
};
