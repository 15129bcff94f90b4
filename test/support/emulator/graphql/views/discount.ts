/** Code discount views (DiscountCodeNode, DiscountNode, DiscountCodeBasic/FreeShipping/Bxgy), from the stored creation input. */
import { gid, parseGid } from "../../ids";
import type { DiscountRecord } from "../../store/types";
import { connection, type ConnectionArgs } from "../connection";
import { moneyV2, type GqlContext, type View } from "../context";
import { collectionView, productView, variantView } from "./catalog";
import { customerView } from "./customer";
import { fromMinor, toMinor } from "../../../shopify-payloads";

type Input = Record<string, unknown>;
const obj = (v: unknown): Input | null => (v && typeof v === "object" ? (v as Input) : null);
const ids = (v: unknown): number[] => (Array.isArray(v) ? v.map((id) => parseGid(String(id))?.id ?? -1) : []);

/** An input amount as Shopify renders it back: the shop currency's digits ("5" → "5.00", "1500.00" yen → "1500"). */
function decimal(amount: unknown, currency: string): string {
  try {
    return fromMinor(toMinor(amount as string | number, currency), currency);
  } catch {
    return String(amount); // refused at creation (validateMoneyPrecision); never stored
  }
}

const TYPENAME: Record<DiscountRecord["kind"], string> = { basic: "DiscountCodeBasic", freeShipping: "DiscountCodeFreeShipping", bxgy: "DiscountCodeBxgy" };

/** ACTIVE, SCHEDULED or EXPIRED at `now`. */
export function discountStatus(record: DiscountRecord, now: Date): string {
  if (new Date(record.startsAt) > now) return "SCHEDULED";
  if (record.endsAt && new Date(record.endsAt) <= now) return "EXPIRED";
  return "ACTIVE";
}

function customersView(record: DiscountRecord): View {
  return {
    __typename: "DiscountCustomers",
    customers: (_: unknown, ctx: GqlContext) =>
      (record.customerIds ?? []).flatMap((id) => {
        const c = ctx.data.customers.get(id);
        return c ? [customerView(c)] : [];
      }),
  };
}

function itemsView(items: Input | null): View {
  const products = obj(items?.products);
  const collections = obj(items?.collections);
  if (products) {
    return {
      __typename: "DiscountProducts",
      products: (args: ConnectionArgs, ctx: GqlContext) =>
        connection(
          ids(products.productsToAdd).flatMap((id) => ctx.data.products.get(id) ?? []),
          args,
          (p) => p.id,
          productView,
        ),
      productVariants: (args: ConnectionArgs, ctx: GqlContext) => {
        const wanted = ids(products.productVariantsToAdd);
        const pairs = [...ctx.data.products.values()].flatMap((p) => p.variants.filter((v) => wanted.includes(v.id)).map((v) => ({ p, v })));
        return connection(
          pairs,
          args,
          (x) => x.v.id,
          (x) => variantView(x.p, x.v),
        );
      },
    };
  }
  if (collections) {
    return {
      __typename: "DiscountCollections",
      collections: (args: ConnectionArgs, ctx: GqlContext) =>
        connection(
          ids(collections.add).flatMap((id) => ctx.data.collections.get(id) ?? []),
          args,
          (c) => c.id,
          collectionView,
        ),
    };
  }
  return { __typename: "AllDiscountItems", allItems: true };
}

function effectView(value: Input | null, currency: string): View {
  if (value && typeof value.percentage === "number") return { __typename: "DiscountPercentage", percentage: value.percentage };
  const amount = obj(value?.discountAmount) ?? value;
  return {
    __typename: "DiscountAmount",
    amount: moneyV2(decimal(amount?.amount ?? 0, currency), currency),
    appliesOnEachItem: Boolean(amount?.appliesOnEachItem),
  };
}

function customerGetsView(gets: Input | null, currency: string): View {
  const value = obj(gets?.value);
  const onQuantity = obj(value?.discountOnQuantity);
  return {
    appliesOnOneTimePurchase: gets?.appliesOnOneTimePurchase !== false,
    appliesOnSubscription: gets?.appliesOnSubscription === true,
    items: itemsView(obj(gets?.items)),
    value: onQuantity
      ? { __typename: "DiscountOnQuantity", quantity: { quantity: String(onQuantity.quantity ?? "1") }, effect: effectView(obj(onQuantity.effect), currency) }
      : effectView(value, currency),
  };
}

function summary(record: DiscountRecord, currency: string): string {
  const value = obj(obj(record.input.customerGets)?.value);
  const parts: string[] = [];
  if (record.kind === "freeShipping") parts.push("Free shipping on all products");
  else if (typeof value?.percentage === "number") parts.push(`${Math.round(value.percentage * 100)}% off entire order`);
  else if (obj(value?.discountAmount)) parts.push(`${decimal(obj(value?.discountAmount)?.amount ?? 0, currency)} ${currency} off entire order`);
  else parts.push("Buy X get Y");
  if (record.customerIds) parts.push(`For ${record.customerIds.length} customer${record.customerIds.length === 1 ? "" : "s"}`);
  if (record.input.appliesOncePerCustomer) parts.push("One use per customer");
  return parts.join(" • ");
}

/** The concrete code discount view (DiscountCodeBasic, DiscountCodeFreeShipping or DiscountCodeBxgy). */
export function codeDiscountView(record: DiscountRecord): View {
  const input = record.input;
  const combines = obj(input.combinesWith);
  const minimum = obj(input.minimumRequirement);
  const destination = obj(input.destination);
  const context = (all: View) => (record.customerIds ? customersView(record) : all);
  return {
    __typename: TYPENAME[record.kind],
    title: record.title,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    startsAt: record.startsAt,
    endsAt: record.endsAt,
    usageLimit: input.usageLimit ?? null,
    appliesOncePerCustomer: input.appliesOncePerCustomer === true,
    asyncUsageCount: record.asyncUsageCount,
    recurringCycleLimit: input.recurringCycleLimit ?? null,
    usesPerOrderLimit: input.usesPerOrderLimit ?? null,
    tags: input.tags ?? [],
    hasTimelineComment: false,
    shareableUrls: [],
    totalSales: null,
    codesCount: { count: 1, precision: "EXACT" },
    discountClass:
      record.kind === "freeShipping" ? "SHIPPING" : record.kind === "bxgy" || obj(obj(obj(input.customerGets)?.items)?.products) ? "PRODUCT" : "ORDER",
    discountClasses: [record.kind === "freeShipping" ? "SHIPPING" : record.kind === "bxgy" ? "PRODUCT" : "ORDER"],
    status: (_: unknown, ctx: GqlContext) => discountStatus(record, ctx.now),
    summary: (_: unknown, ctx: GqlContext) => summary(record, ctx.data.shop.currency),
    shortSummary: (_: unknown, ctx: GqlContext) => summary(record, ctx.data.shop.currency).split(" • ")[0],
    context: () => context({ __typename: "DiscountBuyerSelectionAll", all: "ALL" }),
    customerSelection: () => context({ __typename: "DiscountCustomerAll", allCustomers: true }),
    combinesWith: {
      orderDiscounts: combines?.orderDiscounts === true,
      productDiscounts: combines?.productDiscounts === true,
      shippingDiscounts: combines?.shippingDiscounts === true,
      productDiscountsWithTagsOnSameCartLine: null,
    },
    customerGets: (_: unknown, ctx: GqlContext) => customerGetsView(obj(input.customerGets), ctx.data.shop.currency),
    customerBuys: () => {
      const buys = obj(input.customerBuys);
      const value = obj(buys?.value);
      return {
        isOneTimePurchase: buys?.isOneTimePurchase !== false,
        isSubscription: buys?.isSubscription === true,
        items: itemsView(obj(buys?.items)),
        value:
          value?.amount != null
            ? { __typename: "DiscountPurchaseAmount", amount: String(value.amount) }
            : { __typename: "DiscountQuantity", quantity: String(value?.quantity ?? "1") },
      };
    },
    minimumRequirement: (_: unknown, ctx: GqlContext) => {
      const subtotal = obj(minimum?.subtotal);
      const quantity = obj(minimum?.quantity);
      if (subtotal)
        return {
          __typename: "DiscountMinimumSubtotal",
          greaterThanOrEqualToSubtotal: moneyV2(decimal(subtotal.greaterThanOrEqualToSubtotal, ctx.data.shop.currency), ctx.data.shop.currency),
        };
      if (quantity) return { __typename: "DiscountMinimumQuantity", greaterThanOrEqualToQuantity: String(quantity.greaterThanOrEqualToQuantity) };
      return null;
    },
    destinationSelection: destination?.countries
      ? {
          __typename: "DiscountCountries",
          countries: obj(destination.countries)?.add ?? [],
          includeRestOfWorld: obj(destination.countries)?.includeRestOfWorld === true,
        }
      : { __typename: "DiscountCountryAll", allCountries: true },
    maximumShippingPrice: (_: unknown, ctx: GqlContext) =>
      input.maximumShippingPrice == null ? null : moneyV2(decimal(input.maximumShippingPrice, ctx.data.shop.currency), ctx.data.shop.currency),
    appliesOnOneTimePurchase: input.appliesOnOneTimePurchase !== false,
    appliesOnSubscription: input.appliesOnSubscription === true,
    codes: (args: ConnectionArgs) =>
      connection(
        [record],
        args,
        (r) => r.redeemCodeId,
        (r) => ({
          __typename: "DiscountRedeemCode",
          id: gid("DiscountRedeemCode", r.redeemCodeId),
          code: r.code,
          asyncUsageCount: r.asyncUsageCount,
          createdBy: null,
        }),
      ),
  };
}

/** The DiscountCodeNode view. */
export function codeDiscountNodeView(record: DiscountRecord): View {
  return { __typename: "DiscountCodeNode", id: gid("DiscountCodeNode", record.id), codeDiscount: () => codeDiscountView(record) };
}

/** The DiscountNode view (same id as the code node). */
export function discountNodeView(record: DiscountRecord): View {
  return { __typename: "DiscountNode", id: gid("DiscountCodeNode", record.id), discount: () => codeDiscountView(record) };
}
