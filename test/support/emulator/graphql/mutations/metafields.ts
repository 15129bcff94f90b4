/** metafieldsSet: validated, all-or-nothing upsert of metafields on any supported owner. */
import { nextId } from "../../ids";
import type { MetafieldRecord } from "../../store/types";
import type { GqlContext, UserErrorView } from "../context";
import { metafieldDigest, metafieldView } from "../views/metafield";
import { resolveNode } from "../views/node";

interface MetafieldsSetInput {
  ownerId: string;
  namespace?: string | null;
  key: string;
  type?: string | null;
  value: string;
  compareDigest?: string | null;
}

const OWNER_TYPES: Record<string, string> = {
  Customer: "CUSTOMER",
  Order: "ORDER",
  Product: "PRODUCT",
  ProductVariant: "PRODUCTVARIANT",
  Collection: "COLLECTION",
  Location: "LOCATION",
  Shop: "SHOP",
  DiscountCodeNode: "DISCOUNT",
  AppInstallation: "API_PERMISSION",
};

const VALUE_CHECKS: Record<string, { test: (v: string) => boolean; message: string }> = {
  number_integer: { test: (v) => /^-?\d+$/.test(v), message: "Value must be an integer." },
  number_decimal: { test: (v) => /^-?\d+(\.\d+)?$/.test(v), message: "Value must be a decimal." },
  boolean: { test: (v) => v === "true" || v === "false", message: "Value must be true or false." },
  json: {
    test: (v) => {
      try {
        JSON.parse(v);
        return true;
      } catch {
        return false;
      }
    },
    message: "Value is invalid JSON.",
  },
  date: { test: (v) => /^\d{4}-\d{2}-\d{2}$/.test(v), message: "Value must be in YYYY-MM-DD format." },
  date_time: { test: (v) => !Number.isNaN(Date.parse(v)), message: "Value must be in ISO 8601 format." },
  single_line_text_field: { test: (v) => !/[\r\n]/.test(v), message: "Value must be a single line text string." },
};

function check(ctx: GqlContext, m: MetafieldsSetInput, i: number, errors: UserErrorView[]): MetafieldRecord | undefined {
  const at = (field: string, message: string, code: string) => errors.push({ field: ["metafields", String(i), field], message, code, elementIndex: i });
  const typeName = m.ownerId.split("/")[3] ?? "";
  if (!OWNER_TYPES[typeName] || !resolveNode(ctx, m.ownerId)) at("ownerId", "Owner does not exist.", "INVALID");
  const namespace = m.namespace ?? "$app";
  if (namespace !== "$app" && namespace.length < 3) at("namespace", "Namespace is too short (minimum is 3 characters)", "TOO_SHORT");
  if (m.key.length < 2) at("key", "Key is too short (minimum is 2 characters)", "TOO_SHORT");
  if (!/^[a-zA-Z0-9_-]+$/.test(m.key)) at("key", "Key contains one or more invalid characters.", "INVALID");
  const existing = ctx.data.metafields.find((x) => x.ownerId === m.ownerId && x.namespace === namespace && x.key === m.key);
  const type = m.type ?? existing?.type;
  if (!type) at("type", "Type can't be blank.", "BLANK");
  else if (existing && m.type && existing.type !== m.type) at("type", `Type must be ${existing.type} to match the existing metafield.`, "INVALID_TYPE");
  else if (VALUE_CHECKS[type] && !VALUE_CHECKS[type].test(m.value)) at("value", VALUE_CHECKS[type].message, "INVALID_VALUE");
  if (m.compareDigest != null && (!existing || metafieldDigest(existing) !== m.compareDigest)) {
    at("compareDigest", "The resource has been updated since it was loaded. Try again with an updated `compareDigest` value.", "STALE_OBJECT");
  }
  return existing;
}

/** Mutation resolver: metafieldsSet. */
export const metafieldMutations = {
  metafieldsSet: (args: { metafields: MetafieldsSetInput[] }, ctx: GqlContext) => {
    if (args.metafields.length > 25) {
      return {
        metafields: null,
        userErrors: [
          { field: ["metafields"], message: "Exceeded the maximum metafields input limit of 25.", code: "LESS_THAN_OR_EQUAL_TO", elementIndex: null },
        ],
      };
    }
    const errors: UserErrorView[] = [];
    const existing = args.metafields.map((m, i) => check(ctx, m, i, errors));
    if (errors.length > 0) return { metafields: null, userErrors: errors };
    const now = ctx.now.toISOString();
    const saved = args.metafields.map((m, i) => {
      const record = existing[i];
      if (record) {
        Object.assign(record, { value: m.value, updatedAt: now });
        return record;
      }
      const created: MetafieldRecord = {
        id: nextId("metafield"),
        ownerId: m.ownerId,
        ownerType: OWNER_TYPES[m.ownerId.split("/")[3]],
        namespace: m.namespace ?? "$app",
        key: m.key,
        type: m.type ?? "single_line_text_field",
        value: m.value,
        createdAt: now,
        updatedAt: now,
      };
      ctx.data.metafields.push(created);
      return created;
    });
    return { metafields: saved.map(metafieldView), userErrors: [] };
  },
};
