// Preloaded into a benchmarked child (NODE_OPTIONS=--import …; --cpu-prof itself is not allowed there):
// SIGUSR2 starts the V8 CPU profiler, the next SIGUSR2 stops it and writes
// $LOYALIST_CPU_PROFILE_DIR/<label>-<pid>-<n>.cpuprofile, so a profile covers exactly one measured window.
import fs from "node:fs";
import path from "node:path";
import { Session } from "node:inspector";

const dir = process.env.LOYALIST_CPU_PROFILE_DIR;
// The app's background-jobs child (the webhook worker) inherits the app's environment: its profiles are named
// jobs-<label>-…, apart from the app's own.
const jobs = (process.argv[1] ?? "").includes("background-process");
const label = `${jobs ? "jobs-" : ""}${process.env.LOYALIST_CPU_PROFILE_LABEL ?? "process"}`;

if (dir) {
  const session = new Session();
  session.connect();
  session.post("Profiler.enable");
  session.post("Profiler.setSamplingInterval", { interval: 500 });
  let running = false;
  let written = 0;

  const stop = () => {
    running = false;
    session.post("Profiler.stop", (error, result) => {
      if (error) return;
      written += 1;
      const file = path.join(dir, `${label}-${process.pid}-${written}.cpuprofile`);
      fs.writeFileSync(`${file}.tmp`, JSON.stringify(result.profile));
      fs.renameSync(`${file}.tmp`, file);
    });
  };

  process.on("SIGUSR2", () => {
    if (running) stop();
    else {
      running = true;
      session.post("Profiler.start");
    }
  });
}
