// Rate limiting for the storefront (app proxy) with rate-limiter-flexible: a window of `capacity` requests per
// key (shop + customer, or shop + IP for guests) that holds across every app instance when REDIS_URL is set
// (RateLimiterRedis, one atomic command per request), and per process when it is not (RateLimiterMemory). If
// Redis stops answering, each instance limits in its own memory (the library's insurance limiter) until it is back.
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import type { Redis } from "ioredis";
import { env } from "~/platform/env.server";
import { sharedRedis } from "~/platform/redis.server";

export type RateLimitOptions = {
  /** The limiter's name, part of every Redis key (several limiters share one Redis). */
  name: string;
  /** Requests allowed in a burst: the window's size. */
  capacity: number;
  /** Steady requests per second: the window lasts capacity / refillPerSecond seconds. */
  refillPerSecond: number;
  /** Where buckets live: a Redis client (shared by instances) or null (this process's memory). */
  redis: Redis | null;
  /** Prefix of every Redis key: separates deployments (or tests) sharing one Redis. */
  prefix?: string;
};

export type RateLimitDecision = { allowed: true; remaining: number } | { allowed: false; retryAfterSeconds: number };

/** A request budget per key. `take` never waits for a token: it answers allowed, or how long until one is back. */
export class RateLimiter {
  /** "redis" when buckets are shared by every instance, "memory" when each process has its own. */
  readonly store: "redis" | "memory";
  private readonly limiter: RateLimiterAbstract;

  constructor(options: RateLimitOptions) {
    const points = options.capacity;
    const duration = Math.max(1, Math.round(options.capacity / options.refillPerSecond));
    const keyPrefix = `${options.prefix ?? "loyalist"}:rl:${options.name}`;
    this.store = options.redis ? "redis" : "memory";
    this.limiter = options.redis
      ? new RateLimiterRedis({
          storeClient: options.redis,
          keyPrefix,
          points,
          duration,
          insuranceLimiter: new RateLimiterMemory({ keyPrefix, points, duration }),
        })
      : new RateLimiterMemory({ keyPrefix, points, duration });
  }

  /** Takes one request from `key`'s budget (full for a key not seen in the current window). */
  async take(key: string): Promise<RateLimitDecision> {
    try {
      const taken = await this.limiter.consume(key);
      return { allowed: true, remaining: taken.remainingPoints };
    } catch (refused) {
      if (refused instanceof RateLimiterRes) return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(refused.msBeforeNext / 1000)) };
      throw refused;
    }
  }
}

let proxyLimiter: RateLimiter | undefined;

/**
 * The app proxy's limiter: 60 requests per shopper in a 30-second window (PROXY_RATE_LIMIT_BURST and
 * PROXY_RATE_LIMIT_PER_SECOND), shared by all instances through Redis when REDIS_URL is set. Widget use is a
 * handful of requests per page; only scripted abuse reaches it.
 */
export function appProxyLimiter(): RateLimiter {
  const config = env();
  proxyLimiter ??= new RateLimiter({
    name: "proxy",
    capacity: config.PROXY_RATE_LIMIT_BURST,
    refillPerSecond: config.PROXY_RATE_LIMIT_PER_SECOND,
    redis: sharedRedis(),
    prefix: config.RATE_LIMIT_PREFIX,
  });
  return proxyLimiter;
}

/** The key a storefront request is limited by: the signed-in customer, else the shopper's IP. */
export function proxyRateLimitKey(shop: string, customerId: string | null, request: Request): string {
  if (customerId) return `${shop}:c:${customerId}`;
  const forwarded = request.headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return `${shop}:ip:${forwarded || request.headers.get("x-real-ip") || "unknown"}`;
}
