/** flowTriggerReceive (checked against the app's trigger extensions, as Shopify does once they are deployed) and metafieldDefinitionCreate. */
import { nextId } from "../../ids";
import { readFlowExtensions, type FlowExtension } from "../../flow-extensions";
import type { GqlContext, UserErrorView } from "../context";

/** Shopify Flow's limit on a trigger's payload. */
export const FLOW_PAYLOAD_LIMIT_BYTES = 50_000;

let triggers: Map<string, FlowExtension> | undefined;
function triggerExtensions(): Map<string, FlowExtension> {
  triggers ??= new Map(
    readFlowExtensions()
      .filter((e) => e.type === "flow_trigger")
      .map((e) => [e.handle, e]),
  );
  return triggers;
}

function triggerErrors(handle: string | null | undefined, payload: unknown): UserErrorView[] {
  const extension = handle ? triggerExtensions().get(handle) : undefined;
  if (!extension) return [{ field: ["handle"], message: `Invalid handle '${handle ?? ""}'.` }];
  if (!payload || typeof payload !== "object" || Array.isArray(payload)) return [{ field: ["payload"], message: "Payload must be an object." }];
  const bytes = Buffer.byteLength(JSON.stringify(payload), "utf8");
  if (bytes > FLOW_PAYLOAD_LIMIT_BYTES)
    return [{ field: ["payload"], message: `Payload is too large (${bytes} bytes; the limit is ${FLOW_PAYLOAD_LIMIT_BYTES}).` }];
  const declared = new Set(extension.fields.map((f) => f.key));
  const given = Object.keys(payload);
  const unknown = given.filter((k) => !declared.has(k));
  if (unknown.length) return [{ field: ["payload"], message: `Unknown fields: ${unknown.join(", ")}.` }];
  const missing = [...declared].filter((k) => !given.includes(k));
  if (missing.length) return [{ field: ["payload"], message: `Missing fields: ${missing.join(", ")}.` }];
  return [];
}

interface DefinitionInput {
  namespace?: string | null;
  key: string;
  type: string;
  name: string;
  ownerType: string;
  access?: { admin?: string | null } | null;
}

/** Mutation resolvers: flowTriggerReceive, metafieldDefinitionCreate. */
export const flowMutations = {
  flowTriggerReceive: (args: { handle?: string | null; payload?: unknown; body?: string | null }, ctx: GqlContext) => {
    const userErrors = triggerErrors(args.handle, args.payload);
    if (userErrors.length) return { userErrors };
    const payload = args.payload as Record<string, unknown>;
    ctx.data.flowTriggers.push({ handle: args.handle!, payload, bytes: Buffer.byteLength(JSON.stringify(payload), "utf8"), receivedAt: ctx.now.toISOString() });
    return { userErrors: [] };
  },
  metafieldDefinitionCreate: (args: { definition: DefinitionInput }, ctx: GqlContext) => {
    const d = args.definition;
    const namespace = d.namespace ?? "$app";
    const fail = (field: string, message: string, code: string) => ({ createdDefinition: null, userErrors: [{ field: ["definition", field], message, code }] });
    if (d.key.length < 2 || d.key.length > 64) return fail("key", "Key must be 2-64 characters long.", d.key.length < 2 ? "TOO_SHORT" : "TOO_LONG");
    if (!/^[a-zA-Z0-9_-]+$/.test(d.key)) return fail("key", "Key contains one or more invalid characters.", "INVALID_CHARACTER");
    if (namespace !== "$app" && namespace.length < 3) return fail("namespace", "Namespace is too short (minimum is 3 characters)", "TOO_SHORT");
    if (d.access?.admin && !namespace.startsWith("$app"))
      return fail("access", "Admin access can only be specified for app-owned metafield definitions.", "ADMIN_ACCESS_INPUT_NOT_ALLOWED");
    const taken = ctx.data.metafieldDefinitions.some((x) => x.namespace === namespace && x.key === d.key && x.ownerType === d.ownerType);
    if (taken) return fail("key", "Key is in use for CUSTOMER metafields on the 'loyalist' namespace.", "TAKEN");
    const id = nextId("metafieldDefinition");
    ctx.data.metafieldDefinitions.push({
      id,
      namespace,
      key: d.key,
      ownerType: d.ownerType,
      type: d.type,
      name: d.name,
      input: d as unknown as Record<string, unknown>,
    });
    return { createdDefinition: { __typename: "MetafieldDefinition", id: `gid://shopify/MetafieldDefinition/${id}` }, userErrors: [] };
  },
};
