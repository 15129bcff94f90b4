/** Resolves a gid to its view (`node`, `nodes`, `order(id:)`, mutation targets). */
import { GraphQLError } from "graphql";
import { parseGid } from "../../ids";
import { orderVisible, type GqlContext, type View } from "../context";
import { collectionView, locationView, productView, variantView } from "./catalog";
import { resolveBulkOperation } from "../mutations/bulk";
import { customerView } from "./customer";
import { codeDiscountNodeView } from "./discount";
import { metafieldView } from "./metafield";
import { lineItemView, orderView, refundView } from "./order";
import { appInstallationView, shopView } from "./shop";
import { storeCreditAccountView } from "./store-credit";

/** Parses a gid argument, throwing Shopify's coercion error for malformed ones. */
export function requireGid(id: string): { type: string; id: number } {
  const parsed = parseGid(id);
  if (!parsed) throw new GraphQLError(`Invalid global id '${id}'`, { extensions: { code: "argumentLiteralsIncompatible", typeName: "CoercionError" } });
  return parsed;
}

/** The view of any supported node, or null when it does not exist (or has another type than `expectedType`). */
export function resolveNode(ctx: GqlContext, id: string, expectedType?: string): View | null {
  const { type, id: n } = requireGid(id);
  if (expectedType && type !== expectedType) return null;
  const d = ctx.data;
  switch (type) {
    case "BulkOperation":
      return resolveBulkOperation(ctx, n);
    case "Order": {
      const o = d.orders.get(n);
      return o && orderVisible(ctx, o) ? orderView(o) : null;
    }
    case "Customer": {
      const c = d.customers.get(n);
      return c ? customerView(c) : null;
    }
    case "Product": {
      const p = d.products.get(n);
      return p ? productView(p) : null;
    }
    case "ProductVariant": {
      for (const p of d.products.values()) {
        const v = p.variants.find((x) => x.id === n);
        if (v) return variantView(p, v);
      }
      return null;
    }
    case "Collection": {
      const c = d.collections.get(n);
      return c ? collectionView(c) : null;
    }
    case "Location": {
      const l = d.locations.get(n);
      return l ? locationView(l) : null;
    }
    case "DiscountCodeNode": {
      const r = d.discounts.get(n);
      return r ? codeDiscountNodeView(r) : null;
    }
    case "StoreCreditAccount": {
      const a = d.storeCredit.get(n);
      return a ? storeCreditAccountView(a) : null;
    }
    case "Metafield": {
      const m = d.metafields.find((x) => x.id === n);
      return m ? metafieldView(m) : null;
    }
    case "Shop":
      return d.shop.id === n ? shopView(d.shop) : null;
    case "AppInstallation":
      return d.shop.id === n ? appInstallationView(d.shop) : null;
    case "LineItem": {
      for (const o of d.orders.values()) {
        const l = o.line_items.find((x) => x.id === n);
        if (l && orderVisible(ctx, o)) return lineItemView(o, l);
      }
      return null;
    }
    case "Refund": {
      for (const o of d.orders.values()) {
        const r = o.refunds.find((x) => x.id === n);
        if (r && orderVisible(ctx, o)) return refundView(o, r);
      }
      return null;
    }
    default:
      return null;
  }
}
