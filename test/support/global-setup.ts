// Vitest global setup for integration and browser tests: PostgreSQL must run; the migrated template
// database is created once (migrations run through the real `prisma migrate deploy`); the app is built.
import fs from "node:fs";
import path from "node:path";
import { migrateDatabase } from "../../app/platform/db/migrate.server";
import { assertPostgresRunning, createDatabase, databaseExists, databaseUrl, dropDatabase, templateName } from "./postgres";

export default async function setup(): Promise<void> {
  await assertPostgresRunning();
  const template = templateName();
  if (!(await databaseExists(template))) {
    const building = `${template}_building`;
    await dropDatabase(building);
    await createDatabase(building);
    await migrateDatabase(databaseUrl(building));
    await dropDatabase(template);
    const { default: pg } = await import("pg");
    const client = new pg.Client({ connectionString: databaseUrl("postgres") });
    await client.connect();
    await client.query(`ALTER DATABASE "${building}" RENAME TO "${template}"`);
    await client.end();
  }
  process.env.LOYALIST_TEMPLATE_DB = template;
  if (!fs.existsSync(path.join(process.cwd(), "build/index.js"))) {
    throw new Error("The app is not built: run `npm run build` (npm test does it for you).");
  }
}
