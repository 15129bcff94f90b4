// The committed Admin API types (app/types/*.d.ts) are exactly what codegen makes from today's documents and
// schema version: a changed `#graphql` document without `npm run graphql-codegen` fails here.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { generate } from "@graphql-codegen/cli";
import config from "../../.graphqlrc";

const root = path.resolve(__dirname, "../..");

describe("generated Admin API types", () => {
  it("match a fresh codegen run (run `npm run graphql-codegen` after changing a document)", { timeout: 240_000 }, async () => {
    // GIVEN the project's codegen config WHEN codegen runs in memory
    // Shopify's pluckConfig has its own shape, which codegen's Config type does not describe.
    const options = { ...config.extensions.codegen, cwd: root, silent: true } as unknown as Parameters<typeof generate>[0];
    const outputs = (await generate(options, false)) as { filename: string; content: string }[];
    // THEN it writes the two declaration files, each identical to the committed one
    expect(outputs.map((o) => path.relative(root, path.resolve(root, o.filename))).sort()).toEqual([
      "app/types/admin.generated.d.ts",
      "app/types/admin.types.d.ts",
    ]);
    for (const output of outputs) {
      const committed = fs.readFileSync(path.resolve(root, output.filename), "utf8");
      expect(output.content === committed, `${output.filename} is out of date`).toBe(true);
    }
  });

  it("types every document of the app (the generated map names each operation)", () => {
    const generated = fs.readFileSync(path.join(root, "app/types/admin.generated.d.ts"), "utf8");
    for (const name of ["LoyalistShopDetails", "LoyalistOrderForEarning", "LoyalistRewardBasicCode", "LoyalistProgramMetafield"]) {
      expect(generated).toMatch(new RegExp(`export type ${name}(Query|Mutation) =`));
    }
  });
});
