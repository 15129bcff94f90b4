// Redemption upkeep: retries reservations a crash or an unreachable Shopify left behind, and expires unused codes.
import { env } from "~/env.server";
import { logger } from "~/logger.server";
import { expireUnusedCodes, retryReservedRedemptions } from "~/models/redemptions.server";

let retryTimer: NodeJS.Timeout | undefined;
let expiryTimer: NodeJS.Timeout | undefined;

const EXPIRY_INTERVAL_MS = 10 * 60_000;

/** Starts both loops: reservations untouched for REDEMPTION_RETRY_SECONDS are retried (first look at start-up). */
export function startRedemptionJobs(): void {
  if (retryTimer) return;
  const staleSeconds = env().REDEMPTION_RETRY_SECONDS;
  const retry = async () => {
    await retryReservedRedemptions(staleSeconds).catch((error) => logger.error({ err: error }, "retrying reserved redemptions failed"));
    retryTimer = setTimeout(retry, Math.min(30, Math.max(1, staleSeconds / 2)) * 1000);
    retryTimer.unref();
  };
  const expire = async () => {
    await expireUnusedCodes().catch((error) => logger.error({ err: error }, "expiring unused reward codes failed"));
    expiryTimer = setTimeout(expire, EXPIRY_INTERVAL_MS);
    expiryTimer.unref();
  };
  retryTimer = setTimeout(retry, 1_000);
  retryTimer.unref();
  expiryTimer = setTimeout(expire, 15_000);
  expiryTimer.unref();
}

/** Stops the loops. */
export function stopRedemptionJobs(): void {
  clearTimeout(retryTimer);
  clearTimeout(expiryTimer);
  retryTimer = undefined;
  expiryTimer = undefined;
}
