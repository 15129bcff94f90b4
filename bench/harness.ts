// The test harness (test/support) loaded outside Vitest. app-server.ts finds the repository root with
// `__dirname`, which Vitest provides but Node's ES modules do not; a global of that name stands in for it
// until the harness uses import.meta instead.
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** Imports the sandbox, payload builders and emulator helpers, and prepares the migrated template database. */
export async function loadHarness() {
  const g = globalThis as { __dirname?: string };
  g.__dirname ??= path.join(root, "test/support");
  const [{ default: globalSetup }, sandbox, payloads, emulator, postgres] = await Promise.all([
    import("../test/support/global-setup"),
    import("../test/support/sandbox"),
    import("../test/support/shopify-payloads"),
    import("../test/support/emulator"),
    import("../test/support/postgres"),
  ]);
  const appServer = await import("../test/support/app-server");
  return { globalSetup, ...sandbox, ...payloads, ...emulator, ...postgres, ...appServer };
}

export type Harness = Awaited<ReturnType<typeof loadHarness>>;

/** The repository root. */
export const ROOT = root;
