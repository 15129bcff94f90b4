// Transactions of raw SQL on the pg pool, for the webhook worker's batch path (docs/decisions/043). Prisma's
// client engine compiles every statement, raw ones too, and carries each parameter through its query compiler:
// on a batch of 100 orders (arrays of 100 snapshots of a few KiB) that was about half the worker's CPU. The
// same tagged templates (`Prisma.sql`, `tx.$queryRaw\`…\``) run here as one pg query each, and read back as
// Prisma's raw queries read: bigint as BigInt, numeric as Decimal, `timestamp` and `date` columns (UTC without a
// zone) as Dates in UTC whatever the process's time zone. A Prisma transaction client satisfies the same type,
// so code written against `SqlTx` runs in either.
import { Prisma } from "@prisma/client";
import pg from "pg";
import { connectDatabase } from "~/db.server";

/** The raw half of a Prisma transaction client: what both a Prisma and a raw-SQL transaction offer. */
export interface SqlTx {
  $queryRaw<T = unknown>(query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]): Promise<T>;
  $executeRaw(query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]): Promise<number>;
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T>;
  $executeRawUnsafe(query: string, ...values: unknown[]): Promise<number>;
}

const TIMESTAMP = 1114;
const DATE = 1082;
const INT8 = 20;
const NUMERIC = 1700;

/** `2026-12-03 12:00:00.123` (a `timestamp` column, UTC by this app's convention) as that instant. */
const utcTimestamp = (text: string): Date => new Date(`${text.replace(" ", "T")}Z`);

function typeParser(oid: number, format?: string): (value: string) => unknown {
  if (oid === TIMESTAMP) return utcTimestamp;
  if (oid === DATE) return (text) => new Date(`${text}T00:00:00Z`);
  if (oid === INT8) return (text) => BigInt(text);
  if (oid === NUMERIC) return (text) => new Prisma.Decimal(text);
  return defaultParser(oid, format);
}

/** node-postgres's own parsers (json, arrays, booleans, integers…), as every other pg query of the app reads them. */
function defaultParser(oid: number, format?: string): (value: string) => unknown {
  return pg.types.getTypeParser(oid, (format ?? "text") as "text");
}

const TYPES: pg.CustomTypesConfig = { getTypeParser: typeParser as pg.CustomTypesConfig["getTypeParser"] };

/** A parameter as Prisma sends it: instants as ISO-8601 UTC, bigints and decimals as text, arrays element by element. */
function parameter(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "bigint") return value.toString();
  if (Prisma.Decimal.isDecimal(value)) return (value as Prisma.Decimal).toString();
  if (Array.isArray(value)) return value.map(parameter);
  return value;
}

/** A tagged template's strings (they carry `raw`), or a `Prisma.sql` fragment already built. */
function statement(query: TemplateStringsArray | Prisma.Sql, values: unknown[]): Prisma.Sql {
  return Array.isArray(query) && "raw" in query ? Prisma.sql(query as TemplateStringsArray, ...values) : (query as Prisma.Sql);
}

function facade(client: pg.PoolClient): SqlTx {
  const run = (text: string, values: readonly unknown[]) => client.query({ text, values: values.map(parameter), types: TYPES });
  return {
    async $queryRaw<T>(query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]) {
      const sql = statement(query, values);
      return (await run(sql.text, sql.values)).rows as T;
    },
    async $executeRaw(query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]) {
      const sql = statement(query, values);
      return (await run(sql.text, sql.values)).rowCount ?? 0;
    },
    async $queryRawUnsafe<T>(text: string, ...values: unknown[]) {
      return (await run(text, values)).rows as T;
    },
    async $executeRawUnsafe(text: string, ...values: unknown[]) {
      return (await run(text, values)).rowCount ?? 0;
    },
  };
}

/**
 * Runs `work` in one transaction on a pooled connection: committed when it returns, rolled back when it throws
 * (the error is rethrown). Statements past `timeoutMs` are cancelled, as Prisma's transaction timeout would.
 */
export async function sqlTransaction<T>(work: (tx: SqlTx) => Promise<T>, { timeoutMs = 30_000 } = {}): Promise<T> {
  const client = await connectDatabase().pool.connect();
  let broken: Error | undefined;
  try {
    await client.query(`BEGIN; SET LOCAL statement_timeout = ${Math.max(1, Math.floor(timeoutMs))}`);
    const result = await work(facade(client));
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch((rollbackError: Error) => (broken = rollbackError));
    throw error;
  } finally {
    // A connection whose rollback failed is in an unknown state: the pool drops it.
    client.release(broken);
  }
}
