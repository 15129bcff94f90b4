// The one Redis client (ioredis), for state that several app instances share (rate-limit buckets). Only when
// REDIS_URL is set: without it every instance keeps such state in its own memory, which is right for one.
import { Redis } from "ioredis";
import { env } from "~/platform/env.server";
import { logger } from "~/platform/logger.server";

let client: Redis | null | undefined;

/** The shared Redis client, connected on first use; null when REDIS_URL is empty. */
export function sharedRedis(): Redis | null {
  if (client !== undefined) return client;
  const url = env().REDIS_URL;
  if (!url) return (client = null);
  // A command waits at most a second (queued while reconnecting): callers fall back rather than hang a request.
  client = new Redis(url, { commandTimeout: 1_000, maxRetriesPerRequest: 1, connectionName: "loyalist" });
  let warned = false;
  client.on("error", (error: Error) => {
    if (!warned) logger.warn({ err: error }, "Redis is unreachable; shared state falls back to this instance's memory");
    warned = true;
  });
  client.on("ready", () => (warned = false));
  return client;
}
