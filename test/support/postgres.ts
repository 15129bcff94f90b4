// Test databases on the machine's real PostgreSQL: one migrated template, cloned per app instance.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";

export const ADMIN_DATABASE_URL = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

/** Fails with a readable message when PostgreSQL is not reachable. */
export async function assertPostgresRunning(): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_DATABASE_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
  } catch (error) {
    throw new Error(
      `PostgreSQL is not reachable at ${ADMIN_DATABASE_URL} (${(error as Error).message}).\n` +
        `The integration and browser tests need it. Start it with:\n` +
        `  pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start\n` +
        `or point TEST_POSTGRES_URL at a server where user postgres may create databases.`,
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** URL of database `name` on the test server. */
export function databaseUrl(name: string): string {
  const url = new URL(ADMIN_DATABASE_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

/** A name for the migrated template that changes whenever a migration changes. */
export function templateName(root = process.cwd()): string {
  const dir = path.join(root, "prisma/migrations");
  const hash = crypto.createHash("sha256");
  for (const name of fs.readdirSync(dir).sort()) {
    const file = path.join(dir, name, "migration.sql");
    if (fs.existsSync(file)) hash.update(name).update(fs.readFileSync(file));
  }
  return `loyalist_tpl_${hash.digest("hex").slice(0, 12)}`;
}

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_DATABASE_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** True when database `name` exists. */
export async function databaseExists(name: string): Promise<boolean> {
  return admin(async (c) => (await c.query("SELECT 1 FROM pg_database WHERE datname = $1", [name])).rowCount === 1);
}

/** Creates database `name`, optionally as a copy of `template`. */
export async function createDatabase(name: string, template?: string): Promise<string> {
  await admin((c) => c.query(`CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ""}`));
  return databaseUrl(name);
}

/** Drops database `name`, disconnecting anyone still on it. */
export async function dropDatabase(name: string): Promise<void> {
  await admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}

/** A fresh database cloned from the migrated template (fast: no migration run). */
export async function freshDatabase(prefix = "loyalist_t"): Promise<{ name: string; url: string }> {
  const name = `${prefix}_${crypto.randomBytes(5).toString("hex")}`;
  const url = await createDatabase(name, process.env.LOYALIST_TEMPLATE_DB ?? templateName());
  return { name, url };
}
