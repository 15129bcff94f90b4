/** Metafield view and the metafield/metafields fields every owner (HasMetafields) has. */
import { createHash } from "node:crypto";
import { gid } from "../../ids";
import type { MetafieldRecord } from "../../store/types";
import { connection, type ConnectionArgs } from "../connection";
import type { GqlContext, View } from "../context";

/** Shopify's digest of a metafield value, used by `compareDigest` in metafieldsSet. */
export function metafieldDigest(m: Pick<MetafieldRecord, "value" | "updatedAt">): string {
  return createHash("sha256").update(`${m.value}\u0000${m.updatedAt}`).digest("hex");
}

function jsonValue(m: MetafieldRecord): unknown {
  if (m.type === "number_integer" || m.type === "number_decimal") return Number(m.value);
  if (m.type === "boolean") return m.value === "true";
  if (m.type === "json" || m.type.startsWith("list.")) {
    try {
      return JSON.parse(m.value);
    } catch {
      return m.value;
    }
  }
  return m.value;
}

/** The Metafield view. */
export function metafieldView(m: MetafieldRecord): View {
  return {
    __typename: "Metafield",
    id: gid("Metafield", m.id),
    namespace: m.namespace,
    key: m.key,
    value: m.value,
    type: m.type,
    ownerType: m.ownerType,
    createdAt: m.createdAt,
    updatedAt: m.updatedAt,
    description: null,
    compareDigest: metafieldDigest(m),
    jsonValue: jsonValue(m),
  };
}

/** Namespace and key of a `metafield(namespace, key)` lookup ("ns.key" keys allowed; no namespace = the app's own). */
export function metafieldAddress(namespace: string | null | undefined, key: string): { namespace: string; key: string } {
  if (namespace) return { namespace, key };
  const dot = key.indexOf(".");
  return dot > 0 ? { namespace: key.slice(0, dot), key: key.slice(dot + 1) } : { namespace: "$app", key };
}

/** `metafield(namespace, key)` of an owner gid. */
export function ownerMetafield(ctx: GqlContext, ownerId: string, args: { namespace?: string | null; key: string }): View | null {
  const address = metafieldAddress(args.namespace, args.key);
  const found = ctx.data.metafields.find((m) => m.ownerId === ownerId && m.namespace === address.namespace && m.key === address.key);
  return found ? metafieldView(found) : null;
}

/** `metafields(first, namespace, keys)` connection of an owner gid. */
export function ownerMetafields(ctx: GqlContext, ownerId: string, args: ConnectionArgs & { namespace?: string | null; keys?: string[] | null }): View {
  const list = ctx.data.metafields.filter(
    (m) => m.ownerId === ownerId && (!args.namespace || m.namespace === args.namespace) && (!args.keys || args.keys.includes(`${m.namespace}.${m.key}`)),
  );
  return connection(list, args, (m) => m.id, metafieldView);
}
