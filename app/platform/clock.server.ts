// The one "now" of scheduled work. In production it is the real time; with LOYALIST_CONTROLLABLE_CLOCK=1
// (the sandbox and tests) it is the real time plus an offset kept in the database, so every app instance
// on that database sees the same moved clock and `advanceClock` moves them all at once.
import { connectDatabase } from "~/db.server";

/** True when the clock can be moved (sandbox and tests only; never on by default). */
export function clockIsControllable(): boolean {
  return process.env.LOYALIST_CONTROLLABLE_CLOCK === "1";
}

/** A transaction to read the offset in (Prisma's `tx`): inside one, a read on the pool would wait for a second connection. */
type ClockReader = { $queryRawUnsafe: <T = unknown>(query: string) => Promise<T> };

const OFFSET_SQL = `SELECT "offsetMs"::text AS "offsetMs" FROM "ControllableClock" WHERE id = 1`;

async function offsetMs(db?: ClockReader): Promise<number> {
  // The embedded database has one pooled connection: a transaction holding it must read through itself.
  const rows = db ? await db.$queryRawUnsafe<{ offsetMs: string }[]>(OFFSET_SQL) : (await connectDatabase().pool.query<{ offsetMs: string }>(OFFSET_SQL)).rows;
  return Number(rows[0]?.offsetMs ?? 0);
}

/** The current time for scheduled work. */
export async function now(db?: ClockReader): Promise<Date> {
  if (!clockIsControllable()) return new Date();
  return new Date(Date.now() + (await offsetMs(db)));
}

/** Moves the controllable clock forward by `ms` for every instance; refuses when the clock is the real one. */
export async function advanceClock(ms: number): Promise<Date> {
  if (!clockIsControllable()) throw new Error("advanceClock needs LOYALIST_CONTROLLABLE_CLOCK=1");
  if (!Number.isFinite(ms) || ms < 0) throw new Error("the clock only moves forward");
  await connectDatabase().pool.query(
    `INSERT INTO "ControllableClock" (id, "offsetMs") VALUES (1, $1)
     ON CONFLICT (id) DO UPDATE SET "offsetMs" = "ControllableClock"."offsetMs" + EXCLUDED."offsetMs"`,
    [Math.round(ms)],
  );
  return now();
}
