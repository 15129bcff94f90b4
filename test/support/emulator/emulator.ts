/** startEmulator: a local Shopify (Admin GraphQL, OAuth token exchange, webhooks, app proxy, admin frame, storefront). */
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { signProxyQuery, type ProxyQueryInput } from "./app-proxy";
import { readAppConfig, type AppConfig } from "./app-config";
import { createSessionToken } from "./auth/session-token";
import { FaultInjector } from "./faults";
import type { GraphqlEndpointEnv, GraphqlLogEntry } from "./graphql/endpoint";
import type { GraphqlResponseBody } from "./graphql/execute";
import { ADMIN_API_VERSION } from "./graphql/schema";
import { ThrottleRegistry, type ThrottleOptions, type ThrottleStatus } from "./graphql/throttle";
import { silentLogger, type EmulatorLogger } from "./http";
import { CustomerActions, OrderActions, ShopActions } from "./lifecycle";
import { adminHost, embeddedAppUrl } from "./pages/admin-frame";
import { createRouter } from "./routes";
import { EmulatorStore, type InstallShopInput } from "./store/store";
import type { ShopRecord } from "./store/types";
import { startTunnel } from "./tunnel";
import { WebhookSender } from "./webhooks/sender";
import { FlowActions } from "./flow";

export interface EmulatorOptions {
  /** Port on 127.0.0.1 (0, the default, picks a free one). */
  port?: number;
  apiKey: string;
  apiSecret: string;
  /** The Loyalist app's base URL (webhooks, app proxy and the admin iframe go there); can be set later with setAppUrl. */
  appUrl?: string;
  /** The app's shopify.app.toml (default: the repository's). */
  appTomlPath?: string;
  logger?: EmulatorLogger;
  /** The emulator's clock for created/updated timestamps and token expiry (default: real time). */
  now?: () => Date;
  throttle?: ThrottleOptions;
  /** Deny fields the token's scopes do not grant, like Shopify (default true). */
  enforceScopes?: boolean;
  /** Orders older than this many days are hidden without read_all_orders, like Shopify (default 60; null: no window). */
  orderWindowDays?: number | null;
  /** Webhook request timeout (default 5000 ms, Shopify's). */
  webhookTimeoutMs?: number;
  /** Scripts the storefront page loads (e.g. the app's widget). */
  storefrontScripts?: string[];
  /** Port of the tunnel in front of the app (0, the default, picks a free one). */
  tunnelPort?: number;
  /** Whether the admin frame loads the app through the tunnel (default) or directly from appUrl. */
  frameVia?: "tunnel" | "direct";
}

export interface Emulator {
  /** http://127.0.0.1:<port> */
  readonly url: string;
  readonly port: number;
  readonly apiKey: string;
  readonly config: AppConfig;
  readonly store: EmulatorStore;
  readonly faults: FaultInjector;
  readonly webhooks: WebhookSender;
  /** Shopify Flow: triggers received, lifecycle callbacks and action runs sent to the app. */
  readonly flow: FlowActions;
  readonly orders: OrderActions;
  readonly customers: CustomerActions;
  /** Shop-level events: uninstall, compliance requests. */
  readonly shops: ShopActions;
  /** Every Admin GraphQL request the app made, oldest first. */
  readonly graphqlRequests: GraphqlLogEntry[];
  /** Creates a shop (with its owner) and returns it. Scopes default to the toml's access_scopes. */
  installShop(input: InstallShopInput): ShopRecord;
  /** A session token (App Bridge id token) for a staff member of `shop` (the owner by default). */
  sessionToken(shop: string, options?: { userId?: number | string; sid?: string }): string;
  /** Issues an access token directly, as if token exchange had happened (for tests calling the API themselves). */
  accessToken(shop: string, options?: { online?: boolean; userId?: number; scopes?: string[] }): string;
  /** Runs an Admin GraphQL request over HTTP against this emulator. */
  graphql(
    shop: string,
    query: string,
    variables?: Record<string, unknown>,
    options?: { token?: string },
  ): Promise<{ status: number; body: GraphqlResponseBody }>;
  /** The signed app proxy query for a shopper (`customerId` null = guest). */
  signProxyQuery(input: Omit<ProxyQueryInput, "secret" | "pathPrefix"> & { pathPrefix?: string }): string;
  /** The Admin API origin to give the app (SHOPIFY_ADMIN_API_ORIGIN). */
  readonly adminApiOrigin: string;
  /** The App Bridge stand-in URL to give the app (APP_BRIDGE_URL). */
  readonly appBridgeUrl: string;
  /** The Admin GraphQL endpoint of a shop. */
  graphqlUrl(shop: string): string;
  /** The admin page that embeds the app for `shop`. */
  adminUrl(shop: string): string;
  /** The storefront page of `shop`, optionally as a shopper. */
  storefrontUrl(shop: string, as?: string | number | "guest"): string;
  /** The URL the admin iframe loads (with a fresh id_token), for driving the app without the frame. */
  embeddedAppUrl(shop: string, path?: string): string;
  /** The `host` parameter for `shop`. */
  host(shop: string): string;
  /** Rate-limit bucket of a shop: read it or set the points available (e.g. 0 to force THROTTLED). */
  readonly throttle: { status(shop: string): ThrottleStatus; set(shop: string, available: number): void };
  /** The tunnel in front of the app (what `shopify app dev` would give): use it as SHOPIFY_APP_URL for a browser sandbox. */
  readonly tunnelUrl: string;
  /** The app's base URL currently used. */
  readonly appUrl: string;
  /** Points webhooks, the app proxy and the admin frame at the app (when it starts after the emulator). */
  setAppUrl(url: string): void;
  /** Stops the server, dropping held (timeout) responses. */
  close(): Promise<void>;
}

/** Starts the emulator on 127.0.0.1 and resolves once it listens. */
export async function startEmulator(options: EmulatorOptions): Promise<Emulator> {
  const config = readAppConfig(options.appTomlPath);
  const logger = options.logger ?? silentLogger;
  const store = new EmulatorStore(options.now, config.scopes, options.apiSecret);
  const faults = new FaultInjector();
  const throttle = new ThrottleRegistry(options.throttle);
  const heldResponses = new Set<ServerResponse>();
  const graphqlRequests: GraphqlLogEntry[] = [];
  let origin = "";
  const webhookEnv = {
    appUrl: (options.appUrl ?? "http://127.0.0.1:3000").replace(/\/$/, ""),
    apiSecret: options.apiSecret,
    config,
    logger,
    timeoutMs: options.webhookTimeoutMs ?? 5000,
  };
  const webhooks = new WebhookSender(webhookEnv);
  const graphqlEnv: GraphqlEndpointEnv = {
    store,
    faults,
    throttle,
    logger,
    enforceScopes: options.enforceScopes ?? true,
    orderWindowDays: options.orderWindowDays === undefined ? 60 : options.orderWindowDays,
    heldResponses,
    log: graphqlRequests,
    origin: () => origin,
    webhooks,
  };
  const routerEnv = {
    origin: () => origin,
    appUrl: webhookEnv.appUrl,
    apiKey: options.apiKey,
    apiSecret: options.apiSecret,
    config,
    store,
    logger,
    graphql: graphqlEnv,
    storefrontScripts: options.storefrontScripts ?? [],
    frameAppUrl: () => (options.frameVia === "direct" ? routerEnv.appUrl : tunnel.url),
  };
  const router = createRouter(routerEnv);
  const server = createServer((req, res) => {
    router(req, res).catch((error: unknown) => {
      logger.error({ error: String(error), url: req.url }, "emulator route failed");
      if (!res.headersSent) res.writeHead(500, { "Content-Type": "application/json" });
      res.end(JSON.stringify({ errors: "Internal Server Error" }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;
  const tunnel = await startTunnel({ port: options.tunnelPort, target: () => routerEnv.appUrl, adminOrigin: () => origin, logger });
  logger.info({ url: origin }, "shopify emulator listening");
  const shopName = (shop: string) => shop.replace(/\.myshopify\.com$/, "");

  const emulator: Emulator = {
    url: origin,
    port,
    apiKey: options.apiKey,
    config,
    store,
    faults,
    webhooks,
    flow: new FlowActions(store, webhookEnv),
    graphqlRequests,
    orders: new OrderActions(store, webhooks),
    customers: new CustomerActions(store, webhooks),
    shops: new ShopActions(store, webhooks),
    adminApiOrigin: origin,
    tunnelUrl: tunnel.url,
    appBridgeUrl: `${origin}/app-bridge.js`,
    installShop: (input) => store.installShop(input),
    sessionToken: (shop, opts = {}) =>
      createSessionToken({
        shop,
        apiKey: options.apiKey,
        apiSecret: options.apiSecret,
        userId: store.staff(shop, opts.userId).id,
        sid: opts.sid,
        now: store.now(),
      }),
    accessToken: (shop, opts = {}) =>
      store.tokens.issueAccess({
        shop,
        online: opts.online ?? false,
        userId: opts.online ? store.staff(shop, opts.userId).id : null,
        scopes: opts.scopes ?? store.shop(shop).scopes,
        expiresInSeconds: opts.online ? 86_399 : null,
        now: store.now().getTime(),
      }).token,
    async graphql(shop, query, variables, opts = {}) {
      const token = opts.token ?? emulator.accessToken(shop);
      const response = await fetch(emulator.graphqlUrl(shop), {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-Shopify-Access-Token": token },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, body: (await response.json()) as GraphqlResponseBody };
    },
    signProxyQuery: (input) =>
      signProxyQuery({ ...input, secret: options.apiSecret, pathPrefix: input.pathPrefix ?? config.appProxy?.storefrontPrefix ?? "/apps" }),
    graphqlUrl: (shop) => `${origin}/${shop}/admin/api/${ADMIN_API_VERSION}/graphql.json`,
    adminUrl: (shop) => `${origin}/store/${shopName(shop)}/apps/${config.handle}`,
    storefrontUrl: (shop, as) => `${origin}/storefront/${shop}${as === undefined ? "" : `?as=${as}`}`,
    get appUrl() {
      return routerEnv.appUrl;
    },
    setAppUrl(url) {
      routerEnv.appUrl = url.replace(/\/$/, "");
      webhookEnv.appUrl = routerEnv.appUrl;
    },
    embeddedAppUrl: (shop, path) => embeddedAppUrl({ appUrl: routerEnv.appUrl, apiKey: options.apiKey, apiSecret: options.apiSecret, store }, shop, path),
    host: (shop) => adminHost(shopName(shop)),
    throttle: {
      status: (shop) => throttle.bucket(shop, Date.now()).status(Date.now()),
      set: (shop, available) => throttle.bucket(shop, Date.now()).set(available, Date.now()),
    },
    async close() {
      for (const res of heldResponses) res.socket?.destroy();
      heldResponses.clear();
      await tunnel.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
  return emulator;
}
