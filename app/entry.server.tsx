// Remix server entry, as in Shopify's template, plus the background jobs server.ts starts.
import { PassThrough } from "node:stream";
import { renderToPipeableStream } from "react-dom/server";
import { RemixServer } from "@remix-run/react";
import { createReadableStreamFromReadable, type EntryContext } from "@remix-run/node";
import { isbot } from "isbot";
import { addDocumentResponseHeaders } from "./shopify.server";
import { startWebhookWorker, stopWebhookWorker } from "./jobs/webhook-worker.server";
import { disconnectDatabase } from "./db.server";
import { startOrderReconciliation, stopOrderReconciliation } from "./jobs/scheduler.server";
import { env } from "./env.server";
import { startRedemptionJobs } from "./jobs/redemption-jobs.server";

const ABORT_DELAY = 5_000;

/** Starts the webhook worker (called by server.ts once the database is ready). */
export function startBackgroundJobs(): void {
  startWebhookWorker(process.env.LOYALIST_DATABASE_KIND === "embedded" ? 1 : env().WEBHOOK_WORKERS);
  startOrderReconciliation(env().RECONCILE_INTERVAL_MINUTES * 60_000);
  startRedemptionJobs();
}

/** Stops background jobs and closes the database connections. */
export async function stopBackgroundJobs(): Promise<void> {
  stopOrderReconciliation();
  await stopWebhookWorker();
  await disconnectDatabase();
}

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
) {
  addDocumentResponseHeaders(request, responseHeaders);
  const callbackName = isbot(request.headers.get("user-agent") ?? "") ? "onAllReady" : "onShellReady";

  return new Promise((resolve, reject) => {
    const { pipe, abort } = renderToPipeableStream(<RemixServer context={remixContext} url={request.url} />, {
      [callbackName]: () => {
        const body = new PassThrough();
        const stream = createReadableStreamFromReadable(body);
        responseHeaders.set("Content-Type", "text/html");
        resolve(new Response(stream, { headers: responseHeaders, status: responseStatusCode }));
        pipe(body);
      },
      onShellError(error) {
        reject(error);
      },
      onError(error) {
        responseStatusCode = 500;
        // Logged by Remix's handleError; nothing more to do here.
        void error;
      },
    });
    setTimeout(abort, ABORT_DELAY);
  });
}
