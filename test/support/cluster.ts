// Several Loyalist instances on one PostgreSQL database and one Redis, behind a real reverse proxy (nginx), with
// the Shopify emulator sending webhooks, the admin frame and app-proxy requests to the proxy. The returned
// sandbox's helpers (install, proxy, settle, the factories) go through the proxy like Shopify's traffic would.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { startEmulator } from "./emulator";
import { freePort, startTestApp, TEST_API_KEY, TEST_API_SECRET, type TestApp } from "./app-server";
import { dropDatabase, freshDatabase } from "./postgres";
import { startReverseProxy, type ReverseProxy } from "./reverse-proxy";
import { sandboxOver, type Sandbox } from "./sandbox";

export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

export type Cluster = Sandbox & {
  /** The instances behind the proxy (a stopped one stays in its place until started again). */
  readonly instances: TestApp[];
  readonly proxy: ReverseProxy;
  /** Stops instance `index` (`kill`: SIGKILL to it and its jobs process); the proxy sends its traffic to the others. */
  stopInstance(index: number, options?: { kill?: boolean }): Promise<void>;
  /** Starts instance `index` again on its port. */
  startInstance(index: number): Promise<void>;
};

export type ClusterOptions = {
  /** Instances behind the proxy (default 2). */
  instances?: number;
  /** Environment for every instance (REDIS_URL defaults to the test Redis; "" turns Redis off). */
  env?: Record<string, string>;
};

/** Starts the emulator, `instances` apps on one fresh database and one Redis key prefix, and nginx in front. */
export async function startCluster(options: ClusterOptions = {}): Promise<Cluster> {
  const count = options.instances ?? 2;
  const proxyPort = await freePort();
  const proxyUrl = `http://127.0.0.1:${proxyPort}`;
  const ports: number[] = [];
  for (let i = 0; i < count; i++) ports.push(await freePort());
  const emulator = await startEmulator({ apiKey: TEST_API_KEY, apiSecret: TEST_API_SECRET, appUrl: proxyUrl });
  const database = await freshDatabase();
  const env = { REDIS_URL: TEST_REDIS_URL, RATE_LIMIT_PREFIX: `test-${randomUUID()}`, ...options.env, SHOPIFY_APP_URL: proxyUrl };
  const start = (index: number) => startTestApp({ port: ports[index], emulatorUrl: emulator.url, databaseUrl: database.url, env, processGroup: true });
  // One at a time: the first runs the migrations, the others find them applied.
  const instances: TestApp[] = [];
  for (let i = 0; i < count; i++) instances.push(await start(i));
  const proxy = await startReverseProxy(ports, proxyPort);
  const db = new pg.Pool({ connectionString: database.url, max: 2 });
  const front: TestApp = {
    url: proxy.url,
    port: proxy.port,
    databaseUrl: database.url,
    dataDir: instances[0].dataDir,
    output: () => [...instances.map((app, i) => `--- instance ${i}\n${app.output()}`), `--- nginx\n${proxy.errors()}`].join("\n"),
    stop: async () => {},
  };
  const stopped = new Set<number>();
  const sandbox = sandboxOver({
    app: () => front,
    emulator,
    db,
    async restart({ kill = false, beforeStart } = {}) {
      for (let i = 0; i < count; i++) await instances[i].stop({ keepDatabase: true, kill });
      await beforeStart?.();
      for (let i = 0; i < count; i++) instances[i] = await start(i);
    },
    async stop() {
      await proxy.stop();
      for (const [i, app] of instances.entries()) if (!stopped.has(i)) await app.stop({ keepDatabase: true });
      await dropDatabase(database.name);
    },
  });
  return Object.assign(sandbox, {
    instances,
    proxy,
    async stopInstance(index: number, { kill = false } = {}) {
      stopped.add(index);
      await instances[index].stop({ keepDatabase: true, kill, withJobs: kill });
    },
    async startInstance(index: number) {
      instances[index] = await start(index);
      stopped.delete(index);
    },
  });
}
