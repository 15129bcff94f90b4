/** Shopify-like numeric ids and GraphQL global ids (gid://shopify/Type/123). */

/** Id ranges per resource, close to the magnitudes real shops have (all within Number.MAX_SAFE_INTEGER). */
export const ID_BASE = {
  order: 5_000_000_000_000,
  lineItem: 13_000_000_000_000,
  customer: 7_000_000_000_000,
  product: 8_000_000_000_000,
  variant: 44_000_000_000_000,
  refund: 900_000_000_000,
  refundLineItem: 500_000_000_000,
  transaction: 6_000_000_000_000,
  location: 60_000_000_000,
  collection: 400_000_000_000,
  discount: 1_100_000_000_000,
  redeemCode: 17_000_000_000_000,
  metafield: 30_000_000_000_000,
  metafieldDefinition: 32_000_000_000,
  shop: 70_000_000_000,
  staff: 100_000_000_000,
  storeCredit: 200_000_000,
  fulfillment: 4_000_000_000_000,
  shippingLine: 4_500_000_000_000,
} as const;

export type IdKind = keyof typeof ID_BASE;

let sequence = 0;

/** A fresh id of the given kind, unique within this process. */
export function nextId(kind: IdKind): number {
  sequence += 1;
  return ID_BASE[kind] + sequence;
}

/** The GraphQL global id of a resource, e.g. gid("Order", 5000000000001). */
export function gid(type: string, id: number | string): string {
  return `gid://shopify/${type}/${id}`;
}

/** Parses "gid://shopify/Type/123" (query string tails ignored); null when it is not a Shopify gid. */
export function parseGid(value: string): { type: string; id: number } | null {
  const match = /^gid:\/\/shopify\/([A-Za-z]+)\/(\d+)(?:\?.*)?$/.exec(value);
  if (!match) return null;
  return { type: match[1], id: Number(match[2]) };
}

/** Accepts a numeric id, a numeric string or a gid and returns the numeric id (NaN when none). */
export function toNumericId(value: number | string): number {
  if (typeof value === "number") return value;
  const parsed = parseGid(value);
  return parsed ? parsed.id : Number(value);
}
