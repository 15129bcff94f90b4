// Readiness (GET /readyz): whether this instance should get traffic now. Unlike /healthz (alive), it fails
// while the database does not answer or has migrations this code needs but the database lacks, so a load
// balancer keeps traffic away from an instance started against a database not yet migrated.
import path from "node:path";
import { connectDatabase } from "~/db.server";
import { pendingMigrations } from "~/platform/db/migrate.server";

/** A database that has not answered by then counts as unreachable. */
const DATABASE_TIMEOUT_MS = 2_000;

export type Readiness =
  | { ready: true; database: "ok"; pendingMigrations: [] }
  | { ready: false; database: "unreachable"; pendingMigrations: null }
  | { ready: false; database: "ok"; pendingMigrations: string[] };

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error("database timeout")), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export async function readiness(migrationsDir = path.join(process.cwd(), "prisma/migrations")): Promise<Readiness> {
  const { pool } = connectDatabase();
  let pending: string[];
  try {
    pending = await withTimeout(
      pendingMigrations((text) => pool.query(text), migrationsDir),
      DATABASE_TIMEOUT_MS,
    );
  } catch {
    return { ready: false, database: "unreachable", pendingMigrations: null };
  }
  return pending.length ? { ready: false, database: "ok", pendingMigrations: pending } : { ready: true, database: "ok", pendingMigrations: [] };
}
