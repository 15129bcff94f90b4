/**
 * The sandbox's stand-in for the Shopify admin: a top bar and an iframe loading the app the way the admin does
 * (embedded=1, shop, host, id_token, locale, timestamp, hmac).
 */
import { createHmac } from "node:crypto";
import { createSessionToken } from "../auth/session-token";
import { escapeHtml } from "../http";
import type { RouterEnv } from "../routes";

/** The `host` parameter Shopify passes to embedded apps: base64 of "admin.shopify.com/store/{name}" (no padding). */
export function adminHost(shopName: string): string {
  return Buffer.from(`admin.shopify.com/store/${shopName}`).toString("base64").replace(/=+$/, "");
}

/** Signs admin launch parameters like Shopify (hex HMAC-SHA256 of the sorted "k=v" pairs joined with "&"). */
export function signAdminQuery(params: URLSearchParams, secret: string): string {
  const message = [...params]
    .filter(([k]) => k !== "hmac" && k !== "signature")
    .map(([k, v]) => `${k}=${v}`)
    .sort()
    .join("&");
  return createHmac("sha256", secret).update(message).digest("hex");
}

/** The URL the admin frame loads for `shop` (path defaults to /app). */
export function embeddedAppUrl(
  env: Pick<RouterEnv, "appUrl" | "apiKey" | "apiSecret" | "store">,
  shop: string,
  path = "/app",
  extra?: URLSearchParams,
  userId?: string,
): string {
  const shopName = shop.replace(/\.myshopify\.com$/, "");
  const user = env.store.staff(shop, userId);
  const params = new URLSearchParams(extra);
  params.set("embedded", "1");
  params.set("host", adminHost(shopName));
  params.set("id_token", createSessionToken({ shop, apiKey: env.apiKey, apiSecret: env.apiSecret, userId: user.id, now: env.store.now() }));
  params.set("locale", user.locale);
  params.set("session", createHmac("sha256", env.apiSecret).update(`${shop}:${user.id}`).digest("hex"));
  params.set("shop", shop);
  params.set("timestamp", String(Math.floor(Date.now() / 1000)));
  params.set("hmac", signAdminQuery(params, env.apiSecret));
  return `${env.appUrl.replace(/\/$/, "")}${path}?${params}`;
}

const STYLE = `
  *{box-sizing:border-box} body{margin:0;font:14px/1.4 -apple-system,BlinkMacSystemFont,"San Francisco","Segoe UI",Roboto,sans-serif;background:#f1f1f1;height:100vh;display:flex;flex-direction:column}
  header{height:56px;background:#1a1a1a;color:#e3e3e3;display:flex;align-items:center;gap:16px;padding:0 16px}
  header .logo{font-weight:700;color:#fff} header .search{flex:1;max-width:480px;background:#303030;border-radius:8px;padding:6px 12px;color:#8a8a8a}
  header .shop{margin-left:auto;display:flex;gap:8px;align-items:center} header a{color:#e3e3e3}
  .avatar{width:28px;height:28px;border-radius:8px;background:#36fba1;color:#1a1a1a;display:grid;place-items:center;font-weight:700}
  main{flex:1;display:flex;min-height:0} nav{width:220px;padding:12px;background:#ebebeb} nav div{padding:6px 8px;border-radius:8px}
  nav .active{background:#fff;font-weight:600} .app{flex:1;display:flex;flex-direction:column;min-width:0}
  .app h1{font-size:13px;margin:0;padding:10px 16px;background:#f1f1f1;color:#303030} iframe{flex:1;border:0;background:#fff;width:100%}
  .banner{padding:12px 16px;background:#fff4e4;border-bottom:1px solid #e0b000}`;

/** The admin page for `/store/{shopName}/apps/{handle}{path}`. */
export function adminFramePage(env: RouterEnv, shopName: string, path: string, query: URLSearchParams): string {
  const shop = `${shopName}.myshopify.com`;
  if (!env.store.hasShop(shop)) {
    return `<!doctype html><title>Shop not found</title><style>${STYLE}</style><div class="banner">No shop <b>${escapeHtml(shop)}</b> in the emulator. Known shops: ${env.store.shopDomains().map(escapeHtml).join(", ") || "none"}.</div>`;
  }
  const record = env.store.shop(shop);
  const userId = query.get("user") ?? undefined;
  const user = env.store.staff(shop, userId);
  const extra = new URLSearchParams([...query].filter(([k]) => k !== "user"));
  const src = embeddedAppUrl({ ...env, appUrl: env.frameAppUrl() }, shop, path || "/app", extra, userId);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(env.config.name)} · ${escapeHtml(record.name)} · Shopify (emulator)</title><style>${STYLE}</style></head>
<body>
<header><span class="logo">shopify</span><span class="search">Search</span>
  <span class="shop"><a href="/storefront/${encodeURIComponent(shop)}" target="_blank">View store</a><span class="avatar" title="${escapeHtml(user.email)}">${escapeHtml(user.first_name[0] ?? "?")}</span><span>${escapeHtml(record.name)}</span></span></header>
<main>
  <nav><div>Home</div><div>Orders</div><div>Products</div><div>Customers</div><div>Discounts</div><div style="margin-top:12px;color:#616161">Apps</div><div class="active">${escapeHtml(env.config.name)}</div></nav>
  <section class="app"><h1>${escapeHtml(env.config.name)}</h1>
  <iframe id="app-iframe" name="app-iframe" title="${escapeHtml(env.config.name)}" src="${escapeHtml(src)}" allow="clipboard-write"></iframe></section>
</main>
<script>
  // The app's <ui-nav-menu> (sent by the App Bridge stand-in) shows under the app's name, as in Shopify.
  addEventListener("message", function (event) {
    var data = event.data || {};
    if (data.type !== "shopify-emulator:nav-menu") return;
    var host = document.getElementById("app-nav");
    if (!host) { host = document.createElement("div"); host.id = "app-nav"; document.querySelector("nav .active").after(host); }
    host.innerHTML = "";
    var home = (data.items || []).find(function (i) { return i.home; });
    var appName = document.querySelector("nav .active");
    if (home && appName) {
      appName.style.cursor = "pointer";
      appName.setAttribute("role", "link");
      appName.onclick = function () { document.getElementById("app-iframe").contentWindow.postMessage({ type: "shopify-emulator:navigate", href: home.href }, "*"); };
    }
    (data.items || []).filter(function (i) { return !i.home; }).forEach(function (item) {
      var a = document.createElement("a");
      a.href = "#"; a.textContent = item.label; a.className = "app-nav-link"; a.setAttribute("data-href", item.href);
      a.setAttribute("style", "display:block;padding:4px 8px 4px 20px;color:#303030;text-decoration:none;border-radius:8px");
      a.addEventListener("click", function (e) { e.preventDefault(); document.getElementById("app-iframe").contentWindow.postMessage({ type: "shopify-emulator:navigate", href: item.href }, "*"); });
      host.appendChild(a);
    });
  });
</script>
</body></html>`;
}

/** The emulator's home page: its shops with admin and storefront links. */
export function indexPage(env: RouterEnv): string {
  const rows = env.store.shopDomains().map((shop) => {
    const name = shop.replace(/\.myshopify\.com$/, "");
    return `<li><b>${escapeHtml(env.store.shop(shop).name)}</b> (${escapeHtml(shop)}): <a href="/store/${encodeURIComponent(name)}/apps/${encodeURIComponent(env.config.handle)}">admin</a> · <a href="/storefront/${encodeURIComponent(shop)}">storefront</a></li>`;
  });
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shopify emulator</title></head><body style="font:15px system-ui;margin:32px">
<h1>Shopify emulator</h1><p>App under test: <code>${escapeHtml(env.appUrl)}</code></p><ul>${rows.join("") || "<li>No shops installed.</li>"}</ul></body></html>`;
}
