import { existsSync } from "node:fs";
/** Shopify's real Admin GraphQL schema (2026-10), loaded once from @shopify/dev-mcp's introspection dump. */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { buildClientSchema, isScalarType, type GraphQLSchema, type IntrospectionQuery } from "graphql";

export const ADMIN_API_VERSION = "2026-10";

interface AccessItem {
  type: "type" | "field";
  typeName: string;
  fieldName?: string;
  requiredAccess: string;
  offlineScopes: string[];
}
interface SchemaDump {
  data: IntrospectionQuery;
  offline_scopes?: { items: AccessItem[] };
}

/** Required access of a type ("Order") or field ("Mutation.tagsAdd"): any one of `scopes` grants it. */
export interface AccessRequirement {
  scopes: string[];
  text: string;
}

let dump: SchemaDump | undefined;
let schema: GraphQLSchema | undefined;
let access: Map<string, AccessRequirement> | undefined;

/** Path of the gzip introspection file of an Admin API version. */
export function adminSchemaPath(version: string = ADMIN_API_VERSION): string {
  // The package's "exports" hide package.json and have no require entry: find node_modules by walking up.
  const require = createRequire(import.meta.url);
  const candidates = (require.resolve.paths("@shopify/dev-mcp") ?? []).map((p) => path.join(p, "@shopify", "dev-mcp"));
  const dir = candidates.find((c) => existsSync(path.join(c, "dist", "data"))) ?? candidates[0];
  return path.join(dir, "dist", "data", `admin_${version}.json.gz`);
}

function loadDump(): SchemaDump {
  dump ??= JSON.parse(gunzipSync(readFileSync(adminSchemaPath())).toString("utf8")) as SchemaDump;
  return dump;
}

/** Shopify renders Decimal values without trailing zeros but with at least one decimal ("12.50" → "12.5", "5" → "5.0"). */
export function shopifyDecimal(value: unknown): string {
  const text = typeof value === "number" ? String(value) : String(value ?? "");
  if (!/^-?\d+(\.\d+)?$/.test(text)) return text;
  const [whole, fraction = ""] = text.split(".");
  return `${whole}.${fraction.replace(/0+$/, "") || "0"}`;
}

/** The 2026-10 Admin API schema (built on first call, about 0.5 s including gunzip and JSON parse, then cached for the process). */
export function loadAdminSchema(): GraphQLSchema {
  if (!schema) {
    schema = buildClientSchema(loadDump().data);
    const decimal = schema.getType("Decimal");
    if (isScalarType(decimal)) Object.assign(decimal, { serialize: shopifyDecimal });
  }
  return schema;
}

/** Access-scope requirements published with the schema, keyed by "Type" or "Type.field". */
export function loadAccessRequirements(): Map<string, AccessRequirement> {
  if (!access) {
    access = new Map();
    for (const item of loadDump().offline_scopes?.items ?? []) {
      if (item.offlineScopes.length === 0) continue;
      const key = item.type === "type" ? item.typeName : `${item.typeName}.${item.fieldName}`;
      access.set(key, { scopes: item.offlineScopes, text: item.requiredAccess });
    }
  }
  return access;
}
