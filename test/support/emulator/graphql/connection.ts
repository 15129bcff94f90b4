/** Relay connections over in-memory lists, paged the way Shopify pages (first/after, last/before, reverse). */
import { AsyncLocalStorage } from "node:async_hooks";
import { GraphQLError } from "graphql";
import type { View } from "./context";

/** Set while a bulk operation runs its query: connections need no page size and return every item, as Shopify's bulk runner does. */
export const bulkScope = new AsyncLocalStorage<true>();

export interface ConnectionArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
  reverse?: boolean | null;
}

const MAX_PAGE = 250;

/** Opaque cursor for an item key (base64 JSON, like Shopify's). */
export function encodeCursor(key: number | string): string {
  return Buffer.from(JSON.stringify({ last_id: key })).toString("base64");
}

function decodeCursor(cursor: string): number | string {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, "base64").toString("utf8")) as { last_id?: number | string };
    if (parsed.last_id !== undefined) return parsed.last_id;
  } catch {
    // fall through
  }
  throw new GraphQLError(`Invalid cursor for current pagination sort.`, { extensions: { code: "BAD_REQUEST" } });
}

/** Throws Shopify's errors for a missing or oversized page size. */
export function checkPageArgs(args: ConnectionArgs): void {
  if (args.first == null && args.last == null) throw new GraphQLError("you must provide one of first or last", { extensions: { code: "BAD_REQUEST" } });
  if (args.first != null && args.last != null)
    throw new GraphQLError("providing both first and last is not supported", { extensions: { code: "BAD_REQUEST" } });
  const size = args.first ?? args.last ?? 0;
  if (size < 0 || size > MAX_PAGE) {
    throw new GraphQLError(`The ${args.first != null ? "first" : "last"} argument must be between 0 and ${MAX_PAGE}.`, { extensions: { code: "BAD_REQUEST" } });
  }
}

/** A connection view (edges, nodes, pageInfo) of `items`, already filtered and sorted. */
export function connection<T>(items: readonly T[], args: ConnectionArgs, keyOf: (item: T) => number | string, toNode: (item: T) => unknown): View {
  const bulk = bulkScope.getStore() === true;
  if (bulk) args = { ...args, first: null, last: null };
  else checkPageArgs(args);
  const list = args.reverse ? [...items].reverse() : [...items];
  const indexOf = (cursor: string) => {
    const key = decodeCursor(cursor);
    return list.findIndex((item) => String(keyOf(item)) === String(key));
  };
  let start = 0;
  let end = list.length;
  if (args.after) {
    const i = indexOf(args.after);
    start = i === -1 ? list.length : i + 1;
  }
  if (args.before) {
    const i = indexOf(args.before);
    end = i === -1 ? end : i;
  }
  let from = start;
  let to = end;
  if (args.first != null) to = Math.min(end, start + args.first);
  else if (args.last != null) from = Math.max(start, end - args.last);
  const page = list.slice(from, Math.max(from, to));
  const edges = page.map((item) => ({ cursor: encodeCursor(keyOf(item)), node: toNode(item) }));
  return {
    edges,
    nodes: edges.map((e) => e.node),
    pageInfo: {
      hasNextPage: to < list.length,
      hasPreviousPage: from > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}
