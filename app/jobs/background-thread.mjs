// Worker-thread entry: loads the built app and runs its background jobs here, so webhook processing
// uses the second core instead of the thread that answers HTTP. Started by server.ts.
import { parentPort, workerData } from "node:worker_threads";
import { pathToFileURL } from "node:url";

const build = await import(pathToFileURL(workerData.buildPath).href);
const entry = build.entry.module;
entry.announceShopStatusChangesWith((shop) => parentPort.postMessage({ shopStatusChanged: shop }));
entry.startBackgroundJobs();
parentPort.on("message", (message) => {
  if (message === "wake") entry.wakeWebhookWorker();
  if (message === "stop") {
    entry.stopBackgroundJobs().finally(() => parentPort.postMessage("stopped"));
  }
});
parentPort.postMessage("ready");
