// The storefront widget's theme app extension passes Shopify's own theme checks (the theme-app-extension
// config, which `shopify app deploy` applies), and its locales agree with each other.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { themeCheckRun } from "@shopify/theme-check-node";

const EXTENSION = path.resolve(__dirname, "../../extensions/loyalist-widget");

describe("theme app extension", () => {
  it("has no theme-check offences", async () => {
    const run = await themeCheckRun(EXTENSION, undefined, () => undefined);
    expect(run.theme.length).toBeGreaterThanOrEqual(9);
    // Checked as a theme app extension (the 10,000-byte script cap, among others), not as a theme.
    expect(run.config.checks.map((c) => c.meta.code)).toContain("AssetSizeAppBlockJavaScript");
    const offences = run.offenses.map((o) => `${path.relative(EXTENSION, new URL(o.uri).pathname)}:${o.start.line + 1} ${o.check}: ${o.message}`);
    expect(offences).toEqual([]);
  }, 120_000);

  it("translates every string into Simplified Chinese, Finnish and Arabic", () => {
    const keys = (file: string) => Object.keys(JSON.parse(fs.readFileSync(path.join(EXTENSION, "locales", file), "utf8")).loyalist).sort();
    const english = keys("en.default.json");
    for (const file of ["zh-CN.json", "fi.json", "ar.json"]) expect(keys(file), file).toEqual(english);
  });
});
