// The webhook-ingest baseline: the least a correct receiver must do. node:http, verify the HMAC in constant
// time, insert the delivery into PostgreSQL once per webhook id, answer 200. No framework, no validation,
// no queue. Run as a child process (startBaselineServer) so it gets its own event loop, like the app.
import { fork, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import http from "node:http";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import pg from "pg";

const MAX_BODY_BYTES = 2 * 1024 * 1024;
const POOL_SIZE = 10; // the app's pool size (app/db.server.ts)

export const BASELINE_TABLE_SQL = `
  CREATE TABLE IF NOT EXISTS bench_baseline (
    webhook_id text PRIMARY KEY,
    shop_domain text NOT NULL,
    body jsonb NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now()
  )`;

function validHmac(body: Buffer, header: string, secret: string): boolean {
  const expected = crypto.createHmac("sha256", secret).update(body).digest();
  const given = Buffer.from(header, "base64");
  return given.length === expected.length && crypto.timingSafeEqual(given, expected);
}

function answer(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "Content-Type": "application/json; charset=utf-8", "Content-Length": Buffer.byteLength(text) });
  res.end(text);
}

async function serve(): Promise<void> {
  const secret = process.env.SHOPIFY_API_SECRET ?? "";
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: POOL_SIZE });
  await pool.query(BASELINE_TABLE_SQL);

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on("end", () => {
      if (req.method !== "POST") return answer(res, 405, { error: "method_not_allowed" });
      if (size > MAX_BODY_BYTES) return answer(res, 413, { error: "payload_too_large" });
      const body = Buffer.concat(chunks);
      const hmac = req.headers["x-shopify-hmac-sha256"];
      if (typeof hmac !== "string" || !validHmac(body, hmac, secret)) return answer(res, 401, { error: "invalid_hmac" });
      const webhookId = req.headers["x-shopify-webhook-id"];
      const shop = req.headers["x-shopify-shop-domain"];
      if (typeof webhookId !== "string" || !webhookId || typeof shop !== "string") return answer(res, 400, { error: "missing_headers" });
      pool
        .query("INSERT INTO bench_baseline (webhook_id, shop_domain, body) VALUES ($1, $2, $3::jsonb) ON CONFLICT (webhook_id) DO NOTHING", [
          webhookId,
          shop,
          body.toString("utf8"),
        ])
        .then((result) => answer(res, 200, { received: true, duplicate: result.rowCount === 0 }))
        .catch((error: Error) => answer(res, 400, { error: "not_recorded", message: error.message }));
    });
  });
  server.keepAliveTimeout = 65_000;
  server.listen(0, "127.0.0.1", () => {
    const address = server.address();
    process.send?.({ ready: true, port: typeof address === "object" && address ? address.port : 0 });
  });
  const stop = () => server.close(() => void pool.end().finally(() => process.exit(0)));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

export type BaselineServer = { url: string; pid: number | undefined; stop: () => Promise<void> };

/** Starts the baseline server as a child process on `databaseUrl`; resolves once it listens. */
export async function startBaselineServer(databaseUrl: string, secret: string, env: Record<string, string> = {}): Promise<BaselineServer> {
  const child: ChildProcess = fork(fileURLToPath(import.meta.url), [], {
    execArgv: ["--import", "tsx"],
    env: { ...process.env, ...env, DATABASE_URL: databaseUrl, SHOPIFY_API_SECRET: secret, LOYALIST_BENCH_BASELINE: "serve" },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("baseline server did not start within 30 s")), 30_000);
    child.on("message", (m: { ready?: boolean; port?: number }) => {
      if (m?.ready && m.port) {
        clearTimeout(timer);
        resolve(m.port);
      }
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`baseline server exited with code ${code}`));
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
      if (child.exitCode === null) child.kill("SIGKILL");
    },
  };
}

const isMain = process.argv[1] && pathToFileURL(path.resolve(process.argv[1])).href === import.meta.url;
if (isMain && process.env.LOYALIST_BENCH_BASELINE === "serve") await serve();
