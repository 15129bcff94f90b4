// A product, variant or collection as the admin shows it once chosen (from App Bridge's resource picker or the
// Admin API), and the conversions between Shopify's global ids and the numeric ids earning rules keep.
import { legacyId, toGid } from "~/platform/shopify/gid";

export type PickerResourceType = "product" | "variant" | "collection";

export type PickedResource = { id: string; title: string; imageUrl: string | null };

const GID_TYPE: Record<PickerResourceType, string> = { product: "Product", variant: "ProductVariant", collection: "Collection" };

/** The global id of a stored id (earning exclusions keep numeric ids, rewards keep global ids). */
export function resourceGid(type: PickerResourceType, id: string): string {
  return id.startsWith("gid://") ? id : toGid(GID_TYPE[type], id);
}

/** The numeric id of a picked resource's global id. */
export const resourceNumericId = (gid: string) => legacyId(gid);

type PickerAnswer = {
  id: string;
  title?: string;
  displayName?: string;
  images?: { originalSrc?: string; url?: string }[];
  image?: { originalSrc?: string; url?: string } | null;
  product?: { images?: { originalSrc?: string; url?: string }[] };
};

/** A resource picker selection (App Bridge's shapes) as the admin shows it. */
export function pickedFromSelection(type: PickerResourceType, selection: PickerAnswer[]): PickedResource[] {
  return selection.map((r) => {
    const image = type === "product" ? r.images?.[0] : type === "variant" ? (r.image ?? r.product?.images?.[0]) : r.image;
    return { id: r.id, title: (type === "variant" ? r.displayName : r.title) ?? r.title ?? "", imageUrl: image?.originalSrc ?? image?.url ?? null };
  });
}
