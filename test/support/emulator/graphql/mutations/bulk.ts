/**
 * Bulk query operations (bulkOperationRunQuery, currentBulkOperation, bulkOperation, node): the query runs over
 * the store with the real schema and resolvers, connections unpaged, and its result is written as Shopify
 * writes it: JSONL, one object per line, each nested connection's nodes on lines of their own with
 * `__parentId` (grouped under their parent with groupObjects: true, else after every root object). The file is
 * served from the emulator's origin, like Shopify's signed download URL, without authentication.
 */
import {
  execute,
  getNamedType,
  getNullableType,
  GraphQLError,
  isListType,
  isObjectType,
  isInterfaceType,
  Kind,
  parse,
  validate,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLOutputType,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql";
import type { EmulatorStore } from "../../store/store";
import { gid } from "../../ids";
import { bulkScope } from "../connection";
import type { GqlContext, UserErrorView, View } from "../context";
import { makeFieldResolver } from "../field-resolver";
import { queryRoot } from "../query-root";
import { loadAccessRequirements, loadAdminSchema } from "../schema";

type BulkStatus = "CREATED" | "RUNNING" | "COMPLETED" | "FAILED" | "CANCELED" | "EXPIRED";

export interface BulkOperationRecord {
  id: number;
  shop: string;
  query: string;
  groupObjects: boolean;
  status: BulkStatus;
  errorCode: string | null;
  createdAt: string;
  completedAt: string | null;
  objectCount: number;
  rootObjectCount: number;
  /** The JSONL result (lines, each ending in "\n"); null until completed. */
  lines: string[] | null;
  fileSize: number;
  origin: string;
}

const operations = new WeakMap<EmulatorStore, Map<number, BulkOperationRecord>>();
let sequence = 0;

function registry(store: EmulatorStore): Map<number, BulkOperationRecord> {
  let map = operations.get(store);
  if (!map) operations.set(store, (map = new Map()));
  return map;
}

/** How long an operation stays CREATED/RUNNING before it completes (so clients really poll). */
export const BULK_RUN_DELAY_MS = 40;

/** The operation's result file, for the download route: null when unknown or not completed. */
export function bulkResult(store: EmulatorStore, id: number): BulkOperationRecord | null {
  const op = registry(store).get(id);
  return op && op.status === "COMPLETED" && op.lines ? op : null;
}

/** Every operation of a shop, oldest first (tests assert on what the app asked). */
export function bulkOperationsOf(store: EmulatorStore, shop: string): BulkOperationRecord[] {
  return [...registry(store).values()].filter((o) => o.shop === shop);
}

export function bulkOperationView(op: BulkOperationRecord): View {
  const url = op.status === "COMPLETED" && op.rootObjectCount + op.objectCount > 0 ? `${op.origin}/bulk-operation-results/${op.id}.jsonl` : null;
  return {
    __typename: "BulkOperation",
    id: gid("BulkOperation", op.id),
    status: op.status,
    errorCode: op.errorCode,
    createdAt: op.createdAt,
    completedAt: op.completedAt,
    objectCount: String(op.objectCount),
    rootObjectCount: String(op.rootObjectCount),
    fileSize: op.status === "COMPLETED" ? String(op.fileSize) : null,
    url,
    partialDataUrl: null,
    query: op.query,
    type: "QUERY",
  };
}

/** `node(id:)` / `bulkOperation(id:)` of a BulkOperation gid. */
export function resolveBulkOperation(ctx: GqlContext, id: number): View | null {
  const op = registry(ctx.store).get(id);
  return op && op.shop === ctx.shop ? bulkOperationView(op) : null;
}

/** `currentBulkOperation(type:)`: the shop's most recent query operation. */
export function currentBulkOperation(args: { type?: string | null }, ctx: GqlContext): View | null {
  if (args.type === "MUTATION") return null;
  const ops = bulkOperationsOf(ctx.store, ctx.shop);
  const last = ops[ops.length - 1];
  return last ? bulkOperationView(last) : null;
}

function fragmentsOf(document: DocumentNode): Record<string, FragmentDefinitionNode> {
  const out: Record<string, FragmentDefinitionNode> = {};
  for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) out[def.name.value] = def;
  return out;
}

const isConnection = (type: GraphQLOutputType): boolean => {
  const named = getNamedType(type);
  return isObjectType(named) && named.name.endsWith("Connection") && "edges" in named.getFields();
};

/** Fields of a selection set (inline fragments and fragment spreads merged), with the type each is selected on. */
function fieldsOf(
  selectionSet: SelectionSetNode,
  type: GraphQLCompositeType,
  fragments: Record<string, FragmentDefinitionNode>,
): Array<{ key: string; name: string; type: GraphQLOutputType; selectionSet?: SelectionSetNode }> {
  const schema = loadAdminSchema();
  const out: Array<{ key: string; name: string; type: GraphQLOutputType; selectionSet?: SelectionSetNode }> = [];
  for (const sel of selectionSet.selections) {
    if (sel.kind === Kind.FIELD) {
      if (sel.name.value === "__typename") {
        out.push({ key: sel.alias?.value ?? "__typename", name: "__typename", type: schema.getType("String") as GraphQLOutputType });
        continue;
      }
      const fields = isObjectType(type) || isInterfaceType(type) ? type.getFields() : {};
      const field = fields[sel.name.value];
      if (field) out.push({ key: sel.alias?.value ?? sel.name.value, name: sel.name.value, type: field.type, selectionSet: sel.selectionSet });
    } else {
      const fragment = sel.kind === Kind.INLINE_FRAGMENT ? sel : fragments[sel.name.value];
      if (!fragment) continue;
      const on = fragment.typeCondition ? (schema.getType(fragment.typeCondition.name.value) as GraphQLCompositeType) : type;
      out.push(...fieldsOf(fragment.selectionSet, on, fragments));
    }
  }
  return out;
}

/** Shopify's limits on a bulk query: at least one connection, at most five, nested at most two deep, none inside a list. */
function checkBulkShape(operation: OperationDefinitionNode, fragments: Record<string, FragmentDefinitionNode>): string | null {
  const root = loadAdminSchema().getQueryType()!;
  let connections = 0;
  let problem: string | null = null;
  const walk = (selectionSet: SelectionSetNode, type: GraphQLCompositeType, depth: number, inList: boolean, connectionBody: boolean) => {
    for (const field of fieldsOf(selectionSet, type, fragments)) {
      if (!field.selectionSet) continue;
      const connection = isConnection(field.type);
      if (connection) {
        connections += 1;
        if (inList) problem ??= `Queries that contain a connection field within a list field are not currently supported.`;
        if (depth + 1 > 2) problem ??= `Bulk queries cannot contain connections with a nesting depth greater than 2.`;
      }
      // A connection's own edges / nodes lists are how nodes are reached, not a list field around them.
      const pagingList = connectionBody && (field.name === "edges" || field.name === "nodes");
      const list = isListType(getNullableType(field.type)) && !pagingList;
      const named = getNamedType(field.type) as GraphQLCompositeType;
      const edgeBody = pagingList && field.name === "edges";
      walk(field.selectionSet, named, connection ? depth + 1 : depth, inList || list, connection || edgeBody);
    }
  };
  walk(operation.selectionSet, root, 0, false, false);
  if (connections === 0) return "Bulk queries must contain at least one connection.";
  if (connections > 5) return "Bulk queries cannot contain more than 5 connections.";
  return problem;
}

/** Writes one object and (after it, or into `deferred`) the nodes of its nested connections, as JSONL lines. */
function emit(
  value: Record<string, unknown>,
  selectionSet: SelectionSetNode,
  type: GraphQLCompositeType,
  fragments: Record<string, FragmentDefinitionNode>,
  parentId: string | null,
  out: string[],
  deferred: string[] | null,
  counts: { objects: number },
): void {
  const line: Record<string, unknown> = {};
  const children: Array<{ nodes: Record<string, unknown>[]; selectionSet: SelectionSetNode; type: GraphQLCompositeType }> = [];
  for (const field of fieldsOf(selectionSet, type, fragments)) {
    if (!(field.key in value)) continue;
    if (field.selectionSet && isConnection(field.type)) {
      const conn = value[field.key] as { edges?: Array<{ node: Record<string, unknown> }>; nodes?: Record<string, unknown>[] } | null;
      const nodeSel = nodeSelection(field.selectionSet, getNamedType(field.type) as GraphQLCompositeType, fragments);
      if (!conn || !nodeSel) continue;
      const nodes = conn.edges?.map((e) => e.node) ?? conn.nodes ?? [];
      children.push({ nodes, selectionSet: nodeSel.selectionSet, type: nodeSel.type });
    } else {
      line[field.key] = value[field.key];
    }
  }
  if (parentId !== null) line.__parentId = parentId;
  out.push(`${JSON.stringify(line)}\n`);
  counts.objects += 1;
  const id = typeof value.id === "string" ? value.id : null;
  for (const child of children) {
    for (const node of child.nodes) emit(node, child.selectionSet, child.type, fragments, id, deferred ?? out, deferred, counts);
  }
}

/** The `node` selection inside `edges { node { … } }` or `nodes { … }` of a connection field. */
function nodeSelection(
  selectionSet: SelectionSetNode,
  connectionType: GraphQLCompositeType,
  fragments: Record<string, FragmentDefinitionNode>,
): { selectionSet: SelectionSetNode; type: GraphQLCompositeType } | null {
  for (const field of fieldsOf(selectionSet, connectionType, fragments)) {
    if (field.name === "nodes" && field.selectionSet) return { selectionSet: field.selectionSet, type: getNamedType(field.type) as GraphQLCompositeType };
    if (field.name === "edges" && field.selectionSet) {
      const edgeType = getNamedType(field.type) as GraphQLCompositeType;
      for (const inner of fieldsOf(field.selectionSet, edgeType, fragments)) {
        if (inner.name === "node" && inner.selectionSet) return { selectionSet: inner.selectionSet, type: getNamedType(inner.type) as GraphQLCompositeType };
      }
    }
  }
  return null;
}

async function runOperation(op: BulkOperationRecord, document: DocumentNode, operation: OperationDefinitionNode, ctx: GqlContext): Promise<void> {
  op.status = "RUNNING";
  const fragments = fragmentsOf(document);
  const result = await bulkScope.run(true, () =>
    execute({
      schema: loadAdminSchema(),
      document,
      rootValue: queryRoot,
      contextValue: { ...ctx, searchWarnings: [] },
      fieldResolver: makeFieldResolver(loadAccessRequirements()),
    }),
  );
  if (result.errors?.length) {
    op.status = "FAILED";
    op.errorCode = result.errors.some((e) => e.extensions?.code === "ACCESS_DENIED") ? "ACCESS_DENIED" : "INTERNAL_SERVER_ERROR";
    op.completedAt = ctx.store.now().toISOString();
    return;
  }
  const root = loadAdminSchema().getQueryType()!;
  const out: string[] = [];
  const deferred: string[] | null = op.groupObjects ? null : [];
  const counts = { objects: 0 };
  let roots = 0;
  for (const field of fieldsOf(operation.selectionSet, root, fragments)) {
    const data = (result.data ?? {})[field.key] as { edges?: Array<{ node: Record<string, unknown> }>; nodes?: Record<string, unknown>[] } | null;
    if (!field.selectionSet || !isConnection(field.type) || !data) continue;
    const sel = nodeSelection(field.selectionSet, getNamedType(field.type) as GraphQLCompositeType, fragments);
    if (!sel) continue;
    for (const node of data.edges?.map((e) => e.node) ?? data.nodes ?? []) {
      emit(node, sel.selectionSet, sel.type, fragments, null, out, deferred, counts);
      roots += 1;
    }
  }
  op.lines = deferred ? [...out, ...deferred] : out;
  op.fileSize = op.lines.reduce((sum, l) => sum + Buffer.byteLength(l), 0);
  op.objectCount = counts.objects;
  op.rootObjectCount = roots;
  op.status = "COMPLETED";
  op.completedAt = ctx.store.now().toISOString();
}

const payload = (bulkOperation: View | null, userErrors: Array<UserErrorView & { code: string | null }>) => ({ bulkOperation, userErrors });

export const bulkMutations = {
  bulkOperationRunQuery: (args: { query: string; groupObjects?: boolean | null }, ctx: GqlContext) => {
    let document: DocumentNode;
    try {
      document = parse(args.query);
    } catch (error) {
      return payload(null, [{ field: ["query"], message: (error as GraphQLError).message, code: "INVALID" }]);
    }
    const errors = validate(loadAdminSchema(), document);
    if (errors.length) return payload(null, [{ field: ["query"], message: errors.map((e) => e.message).join(" "), code: "INVALID" }]);
    const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
    if (!operation || operation.operation !== "query")
      return payload(null, [{ field: ["query"], message: "Invalid bulk query: must be a query.", code: "INVALID" }]);
    const shapeProblem = checkBulkShape(operation, fragmentsOf(document));
    if (shapeProblem) return payload(null, [{ field: ["query"], message: shapeProblem, code: "INVALID" }]);
    const running = bulkOperationsOf(ctx.store, ctx.shop).find((o) => o.status === "CREATED" || o.status === "RUNNING");
    if (running) {
      return payload(null, [
        {
          field: null,
          message: `A bulk query operation for this app and shop is already in progress: ${gid("BulkOperation", running.id)}.`,
          code: "OPERATION_IN_PROGRESS",
        },
      ]);
    }
    sequence += 1;
    const op: BulkOperationRecord = {
      id: 4_000_000_000 + sequence,
      shop: ctx.shop,
      query: args.query,
      groupObjects: args.groupObjects ?? false,
      status: "CREATED",
      errorCode: null,
      createdAt: ctx.store.now().toISOString(),
      completedAt: null,
      objectCount: 0,
      rootObjectCount: 0,
      lines: null,
      fileSize: 0,
      origin: ctx.origin ?? "",
    };
    registry(ctx.store).set(op.id, op);
    setTimeout(() => {
      runOperation(op, document, operation, ctx).catch(() => {
        op.status = "FAILED";
        op.errorCode = "INTERNAL_SERVER_ERROR";
      });
    }, BULK_RUN_DELAY_MS).unref();
    return payload(bulkOperationView(op), []);
  },
};
