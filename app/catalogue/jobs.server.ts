// The catalogue's scheduled job: refreshes every installed shop's products and locations from the Admin API.
import { logger } from "~/platform/logger.server";
import type { Schedule } from "~/platform/jobs/scheduler.server";
import { syncLocations, syncProducts } from "~/catalogue/products-sync.server";
import { installedShopDomains } from "~/shops/shops.server";

/** Syncs every installed shop's products; one shop's failure does not stop the others, but fails the run (so it is retried). */
export async function syncAllShopsProducts(): Promise<void> {
  const failed: string[] = [];
  for (const shop of await installedShopDomains()) {
    await Promise.all([syncProducts(shop), syncLocations(shop)]).catch((error) => {
      logger.warn({ shop, err: error }, "product sync failed");
      failed.push(`${shop}: ${error instanceof Error ? error.message : String(error)}`);
    });
  }
  if (failed.length) throw new Error(`product sync failed for ${failed.join("; ")}`);
}

/** The catalogue capability's schedules. */
export function catalogueSchedules(options: { retryDelaySeconds: number }): Schedule[] {
  return [{ name: "sync-products", cron: "0 */2 * * *", retryLimit: 4, retryDelaySeconds: options.retryDelaySeconds, run: syncAllShopsProducts }];
}
