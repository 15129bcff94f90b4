/** The emulator's in-memory Shopify: shops and everything in them, readable by tests. */
import { buildCustomer, type CustomerInput, type RestCustomer, type RestOrder, type RestRefund } from "../../shopify-payloads";
import { nextId, toNumericId } from "../ids";
import { cancelOrder, eventTime, fulfillOrder, placeOrder, refundOrder, snapshot, type PlaceOrderInput, type RefundOrderInput } from "./orders";
import { TokenRegistry } from "./tokens";
import type {
  CollectionRecord,
  DiscountRecord,
  FlowTriggerRecord,
  LocationRecord,
  MetafieldDefinitionRecord,
  MetafieldRecord,
  ProductRecord,
  ShopData,
  ShopRecord,
  StaffUser,
  StoreCreditAccountRecord,
} from "./types";

export interface InstallShopInput {
  shop: string;
  name?: string;
  email?: string;
  currency?: string;
  ianaTimezone?: string;
  planDisplayName?: string;
  shopifyPlus?: boolean;
  owner?: { firstName?: string; lastName?: string; email?: string; id?: number };
  scopes?: string[];
}

export interface ProductInput {
  id?: number;
  title: string;
  handle?: string;
  vendor?: string;
  productType?: string;
  status?: ProductRecord["status"];
  tags?: string[];
  variants?: Array<{ id?: number; title?: string; price: string; sku?: string | null }>;
  createdAt?: string;
}

export interface LocationInput {
  id?: number;
  name: string;
  isActive?: boolean;
  fulfillsOnlineOrders?: boolean;
  city?: string;
  countryCode?: string;
}

/** Lowercase, dash-separated handle of a title ("Blue Mug" → "blue-mug"). */
export function handleize(title: string): string {
  return title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

/** All shops and their data; what tests arrange and inspect. */
export class EmulatorStore {
  readonly tokens: TokenRegistry;
  private readonly shops = new Map<string, ShopData>();

  constructor(
    private readonly clock: () => Date = () => new Date(),
    private readonly defaultScopes: string[] = [],
    apiSecret = "",
  ) {
    this.tokens = new TokenRegistry(apiSecret, (shop) => this.shops.get(shop)?.shop.scopes ?? null);
  }

  /** The emulator's current time. */
  now(): Date {
    return this.clock();
  }

  /** Creates (or returns) a shop with its owner as the first staff member. */
  installShop(input: InstallShopInput): ShopRecord {
    const existing = this.shops.get(input.shop);
    if (existing) return existing.shop;
    const name = input.name ?? input.shop.replace(/\.myshopify\.com$/, "");
    const owner: StaffUser = {
      id: input.owner?.id ?? nextId("staff"),
      first_name: input.owner?.firstName ?? "Shop",
      last_name: input.owner?.lastName ?? "Owner",
      email: input.owner?.email ?? `owner@${input.shop}`,
      account_owner: true,
      locale: "en",
      collaborator: false,
      email_verified: true,
    };
    const shop: ShopRecord = {
      id: nextId("shop"),
      domain: input.shop,
      name,
      email: input.email ?? owner.email,
      currency: input.currency ?? "USD",
      ianaTimezone: input.ianaTimezone ?? "America/New_York",
      planDisplayName: input.planDisplayName ?? "Basic",
      shopifyPlus: input.shopifyPlus ?? false,
      partnerDevelopment: true,
      createdAt: this.now().toISOString(),
      staff: [owner],
      scopes: input.scopes ?? this.defaultScopes,
    };
    this.shops.set(input.shop, {
      shop,
      customers: new Map(),
      products: new Map(),
      collections: new Map(),
      locations: new Map(),
      orders: new Map(),
      discounts: new Map(),
      metafields: [],
      storeCredit: new Map(),
      flowTriggers: [],
      metafieldDefinitions: [],
      nextOrderNumber: 1,
    });
    return shop;
  }

  /** Removes a shop and revokes its tokens (shop/redact, or a fresh start). */
  removeShop(shop: string): void {
    this.shops.delete(shop);
    this.tokens.revokeShop(shop);
  }

  /** Whether the shop exists. */
  hasShop(shop: string): boolean {
    return this.shops.has(shop);
  }

  /** Every installed shop domain. */
  shopDomains(): string[] {
    return [...this.shops.keys()];
  }

  /** The live data of a shop; throws when the shop is unknown. */
  data(shop: string): ShopData {
    const data = this.shops.get(shop);
    if (!data) throw new Error(`Shop ${shop} is not installed in the emulator`);
    return data;
  }

  /** The shop record. */
  shop(shop: string): ShopRecord {
    return this.data(shop).shop;
  }

  /** The staff member with `userId`, or the account owner. */
  staff(shop: string, userId?: number | string): StaffUser {
    const staff = this.data(shop).shop.staff;
    const found = userId === undefined ? staff.find((s) => s.account_owner) : staff.find((s) => s.id === Number(userId));
    if (!found) throw new Error(`Staff member ${userId} does not exist in ${shop}`);
    return found;
  }

  /** Adds a staff member (not the owner); `locale` is the admin language they chose (Shopify's `locale` parameter). */
  addStaff(shop: string, input: { firstName: string; lastName: string; email?: string; id?: number; locale?: string }): StaffUser {
    const user: StaffUser = {
      id: input.id ?? nextId("staff"),
      first_name: input.firstName,
      last_name: input.lastName,
      email: input.email ?? `${handleize(input.firstName)}@${shop}`,
      account_owner: false,
      locale: input.locale ?? "en",
      collaborator: false,
      email_verified: true,
    };
    this.data(shop).shop.staff.push(user);
    return user;
  }

  /** Adds a customer and returns its customers/create payload. */
  addCustomer(shop: string, input: CustomerInput = {}): RestCustomer {
    const data = this.data(shop);
    const customer = buildCustomer({ currency: data.shop.currency, ...input, createdAt: input.createdAt ?? input.created_at ?? this.now().toISOString() });
    data.customers.set(customer.id, customer);
    return snapshot(customer);
  }

  /** Applies a change to a customer and returns its customers/update payload. */
  updateCustomer(shop: string, id: number | string, patch: Partial<Omit<RestCustomer, "id" | "admin_graphql_api_id">>): RestCustomer {
    const customer = this.data(shop).customers.get(toNumericId(id));
    if (!customer) throw new Error(`Customer ${id} does not exist in ${shop}`);
    Object.assign(customer, patch, { updated_at: this.now().toISOString() });
    return snapshot(customer);
  }

  /** Adds a product with its variants (one "Default Title" variant when none given). */
  addProduct(shop: string, input: ProductInput): ProductRecord {
    const at = input.createdAt ?? this.now().toISOString();
    const id = input.id ?? nextId("product");
    const variants = (input.variants ?? [{ price: "10.00" }]).map((v) => ({
      id: v.id ?? nextId("variant"),
      productId: id,
      title: v.title ?? "Default Title",
      price: v.price,
      sku: v.sku ?? null,
      createdAt: at,
      updatedAt: at,
    }));
    const product: ProductRecord = {
      id,
      title: input.title,
      handle: input.handle ?? handleize(input.title),
      vendor: input.vendor ?? this.shop(shop).name,
      productType: input.productType ?? "",
      status: input.status ?? "ACTIVE",
      tags: input.tags ?? [],
      createdAt: at,
      updatedAt: at,
      variants,
    };
    this.data(shop).products.set(id, product);
    return product;
  }

  /** Adds a custom collection of products. */
  addCollection(shop: string, input: { id?: number; title: string; handle?: string; productIds?: Array<number | string> }): CollectionRecord {
    const collection: CollectionRecord = {
      id: input.id ?? nextId("collection"),
      title: input.title,
      handle: input.handle ?? handleize(input.title),
      productIds: (input.productIds ?? []).map(toNumericId),
      updatedAt: this.now().toISOString(),
    };
    this.data(shop).collections.set(collection.id, collection);
    return collection;
  }

  /** Adds a location (a store or warehouse). */
  addLocation(shop: string, input: LocationInput): LocationRecord {
    const at = this.now().toISOString();
    const location: LocationRecord = {
      id: input.id ?? nextId("location"),
      name: input.name,
      isActive: input.isActive ?? true,
      fulfillsOnlineOrders: input.fulfillsOnlineOrders ?? true,
      createdAt: at,
      updatedAt: at,
      address: {
        address1: null,
        city: input.city ?? null,
        province: null,
        provinceCode: null,
        country: null,
        countryCode: input.countryCode ?? "US",
        zip: null,
      },
    };
    this.data(shop).locations.set(location.id, location);
    return location;
  }

  /** Customers of a shop (REST payload copies). */
  customers(shop: string): RestCustomer[] {
    return [...this.data(shop).customers.values()].map(snapshot);
  }

  /** Orders of a shop (REST payload copies). */
  orders(shop: string): RestOrder[] {
    return [...this.data(shop).orders.values()].map(snapshot);
  }

  /** One order (REST payload copy), or undefined. */
  order(shop: string, id: number | string): RestOrder | undefined {
    const order = this.data(shop).orders.get(toNumericId(id));
    return order && snapshot(order);
  }

  /** Code discounts created in the shop, with their full creation input. */
  discountCodes(shop: string): DiscountRecord[] {
    return [...this.data(shop).discounts.values()].map(snapshot);
  }

  /** Metafields of the shop, optionally of one owner gid. */
  metafields(shop: string, ownerId?: string): MetafieldRecord[] {
    return this.data(shop)
      .metafields.filter((m) => !ownerId || m.ownerId === ownerId)
      .map(snapshot);
  }

  /** Flow triggers the shop received (flowTriggerReceive), oldest first. */
  flowTriggers(shop: string, handle?: string): FlowTriggerRecord[] {
    return this.data(shop)
      .flowTriggers.filter((t) => !handle || t.handle === handle)
      .map(snapshot);
  }

  /** Metafield definitions created in the shop. */
  metafieldDefinitions(shop: string): MetafieldDefinitionRecord[] {
    return this.data(shop).metafieldDefinitions.map(snapshot);
  }

  /** Store credit accounts of the shop. */
  storeCreditAccounts(shop: string): StoreCreditAccountRecord[] {
    return [...this.data(shop).storeCredit.values()].map(snapshot);
  }

  /** Places an order and returns its orders/create payload (no webhook sent; see emulator.orders). */
  placeOrder(shop: string, input: PlaceOrderInput): RestOrder {
    return placeOrder(this.data(shop), this.now(), input);
  }

  /** Refunds order lines; returns the refunds/create payload (the order is updated too). */
  refund(shop: string, orderId: number | string, input: RefundOrderInput): RestRefund {
    return refundOrder(this.data(shop), eventTime(this.now(), input.at), orderId, input).refund;
  }

  /** Cancels an order; returns the orders/cancelled payload. */
  cancel(shop: string, orderId: number | string, options?: { reason?: RestOrder["cancel_reason"]; refund?: boolean; at?: string | Date }): RestOrder {
    return cancelOrder(this.data(shop), eventTime(this.now(), options?.at), orderId, options).order;
  }

  /** Fulfils an order; returns the orders/fulfilled payload. */
  fulfill(shop: string, orderId: number | string, at?: string | Date): RestOrder {
    return fulfillOrder(this.data(shop), eventTime(this.now(), at), orderId);
  }
}
