// A whole sandbox for integration and browser tests: the Shopify emulator and the built app wired
// together, with short helpers to install a shop, turn the program on and read what a shopper sees.
import pg from "pg";
import type { z } from "zod";
import type { homeActionSchema } from "~/program/home-form";
import { startEmulator, type Emulator } from "./emulator";
/** Shopify's auth refuses bots (isbot), and Node's fetch identifies as one; the admin is used from a browser. */
export const BROWSER_USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36";

import { freePort, startTestApp, TEST_API_KEY, TEST_API_SECRET, type TestApp, type TestAppOptions } from "./app-server";

/** The home's quick program form, its fields typed by the action's schema (a renamed field fails to compile). */
export type QuickProgramForm = { [K in keyof Extract<z.input<typeof homeActionSchema>, { intent: "program" }>]?: string };

export type Sandbox = {
  app: TestApp;
  emulator: Emulator;
  db: pg.Pool;
  /** Creates the shop in the emulator and installs Loyalist through the real embedded auth path. */
  install(shop: string, details?: { name?: string; currency?: string }): Promise<void>;
  /** Changes program settings through the admin home's quick program form (as the shop owner). */
  saveProgram(shop: string, form: QuickProgramForm): Promise<Response>;
  /** GET <proxy root>/<path> signed for `customerId` (null: a guest). */
  proxy(shop: string, path: string, customerId: string | number | null, init?: RequestInit & { query?: Record<string, string> }): Promise<Response>;
  /** Stops the app (or crashes it with `kill`) and starts it again on the same database and port. */
  restart(options?: { kill?: boolean; beforeStart?: () => Promise<void> }): Promise<void>;
  /** Waits until every recorded webhook delivery has been processed. */
  settle(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
};

/** Starts the emulator and the app (on real PostgreSQL unless told otherwise). */
export async function startSandbox(options: TestAppOptions = {}): Promise<Sandbox> {
  const port = options.port ?? (await freePort());
  const appUrl = `http://127.0.0.1:${port}`;
  const emulator = await startEmulator({ apiKey: TEST_API_KEY, apiSecret: TEST_API_SECRET, appUrl });
  let app = await startTestApp({ ...options, port, emulatorUrl: emulator.url });
  const firstApp = app;
  const db = new pg.Pool({ connectionString: app.databaseUrl || undefined, max: 2 });
  return sandboxOver({
    app: () => app,
    emulator,
    db,
    async restart({ kill = false, beforeStart } = {}) {
      await app.stop({ keepDatabase: true, kill });
      await beforeStart?.();
      app = await startTestApp({ ...options, port, emulatorUrl: emulator.url, databaseUrl: firstApp.databaseUrl || undefined, dataDir: firstApp.dataDir });
    },
    async stop() {
      await app.stop({ keepDatabase: app !== firstApp });
      if (app !== firstApp) await firstApp.stop();
    },
  });
}

/**
 * The sandbox's helpers over an emulator and whatever answers at `app().url` (one app, or a reverse proxy in
 * front of several: test/support/cluster.ts); `stop` stops the apps, then the pool and the emulator close.
 */
export function sandboxOver(parts: { app: () => TestApp; emulator: Emulator; db: pg.Pool; restart: Sandbox["restart"]; stop: () => Promise<void> }): Sandbox {
  const { emulator, db } = parts;
  const sandbox: Sandbox = {
    get app() {
      return parts.app();
    },
    emulator,
    db,
    async install(shop, details = {}) {
      emulator.installShop({ shop, name: details.name ?? shop.split(".")[0], currency: details.currency ?? "USD" });
      const response = await fetch(emulator.embeddedAppUrl(shop, "/app"), { headers: { "User-Agent": BROWSER_USER_AGENT } });
      if (response.status !== 200) throw new Error(`install of ${shop} answered ${response.status}: ${await response.text()}\n${sandbox.app.output()}`);
    },
    async saveProgram(shop, form) {
      return fetch(`${sandbox.app.url}/app?index`, {
        method: "POST",
        headers: {
          Authorization: `Bearer ${emulator.sessionToken(shop)}`,
          "Content-Type": "application/x-www-form-urlencoded",
          "User-Agent": BROWSER_USER_AGENT,
        },
        body: new URLSearchParams(form).toString(),
      });
    },
    async proxy(shop, path, customerId, init = {}) {
      const query = emulator.signProxyQuery({ shop, customerId: customerId === null ? null : String(customerId), extra: init.query });
      return fetch(`${sandbox.app.url}/proxy/${path}?${query}`, init);
    },
    async settle(timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const health = (await (await fetch(`${sandbox.app.url}/healthz`)).json()) as { pendingWebhooks: number };
        if (health.pendingWebhooks === 0) return;
        if (Date.now() > deadline)
          throw new Error(`${health.pendingWebhooks} webhook deliveries still unprocessed after ${timeoutMs} ms\n${sandbox.app.output()}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    restart: parts.restart,
    async stop() {
      await db.end();
      await parts.stop();
      await emulator.close();
    },
  };
  return sandbox;
}
