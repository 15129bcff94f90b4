// `npm test`: builds the app, then runs every suite (unit, integration on real PostgreSQL, browser).
// Integration and browser suites start the app and the Shopify emulator themselves.
import { spawnSync } from "node:child_process";

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, { stdio: "inherit", env: process.env });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const extra = process.argv.slice(2);
run("npm", ["run", "build", "--silent"]);
run("npx", ["vitest", "run", ...extra]);
