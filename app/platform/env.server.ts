// Environment, parsed once at boot: a missing or malformed setting fails at start, not at the first request.
import { z } from "zod";

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  SHOPIFY_API_KEY: z.string().min(1, "SHOPIFY_API_KEY is required"),
  SHOPIFY_API_SECRET: z.string().min(1, "SHOPIFY_API_SECRET is required"),
  SHOPIFY_APP_URL: z.string().url("SHOPIFY_APP_URL must be the app's public URL"),
  SCOPES: z.string().optional(),
  /** Empty: the embedded PostgreSQL (PGlite) under DATA_DIR. */
  DATABASE_URL: z.string().optional().default(""),
  DATA_DIR: z.string().default(".data"),
  /** Sandbox and tests only: where Admin API calls and token exchange go instead of https://{shop}. */
  SHOPIFY_ADMIN_API_ORIGIN: z.string().url().optional().or(z.literal("")).default(""),
  /** Sandbox and tests only: where embedded pages load App Bridge from instead of Shopify's CDN. */
  APP_BRIDGE_URL: z.string().url().optional().or(z.literal("")).default(""),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** When recent orders are re-read from the Admin API to repair lost webhooks: a UTC cron expression (empty: never). */
  RECONCILE_SCHEDULE: z.string().trim().default("*/15 * * * *"),
  /** Seconds before a failed scheduled job's first retry; each further retry waits twice as long. */
  JOB_RETRY_DELAY_SECONDS: z.coerce.number().int().min(1).max(86_400).default(30),
  /** Raw webhook payloads are emptied this many days after their delivery was processed. */
  WEBHOOK_PAYLOAD_RETENTION_DAYS: z.coerce.number().int().min(0).max(3650).default(30),
  /** Parallel webhook processors; the embedded database runs one transaction at a time anyway. */
  WEBHOOK_WORKERS: z.coerce.number().int().min(1).max(32).default(2),
  /** App proxy rate limit per shopper (customer, or IP for guests): burst size and steady requests per second. */
  PROXY_RATE_LIMIT_BURST: z.coerce.number().int().min(1).max(100_000).default(60),
  PROXY_RATE_LIMIT_PER_SECOND: z.coerce.number().positive().max(10_000).default(2),
  /** Redis shared by every app instance (rate-limit buckets); empty: each instance keeps them in memory. */
  REDIS_URL: z.string().trim().url("REDIS_URL must be a redis:// URL").optional().or(z.literal("")).default(""),
  /** Prefix of the app's Redis keys: separates deployments (or test runs) that share one Redis. */
  RATE_LIMIT_PREFIX: z.string().trim().min(1).default("loyalist"),
  /** A redemption still reserved this long after its last attempt (a crash, Shopify unreachable) is retried. */
  REDEMPTION_RETRY_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
});

export type Env = z.infer<typeof envSchema>;

let cached: Env | undefined;

/** The validated environment. Throws a readable error listing every problem. */
export function env(): Env {
  if (cached) return cached;
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid environment (see .env.example):\n${problems}`);
  }
  cached = parsed.data;
  return cached;
}
