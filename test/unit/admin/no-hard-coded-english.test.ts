// The admin's words live in app/locales (read with t()), so pages can be translated and reviewed in one place.
// This walks the TSX of admin routes and components and fails on English in JSX text, in the props Polaris
// shows to merchants (label, title, helpText, headings, ...) and in object fields with those names.
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "../../..");
const FILES = [
  ...fs
    .readdirSync(path.join(ROOT, "app/routes"))
    .filter((f) => /^app[.\w$-]*\.tsx$/.test(f))
    .map((f) => `app/routes/${f}`),
  ...fs
    .readdirSync(path.join(ROOT, "app/components"))
    .filter((f) => f.endsWith(".tsx"))
    .map((f) => `app/components/${f}`),
];

/** Props and fields whose text a merchant reads. */
const SHOWN = new Set([
  "label",
  "title",
  "subtitle",
  "helpText",
  "placeholder",
  "heading",
  "content",
  "accessibilityLabel",
  "headings",
  "directionLabel",
  "queryPlaceholder",
  "emptyText",
  "loadingLabel",
  "prefix",
  "suffix",
  "message",
  "tooltip",
  "text",
]);
const WORDS = /[A-Za-z]{2,}/;
/** Not prose: ids and URLs such as "gid://shopify/Collection/…" shown as an example format. */
const NOT_PROSE = /^[a-z][a-z+.-]*:\/\//;

/** The name of the prop or field a string literal is the value of (looking through arrays, ternaries and ??). */
function shownAs(node: ts.Node): string | undefined {
  for (let p: ts.Node = node.parent; p; p = p.parent) {
    if (ts.isCallExpression(p) || ts.isArrowFunction(p) || ts.isFunctionDeclaration(p) || ts.isJsxElement(p) || ts.isJsxSelfClosingElement(p)) return undefined;
    if (ts.isJsxAttribute(p)) return p.name.getText();
    if (ts.isPropertyAssignment(p)) return p.name.getText();
  }
  return undefined;
}

function findEnglish(file: string, text = fs.readFileSync(path.join(ROOT, file), "utf8")): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const at = (node: ts.Node) => `${file}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && WORDS.test(node.text)) found.push(`${at(node)} text ${JSON.stringify(node.text.trim())}`);
    if ((ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) && WORDS.test(node.text) && !NOT_PROSE.test(node.text)) {
      const prop = shownAs(node);
      if (prop && SHOWN.has(prop)) found.push(`${at(node)} ${prop}=${JSON.stringify(node.text)}`);
    }
    if (ts.isTemplateExpression(node) && WORDS.test(node.head.text + node.templateSpans.map((s) => s.literal.text).join(""))) {
      const prop = shownAs(node);
      if (prop && SHOWN.has(prop)) found.push(`${at(node)} ${prop}=${node.getText()}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

it("reads every admin route and component", () => {
  expect(FILES).toContain("app/routes/app.rewards.$id.tsx");
  expect(FILES).toContain("app/components/RouteErrorBoundary.tsx");
});

it("finds English in a page that has some (the check works)", () => {
  const page = `export default function P() {
    return <Page title="Rewards" primaryAction={{ content: \`Add \${n}\` }}><p>Hello there</p><DataTable headings={["Cause"]} /><p>{t("ok")}</p></Page>;
  }`;
  expect(findEnglish("probe.tsx", page).map((f) => f.split(" ")[1])).toEqual(['title="Rewards"', "content=`Add", "text", 'headings="Cause"']);
});

it("has no hard-coded English in admin pages and components: use t() and app/locales/en.json", () => {
  expect(FILES.flatMap((file) => findEnglish(file))).toEqual([]);
});
