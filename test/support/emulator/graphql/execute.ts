/** Runs an Admin GraphQL request: parse, validate (graphql-js), cost and throttle, execute against the real schema. */
import {
  execute,
  getOperationAST,
  GraphQLError,
  Kind,
  parse,
  validate,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLFormattedError,
  type OperationDefinitionNode,
} from "graphql";
import type { GqlContext } from "./context";
import { actualQueryCost, requestedQueryCost } from "./cost";
import { makeFieldResolver } from "./field-resolver";
import { bulkMutations } from "./mutations/bulk";
import { customerMutations } from "./mutations/customers";
import { discountMutations } from "./mutations/discounts";
import { flowMutations } from "./mutations/flow";
import { metafieldMutations } from "./mutations/metafields";
import { storeCreditMutations } from "./mutations/store-credit";
import { queryRoot } from "./query-root";
import { loadAccessRequirements, loadAdminSchema } from "./schema";
import type { LeakyBucket, ThrottleStatus } from "./throttle";

export const MAX_QUERY_COST = 1000;

export interface GraphqlRequestBody {
  query?: unknown;
  variables?: unknown;
  operationName?: unknown;
}

export interface CostExtension {
  requestedQueryCost: number;
  actualQueryCost: number | null;
  throttleStatus: ThrottleStatus;
}

export interface GraphqlResponseBody {
  data?: Record<string, unknown> | null;
  errors?: GraphQLFormattedError[];
  extensions?: { cost?: CostExtension; search?: unknown };
}

/** A parsed, validated request, ready to run (or already answered with errors). */
export type GraphqlPlan =
  | {
      ok: true;
      document: DocumentNode;
      operation: OperationDefinitionNode;
      rootFields: string[];
      variables: Record<string, unknown>;
      operationName: string | null;
    }
  | { ok: false; body: GraphqlResponseBody; rootFields: string[] };

const mutationRoot = { ...bulkMutations, ...discountMutations, ...customerMutations, ...metafieldMutations, ...storeCreditMutations, ...flowMutations };

let fieldResolver: ReturnType<typeof makeFieldResolver> | undefined;

function fragmentsOf(document: DocumentNode): Record<string, FragmentDefinitionNode> {
  const out: Record<string, FragmentDefinitionNode> = {};
  for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) out[def.name.value] = def;
  return out;
}

function rootFieldNames(operation: OperationDefinitionNode, fragments: Record<string, FragmentDefinitionNode>): string[] {
  const names: string[] = [];
  const walk = (selections: OperationDefinitionNode["selectionSet"]["selections"]) => {
    for (const sel of selections) {
      if (sel.kind === Kind.FIELD) names.push(sel.name.value);
      else if (sel.kind === Kind.INLINE_FRAGMENT) walk(sel.selectionSet.selections);
      else if (fragments[sel.name.value]) walk(fragments[sel.name.value].selectionSet.selections);
    }
  };
  walk(operation.selectionSet.selections);
  return names;
}

/** Parses and validates a request body; invalid documents are answered the way graphql-js reports them. */
export function planGraphql(body: GraphqlRequestBody): GraphqlPlan {
  if (typeof body.query !== "string" || body.query.trim() === "") {
    return { ok: false, rootFields: [], body: { errors: [{ message: "No query string was present" }] } };
  }
  let document: DocumentNode;
  try {
    document = parse(body.query);
  } catch (error) {
    return { ok: false, rootFields: [], body: { errors: [(error as GraphQLError).toJSON()] } };
  }
  const schema = loadAdminSchema();
  const validationErrors = validate(schema, document);
  if (validationErrors.length > 0) return { ok: false, rootFields: [], body: { errors: validationErrors.map((e) => e.toJSON()) } };
  const operationName = typeof body.operationName === "string" ? body.operationName : null;
  const operation = getOperationAST(document, operationName);
  if (!operation) {
    const message = operationName ? `Unknown operation named "${operationName}".` : "Must provide operation name if query contains multiple operations.";
    return { ok: false, rootFields: [], body: { errors: [{ message }] } };
  }
  const variables = body.variables && typeof body.variables === "object" ? (body.variables as Record<string, unknown>) : {};
  return { ok: true, document, operation, rootFields: rootFieldNames(operation, fragmentsOf(document)), variables, operationName };
}

/** The response Shopify sends when the bucket cannot pay for the query. */
export function throttledBody(requested: number, status: ThrottleStatus): GraphqlResponseBody {
  return {
    errors: [{ message: "Throttled", extensions: { code: "THROTTLED", documentation: "https://shopify.dev/api/usage/rate-limits" } }],
    extensions: { cost: { requestedQueryCost: requested, actualQueryCost: null, throttleStatus: status } },
  };
}

/** Requested cost of a planned request. */
export function planCost(plan: Extract<GraphqlPlan, { ok: true }>): number {
  return requestedQueryCost(loadAdminSchema(), plan.operation, fragmentsOf(plan.document), plan.variables);
}

/** Executes a planned request for one shop, paying its cost from the shop's bucket. */
export async function executeGraphql(plan: Extract<GraphqlPlan, { ok: true }>, ctx: GqlContext, bucket: LeakyBucket): Promise<GraphqlResponseBody> {
  const now = () => Date.now();
  const requested = planCost(plan);
  if (requested > MAX_QUERY_COST) {
    const message = `Query cost is ${requested}, which exceeds the single query max cost limit (${MAX_QUERY_COST}).\n\nSee https://shopify.dev/concepts/about-apis/rate-limits for more information on how the\ncost of a query is calculated.\n\nTo query larger amounts of data with fewer limits, bulk operations should be used instead.\nSee https://shopify.dev/tutorials/perform-bulk-operations-with-admin-api for usage details.\n`;
    return {
      errors: [
        {
          message,
          extensions: { code: "MAX_COST_EXCEEDED", cost: requested, maxCost: MAX_QUERY_COST, documentation: "https://shopify.dev/api/usage/rate-limits" },
        },
      ],
      extensions: { cost: { requestedQueryCost: requested, actualQueryCost: null, throttleStatus: bucket.status(now()) } },
    };
  }
  if (!bucket.take(requested, now())) return throttledBody(requested, bucket.status(now()));
  fieldResolver ??= makeFieldResolver(loadAccessRequirements());
  const result = await execute({
    schema: loadAdminSchema(),
    document: plan.document,
    operationName: plan.operationName ?? undefined,
    variableValues: plan.variables,
    rootValue: plan.operation.operation === "mutation" ? mutationRoot : queryRoot,
    contextValue: ctx,
    fieldResolver,
  });
  const actual = actualQueryCost(plan.operation, result.data as Record<string, unknown> | null | undefined);
  bucket.give(requested - actual, now());
  const body: GraphqlResponseBody = { data: (result.data as Record<string, unknown> | null | undefined) ?? null };
  if (result.errors) body.errors = result.errors.map((e) => e.toJSON());
  body.extensions = { cost: { requestedQueryCost: requested, actualQueryCost: actual, throttleStatus: bucket.status(now()) } };
  if (ctx.searchWarnings.length > 0) {
    body.extensions.search = ctx.searchWarnings.map((w) => ({ path: w.path, query: w.query, warnings: w.warnings }));
  }
  return body;
}
