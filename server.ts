// Starts Loyalist: the database (embedded PGlite unless DATABASE_URL is set) and its migrations, then
// the app on Express: webhook paths answered before Remix, everything else by Remix; background jobs
// in a worker thread (in-process on the embedded database). `npm start` runs this after `npm run build`.
import "dotenv/config";
import path from "node:path";
import type { IncomingMessage, ServerResponse } from "node:http";
import { Worker } from "node:worker_threads";
import { fileURLToPath, pathToFileURL } from "node:url";
import express from "express";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import { prepareDatabase } from "./app/boot.server";
import { env } from "./app/env.server";
import { logger } from "./app/logger.server";

type LoyalistEntry = {
  startBackgroundJobs: () => void;
  stopBackgroundJobs: () => Promise<void>;
  forwardWakeUps: (wake: () => void) => void;
  handleWebhookRequest: (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;
  disconnectDatabase: () => Promise<void>;
  forgetShopStatus: (shop: string, options?: { announce?: boolean }) => void;
};

const root = path.dirname(fileURLToPath(import.meta.url));
const buildPath = path.join(root, "build/index.js");
const config = env();
const database = await prepareDatabase(root);
const build = (await import(pathToFileURL(buildPath).href)) as ServerBuild;
const entry = build.entry.module as unknown as LoyalistEntry;

// PGlite runs one transaction at a time and lives in this process: its jobs stay here too.
let jobs: Worker | undefined;
if (database.kind === "embedded") {
  entry.startBackgroundJobs();
} else {
  jobs = new Worker(path.join(root, "app/jobs/background-thread.mjs"), { workerData: { buildPath } });
  jobs.on("error", (error) => logger.error({ err: error }, "background jobs thread failed"));
  entry.forwardWakeUps(() => jobs?.postMessage("wake"));
  // An uninstall or redaction processed in the jobs thread must not leave this thread's cache stale.
  jobs.on("message", (m: { shopStatusChanged?: string }) => m?.shopStatusChanged && entry.forgetShopStatus(m.shopStatusChanged, { announce: false }));
}

const server = express();
server.disable("x-powered-by");
server.use((req, res, next) => {
  if (!req.path.startsWith("/webhooks/")) return next();
  entry.handleWebhookRequest(req, res).then((handled) => handled || next(), next);
});
server.use("/build", express.static(path.join(root, "public/build"), { immutable: true, maxAge: "1y" }));
server.use(express.static(path.join(root, "public"), { maxAge: "1h" }));
server.all("*", createRequestHandler({ build, mode: config.NODE_ENV === "development" ? "development" : "production" }));

const listener = server.listen(config.PORT, "0.0.0.0", () => {
  const address = listener.address();
  const port = typeof address === "object" && address ? address.port : config.PORT;
  logger.info({ port, database: database.kind }, `Loyalist listening on http://localhost:${port}`);
  process.send?.({ ready: true, port });
});

async function stopJobs(): Promise<void> {
  if (!jobs) return entry.stopBackgroundJobs();
  const worker = jobs;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, 10_000);
    worker.once("message", (m) => m === "stopped" && (clearTimeout(timer), resolve()));
    worker.postMessage("stop");
  });
  await worker.terminate();
  await entry.disconnectDatabase();
}

let stopping = false;
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
