// Builds the storefront widget (extensions/loyalist-widget/src) into the theme app extension's assets/:
// two minified ES2020 scripts and one minified stylesheet, then prints their gzip sizes against the budget
// (10 KB JS in total, 4 KB CSS, gzip). `--check` exits 1 when a budget is exceeded.
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { fileURLToPath } from "node:url";
import { build, stop } from "esbuild";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const extension = path.join(root, "extensions/loyalist-widget");
const assets = path.join(extension, "assets");
/** Budgets, gzip, for all scripts together and for the stylesheet; Shopify's theme check also caps each script referenced by a block at 10,000 bytes. */
const BUDGET = { js: 10 * 1024, css: 4 * 1024 };
/** Theme check's cap on each asset file (raw bytes), and the loader every page loads (gzip). */
const FILE_CAP = 10_000;
const LOADER_BUDGET = 2 * 1024;

fs.mkdirSync(assets, { recursive: true });
await build({
  // loyalist.js: the launcher, loaded by every block. When first needed it loads, side by side and run in order,
  // loyalist-app.js (store, panel, mounts, shared builders), loyalist-view.js (balance, rewards, codes) and
  // loyalist-extra.js (for you, ways to earn, referral, history): three files, each under theme check's cap.
  entryPoints: {
    loyalist: path.join(extension, "src/main.ts"),
    "loyalist-app": path.join(extension, "src/app.ts"),
    "loyalist-view": path.join(extension, "src/view.ts"),
    "loyalist-extra": path.join(extension, "src/extra.ts"),
  },
  outdir: assets,
  bundle: true,
  minify: true,
  format: "iife",
  target: ["es2020", "safari14"],
  legalComments: "none",
  tsconfigRaw: { compilerOptions: { useDefineForClassFields: false } },
  logLevel: "warning",
});
await build({
  entryPoints: { loyalist: path.join(extension, "src/widget.css") },
  outdir: assets,
  bundle: true,
  minify: true,
  target: ["chrome90", "safari14", "firefox90"],
  logLevel: "warning",
});

// Shut esbuild's service down before exiting: left running, it sometimes prints a goroutine dump at exit.
await stop();

let over = false;
for (const kind of ["js", "css"]) {
  let total = 0;
  for (const file of fs
    .readdirSync(assets)
    .filter((f) => f.endsWith(`.${kind}`))
    .sort()) {
    const bytes = fs.readFileSync(path.join(assets, file));
    const gzip = zlib.gzipSync(bytes, { level: 9 }).length;
    total += gzip;
    const tooBig = bytes.length > FILE_CAP;
    const loaderOver = file === "loyalist.js" && gzip >= LOADER_BUDGET;
    over ||= tooBig || loaderOver;
    process.stdout.write(
      `${file}: ${bytes.length} B, ${gzip} B gzip${tooBig ? `  OVER THE ${FILE_CAP} B FILE CAP` : ""}${loaderOver ? `  LOADER OVER ${LOADER_BUDGET} B` : ""}\n`,
    );
  }
  const budget = BUDGET[kind];
  over ||= total > budget;
  process.stdout.write(`${kind} total: ${total} B gzip (budget ${budget} B)${total > budget ? "  OVER BUDGET" : ""}\n`);
}
if (over && process.argv.includes("--check")) process.exit(1);
