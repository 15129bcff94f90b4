// `npm test`: builds the app, then runs every suite (unit, integration on real PostgreSQL, browser).
// Integration and browser suites start the app and the Shopify emulator themselves.
import { spawnSync } from "node:child_process";
import fs from "node:fs";

function run(command: string, args: string[]): number {
  const result = spawnSync(command, args, { stdio: "inherit", env: process.env });
  return result.status ?? 1;
}

const report = ".cache/vitest-report.json";
const extra = process.argv.slice(2);
if (run("npm", ["run", "build", "--silent"]) !== 0) process.exit(1);
fs.mkdirSync(".cache", { recursive: true });
fs.rmSync(report, { force: true });
const status = run("npx", ["vitest", "run", "--reporter=default", "--reporter=json", `--outputFile.json=${report}`, ...extra]);

// One plain closing line CI can read whatever the runner: "Tests: N passed, N failed".
if (fs.existsSync(report)) {
  const summary = JSON.parse(fs.readFileSync(report, "utf8")) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    testResults: { name: string; status: string; message?: string }[];
  };
  const skipped = summary.numPendingTests ? `, ${summary.numPendingTests} skipped` : "";
  // A file can fail with every test passing (a hook or an unhandled error): name it, so the count never hides it.
  const failedFiles = summary.testResults.filter((file) => file.status === "failed");
  for (const file of failedFiles) process.stdout.write(`\nFailed file: ${file.name}${file.message ? `\n  ${file.message.split("\n")[0]}` : ""}`);
  const files = failedFiles.length ? `, ${failedFiles.length} file(s) failed` : "";
  const errors = status !== 0 && !summary.numFailedTests && !failedFiles.length ? " (the runner reported errors outside any test: see above)" : "";
  process.stdout.write(`\nTests: ${summary.numPassedTests} passed, ${summary.numFailedTests} failed${skipped}${files}${errors}\n`);
}
process.exit(status);
