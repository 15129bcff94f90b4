/** Records the emulator keeps per shop. Orders, refunds and customers are kept as their REST payloads. */
import type { RestCustomer, RestOrder } from "../../shopify-payloads";

export interface StaffUser {
  id: number;
  first_name: string;
  last_name: string;
  email: string;
  account_owner: boolean;
  locale: string;
  collaborator: boolean;
  email_verified: boolean;
}

export interface ShopRecord {
  id: number;
  domain: string;
  name: string;
  email: string;
  currency: string;
  ianaTimezone: string;
  planDisplayName: string;
  shopifyPlus: boolean;
  partnerDevelopment: boolean;
  createdAt: string;
  staff: StaffUser[];
  scopes: string[];
}

export interface VariantRecord {
  id: number;
  productId: number;
  title: string;
  price: string;
  sku: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface ProductRecord {
  id: number;
  title: string;
  handle: string;
  vendor: string;
  productType: string;
  status: "ACTIVE" | "ARCHIVED" | "DRAFT" | "UNLISTED";
  tags: string[];
  createdAt: string;
  updatedAt: string;
  variants: VariantRecord[];
}

export interface CollectionRecord {
  id: number;
  title: string;
  handle: string;
  productIds: number[];
  updatedAt: string;
}

export interface LocationRecord {
  id: number;
  name: string;
  isActive: boolean;
  fulfillsOnlineOrders: boolean;
  createdAt: string;
  updatedAt: string;
  address: {
    address1: string | null;
    city: string | null;
    province: string | null;
    provinceCode: string | null;
    country: string | null;
    countryCode: string | null;
    zip: string | null;
  };
}

export interface MetafieldRecord {
  id: number;
  ownerId: string;
  ownerType: string;
  namespace: string;
  key: string;
  type: string;
  value: string;
  createdAt: string;
  updatedAt: string;
}

export type DiscountKind = "basic" | "freeShipping" | "bxgy";

/** A code discount created through the Admin API, with the exact input it was created with. */
export interface DiscountRecord {
  id: number;
  kind: DiscountKind;
  code: string;
  redeemCodeId: number;
  title: string;
  startsAt: string;
  endsAt: string | null;
  createdAt: string;
  updatedAt: string;
  asyncUsageCount: number;
  /** Customers allowed to use the code (from `context.customers.add` or `customerSelection`); null = all buyers. */
  customerIds: number[] | null;
  /** The mutation's input object exactly as the app sent it (after GraphQL coercion). */
  input: Record<string, unknown>;
}

export interface StoreCreditTransactionRecord {
  id: number;
  amount: string;
  balanceAfter: string;
  createdAt: string;
  expiresAt: string | null;
}
export interface StoreCreditAccountRecord {
  id: number;
  customerId: number;
  currency: string;
  balance: string;
  transactions: StoreCreditTransactionRecord[];
}

/** Everything the emulator knows about one shop. */
export interface ShopData {
  shop: ShopRecord;
  customers: Map<number, RestCustomer>;
  products: Map<number, ProductRecord>;
  collections: Map<number, CollectionRecord>;
  locations: Map<number, LocationRecord>;
  orders: Map<number, RestOrder>;
  discounts: Map<number, DiscountRecord>;
  metafields: MetafieldRecord[];
  storeCredit: Map<number, StoreCreditAccountRecord>;
  /** Every flowTriggerReceive Shopify accepted, oldest first (what Flow would start workflows with). */
  flowTriggers: FlowTriggerRecord[];
  metafieldDefinitions: MetafieldDefinitionRecord[];
  nextOrderNumber: number;
}

export interface FlowTriggerRecord {
  handle: string;
  payload: Record<string, unknown>;
  /** Size of the payload as received (UTF-8 JSON). */
  bytes: number;
  receivedAt: string;
}

export interface MetafieldDefinitionRecord {
  id: number;
  namespace: string;
  key: string;
  ownerType: string;
  type: string;
  name: string;
  /** The mutation's input exactly as the app sent it. */
  input: Record<string, unknown>;
}

export interface AccessTokenRecord {
  token: string;
  shop: string;
  online: boolean;
  userId: number | null;
  scopes: string[];
  expiresAt: number | null;
  issuedAt: number;
}

export interface RefreshTokenRecord {
  token: string;
  shop: string;
  scopes: string[];
  expiresAt: number;
}
