// Shopify global ids: "gid://shopify/Order/123". REST payloads carry the numeric tail.

/** The numeric id at the end of a Shopify GID ("gid://shopify/Order/123" → "123"). */
export function legacyId(gid: string): string {
  return gid.slice(gid.lastIndexOf("/") + 1);
}

/** The GID of a resource from its numeric id. */
export function toGid(type: string, id: string | number): string {
  return `gid://shopify/${type}/${id}`;
}
