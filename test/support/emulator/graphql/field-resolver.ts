/** The field resolver: reads view properties (calling function fields), enforces access scopes, and fills generic fields. */
import { getNamedType, GraphQLError, isObjectType, type GraphQLFieldResolver, type GraphQLResolveInfo } from "graphql";
import { parseGid } from "../ids";
import type { GqlContext } from "./context";
import type { AccessRequirement } from "./schema";
import { ownerMetafield, ownerMetafields } from "./views/metafield";

function denied(info: GraphQLResolveInfo, requirement: AccessRequirement): GraphQLError {
  return new GraphQLError(`Access denied for ${info.fieldName} field. Required access: ${requirement.text}`, {
    extensions: { code: "ACCESS_DENIED", documentation: "https://shopify.dev/api/usage/access-scopes", requiredAccess: requirement.text },
  });
}

function checkAccess(ctx: GqlContext, info: GraphQLResolveInfo, access: Map<string, AccessRequirement>): void {
  const fieldRequirement = access.get(`${info.parentType.name}.${info.fieldName}`);
  if (fieldRequirement && !fieldRequirement.scopes.some((s) => ctx.scopes.has(s))) throw denied(info, fieldRequirement);
  const type = getNamedType(info.returnType);
  const typeRequirement = isObjectType(type) ? access.get(type.name) : undefined;
  if (typeRequirement && !typeRequirement.scopes.some((s) => ctx.scopes.has(s))) throw denied(info, typeRequirement);
}

function fallback(source: Record<string, unknown>, args: Record<string, unknown>, ctx: GqlContext, info: GraphQLResolveInfo): unknown {
  const id = typeof source.id === "string" ? source.id : null;
  if (!id) return null;
  switch (info.fieldName) {
    case "legacyResourceId":
      return String(parseGid(id)?.id ?? "");
    case "metafield":
      return ownerMetafield(ctx, id, args as { namespace?: string | null; key: string });
    case "metafields":
      return ownerMetafields(ctx, id, args);
    default:
      return null;
  }
}

/** Builds the resolver used for every field of every type. */
export function makeFieldResolver(access: Map<string, AccessRequirement>): GraphQLFieldResolver<unknown, GqlContext> {
  return (source, args, ctx, info) => {
    if (ctx.enforceScopes) checkAccess(ctx, info, access);
    if (source === null || typeof source !== "object") return null;
    const record = source as Record<string, unknown>;
    const value = record[info.fieldName];
    if (typeof value === "function") return (value as (a: unknown, c: GqlContext, i: GraphQLResolveInfo) => unknown)(args, ctx, info);
    if (value !== undefined) return value;
    return fallback(record, args, ctx, info);
  };
}
