/**
 * A minimal online store: a page per shop (pick a shopper with ?as=<customerId> or ?as=guest) and the app proxy,
 * which forwards /apps/{subpath}/* to the app's proxy url with Shopify's signed query.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { signProxyQuery } from "../app-proxy";
import { escapeHtml, readBody, readCookie, sendJson, sendText } from "../http";
import type { RouterEnv } from "../routes";

const SHOP_COOKIE = "shopify_emulator_shop";
const customerCookie = (shop: string) => `shopify_emulator_customer_${shop.replace(/[^a-z0-9]/gi, "_")}`;

/** The shopper for this request: ?as= wins (and is remembered in a cookie), then the cookie; null = guest. */
function shopper(req: IncomingMessage, shop: string, url: URL, setCookies: string[]): string | null {
  const chosen = url.searchParams.get("as");
  if (chosen !== null) {
    setCookies.push(`${customerCookie(shop)}=${encodeURIComponent(chosen)}; Path=/; SameSite=Lax`);
    return chosen === "guest" || chosen === "" ? null : chosen;
  }
  const remembered = readCookie(req, customerCookie(shop));
  return remembered && remembered !== "guest" ? remembered : null;
}

/** GET /storefront/{shop}: the store's page with a shopper picker and a mount point for the app's widget. */
export function storefrontPage(env: RouterEnv, req: IncomingMessage, res: ServerResponse, shop: string, url: URL): void {
  if (!env.store.hasShop(shop)) return sendText(res, 404, `No shop ${shop} in the emulator`);
  const cookies = [`${SHOP_COOKIE}=${encodeURIComponent(shop)}; Path=/; SameSite=Lax`];
  const customerId = shopper(req, shop, url, cookies);
  const record = env.store.shop(shop);
  const customers = env.store.customers(shop).slice(0, 50);
  const current = customers.find((c) => String(c.id) === customerId);
  const prefix = env.config.appProxy?.storefrontPrefix ?? "/apps";
  const picker = [`<a href="?as=guest">Guest</a>`, ...customers.map((c) => `<a href="?as=${c.id}">${escapeHtml([c.first_name, c.last_name].filter(Boolean).join(" ") || c.email || String(c.id))}</a>`)].join(" · ");
  const scripts = env.storefrontScripts.map((src) => `<script src="${escapeHtml(src)}" defer></script>`).join("\n");
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(record.name)}</title>
<script>window.Shopify = ${JSON.stringify({ shop, designMode: false, routes: { root: "/" }, currency: { active: record.currency } }).replace(/</g, "\\u003c")};
window.__st = ${JSON.stringify({ cid: customerId ? Number(customerId) : undefined }).replace(/</g, "\\u003c")};</script>
<style>body{font:16px/1.5 system-ui;margin:0}header{padding:16px 32px;border-bottom:1px solid #ddd;display:flex;gap:16px;align-items:center}main{padding:32px}pre{white-space:pre-wrap;word-break:break-all}.who{margin-left:auto;font-size:14px}pre{background:#f6f6f6;padding:12px;overflow:auto}</style>
</head><body>
<header><strong>${escapeHtml(record.name)}</strong><span class="who">${current ? `Signed in as ${escapeHtml(current.email ?? String(current.id))}` : "Guest"}</span></header>
<main>
<p>Shop as: ${picker}</p>
<div id="loyalist-widget" data-shop="${escapeHtml(shop)}" data-customer-id="${escapeHtml(customerId ?? "")}" data-proxy-prefix="${escapeHtml(prefix)}"></div>
<details><summary>App proxy</summary><p>
<button type="button" data-endpoint="member">GET ${escapeHtml(prefix)}/member</button>
<button type="button" data-endpoint="rewards">GET ${escapeHtml(prefix)}/rewards</button></p><pre id="proxy-output"></pre></details>
</main>
<script>document.querySelectorAll("[data-endpoint]").forEach(function (b) { b.addEventListener("click", function () {
  fetch(${JSON.stringify(prefix)} + "/" + b.dataset.endpoint).then(function (r) { return r.text().then(function (t) { document.getElementById("proxy-output").textContent = r.status + "\\n" + t; }); });
}); });</script>
${scripts}
</body></html>`;
  res.setHeader("Set-Cookie", cookies);
  sendText(res, 200, html, "text/html; charset=utf-8");
}

/** Forwards a storefront /apps/{subpath}/* request to the app's proxy url, signed like Shopify signs it. */
export async function forwardToAppProxy(env: RouterEnv, req: IncomingMessage, res: ServerResponse, shopInPath: string | null, path: string, url: URL): Promise<void> {
  const proxy = env.config.appProxy;
  if (!proxy || !(path === proxy.storefrontPrefix || path.startsWith(`${proxy.storefrontPrefix}/`))) return sendText(res, 404, "Not Found");
  const shop = shopInPath ?? url.searchParams.get("shop") ?? readCookie(req, SHOP_COOKIE) ?? "";
  if (!env.store.hasShop(shop)) return sendText(res, 404, `No shop ${shop} in the emulator`);
  const setCookies: string[] = [];
  const customerId = shopper(req, shop, url, setCookies);
  const extra: Record<string, string[]> = {};
  for (const [key, value] of url.searchParams) if (key !== "as" && key !== "shop") (extra[key] ??= []).push(value);
  const query = signProxyQuery({ secret: env.apiSecret, shop, customerId, pathPrefix: proxy.storefrontPrefix, extra });
  const target = `${env.appUrl.replace(/\/$/, "")}${proxy.appPath}${path.slice(proxy.storefrontPrefix.length)}?${query}`;
  const headers: Record<string, string> = { "X-Forwarded-Host": `${shop}`, "X-Forwarded-For": req.socket.remoteAddress ?? "127.0.0.1" };
  for (const name of ["content-type", "accept", "user-agent", "accept-language"]) {
    const value = req.headers[name];
    if (typeof value === "string") headers[name] = value;
  }
  const body = req.method === "GET" || req.method === "HEAD" ? undefined : new Uint8Array(await readBody(req));
  try {
    const response = await fetch(target, { method: req.method, headers, body, redirect: "manual" });
    const text = Buffer.from(await response.arrayBuffer());
    const out: Record<string, string | string[]> = { "Content-Type": response.headers.get("content-type") ?? "application/octet-stream", "Content-Length": String(text.length) };
    const location = response.headers.get("location");
    if (location) out.Location = location;
    if (setCookies.length > 0) out["Set-Cookie"] = setCookies;
    res.writeHead(response.status, out);
    res.end(text);
  } catch (error) {
    env.logger.warn({ target, error: String(error) }, "app proxy forward failed");
    sendJson(res, 502, { errors: "The app did not answer the proxied request" });
  }
}
