/** Resolvers of QueryRoot fields the app uses. */
import { connection, type ConnectionArgs } from "./connection";
import { orderVisible, type GqlContext, type View } from "./context";
import { COLLECTION_SEARCH, CUSTOMER_SEARCH, DISCOUNT_SEARCH, LOCATION_SEARCH, ORDER_SEARCH, PRODUCT_SEARCH, SORTS, sortBy } from "./search-fields";
import { currentBulkOperation, resolveBulkOperation } from "./mutations/bulk";
import { applySearch, type SearchFields } from "./search-query";
import { collectionView, locationView, productView } from "./views/catalog";
import { customerView } from "./views/customer";
import { codeDiscountNodeView, discountNodeView } from "./views/discount";
import { resolveNode } from "./views/node";
import { orderView } from "./views/order";
import { appInstallationView, shopView } from "./views/shop";
import type { SearchWarning } from "./context";

type ListArgs = ConnectionArgs & { query?: string | null; sortKey?: string | null };

function search<T>(ctx: GqlContext, field: string, items: T[], args: ListArgs, spec: SearchFields<T>): T[] {
  const warnings: SearchWarning[] = [];
  const result = applySearch(items, args.query, spec, warnings);
  if (warnings.length > 0 && args.query) ctx.searchWarnings.push({ path: [field], query: args.query, warnings });
  return result;
}

/** QueryRoot resolvers, by field name. */
export const queryRoot: Record<string, (args: never, ctx: GqlContext) => unknown> = {
  shop: (_: unknown, ctx: GqlContext): View => shopView(ctx.data.shop),
  currentAppInstallation: (_: unknown, ctx: GqlContext): View => appInstallationView(ctx.data.shop),
  orders: (args: ListArgs, ctx: GqlContext) => {
    const visible = [...ctx.data.orders.values()].filter((o) => orderVisible(ctx, o));
    const sorted = sortBy(search(ctx, "orders", visible, args, ORDER_SEARCH), SORTS.order, args.sortKey);
    return connection(sorted, args, (o) => o.id, orderView);
  },
  order: (args: { id: string }, ctx: GqlContext) => resolveNode(ctx, args.id, "Order"),
  customers: (args: ListArgs, ctx: GqlContext) => {
    const sorted = sortBy(search(ctx, "customers", [...ctx.data.customers.values()], args, CUSTOMER_SEARCH), SORTS.customer, args.sortKey);
    return connection(sorted, args, (c) => c.id, customerView);
  },
  customer: (args: { id: string }, ctx: GqlContext) => resolveNode(ctx, args.id, "Customer"),
  products: (args: ListArgs, ctx: GqlContext) => {
    const sorted = sortBy(search(ctx, "products", [...ctx.data.products.values()], args, PRODUCT_SEARCH), SORTS.product, args.sortKey);
    return connection(sorted, args, (p) => p.id, productView);
  },
  product: (args: { id: string }, ctx: GqlContext) => resolveNode(ctx, args.id, "Product"),
  productVariant: (args: { id: string }, ctx: GqlContext) => resolveNode(ctx, args.id, "ProductVariant"),
  collections: (args: ListArgs, ctx: GqlContext) =>
    connection(sortBy(search(ctx, "collections", [...ctx.data.collections.values()], args, COLLECTION_SEARCH), {}, null), args, (c) => c.id, collectionView),
  collection: (args: { id: string }, ctx: GqlContext) => resolveNode(ctx, args.id, "Collection"),
  locations: (args: ListArgs & { includeInactive?: boolean | null }, ctx: GqlContext) => {
    const all = [...ctx.data.locations.values()].filter((l) => l.isActive || args.includeInactive);
    return connection(sortBy(search(ctx, "locations", all, args, LOCATION_SEARCH), {}, null), args, (l) => l.id, locationView);
  },
  location: (args: { id?: string | null }, ctx: GqlContext) =>
    args.id
      ? resolveNode(ctx, args.id, "Location")
      : (() => {
          const l = [...ctx.data.locations.values()][0];
          return l ? locationView(l) : null;
        })(),
  codeDiscountNodeByCode: (args: { code: string }, ctx: GqlContext) => {
    const record = [...ctx.data.discounts.values()].find((d) => d.code.toLowerCase() === args.code.toLowerCase());
    return record ? codeDiscountNodeView(record) : null;
  },
  codeDiscountNode: (args: { id: string }, ctx: GqlContext) => resolveNode(ctx, args.id, "DiscountCodeNode"),
  discountNode: (args: { id: string }, ctx: GqlContext) => {
    const node = resolveNode(ctx, args.id, "DiscountCodeNode");
    const record = node ? ctx.data.discounts.get(Number(args.id.split("/").pop())) : undefined;
    return record ? discountNodeView(record) : null;
  },
  discountNodes: (args: ListArgs, ctx: GqlContext) =>
    connection(sortBy(search(ctx, "discountNodes", [...ctx.data.discounts.values()], args, DISCOUNT_SEARCH), {}, null), args, (d) => d.id, discountNodeView),
  currentBulkOperation: (args: { type?: string | null }, ctx: GqlContext) => currentBulkOperation(args, ctx),
  bulkOperation: (args: { id: string }, ctx: GqlContext) => {
    const parsed = /^gid:\/\/shopify\/BulkOperation\/(\d+)$/.exec(args.id);
    return parsed ? resolveBulkOperation(ctx, Number(parsed[1])) : null;
  },
  node: (args: { id: string }, ctx: GqlContext) => resolveNode(ctx, args.id),
  nodes: (args: { ids: string[] }, ctx: GqlContext) => args.ids.map((id) => resolveNode(ctx, id)),
};
