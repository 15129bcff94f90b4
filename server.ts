// Starts Loyalist: the database (embedded PGlite unless DATABASE_URL is set) and its migrations, then
// the Remix app on Express with its background jobs. `npm start` runs this after `npm run build`.
import "dotenv/config";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import express from "express";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import { prepareDatabase } from "./app/boot.server";
import { env } from "./app/env.server";
import { logger } from "./app/logger.server";

type LoyalistEntry = { startBackgroundJobs: () => void; stopBackgroundJobs: () => Promise<void> };

const root = path.dirname(fileURLToPath(import.meta.url));
const config = env();
const database = await prepareDatabase(root);
const build = (await import(pathToFileURL(path.join(root, "build/index.js")).href)) as ServerBuild;
const entry = build.entry.module as unknown as LoyalistEntry;
entry.startBackgroundJobs();

const server = express();
server.disable("x-powered-by");
server.use("/build", express.static(path.join(root, "public/build"), { immutable: true, maxAge: "1y" }));
server.use(express.static(path.join(root, "public"), { maxAge: "1h" }));
server.all("*", createRequestHandler({ build, mode: config.NODE_ENV === "development" ? "development" : "production" }));

const listener = server.listen(config.PORT, "127.0.0.1" === process.env.HOST ? "127.0.0.1" : "0.0.0.0", () => {
  const address = listener.address();
  const port = typeof address === "object" && address ? address.port : config.PORT;
  logger.info({ port, database: database.kind }, `Loyalist listening on http://localhost:${port}`);
  process.send?.({ ready: true, port });
});

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, "shutting down");
  listener.close();
  await entry.stopBackgroundJobs();
  await database.stop();
  process.exit(0);
}
process.on("SIGINT", () => void shutdown("SIGINT"));
// Started by the sandbox or tests: never outlive the parent that started us.
process.on("disconnect", () => void shutdown("parent exited"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));
