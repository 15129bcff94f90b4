/** Product, ProductVariant, Collection and Location views. */
import { gid } from "../../ids";
import type { CollectionRecord, LocationRecord, ProductRecord, VariantRecord } from "../../store/types";
import { connection, type ConnectionArgs } from "../connection";
import type { GqlContext, View } from "../context";
import { parseGid } from "../../ids";

const count = (n: number) => ({ count: n, precision: "EXACT" });

/** The ProductVariant view. */
export function variantView(product: ProductRecord, variant: VariantRecord): View {
  return {
    __typename: "ProductVariant",
    id: gid("ProductVariant", variant.id),
    title: variant.title,
    price: variant.price,
    sku: variant.sku,
    displayName: `${product.title} - ${variant.title}`,
    availableForSale: true,
    compareAtPrice: null,
    inventoryQuantity: 0,
    taxable: true,
    position: product.variants.indexOf(variant) + 1,
    createdAt: variant.createdAt,
    updatedAt: variant.updatedAt,
    barcode: null,
    product: () => productView(product),
  };
}

/** The Product view. */
export function productView(product: ProductRecord): View {
  return {
    __typename: "Product",
    id: gid("Product", product.id),
    title: product.title,
    handle: product.handle,
    vendor: product.vendor,
    productType: product.productType,
    status: product.status,
    tags: product.tags,
    createdAt: product.createdAt,
    updatedAt: product.updatedAt,
    publishedAt: product.createdAt,
    description: "",
    descriptionHtml: "",
    onlineStoreUrl: null,
    totalInventory: 0,
    tracksInventory: false,
    hasOnlyDefaultVariant: product.variants.length === 1 && product.variants[0].title === "Default Title",
    isGiftCard: false,
    featuredImage: null,
    variantsCount: count(product.variants.length),
    variants: (args: ConnectionArgs) =>
      connection(
        product.variants,
        args,
        (v) => v.id,
        (v) => variantView(product, v),
      ),
    collections: (args: ConnectionArgs, ctx: GqlContext) =>
      connection(
        [...ctx.data.collections.values()].filter((c) => c.productIds.includes(product.id)),
        args,
        (c) => c.id,
        (c) => collectionView(c),
      ),
  };
}

/** The Collection view. */
export function collectionView(collection: CollectionRecord): View {
  return {
    __typename: "Collection",
    id: gid("Collection", collection.id),
    title: collection.title,
    handle: collection.handle,
    updatedAt: collection.updatedAt,
    description: "",
    descriptionHtml: "",
    image: null,
    sortOrder: "MANUAL",
    productsCount: count(collection.productIds.length),
    hasProduct: (args: { id: string }) => collection.productIds.includes(parseGid(args.id)?.id ?? -1),
    products: (args: ConnectionArgs, ctx: GqlContext) =>
      connection(
        collection.productIds.map((id) => ctx.data.products.get(id)).filter((p): p is ProductRecord => Boolean(p)),
        args,
        (p) => p.id,
        productView,
      ),
  };
}

/** The Location view. */
export function locationView(location: LocationRecord): View {
  const a = location.address;
  return {
    __typename: "Location",
    id: gid("Location", location.id),
    name: location.name,
    isActive: location.isActive,
    activatable: !location.isActive,
    deactivatable: location.isActive,
    deletable: !location.isActive,
    fulfillsOnlineOrders: location.fulfillsOnlineOrders,
    hasActiveInventory: false,
    shipsInventory: true,
    isFulfillmentService: false,
    createdAt: location.createdAt,
    updatedAt: location.updatedAt,
    deactivatedAt: null,
    address: {
      ...a,
      address2: null,
      phone: null,
      latitude: null,
      longitude: null,
      formatted: [a.address1, a.city, a.country ?? a.countryCode].filter(Boolean),
    },
  };
}
