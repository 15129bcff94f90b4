// Starts the built Loyalist app as a real child process (the production entry, server.ts) for tests,
// on its own fresh PostgreSQL database (or the embedded default when `database: "embedded"`).
import { fork, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { dropDatabase, freshDatabase } from "./postgres";

export const TEST_API_KEY = "loyalist-test-key";
export const TEST_API_SECRET = "loyalist-test-secret";

export type TestApp = {
  url: string;
  port: number;
  databaseUrl: string;
  /** The embedded database's directory (embedded mode). */
  dataDir: string;
  /** Output the app printed (for failure messages). */
  output: () => string;
  /**
   * Stops the app; `keepDatabase` leaves its database for a restart; `kill` simulates a crash of the server
   * (SIGKILL; its background-jobs process then stops on its own), `withJobs` the jobs process's crash too (its
   * claimed deliveries wait out their 60-second lease before another worker takes them).
   */
  stop: (options?: { keepDatabase?: boolean; kill?: boolean; withJobs?: boolean }) => Promise<void>;
};

export type TestAppOptions = {
  database?: "postgres" | "embedded";
  /** The Shopify emulator's origin (Admin API and token exchange go there). */
  emulatorUrl?: string;
  env?: Record<string, string>;
  /** Reuse an existing database (restart tests). */
  databaseUrl?: string;
  dataDir?: string;
  /** Port to listen on (default: a free one). */
  port?: number;
  /** Start it in its own process group, so that `stop({ kill: true, withJobs: true })` can crash its jobs process too. */
  processGroup?: boolean;
};

const root = path.resolve(__dirname, "../..");

/** Starts the app and resolves once it listens and /healthz answers 200. */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  let dbName: string | undefined;
  let url = options.databaseUrl ?? "";
  if (!url && options.database !== "embedded") {
    const db = await freshDatabase();
    dbName = db.name;
    url = db.url;
  }
  const dataDir = options.dataDir ?? (options.database === "embedded" ? fs.mkdtempSync(path.join(os.tmpdir(), "loyalist-pglite-")) : ".data");
  let output = "";
  const child: ChildProcess = fork(path.join(root, "server.ts"), [], {
    cwd: root,
    execArgv: ["--import", "tsx"],
    // Its own process group when asked, so that a simulated crash can kill the background-jobs process with it.
    detached: options.processGroup ?? false,
    stdio: ["ignore", "pipe", "pipe", "ipc"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(options.port ?? 0),
      SHOPIFY_API_KEY: TEST_API_KEY,
      SHOPIFY_API_SECRET: TEST_API_SECRET,
      SHOPIFY_APP_URL: `http://127.0.0.1:${options.port ?? 1}`,
      DATABASE_URL: url,
      DATA_DIR: dataDir,
      SHOPIFY_ADMIN_API_ORIGIN: options.emulatorUrl ?? "",
      APP_BRIDGE_URL: options.emulatorUrl ? `${options.emulatorUrl}/app-bridge.js` : "",
      LOG_LEVEL: process.env.LOYALIST_TEST_LOG_LEVEL ?? "warn",
      // Apps sharing one Redis (REDIS_URL) share rate-limit buckets only when a test means them to (cluster.ts).
      RATE_LIMIT_PREFIX: `test-${randomUUID()}`,
      ...options.env,
    },
  });
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));

  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`app did not start within 120 s:\n${output}`)), 120_000);
    child.on("message", (message: { ready?: boolean; port?: number }) => {
      if (message?.ready && message.port) {
        clearTimeout(timer);
        resolve(message.port);
      }
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`app exited with code ${code} before it was ready:\n${output}`));
    });
  });
  const base = `http://127.0.0.1:${port}`;
  const health = await fetch(`${base}/healthz`);
  if (health.status !== 200) throw new Error(`/healthz answered ${health.status}:\n${output}`);

  return {
    url: base,
    port,
    databaseUrl: url,
    dataDir,
    output: () => output,
    async stop({ keepDatabase = false, kill = false, withJobs = false } = {}) {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once("exit", resolve));
        if (kill && withJobs && options.processGroup && child.pid) process.kill(-child.pid, "SIGKILL");
        else child.kill(kill ? "SIGKILL" : "SIGTERM");
        await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
        if (child.exitCode === null) child.kill("SIGKILL");
      }
      if (keepDatabase) return;
      if (dbName && !options.databaseUrl) await dropDatabase(dbName);
      if (options.database === "embedded" && !options.dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A TCP port that was free a moment ago on 127.0.0.1. */
export async function freePort(): Promise<number> {
  const net = await import("node:net");
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
