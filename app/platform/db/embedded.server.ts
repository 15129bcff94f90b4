// The embedded default database: PGlite (PostgreSQL compiled to WASM) served on a loopback port,
// so the app, Prisma and the Prisma CLI talk to it exactly as they talk to a real server.
import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

export type EmbeddedDatabase = { url: string; stop: () => Promise<void> };

function takeLock(dataDir: string): string {
  const lockFile = path.join(dataDir, "loyalist.lock");
  try {
    fs.writeFileSync(lockFile, String(process.pid), { flag: "wx" });
  } catch {
    const holder = Number(fs.readFileSync(lockFile, "utf8"));
    let alive = false;
    try {
      if (holder && holder !== process.pid) {
        process.kill(holder, 0);
        alive = true;
      }
    } catch {
      alive = false;
    }
    if (alive) {
      throw new Error(`The embedded database in ${dataDir} is in use by process ${holder}. Stop it, or set DATABASE_URL.`);
    }
    fs.writeFileSync(lockFile, String(process.pid));
  }
  return lockFile;
}

/** Starts (creating on first use) the embedded database in `dataDir` and returns its connection URL. */
export async function startEmbeddedDatabase(dataDir: string, maxConnections: number): Promise<EmbeddedDatabase> {
  const dir = path.resolve(dataDir);
  fs.mkdirSync(dir, { recursive: true });
  const lockFile = takeLock(dir);
  const db = await PGlite.create({ dataDir: path.join(dir, "pglite") });
  // maxConnections defaults to 1: a second pooled connection would be reset.
  const server = new PGLiteSocketServer({ db, host: "127.0.0.1", port: 0, maxConnections: maxConnections + 4 });
  await server.start();
  const conn = server.getServerConn(); // "127.0.0.1:PORT"
  return {
    url: `postgresql://postgres:postgres@${conn}/postgres?sslmode=disable`,
    async stop() {
      await server.stop();
      await db.close();
      fs.rmSync(lockFile, { force: true });
    },
  };
}
