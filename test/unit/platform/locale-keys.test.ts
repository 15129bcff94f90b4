// Every admin string in every admin locale: scripts/locale-keys.mjs --check fails on a key of en.json that
// zh-CN, fi or ar lacks, on a translation with other {placeholders}, and on a key English does not have. After
// a merge adds English keys, this names them; translate them and it passes again.
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { compare, flatten } from "../../../scripts/locale-keys.mjs";

const SCRIPT = path.resolve(__dirname, "../../../scripts/locale-keys.mjs");
const run = promisify(execFile);

describe("locale-keys", () => {
  it("finds what a translation lacks, has extra or words with other placeholders", () => {
    const english = { a: { b: "Hello {name}", c: "Bye", empty: "" }, d: "{n} points" };
    const translated = { a: { b: "Hei {nimi}", empty: "" }, d: "{n} pistettä", e: "Ylimääräinen" };
    expect(compare(english, translated)).toEqual({ missing: ["a.c"], extra: ["e"], placeholderMismatch: ["a.b"] });
    expect([...flatten(english).keys()]).toEqual(["a.b", "a.c", "a.empty", "d"]);
  });

  it("lets a translation have the plural forms its language has, each with the other form's placeholders", () => {
    const english = { p_one: "{count} point for {who}", p_other: "{count} points for {who}" };
    // Arabic: no {count} in its "one" form, forms English lacks; Chinese: only "other"
    expect(compare(english, { p_one: "نقطة واحدة لـ {who}", p_two: "نقطتان لـ {who}", p_other: "{count} نقطة لـ {who}" })).toEqual({
      missing: [],
      extra: [],
      placeholderMismatch: [],
    });
    expect(compare(english, { p_other: "{count} 积分" })).toEqual({ missing: [], extra: [], placeholderMismatch: ["p_other"] });
    expect(compare(english, { p_one: "{count} piste {who}" })).toEqual({ missing: ["p_other"], extra: [], placeholderMismatch: [] });
  });

  it("passes for the admin's locales: every English key translated with the same placeholders", async () => {
    const { stdout } = await run(process.execPath, [SCRIPT, "--check"]);
    expect(stdout).toContain("zh-CN: 0 missing, 0 with other placeholders, 0 not in en.json");
    expect(stdout).toContain("fi: 0 missing, 0 with other placeholders, 0 not in en.json");
    expect(stdout).toContain("ar: 0 missing, 0 with other placeholders, 0 not in en.json");
  });
});
