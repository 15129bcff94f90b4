// The one Shopify app object (API version, scopes, session storage, auth), as in Shopify's Remix template.
import "@shopify/shopify-app-remix/adapters/node";
import { setAbstractFetchFunc } from "@shopify/shopify-api/runtime";
import { AppDistribution, LogSeverity, shopifyApp } from "@shopify/shopify-app-remix/server";
import { PrismaSessionStorage } from "@shopify/shopify-app-session-storage-prisma";
import prisma from "./db.server";
import { env } from "~/platform/env.server";
import { shopifyFetch } from "~/platform/shopify/admin-origin.server";
import { ADMIN_API_VERSION } from "~/platform/shopify/api-version";
import { installShop, shopStatus } from "~/shops/shops.server";
import { syncLocations, syncProducts } from "~/catalogue/products-sync.server";
import { logger } from "~/platform/logger.server";
import { requestInsightBackfill } from "~/insight/backfill.server";
import { withAuthFailuresAs4xx } from "~/platform/shopify/admin-auth.server";

/** The Admin API version Loyalist is written and tested against (app/platform/shopify/api-version.ts). */
export const API_VERSION = ADMIN_API_VERSION;

// Token exchange and Admin calls made by the library honour the sandbox origin override too.
setAbstractFetchFunc(shopifyFetch);

const config = env();

const shopify = shopifyApp({
  apiKey: config.SHOPIFY_API_KEY,
  apiSecretKey: config.SHOPIFY_API_SECRET,
  apiVersion: API_VERSION,
  scopes: (
    config.SCOPES ??
    "read_orders,read_customers,write_customers,write_discounts,read_products,read_locations,read_store_credit_accounts,write_store_credit_account_transactions"
  ).split(","),
  appUrl: config.SHOPIFY_APP_URL,
  authPathPrefix: "/auth",
  sessionStorage: new PrismaSessionStorage(prisma),
  distribution: AppDistribution.AppStore,
  isEmbeddedApp: true,
  logger: { level: config.LOG_LEVEL === "debug" || config.LOG_LEVEL === "trace" ? LogSeverity.Debug : LogSeverity.Warning },
  // Offline tokens expire and the library refreshes them (unauthenticated.admin, authenticate.admin), as Shopify's template does.
  future: { unstable_newEmbeddedAuthStrategy: true, expiringOfflineAccessTokens: true },
  hooks: {
    afterAuth: async ({ session }) => {
      await installShop(session);
      // Insight's past year: the insight-backfill job runs the bulk query and imports it (docs/decisions/032).
      await requestInsightBackfill(session.shop);
      // The product rules index fills in the background; installing never waits on it.
      void syncProducts(session.shop).catch((error) => logger.warn({ shop: session.shop, err: error }, "initial product sync failed"));
      void syncLocations(session.shop).catch((error) => logger.warn({ shop: session.shop, err: error }, "initial location sync failed"));
    },
  },
});

export default shopify;
/** The library's authenticators; `admin` answers 401/400 (never 5xx) for requests it cannot authenticate. */
export const authenticate = {
  ...shopify.authenticate,
  admin: withAuthFailuresAs4xx(shopify.authenticate.admin, async (shop) => (await shopStatus(shop)) === "installed"),
};
export const login = shopify.login;
export const unauthenticated = shopify.unauthenticated;
export const sessionStorage = shopify.sessionStorage;
export const addDocumentResponseHeaders = shopify.addDocumentResponseHeaders;
