// Insight's analyses tested in-process on a fresh database cloned from the migrated template: the app's own
// services (ingestion, rollups, analyses) connected to it, so a test can load thousands of generated orders
// through the ingestion path in seconds instead of through one signed webhook each.
import { dropDatabase, freshDatabase } from "./postgres";

export type InsightDb = { url: string; stop: () => Promise<void> };

/** Points the app's one Prisma client at a fresh database; call before importing app services. */
export async function startInsightDb(): Promise<InsightDb> {
  const db = await freshDatabase("loyalist_insight");
  process.env.DATABASE_URL = db.url;
  const { connectDatabase, disconnectDatabase } = await import("~/db.server");
  // The process's one client may still point at an earlier test file's database: start from this one.
  await disconnectDatabase();
  connectDatabase(db.url, 4);
  return {
    url: db.url,
    async stop() {
      const { disconnectDatabase } = await import("~/db.server");
      await disconnectDatabase();
      await dropDatabase(db.name);
    },
  };
}

/** Creates the shop row the analytics tables hang from. */
export async function anInsightShop(shopDomain: string, currency = "USD"): Promise<void> {
  const { default: prisma } = await import("~/db.server");
  const { DEFAULT_PROGRAM } = await import("~/program/program");
  await prisma.shop.create({ data: { domain: shopDomain, currency, program: DEFAULT_PROGRAM as never } });
}
