// Periodic jobs: order reconciliation against the Admin API (repairs lost webhooks).
import { logger } from "~/logger.server";
import { reconcileAllShops } from "~/shopify/orders-sync.server";

let timer: NodeJS.Timeout | undefined;

/** Reconciles every shop's recent orders every `intervalMs` (first run after one interval). */
export function startOrderReconciliation(intervalMs: number): void {
  if (timer || intervalMs <= 0) return;
  const run = async () => {
    try {
      await reconcileAllShops(48);
    } catch (error) {
      logger.error({ err: error }, "order reconciliation run failed");
    }
    timer = setTimeout(run, intervalMs);
    timer.unref();
  };
  timer = setTimeout(run, intervalMs);
  timer.unref();
}

/** Stops the periodic jobs. */
export function stopOrderReconciliation(): void {
  clearTimeout(timer);
  timer = undefined;
}
