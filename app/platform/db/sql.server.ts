// Plain SQL reads for hot paths (docs/decisions/042-storefront-reads-in-plain-sql.md). Prisma's client engine
// compiles every query it runs (no plan cache in 6.x): about half a millisecond of CPU each, which on the
// storefront's member answer was half its time. Reads written here skip that compile: on the shared client
// they go straight to the pg pool; inside a transaction they go through it, so they see its writes and locks.
import prisma, { connectDatabase } from "~/db.server";
import type { SqlTx } from "~/platform/db/raw-transaction.server";

/** The shared client or a transaction (Prisma's or a raw-SQL one): what every read of a capability already takes. */
export type Db = SqlTx | typeof prisma;

/**
 * Runs one parameterised SELECT and returns its rows. Timestamps must be selected with `isoTimestamp` and
 * compared with `utcParam` placeholders, so neither depends on the process's or the session's time zone.
 */
export async function selectRows<T>(db: Db, text: string, values: readonly unknown[] = []): Promise<T[]> {
  if (db === prisma) return (await connectDatabase().pool.query(text, values as unknown[])).rows as T[];
  return (db as SqlTx).$queryRawUnsafe<T[]>(text, ...values);
}

/**
 * A `timestamp` column (or expression) read as ISO-8601 UTC text for `new Date()`: the columns hold UTC without a
 * zone, which node-postgres would read in the process's local time and Prisma's adapter, as a `timestamptz`, in
 * the session's without its offset. Text is read the same everywhere. `isoTimestamp('"occurredAt"')`.
 */
export function isoTimestamp(column: string): string {
  return `to_char(${column}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}

/** A placeholder for a Date compared with a `timestamp` column: the value goes as ISO text (`utcValue`). */
export function utcParam(position: number): string {
  return `($${position}::timestamptz AT TIME ZONE 'UTC')`;
}

/** The value for a `utcParam` placeholder. */
export function utcValue(date: Date): string {
  return date.toISOString();
}

/** A SUM or COUNT read back as a number: node-postgres gives int8 and numeric as text, Prisma as bigint. */
export function count(value: string | number | bigint | null | undefined): number {
  return value === null || value === undefined ? 0 : Number(value);
}
