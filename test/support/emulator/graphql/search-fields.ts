/** Which `query:` fields and `sortKey`s each resource supports, and how they read the stored records. */
import type { RestCustomer, RestOrder } from "../../shopify-payloads";
import type { CollectionRecord, DiscountRecord, LocationRecord, ProductRecord } from "../store/types";
import { splitTags } from "./context";
import type { SearchFields } from "./search-query";

const time = (iso: string | null) => (iso ? Date.parse(iso) : 0);

/** Search fields of `orders(query:)`. */
export const ORDER_SEARCH: SearchFields<RestOrder> = {
  defaultFields: ["name", "email"],
  fields: {
    id: (o) => o.id,
    name: (o) => [o.name, String(o.order_number)],
    email: (o) => o.email,
    created_at: (o) => o.created_at,
    updated_at: (o) => o.updated_at,
    processed_at: (o) => o.processed_at,
    financial_status: (o) => o.financial_status,
    fulfillment_status: (o) => (o.fulfillment_status === "fulfilled" ? ["fulfilled", "shipped"] : ["unfulfilled", "unshipped"]),
    status: (o) => (o.cancelled_at ? ["cancelled", "closed", "any"] : o.closed_at ? ["closed", "any"] : ["open", "any"]),
    test: (o) => o.test,
    customer_id: (o) => o.customer?.id ?? null,
    tag: (o) => splitTags(o.tags),
    source_name: (o) => o.source_name,
    location_id: (o) => o.location_id,
    discount_code: (o) => o.discount_codes.map((d) => d.code),
    cancelled_at: (o) => o.cancelled_at,
  },
};

/** Search fields of `customers(query:)`. */
export const CUSTOMER_SEARCH: SearchFields<RestCustomer> = {
  defaultFields: ["email", "first_name", "last_name"],
  fields: {
    id: (c) => c.id,
    email: (c) => c.email,
    first_name: (c) => c.first_name,
    last_name: (c) => c.last_name,
    phone: (c) => c.phone,
    created_at: (c) => c.created_at,
    updated_at: (c) => c.updated_at,
    tag: (c) => splitTags(c.tags),
    state: (c) => c.state,
    customer_account_status: (c) => c.state,
    accepts_marketing: (c) => c.email_marketing_consent?.state === "subscribed",
  },
};

/** Search fields of `products(query:)`. */
export const PRODUCT_SEARCH: SearchFields<ProductRecord> = {
  defaultFields: ["title", "vendor", "product_type"],
  fields: {
    id: (p) => p.id,
    title: (p) => p.title,
    vendor: (p) => p.vendor,
    product_type: (p) => p.productType,
    tag: (p) => p.tags,
    status: (p) => p.status.toLowerCase(),
    handle: (p) => p.handle,
    created_at: (p) => p.createdAt,
    updated_at: (p) => p.updatedAt,
    sku: (p) => p.variants.map((v) => v.sku),
    variant_id: (p) => p.variants.map((v) => v.id),
  },
};

/** Search fields of `collections(query:)`. */
export const COLLECTION_SEARCH: SearchFields<CollectionRecord> = {
  defaultFields: ["title"],
  fields: { id: (c) => c.id, title: (c) => c.title, handle: (c) => c.handle, updated_at: (c) => c.updatedAt, product_id: (c) => c.productIds },
};

/** Search fields of `locations(query:)`. */
export const LOCATION_SEARCH: SearchFields<LocationRecord> = {
  defaultFields: ["name"],
  fields: { id: (l) => l.id, name: (l) => l.name, active: (l) => l.isActive, created_at: (l) => l.createdAt, updated_at: (l) => l.updatedAt },
};

/** Search fields of `discountNodes(query:)`. */
export const DISCOUNT_SEARCH: SearchFields<DiscountRecord> = {
  defaultFields: ["title", "code"],
  fields: {
    id: (d) => d.id,
    title: (d) => d.title,
    code: (d) => d.code,
    starts_at: (d) => d.startsAt,
    ends_at: (d) => d.endsAt,
    created_at: (d) => d.createdAt,
    updated_at: (d) => d.updatedAt,
    type: (d) => ({ basic: "amount_off", freeShipping: "free_shipping", bxgy: "bogo" })[d.kind],
    discount_type: () => "code",
  },
};

type SortValue = (item: never) => number | string;

const ORDER_SORT: Record<string, (o: RestOrder) => number | string> = {
  ID: (o) => o.id,
  CREATED_AT: (o) => time(o.created_at),
  UPDATED_AT: (o) => time(o.updated_at),
  PROCESSED_AT: (o) => time(o.processed_at),
  ORDER_NUMBER: (o) => o.order_number,
  TOTAL_PRICE: (o) => Number(o.total_price),
  CURRENT_TOTAL_PRICE: (o) => Number(o.current_total_price),
  CUSTOMER_NAME: (o) => `${o.customer?.first_name ?? ""} ${o.customer?.last_name ?? ""}`.trim().toLowerCase(),
  FINANCIAL_STATUS: (o) => o.financial_status,
  TOTAL_ITEMS_QUANTITY: (o) => o.line_items.reduce((a, l) => a + l.quantity, 0),
};

const CUSTOMER_SORT: Record<string, (c: RestCustomer) => number | string> = {
  ID: (c) => c.id,
  CREATED_AT: (c) => time(c.created_at),
  UPDATED_AT: (c) => time(c.updated_at),
  NAME: (c) => `${c.first_name ?? ""} ${c.last_name ?? ""}`.trim().toLowerCase(),
};

const PRODUCT_SORT: Record<string, (p: ProductRecord) => number | string> = {
  ID: (p) => p.id,
  TITLE: (p) => p.title.toLowerCase(),
  CREATED_AT: (p) => time(p.createdAt),
  UPDATED_AT: (p) => time(p.updatedAt),
  VENDOR: (p) => p.vendor.toLowerCase(),
  PRODUCT_TYPE: (p) => p.productType.toLowerCase(),
};

/** Sort keys per resource. */
export const SORTS = { order: ORDER_SORT, customer: CUSTOMER_SORT, product: PRODUCT_SORT } satisfies Record<string, Record<string, SortValue>>;

/** Sorts by a sort key (unknown or RELEVANCE keys fall back to ID), ties broken by id. */
export function sortBy<T extends { id: number }>(items: T[], sorts: Record<string, (item: T) => number | string>, key: string | null | undefined): T[] {
  const value = sorts[key ?? "ID"] ?? ((item: T) => item.id);
  return [...items].sort((a, b) => {
    const va = value(a);
    const vb = value(b);
    if (va < vb) return -1;
    if (va > vb) return 1;
    return a.id - b.id;
  });
}
