/** What every resolver receives, and the small shapes views are made of. */
import type { RestOrder } from "../../shopify-payloads";
import type { EmulatorStore } from "../store/store";
import type { ShopData } from "../store/types";

/** An object shaped like a GraphQL type; function fields are called with (args, context). `__typename` is needed where the field type is abstract. */
export type View = Record<string, unknown>;

export interface SearchWarning {
  field: string;
  message: string;
}

export interface GqlContext {
  store: EmulatorStore;
  data: ShopData;
  shop: string;
  now: Date;
  scopes: Set<string>;
  enforceScopes: boolean;
  /** Orders older than this are invisible without read_all_orders (Shopify's 60-day window); null = no window. */
  ordersVisibleSince: Date | null;
  searchWarnings: Array<{ path: string[]; query: string; warnings: SearchWarning[] }>;
  /** The emulator's own origin (bulk operation result URLs are served from it). */
  origin?: string;
  /** Webhooks a mutation triggered, sent once the response has gone out (Shopify delivers them asynchronously). */
  webhooks: Array<{ topic: string; payload: unknown }>;
}

/** A `UserError`-like entry as mutations return it. */
export interface UserErrorView {
  field: string[] | null;
  message: string;
  code?: string | null;
  elementIndex?: number | null;
}

/** Whether an order is visible to the caller (the 60-day window without read_all_orders). */
export function orderVisible(ctx: GqlContext, order: RestOrder): boolean {
  return ctx.ordersVisibleSince === null || new Date(order.created_at) >= ctx.ordersVisibleSince;
}

/** MoneyV2 of an amount. */
export function moneyV2(amount: string, currencyCode: string): View {
  return { __typename: "MoneyV2", amount, currencyCode };
}

/** MoneyBag with the same shop and presentment amount. */
export function moneyBag(amount: string, currencyCode: string): View {
  return { __typename: "MoneyBag", shopMoney: moneyV2(amount, currencyCode), presentmentMoney: moneyV2(amount, currencyCode) };
}

/** Splits a REST "a, b" tag string into a list. */
export function splitTags(tags: string): string[] {
  return tags
    .split(",")
    .map((t) => t.trim())
    .filter(Boolean);
}
