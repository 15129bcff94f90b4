#!/usr/bin/env node
// The admin's translations against English: every key of app/locales/en.json must exist in zh-CN.json, fi.json
// and ar.json with the same {placeholders}, and nothing else may be there. Other work adds English keys
// first; the admin shows English for a key a locale lacks, and this lists them to translate.
//
//   node scripts/locale-keys.mjs           prints what each locale lacks, differs in or has extra
//   node scripts/locale-keys.mjs --check   the same, and exits 1 when anything is listed
//   node scripts/locale-keys.mjs --json    the report as JSON (missing keys with their English text)
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../app/locales");
export const TRANSLATED = ["zh-CN", "fi", "ar"];

/** Every dotted key of a messages tree with its text. */
export function flatten(tree, prefix = "", out = new Map()) {
  for (const [key, value] of Object.entries(tree)) {
    const dotted = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(dotted, value);
    else if (value && typeof value === "object") flatten(value, dotted, out);
    else out.set(dotted, value);
  }
  return out;
}

const placeholders = (text) => [...new Set([...String(text).matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort();

// Plural forms (app/platform/i18n.ts): `key_other` is required; a language adds the forms it has (Arabic's
// zero, two, few, many) and leaves out those it has not (Chinese has no `_one`); a form may spell out {count}
// ("نقطة واحدة").
const PLURAL = /_(zero|one|two|few|many|other)$/;
const pluralBase = (key) => (PLURAL.test(key) ? key.replace(PLURAL, "") : null);
const withoutCount = (text) =>
  placeholders(text)
    .filter((p) => p !== "count")
    .join();

/** What `translated` lacks, has extra, or words with other placeholders than `english`. */
export function compare(english, translated) {
  const en = flatten(english);
  const other = flatten(translated);
  const isPlural = (k) => pluralBase(k) !== null && en.has(`${pluralBase(k)}_other`);
  const missing = [...en.keys()].filter(
    (k) => !(isPlural(k) && !k.endsWith("_other")) && (typeof other.get(k) !== "string" || (other.get(k).trim() === "" && String(en.get(k)).trim() !== "")),
  );
  const extra = [...other.keys()].filter((k) => !en.has(k) && !isPlural(k));
  const placeholderMismatch = [...other.keys()].filter((k) => {
    if (typeof other.get(k) !== "string") return false;
    if (isPlural(k)) return withoutCount(en.get(`${pluralBase(k)}_other`)) !== withoutCount(other.get(k));
    return en.has(k) && placeholders(en.get(k)).join() !== placeholders(other.get(k)).join();
  });
  return { missing, extra, placeholderMismatch };
}

const read = (locale) => JSON.parse(fs.readFileSync(path.join(DIR, `${locale}.json`), "utf8"));

export function report() {
  const english = read("en");
  const en = flatten(english);
  return Object.fromEntries(
    TRANSLATED.map((locale) => {
      const result = compare(english, read(locale));
      return [locale, { ...result, missing: result.missing.map((key) => ({ key, en: en.get(key) })) }];
    }),
  );
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const result = report();
  if (args.includes("--json")) {
    console.log(JSON.stringify(result, null, 2));
  } else {
    for (const [locale, { missing, extra, placeholderMismatch }] of Object.entries(result)) {
      console.log(`${locale}: ${missing.length} missing, ${placeholderMismatch.length} with other placeholders, ${extra.length} not in en.json`);
      for (const { key, en } of missing) console.log(`  missing  ${key}  (${JSON.stringify(en)})`);
      for (const key of placeholderMismatch) console.log(`  placeholders differ  ${key}`);
      for (const key of extra) console.log(`  extra  ${key}`);
    }
  }
  const problems = Object.values(result).some((r) => r.missing.length || r.extra.length || r.placeholderMismatch.length);
  if (args.includes("--check") && problems) process.exit(1);
}
