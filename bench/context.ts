// What every benchmark section receives from bench/run.ts: the test harness, a logger, the environment for
// the processes it starts (profiling), and a place to register clean-up that runs even on failure or ^C.
import path from "node:path";
import type { Harness } from "./harness";

export type BenchContext = {
  harness: Harness;
  /** Progress line on stderr (the report goes to stdout). */
  log: (message: string) => void;
  /** Where CPU profiles go when --cpu-prof is on, else null. */
  profileDir: string | null;
  /** Environment for a benchmarked child process: with profiling on, preloads bench/cpu-profiler.mjs. */
  childEnv: (label: string) => Record<string, string>;
  /** Registers a clean-up step; steps run last-registered first. */
  onCleanup: (step: () => Promise<void> | void) => void;
};

const PROFILER = path.join(path.dirname(new URL(import.meta.url).pathname), "cpu-profiler.mjs");

/** A context plus the function that runs its clean-up steps. */
export function createContext(harness: Harness, profileDir: string | null) {
  const steps: Array<() => Promise<void> | void> = [];
  const started = Date.now();
  const context: BenchContext = {
    harness,
    profileDir,
    childEnv: (label): Record<string, string> =>
      profileDir
        ? {
            NODE_OPTIONS: [process.env.NODE_OPTIONS ?? "", `--import=${PROFILER}`].join(" ").trim(),
            LOYALIST_CPU_PROFILE_DIR: profileDir,
            LOYALIST_CPU_PROFILE_LABEL: label,
          }
        : {},
    log: (message) => process.stderr.write(`[bench +${((Date.now() - started) / 1000).toFixed(1)}s] ${message}\n`),
    onCleanup: (step) => void steps.push(step),
  };
  const cleanup = async () => {
    for (const step of steps.splice(0).reverse()) {
      try {
        await step();
      } catch (error) {
        process.stderr.write(`[bench] clean-up step failed: ${(error as Error).message}\n`);
      }
    }
  };
  return { context, cleanup };
}
