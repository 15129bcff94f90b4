// The UI extensions as the Shopify CLI reads them: each declares its targets for API 2026-07 or later with a
// module that exists, says the same things in the widget's four languages, and calls the app's own URL.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "smol-toml";
import { APP_URL } from "../../../extensions/shared/app-url";

const ROOT = path.resolve(__dirname, "../../..");
const EXTENSIONS = ["loyalist-account-profile", "loyalist-rewards-page", "loyalist-order-status", "loyalist-pos"];
const LOCALE_FILES = ["en.default.json", "zh-CN.json", "fi.json", "ar.json"];

type ExtensionToml = { api_version: string; extensions: { handle: string; type: string; targeting: { module: string; target: string }[] }[] };
const tomlOf = (name: string) => parse(fs.readFileSync(path.join(ROOT, "extensions", name, "shopify.extension.toml"), "utf8")) as unknown as ExtensionToml;

/** Every key path of a locale file, plural forms collapsed to their key (languages have different forms). */
function keys(file: string): string[] {
  const json = JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, unknown>;
  return Object.keys(json).sort();
}

describe.each(EXTENSIONS)("%s", (name) => {
  it("declares ui_extension targets for API 2026-07 or later, each module present, its handle the folder", () => {
    const toml = tomlOf(name);
    expect(toml.api_version >= "2026-07").toBe(true);
    expect(toml.extensions).toHaveLength(1);
    expect(toml.extensions[0]).toMatchObject({ handle: name, type: "ui_extension" });
    for (const { module } of toml.extensions[0].targeting) expect(fs.existsSync(path.join(ROOT, "extensions", name, module)), module).toBe(true);
  });

  it("has the same strings in en, zh-CN, fi and ar, with every plural form its language needs", () => {
    const dir = path.join(ROOT, "extensions", name, "locales");
    const english = keys(path.join(dir, "en.default.json"));
    for (const file of LOCALE_FILES) {
      expect(keys(path.join(dir, file)), file).toEqual(english);
      const json = JSON.parse(fs.readFileSync(path.join(dir, file), "utf8")) as Record<string, unknown>;
      const language = file.replace(/(\.default)?\.json$/, "");
      for (const [key, value] of Object.entries(json)) {
        if (typeof value === "string") continue;
        const forms = new Intl.PluralRules(language).resolvedOptions().pluralCategories;
        for (const form of forms) expect((value as Record<string, string>)[form], `${file} ${key}.${form}`).toBeTruthy();
      }
    }
  });
});

it("calls the app at shopify.app.toml's application_url", () => {
  const app = parse(fs.readFileSync(path.join(ROOT, "shopify.app.toml"), "utf8")) as { application_url: string };
  expect(APP_URL).toBe(app.application_url);
});

it("puts the full Rewards page alone in its extension (Shopify's rule for full-page targets)", () => {
  const targets = EXTENSIONS.flatMap((name) => tomlOf(name).extensions[0].targeting.map((t) => ({ name, target: t.target })));
  const page = targets.filter((t) => t.target === "customer-account.page.render");
  expect(page).toHaveLength(1);
  expect(targets.filter((t) => t.name === page[0].name)).toHaveLength(1);
});
