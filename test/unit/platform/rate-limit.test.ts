// The rate limiter's three stores: this process's memory, a Redis shared by instances, and the memory insurance
// when Redis does not answer. Redis is the real one on 127.0.0.1:6379 (TEST_REDIS_URL), each test on its own prefix.
import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, expect, it } from "vitest";
import { RateLimiter } from "~/platform/rate-limit.server";

const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const clients: Redis[] = [];
const client = (url = REDIS_URL) => {
  const redis = new Redis(url, { commandTimeout: 300, maxRetriesPerRequest: 1 });
  redis.on("error", () => {});
  clients.push(redis);
  return redis;
};
afterAll(() => clients.forEach((c) => c.disconnect()));

const options = { name: "test", capacity: 3, refillPerSecond: 0.05 };

it("allows a key its capacity in memory, then answers how long to wait, per key", async () => {
  const limiter = new RateLimiter({ ...options, redis: null });
  expect(limiter.store).toBe("memory");
  const answers = [await limiter.take("a"), await limiter.take("a"), await limiter.take("a")];
  expect(answers.map((a) => a.allowed)).toEqual([true, true, true]);
  expect(answers[2]).toEqual({ allowed: true, remaining: 0 });
  const refused = await limiter.take("a");
  expect(refused.allowed).toBe(false);
  if (!refused.allowed) expect(refused.retryAfterSeconds).toBeGreaterThanOrEqual(55);
  expect((await limiter.take("b")).allowed).toBe(true);
});

it("shares one budget between limiters on one Redis and prefix, and none across prefixes", async () => {
  const prefix = `unit-${randomUUID()}`;
  const first = new RateLimiter({ ...options, redis: client(), prefix });
  const second = new RateLimiter({ ...options, redis: client(), prefix });
  const elsewhere = new RateLimiter({ ...options, redis: client(), prefix: `${prefix}-other` });
  expect(first.store).toBe("redis");
  const taken = [await first.take("k"), await second.take("k"), await first.take("k"), await second.take("k")];
  expect(taken.map((t) => t.allowed)).toEqual([true, true, true, false]);
  expect((await elsewhere.take("k")).allowed).toBe(true);
});

it("limits in memory when Redis does not answer", async () => {
  const limiter = new RateLimiter({ ...options, redis: client("redis://127.0.0.1:1"), prefix: `unit-${randomUUID()}` });
  const answers = [];
  for (let i = 0; i < 4; i++) answers.push((await limiter.take("k")).allowed);
  expect(answers).toEqual([true, true, true, false]);
});
