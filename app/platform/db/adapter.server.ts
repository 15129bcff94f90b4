// The Prisma driver adapter over node-postgres, used by the app and by the Prisma CLI (prisma.config.ts).
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";

const NAME_OID = 19;
const TEXT_OID = 25;

type FieldLike = { dataTypeID: number };
type ResultLike = { fields?: FieldLike[] };

/** Reports `name` columns as text: @prisma/adapter-pg cannot deserialize OID 19 (prisma/orm#27403), which breaks migrate. */
function nameColumnsAsText<T>(result: T): T {
  const fields = (result as ResultLike | undefined)?.fields;
  if (fields) for (const field of fields) if (field.dataTypeID === NAME_OID) field.dataTypeID = TEXT_OID;
  return result;
}

class LoyalistPgClient extends pg.Client {
  // pg's query() has many overloads; only the promise form is used by the adapter.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override query(...args: any[]): any {
    const last = args[args.length - 1];
    if (typeof last === "function") {
      // pg-pool calls query with a callback.
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      args[args.length - 1] = (err: unknown, res: any) => last(err, err ? res : nameColumnsAsText(res));
    }
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const result = (super.query as (...a: any[]) => any)(...args);
    if (result && typeof result.then === "function") return result.then(nameColumnsAsText);
    return result;
  }
}

/** Creates the pg pool every Prisma client and raw-SQL helper of this process shares. */
export function createPgPool(
  connectionString: string,
  max = 10,
  idleTimeoutMillis = 30_000,
  onIdleError: (error: Error) => void = (error) => process.stderr.write(`database connection lost while idle: ${error.message}\n`),
): pg.Pool {
  // allowExitOnIdle: idle connections never keep a CLI process (prisma migrate) alive.
  const pool = new pg.Pool({ connectionString, max, Client: LoyalistPgClient, idleTimeoutMillis, allowExitOnIdle: true });
  // An idle connection the server drops (a restart, a failover, a dropped test database) is an 'error' event on the
  // pool; unheard, Node would end the process. The pool discards that connection and opens a new one on demand.
  pool.on("error", onIdleError);
  return pool;
}

/** Creates a Prisma driver adapter factory for the given database URL or pool. */
export function createPrismaPgAdapter(urlOrPool: string | pg.Pool): PrismaPg {
  // A pool made here serves the Prisma CLI: short-lived, so idle connections close fast.
  const pool = typeof urlOrPool === "string" ? createPgPool(urlOrPool, 2, 1_000) : urlOrPool;
  return new PrismaPg(pool, { disposeExternalPool: typeof urlOrPool === "string" });
}
