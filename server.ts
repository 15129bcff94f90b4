// Starts Loyalist: the database (embedded PGlite unless DATABASE_URL is set) and its migrations, then
// the HTTP server: webhook paths answered directly, everything else by Remix on Express; background jobs
// in a child process at lower CPU priority (in-process on the embedded database). `npm start` runs this
// after `npm run build`.
import "dotenv/config";
import path from "node:path";
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import os from "node:os";
import { fork, type ChildProcess } from "node:child_process";
import { fileURLToPath, pathToFileURL } from "node:url";
import express from "express";
import { createRequestHandler } from "@remix-run/express";
import type { LoaderFunction, ServerBuild } from "@remix-run/node";
import { prepareDatabase } from "./app/platform/boot.server";
import { env } from "./app/platform/env.server";
import { logger } from "./app/platform/logger.server";
import { requestIdFor, runInRequest } from "./app/platform/request-context";
import { isAdminPath, requestAdminLocale, type AdminLocale } from "./app/platform/admin-locale";

type LoyalistEntry = {
  startBackgroundJobs: () => void;
  stopBackgroundJobs: () => Promise<void>;
  forwardWakeUps: (send: (message: "wake" | "pressure") => void) => void;
  handleWebhookRequest: (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;
  handleMetricsRequest: (req: IncomingMessage, res: ServerResponse) => Promise<void>;
  directLoaderRoutes: (build: ServerBuild) => Map<string, LoaderFunction>;
  answerWithLoader: (loader: LoaderFunction, req: IncomingMessage, res: ServerResponse) => Promise<void>;
  observeRequest: (path: string, method: string, status: number, seconds: number) => void;
  applyForwardedCounts: (counts: unknown) => void;
  disconnectDatabase: () => Promise<void>;
  forgetShopStatus: (shop: string, options?: { announce?: boolean }) => void;
};

let stopping = false;
const root = path.dirname(fileURLToPath(import.meta.url));
const buildPath = path.join(root, "build/index.js");
const config = env();
const database = await prepareDatabase(root);
const build = (await import(pathToFileURL(buildPath).href)) as ServerBuild;
const entry = build.entry.module as unknown as LoyalistEntry;
// The storefront's GET reads go to their route's loader without Remix's routing (docs/decisions/042).
const directLoaders = entry.directLoaderRoutes(build);

// PGlite runs one transaction at a time and lives in this process: its jobs stay here too.
let jobs: ChildProcess | undefined;
if (database.kind === "embedded") {
  entry.startBackgroundJobs();
} else {
  jobs = fork(path.join(root, "app/platform/jobs/background-process.mjs"), [buildPath], { cwd: root, env: process.env });
  try {
    if (jobs.pid) os.setPriority(jobs.pid, 10);
  } catch (error) {
    logger.warn({ err: error }, "could not lower the background jobs' CPU priority");
  }
  jobs.on("exit", (code) => !stopping && logger.error({ code }, "background jobs process exited"));
  entry.forwardWakeUps((message) => jobs?.connected && jobs.send(message));
  // An uninstall or redaction processed by the jobs must not leave this process's cache stale.
  jobs.on("message", (m: { shopStatusChanged?: string; counts?: unknown }) => {
    if (m?.shopStatusChanged) entry.forgetShopStatus(m.shopStatusChanged, { announce: false });
    if (m?.counts) entry.applyForwardedCounts(m.counts);
  });
}

const app = express();
app.disable("x-powered-by");
app.use("/build", express.static(path.join(root, "public/build"), { immutable: true, maxAge: "1y" }));
app.use(express.static(path.join(root, "public"), { maxAge: "1h" }));
app.all("*", createRequestHandler({ build, mode: config.NODE_ENV === "development" ? "development" : "production" }));

// Webhooks are answered before Express and Remix: one HMAC, one JSON parse, one INSERT (npm run bench); the
// storefront's GET reads by their route's loader, without Remix's routing.
// Every request runs with a request id (X-Request-Id in and out, in every log line and error answer) and
// its duration is measured for /metrics.
function route(req: IncomingMessage, res: ServerResponse): void {
  if (req.url === "/metrics" || req.url?.startsWith("/metrics?")) {
    void entry.handleMetricsRequest(req, res).catch(() => app(req, res));
    return;
  }
  const loader = req.method === "GET" ? directLoaders.get((req.url ?? "").split("?")[0]) : undefined;
  if (loader) {
    entry.answerWithLoader(loader, req, res).catch((error: unknown) => {
      logger.error({ err: error }, "could not send a storefront answer");
      res.destroy();
    });
    return;
  }
  if (!req.url?.startsWith("/webhooks/")) return void app(req, res);
  entry.handleWebhookRequest(req, res).then(
    (handled) => handled || app(req, res),
    () => app(req, res),
  );
}
// The embedded admin's language: Shopify's `locale` parameter, remembered in a cookie for the session's later
// navigations and fetches (docs/decisions/036-admin-locales.md).
const secureCookies = config.SHOPIFY_APP_URL.startsWith("https:");
function adminLocale(req: IncomingMessage, res: ServerResponse): AdminLocale | undefined {
  const url = new URL(req.url ?? "/", "http://app.invalid");
  if (!isAdminPath(url.pathname)) return undefined;
  const { locale, remember } = requestAdminLocale(url, req.headers.cookie, { secure: secureCookies });
  if (remember) res.setHeader("Set-Cookie", remember);
  return locale;
}
const listener = http.createServer((req, res) => {
  const started = process.hrtime.bigint();
  const requestId = requestIdFor(req.headers["x-request-id"]);
  res.setHeader("X-Request-Id", requestId);
  res.once("finish", () => entry.observeRequest(req.url ?? "/", req.method ?? "GET", res.statusCode, Number(process.hrtime.bigint() - started) / 1e9));
  runInRequest(requestId, () => route(req, res), adminLocale(req, res));
});
listener.listen(config.PORT, "0.0.0.0", () => {
  const address = listener.address();
  const port = typeof address === "object" && address ? address.port : config.PORT;
  logger.info({ port, database: database.kind }, `Loyalist listening on http://localhost:${port}`);
  process.send?.({ ready: true, port });
});

async function stopJobs(): Promise<void> {
  if (!jobs) return entry.stopBackgroundJobs();
  const child = jobs;
  if (child.exitCode === null && child.connected) {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 10_000);
      child.once("exit", () => (clearTimeout(timer), resolve()));
      child.send("stop");
    });
  }
  if (child.exitCode === null) child.kill("SIGKILL");
  await entry.disconnectDatabase();
}

async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, "shutting down");
  listener.close();
  await stopJobs();
  await database.stop();
  process.exit(0);
}
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));
// Started by the sandbox or tests: never outlive the parent that started us.
process.on("disconnect", () => void shutdown("parent exited"));
