// Boot steps that run before the Remix build is loaded: environment, database, migrations.
// (Route modules connect to the database when imported, so DATABASE_URL must be final first.)
import { env } from "~/platform/env.server";
import { logger } from "~/platform/logger.server";
import { startEmbeddedDatabase, type EmbeddedDatabase } from "~/platform/db/embedded.server";
import { migrateDatabase } from "~/platform/db/migrate.server";

export type Database = { url: string; kind: "embedded" | "postgres"; stop: () => Promise<void> };

/** Starts the embedded database when DATABASE_URL is empty, migrates, and sets DATABASE_URL for the app. */
export async function prepareDatabase(root: string): Promise<Database> {
  const config = env();
  let embedded: EmbeddedDatabase | undefined;
  let url = config.DATABASE_URL;
  if (!url) {
    const started = Date.now();
    embedded = await startEmbeddedDatabase(config.DATA_DIR, 10);
    url = embedded.url;
    logger.info({ dataDir: config.DATA_DIR, ms: Date.now() - started }, "embedded PostgreSQL (PGlite) started");
  }
  process.env.DATABASE_URL = url;
  process.env.LOYALIST_DATABASE_KIND = embedded ? "embedded" : "postgres";
  const started = Date.now();
  const outcome = await migrateDatabase(url, root);
  logger.info({ ms: Date.now() - started, outcome }, "database schema ready");
  return { url, kind: embedded ? "embedded" : "postgres", stop: async () => embedded?.stop() };
}
