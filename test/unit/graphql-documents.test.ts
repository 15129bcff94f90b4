// Every Admin GraphQL document in app/ must be valid against Shopify's real 2026-10 Admin schema.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse, validate } from "graphql";
import { loadAdminSchema } from "../support/emulator/graphql/schema";

function appFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return appFiles(full);
    return /\.(ts|tsx)$/.test(entry.name) ? [full] : [];
  });
}

/** Every template literal tagged with the `#graphql` marker, with where it was found. */
function graphqlDocuments(): { where: string; source: string }[] {
  const documents: { where: string; source: string }[] = [];
  for (const file of appFiles(path.resolve(__dirname, "../../app"))) {
    const text = fs.readFileSync(file, "utf8");
    for (const match of text.matchAll(/`#graphql([\s\S]*?)`/g)) {
      const line = text.slice(0, match.index).split("\n").length;
      documents.push({ where: `${path.relative(process.cwd(), file)}:${line}`, source: match[1] });
    }
  }
  return documents;
}

describe("Admin GraphQL documents", () => {
  const documents = graphqlDocuments();

  it("finds the app's documents", () => {
    expect(documents.length).toBeGreaterThanOrEqual(2);
  });

  it.each(documents.map((d) => [d.where, d.source]))("%s validates against Admin API 2026-10", (_where, source) => {
    const errors = validate(loadAdminSchema(), parse(source));
    expect(errors.map((e) => e.message)).toEqual([]);
  });

  it("rejects a document with a field the schema does not have (the check has teeth)", () => {
    const errors = validate(loadAdminSchema(), parse("query { shop { notARealField } }"));
    expect(errors.length).toBe(1);
  });
});
