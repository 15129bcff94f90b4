// Applies prisma/migrations with the Prisma CLI (`migrate deploy`, offline via scripts/prisma.mjs).
// The CLI takes ~10 s to exit even with nothing to do, so an up-to-date database is detected first.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";

type Query = (text: string) => Promise<{ rows: Record<string, unknown>[] }>;

/** The migrations in `migrationsDir` that the database has not applied (all of them on an empty database). */
export async function pendingMigrations(query: Query, migrationsDir: string): Promise<string[]> {
  const wanted = fs
    .readdirSync(migrationsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
  const exists = await query(`SELECT to_regclass('public._prisma_migrations') IS NOT NULL AS present`);
  if (!exists.rows[0]?.present) return wanted;
  const applied = await query(`SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`);
  const done = new Set(applied.rows.map((r) => String(r.migration_name)));
  return wanted.filter((name) => !done.has(name));
}

/** True when every migration in `migrationsDir` is recorded as applied in the database. */
export async function isDatabaseUpToDate(databaseUrl: string, migrationsDir: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await pendingMigrations((text) => client.query(text), migrationsDir)).length === 0;
  } finally {
    await client.end();
  }
}

function runPrismaMigrateDeploy(databaseUrl: string, cwd: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(cwd, "scripts/prisma.mjs"), "migrate", "deploy"], {
      cwd,
      env: { ...process.env, DATABASE_URL: databaseUrl },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve() : reject(new Error(`prisma migrate deploy failed:\n${output}`))));
  });
}

/** Brings the database at `databaseUrl` up to the latest migration; rejects with the CLI's output on failure. */
export async function migrateDatabase(databaseUrl: string, cwd = process.cwd()): Promise<"up_to_date" | "migrated"> {
  if (await isDatabaseUpToDate(databaseUrl, path.join(cwd, "prisma/migrations"))) return "up_to_date";
  await runPrismaMigrateDeploy(databaseUrl, cwd);
  return "migrated";
}
