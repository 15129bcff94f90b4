// Background-jobs process: loads the built app and runs its background jobs (webhook worker, and the
// scheduler with its pg-boss workers: docs/decisions/008). server.ts forks it at a lower CPU priority, so under load the
// OS serves webhook answers first and processing follows within seconds. IPC: "wake", "pressure", "stop".
import { pathToFileURL } from "node:url";

const buildPath = process.argv[2];
const build = await import(pathToFileURL(buildPath).href);
const entry = build.entry.module;
entry.announceShopStatusChangesWith((shop) => process.send?.({ shopStatusChanged: shop }));
// Counters (webhooks processed, jobs failed, throttle waits) are served by the server's /metrics.
entry.forwardCountsWith((counts) => process.send?.({ counts }));
entry.startBackgroundJobs();
let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  entry.stopBackgroundJobs().finally(() => {
    entry.flushForwardedCounts();
    process.send?.("stopped");
    process.exit(0);
  });
};
process.on("message", (message) => {
  if (message === "wake") entry.wakeWebhookWorker();
  if (message === "pressure") entry.holdForBurst();
  if (message === "stop") stop();
});
// Never outlive the server that started us.
process.on("disconnect", stop);
process.on("SIGTERM", stop);
process.send?.("ready");
