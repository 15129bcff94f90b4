// Rate limiting for the storefront (app proxy): an in-memory token bucket per key (shop + customer, or shop + IP
// for guests). One process holds its own buckets; a deployment with several app instances would keep them in
// Redis (e.g. a Lua script doing the same refill-and-take atomically) so that a shopper cannot multiply the
// allowance by the number of instances.
import { env } from "~/env.server";

export type RateLimitOptions = {
  /** Requests allowed in a burst (the bucket's size). */
  capacity: number;
  /** Tokens added back per second. */
  refillPerSecond: number;
  /** Buckets kept at most; the least recently used are dropped beyond it (memory stays bounded). */
  maxKeys?: number;
};

export type RateLimitDecision = { allowed: true; remaining: number } | { allowed: false; retryAfterSeconds: number };

type Bucket = { tokens: number; at: number };

/** A token bucket per key. `take` never blocks: it answers allowed, or how long until a token is back. */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly options: RateLimitOptions) {}

  /** Takes one token from `key`'s bucket (full for a key never seen). */
  take(key: string, now = Date.now()): RateLimitDecision {
    const { capacity, refillPerSecond, maxKeys = 50_000 } = this.options;
    const previous = this.buckets.get(key);
    const bucket: Bucket = previous
      ? { tokens: Math.min(capacity, previous.tokens + ((now - previous.at) / 1000) * refillPerSecond), at: now }
      : { tokens: capacity, at: now };
    // Re-insert so the Map's order is least recently used first.
    this.buckets.delete(key);
    this.buckets.set(key, bucket);
    if (this.buckets.size > maxKeys) this.buckets.delete(this.buckets.keys().next().value as string);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true, remaining: Math.floor(bucket.tokens) };
    }
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / refillPerSecond)) };
  }

  /** Forgets every bucket (tests). */
  reset(): void {
    this.buckets.clear();
  }
}

let proxyLimiter: RateLimiter | undefined;

/**
 * The app proxy's limiter: a burst of 60 requests, then 2 a second, per shopper (PROXY_RATE_LIMIT_BURST and
 * PROXY_RATE_LIMIT_PER_SECOND). Widget use is a handful of requests per page; only scripted abuse reaches it.
 */
export function appProxyLimiter(): RateLimiter {
  proxyLimiter ??= new RateLimiter({ capacity: env().PROXY_RATE_LIMIT_BURST, refillPerSecond: env().PROXY_RATE_LIMIT_PER_SECOND });
  return proxyLimiter;
}

/** The key a storefront request is limited by: the signed-in customer, else the shopper's IP. */
export function proxyRateLimitKey(shop: string, customerId: string | null, request: Request): string {
  if (customerId) return `${shop}:c:${customerId}`;
  const forwarded = request.headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return `${shop}:ip:${forwarded || request.headers.get("x-real-ip") || "unknown"}`;
}
