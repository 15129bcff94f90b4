// Background-jobs process: loads the built app and runs its background jobs (webhook worker,
// reconciliation, redemption upkeep). server.ts forks it at a lower CPU priority, so under load the
// OS serves webhook answers first and processing follows within seconds. IPC: "wake", "pressure", "stop".
import { pathToFileURL } from "node:url";

const buildPath = process.argv[2];
const build = await import(pathToFileURL(buildPath).href);
const entry = build.entry.module;
entry.announceShopStatusChangesWith((shop) => process.send?.({ shopStatusChanged: shop }));
entry.startBackgroundJobs();
let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  entry.stopBackgroundJobs().finally(() => {
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
