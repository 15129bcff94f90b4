// The one Prisma client (and its pg pool), as in Shopify's template; nothing else constructs either.
import { PrismaClient } from "@prisma/client";
import type pg from "pg";
import { createPgPool, createPrismaPgAdapter } from "~/platform/db/adapter.server";
import { logger } from "~/platform/logger.server";

type Db = { prisma: PrismaClient; pool: pg.Pool };

declare global {
  var __loyalistDb: Db | undefined;
}

/**
 * PGlite is one session behind its socket server: two connections' extended-protocol messages can
 * interleave there ("bind message supplies 7 parameters, but prepared statement requires 4"), so the
 * embedded database gets exactly one connection. It runs one transaction at a time anyway.
 */
function defaultPoolSize(): number {
  return process.env.LOYALIST_DATABASE_KIND === "embedded" ? 1 : 10;
}

/** Connects the process to DATABASE_URL (set by server.ts, the embedded database's URL when none is given). */
export function connectDatabase(url = process.env.DATABASE_URL, poolSize = defaultPoolSize()): Db {
  if (globalThis.__loyalistDb) return globalThis.__loyalistDb;
  if (!url) throw new Error("DATABASE_URL is not set: start the app through server.ts, which starts the embedded database");
  const pool = createPgPool(url, poolSize, undefined, (error) => logger.warn({ err: error }, "database connection lost while idle; the pool reconnects"));
  const prisma = new PrismaClient({ adapter: createPrismaPgAdapter(pool) });
  globalThis.__loyalistDb = { prisma, pool };
  return globalThis.__loyalistDb;
}

/** Closes the Prisma client and its pool (shutdown and tests). */
export async function disconnectDatabase(): Promise<void> {
  const db = globalThis.__loyalistDb;
  globalThis.__loyalistDb = undefined;
  if (!db) return;
  await db.prisma.$disconnect();
  await db.pool.end().catch(() => undefined);
}

/** The shared Prisma client. */
const prisma: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, prop) {
    return Reflect.get(connectDatabase().prisma, prop);
  },
});

export default prisma;
