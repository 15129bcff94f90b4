// GraphQL config for codegen and editors: Shopify's Admin API at the one version the app uses
// (app/platform/shopify/api-version.ts), read offline from @shopify/dev-mcp's copy of the schema.
// `npm run graphql-codegen` writes app/types/admin.generated.d.ts from the app's `#graphql` documents.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { buildClientSchema, printSchema, type IntrospectionQuery } from "graphql";
import { ApiType, pluckConfig, shopifyApiTypes } from "@shopify/api-codegen-preset";
import { ADMIN_API_VERSION } from "./app/platform/shopify/api-version";

/** Drops descriptions: the generated types stay a quarter of their size (Shopify's docs carry the text). */
function withoutDescriptions(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutDescriptions);
  if (!value || typeof value !== "object") return value;
  return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, key === "description" ? null : withoutDescriptions(v)]));
}

/** The Admin schema as SDL, from the introspection dump @shopify/dev-mcp ships for each version. */
export function adminSchemaSdl(version: string): string {
  // dev-mcp's "exports" hide its files from require.resolve: find the package directory instead.
  const require = createRequire(import.meta.url);
  const dir = (require.resolve.paths("@shopify/dev-mcp") ?? []).map((p) => path.join(p, "@shopify", "dev-mcp"))[0];
  const dump = JSON.parse(gunzipSync(readFileSync(path.join(dir, "dist", "data", `admin_${version}.json.gz`))).toString("utf8"));
  return printSchema(buildClientSchema(withoutDescriptions((dump as { data: IntrospectionQuery }).data) as IntrospectionQuery));
}

const schema = adminSchemaSdl(ADMIN_API_VERSION);
const documents = ["./app/**/*.{ts,tsx}", "!./app/types/**"];
const generates = shopifyApiTypes({ apiType: ApiType.Admin, apiVersion: ADMIN_API_VERSION, documents, outputDir: "./app/types" }) ?? {};

// The preset would also download the schema and write it to a file; it is already here, so that output goes.
const outputs = Object.fromEntries(
  Object.entries(generates)
    .filter(([file]) => !file.endsWith(".schema.json"))
    .map(([file, output]) => [file, { ...output, schema }]),
);

export default {
  schema,
  documents,
  extensions: { codegen: { pluckConfig, generates: outputs } },
};
