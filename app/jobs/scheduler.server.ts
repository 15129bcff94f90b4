// Periodic jobs: order reconciliation against the Admin API (repairs lost webhooks).
import { logger } from "~/logger.server";
import { reconcileAllShops } from "~/shopify/orders-sync.server";
import { syncProducts } from "~/shopify/products-sync.server";
import { installedShopDomains } from "~/models/shops.server";

/** Every this many reconciliation runs, the product rules index is refreshed too. */
const PRODUCT_SYNC_EVERY = 8;
let runs = 0;

let timer: NodeJS.Timeout | undefined;

/** Reconciles every shop's recent orders every `intervalMs` (first run after one interval). */
export function startOrderReconciliation(intervalMs: number): void {
  if (timer || intervalMs <= 0) return;
  const run = async () => {
    try {
      await reconcileAllShops(48);
      if (runs++ % PRODUCT_SYNC_EVERY === 0) {
        for (const shop of await installedShopDomains()) {
          await syncProducts(shop).catch((error) => logger.warn({ shop, err: error }, "product sync failed; will retry"));
        }
      }
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
