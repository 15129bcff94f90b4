/** URL routing of the emulator's HTTP server. */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AppConfig } from "./app-config";
import { handleAccessTokenRequest } from "./auth/access-token";
import { createSessionToken } from "./auth/session-token";
import { handleGraphqlRequest, type GraphqlEndpointEnv } from "./graphql/endpoint";
import { parseFormOrJson, readBody, sendJson, sendText, type EmulatorLogger } from "./http";
import { adminFramePage, indexPage } from "./pages/admin-frame";
import { appBridgeScript } from "./pages/app-bridge";
import { resourcePickerRoute } from "./pages/resource-picker";
import { cartJson, discountLink, extensionAsset, forwardToAppProxy, storefrontPage } from "./pages/storefront";
import { bulkResult } from "./graphql/mutations/bulk";
import type { EmulatorStore } from "./store/store";

export interface RouterEnv {
  origin: () => string;
  appUrl: string;
  apiKey: string;
  apiSecret: string;
  config: AppConfig;
  store: EmulatorStore;
  logger: EmulatorLogger;
  graphql: GraphqlEndpointEnv;
  storefrontScripts: string[];
  /** Base URL the admin frame loads the app from (the tunnel, or the app itself). */
  frameAppUrl: () => string;
}

const CORS = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
  "Access-Control-Allow-Headers": "Authorization, Content-Type, X-Shopify-Access-Token",
};

async function sessionTokenRoute(env: RouterEnv, url: URL, res: ServerResponse): Promise<void> {
  const shop = url.searchParams.get("shop") ?? "";
  if (!env.store.hasShop(shop)) return sendJson(res, 404, { error: `Unknown shop ${shop}` }, CORS);
  const user = env.store.staff(shop, url.searchParams.get("user") ?? undefined);
  const token = createSessionToken({ shop, apiKey: env.apiKey, apiSecret: env.apiSecret, userId: user.id, now: env.store.now() });
  sendJson(res, 200, { token, user: { id: user.id, name: `${user.first_name} ${user.last_name}`, email: user.email, accountOwner: user.account_owner } }, CORS);
}

/** Builds the request handler. */
export function createRouter(env: RouterEnv): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  return async (req, res) => {
    const url = new URL(req.url ?? "/", env.origin());
    const path = url.pathname;
    if (req.method === "OPTIONS") {
      res.writeHead(204, CORS);
      res.end();
      return;
    }
    let m: RegExpExecArray | null;
    if ((m = /^\/([^/]+)\/admin\/api\/([^/]+)\/graphql\.json$/.exec(path))) return handleGraphqlRequest(env.graphql, req, res, m[1], m[2]);
    if ((m = /^\/([^/]+)\/admin\/oauth\/access_token$/.exec(path)) && req.method === "POST") {
      const params = parseFormOrJson(await readBody(req), req.headers["content-type"]);
      const result = handleAccessTokenRequest(env, m[1], params, env.store.now().getTime());
      return sendJson(res, result.status, result.body);
    }
    if ((m = /^\/bulk-operation-results\/(\d+)\.jsonl$/.exec(path)) && req.method === "GET") {
      // Shopify's result URL is a signed storage link: no Admin API token, JSONL body.
      const op = bulkResult(env.store, Number(m[1]));
      if (!op || !op.lines) return sendText(res, 404, "NoSuchKey", "application/xml");
      res.writeHead(200, { "Content-Type": "application/jsonl", "Content-Length": String(op.fileSize) });
      for (const line of op.lines) if (!res.write(line)) await new Promise((resolve) => res.once("drain", resolve));
      res.end();
      return;
    }
    if (path === "/app-bridge.js")
      return sendText(res, 200, appBridgeScript(env.origin()), "application/javascript; charset=utf-8", { ...CORS, "Cache-Control": "no-store" });
    if (path === "/api/session-token") return sessionTokenRoute(env, url, res);
    if (path === "/api/resource-picker" && req.method === "GET") return resourcePickerRoute(env.store, url, res, CORS);
    if (path === "/healthz") return sendText(res, 200, "ok");
    if (path === "/") return sendText(res, 200, indexPage(env), "text/html; charset=utf-8");
    if ((m = /^\/store\/([^/]+)\/apps\/[^/]+(\/.*)?$/.exec(path)) && req.method === "GET") {
      return sendText(res, 200, adminFramePage(env, m[1], m[2] ?? "", url.searchParams), "text/html; charset=utf-8");
    }
    if ((m = /^\/storefront\/([^/]+)(\/apps\/.*)$/.exec(path))) return forwardToAppProxy(env, req, res, m[1], m[2], url);
    if ((m = /^\/storefront\/([^/]+)\/cart\.js$/.exec(path)) && req.method === "GET") return cartJson(env, req, res, m[1]);
    if ((m = /^\/storefront\/([^/]+)(\/.*)?$/.exec(path)) && req.method === "GET") return storefrontPage(env, req, res, m[1], url, m[2]);
    if ((m = /^\/storefront-assets\/loyalist-widget\/([^/]+)$/.exec(path)) && req.method === "GET") return extensionAsset(req, res, m[1]);
    if ((m = /^\/discount\/([^/]+)$/.exec(path)) && req.method === "GET") return discountLink(req, res, decodeURIComponent(m[1]), url);
    if (path.startsWith("/apps/")) return forwardToAppProxy(env, req, res, null, path, url);
    sendJson(res, 404, { errors: "Not Found" });
  };
}
