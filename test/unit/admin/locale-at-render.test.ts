// t() answers in the viewer's language only while a request (server) or the hydrated page (browser) is
// running: a t() call at a module's top level runs once, at import, in English for everyone. This walks app/
// and fails on any t() outside a function, so strings are looked up when rendering or handling a request.
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { expect, it } from "vitest";

const APP = path.resolve(__dirname, "../../../app");

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(file);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith(".d.ts") ? [file] : [];
  });
}

/** `file:line` of every call to `t(...)` that is not inside a function. */
function topLevelTranslations(file: string, text = fs.readFileSync(file, "utf8")): string[] {
  if (!/\bt\(/.test(text)) return [];
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: string[] = [];
  const visit = (node: ts.Node, insideFunction: boolean) => {
    const inside = insideFunction || ts.isFunctionLike(node);
    if (!inside && ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === "t") {
      found.push(`${path.relative(APP, file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`);
    }
    ts.forEachChild(node, (child) => visit(child, inside));
  };
  visit(source, false);
  return found;
}

it("finds top-level t() calls (the check itself)", () => {
  const sample = `import { t } from "~/platform/i18n";\nconst LABELS = [t("a.b")];\nexport const label = () => t("c.d");\nfunction f() { return t("e"); }`;
  expect(topLevelTranslations(path.join(APP, "sample.ts"), sample)).toEqual(["sample.ts:2"]);
});

it("looks up admin strings at render or request time, never at import", () => {
  const files = sources(APP);
  expect(files.length).toBeGreaterThan(100);
  expect(files.flatMap((file) => topLevelTranslations(file))).toEqual([]);
}, 60_000); // parses every file of app/: seconds on a busy machine
