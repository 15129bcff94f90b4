// The one Shopify app object (API version, scopes, session storage, auth), as in Shopify's Remix template.
import "@shopify/shopify-app-remix/adapters/node";
import { setAbstractFetchFunc } from "@shopify/shopify-api/runtime";
import { AppDistribution, LogSeverity, shopifyApp } from "@shopify/shopify-app-remix/server";
import { PrismaSessionStorage } from "@shopify/shopify-app-session-storage-prisma";
import prisma from "./db.server";
import { env } from "./env.server";
import { shopifyFetch } from "./shopify/admin-origin.server";
import { ADMIN_API_VERSION } from "./shopify/api-version";
import { installShop } from "./models/shops.server";
import { syncProducts } from "./shopify/products-sync.server";
import { logger } from "./logger.server";

/** The Admin API version Loyalist is written and tested against (app/shopify/api-version.ts). */
export const API_VERSION = ADMIN_API_VERSION;

// Token exchange and Admin calls made by the library honour the sandbox origin override too.
setAbstractFetchFunc(shopifyFetch);

const config = env();

const shopify = shopifyApp({
  apiKey: config.SHOPIFY_API_KEY,
  apiSecretKey: config.SHOPIFY_API_SECRET,
  apiVersion: API_VERSION,
  scopes: (config.SCOPES ?? "read_orders,read_customers,write_customers,write_discounts,read_products,read_locations,read_store_credit_accounts,write_store_credit_account_transactions").split(","),
  appUrl: config.SHOPIFY_APP_URL,
  authPathPrefix: "/auth",
  sessionStorage: new PrismaSessionStorage(prisma),
  distribution: AppDistribution.AppStore,
  isEmbeddedApp: true,
  logger: { level: config.LOG_LEVEL === "debug" || config.LOG_LEVEL === "trace" ? LogSeverity.Debug : LogSeverity.Warning },
  future: { unstable_newEmbeddedAuthStrategy: true },
  hooks: {
    afterAuth: async ({ session, admin }) => {
      await installShop(session, admin);
      // The product rules index fills in the background; installing never waits on it.
      void syncProducts(session.shop).catch((error) => logger.warn({ shop: session.shop, err: error }, "initial product sync failed"));
    },
  },
});

export default shopify;
export const authenticate = shopify.authenticate;
export const unauthenticated = shopify.unauthenticated;
export const sessionStorage = shopify.sessionStorage;
export const addDocumentResponseHeaders = shopify.addDocumentResponseHeaders;
