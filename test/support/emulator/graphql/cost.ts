/**
 * Query cost as Shopify estimates it, roughly: objects 1, scalars and enums 0, connections 2 plus `first`/`last` times
 * the cost of one node, mutations 10. The actual cost counts the objects actually returned.
 */
import {
  getNamedType,
  isInterfaceType,
  isLeafType,
  isObjectType,
  Kind,
  valueFromASTUntyped,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql";

export const MUTATION_COST = 10;

interface Env {
  schema: GraphQLSchema;
  fragments: Record<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
}

function pageSize(field: FieldNode, env: Env): number {
  for (const arg of field.arguments ?? []) {
    if (arg.name.value !== "first" && arg.name.value !== "last") continue;
    const value = valueFromASTUntyped(arg.value, env.variables);
    if (typeof value === "number") return value;
  }
  return 1;
}

function selectionCost(set: SelectionSetNode, parent: GraphQLNamedType | undefined, env: Env, connectionSize: number | null): number {
  let total = 0;
  for (const sel of set.selections) {
    if (sel.kind === Kind.INLINE_FRAGMENT) {
      const type = sel.typeCondition ? (env.schema.getType(sel.typeCondition.name.value) ?? undefined) : parent;
      total += selectionCost(sel.selectionSet, type, env, connectionSize);
      continue;
    }
    if (sel.kind === Kind.FRAGMENT_SPREAD) {
      const fragment = env.fragments[sel.name.value];
      if (fragment) total += selectionCost(fragment.selectionSet, env.schema.getType(fragment.typeCondition.name.value) ?? undefined, env, connectionSize);
      continue;
    }
    if (!parent || !(isObjectType(parent) || isInterfaceType(parent)) || !sel.selectionSet) continue;
    const field = parent.getFields()[sel.name.value];
    if (!field) continue;
    const named = getNamedType(field.type);
    if (isLeafType(named) || sel.name.value === "pageInfo") continue;
    if (connectionSize !== null && (sel.name.value === "edges" || sel.name.value === "nodes")) {
      const perItem = (sel.name.value === "nodes" ? 1 : 0) + selectionCost(sel.selectionSet, named, env, null);
      total += connectionSize * perItem;
    } else if (named.name.endsWith("Connection")) {
      total += 2 + selectionCost(sel.selectionSet, named, env, pageSize(sel, env));
    } else {
      total += 1 + selectionCost(sel.selectionSet, named, env, null);
    }
  }
  return total;
}

/** Requested (estimated) cost of an operation before it runs. */
export function requestedQueryCost(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
): number {
  if (operation.operation === "mutation") return MUTATION_COST * operation.selectionSet.selections.length;
  return Math.max(1, selectionCost(operation.selectionSet, schema.getQueryType() ?? undefined, { schema, fragments, variables }, null));
}

function countObjects(value: unknown, key: string): number {
  if (Array.isArray(value)) return value.reduce((sum: number, item) => sum + countObjects(item, key), 0);
  if (value === null || typeof value !== "object") return 0;
  const record = value as Record<string, unknown>;
  const own = key === "pageInfo" || key === "edges" ? 0 : "edges" in record || "nodes" in record ? 2 : 1;
  return Object.entries(record).reduce((sum, [k, v]) => sum + countObjects(v, k), own);
}

/** Actual cost of an executed operation, from the data it returned. */
export function actualQueryCost(operation: OperationDefinitionNode, data: Record<string, unknown> | null | undefined): number {
  if (operation.operation === "mutation") return MUTATION_COST * operation.selectionSet.selections.length;
  if (!data) return 0;
  return Math.max(
    1,
    Object.entries(data).reduce((sum, [k, v]) => sum + countObjects(v, k), 0),
  );
}
