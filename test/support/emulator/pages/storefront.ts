/**
 * A small online store per shop (home, product, cart and account pages rendering the app's theme app extension;
 * pick a shopper with ?as=<customerId> or ?as=guest) and the app proxy, which forwards /apps/{subpath}/* to the
 * app's proxy url with Shopify's signed query.
 */
import fs from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import zlib from "node:zlib";
import { signProxyQuery } from "../app-proxy";
import { appInstallationGid } from "../graphql/views/shop";
import type { ProductRecord } from "../store/types";
import { EXTENSION_DIR, ThemeRenderer } from "./theme";
import { escapeHtml, readBody, readCookie, sendJson, sendText } from "../http";
import type { RouterEnv } from "../routes";

const SHOP_COOKIE = "shopify_emulator_shop";
const cookieSuffix = (shop: string) => shop.replace(/[^a-z0-9]/gi, "_");
const customerCookie = (shop: string) => `shopify_emulator_customer_${cookieSuffix(shop)}`;
const localeCookie = (shop: string) => `shopify_emulator_locale_${cookieSuffix(shop)}`;
const discountCookie = (shop: string) => `shopify_emulator_discount_${cookieSuffix(shop)}`;
const cartCookie = (shop: string) => `shopify_emulator_cart_${cookieSuffix(shop)}`;

/**
 * The cart's lines (variant ids with quantities): what "Add to cart" (GET /cart?id=<variant>) put there, kept in a
 * cookie; `?cart=clear` empties it. With nothing added, the shop's first product, once (the sandbox's sample cart).
 */
function cartLines(
  req: IncomingMessage,
  env: RouterEnv,
  shop: string,
  url: URL | null,
  setCookies: string[],
): { product: ProductRecord; variantId: number; quantity: number }[] {
  const products = [...env.store.data(shop).products.values()].filter((p) => p.status === "ACTIVE");
  let ids = (readCookie(req, cartCookie(shop)) ?? "").split(",").filter((id) => /^\d+$/.test(id));
  const added = url?.searchParams.get("id");
  if (url?.searchParams.get("cart") === "clear") ids = ["0"];
  if (added && /^\d+$/.test(added)) ids = [...ids.filter((id) => id !== "0"), added];
  if (url && (added || url.searchParams.has("cart"))) setCookies.push(`${cartCookie(shop)}=${ids.join(",")}; Path=/; SameSite=Lax`);
  if (!ids.length) return products[0]?.variants[0] ? [{ product: products[0], variantId: products[0].variants[0].id, quantity: 1 }] : [];
  const lines = new Map<number, { product: ProductRecord; variantId: number; quantity: number }>();
  for (const id of ids.map(Number)) {
    const product = products.find((p) => p.variants.some((v) => v.id === id));
    if (!product) continue;
    const line = lines.get(id) ?? { product, variantId: id, quantity: 0 };
    line.quantity++;
    lines.set(id, line);
  }
  return [...lines.values()];
}

const linePrice = (line: { product: ProductRecord; variantId: number }) =>
  Math.round(Number(line.product.variants.find((v) => v.id === line.variantId)?.price ?? "0") * 100);

/** GET /storefront/{shop}/cart.js: Shopify's Ajax cart (amounts in hundredths of the currency unit, as Shopify gives them). */
export function cartJson(env: RouterEnv, req: IncomingMessage, res: ServerResponse, shop: string): void {
  if (!env.store.hasShop(shop)) return sendText(res, 404, `No shop ${shop} in the emulator`);
  const lines = cartLines(req, env, shop, null, []);
  const items = lines.map((l) => ({
    id: l.variantId,
    variant_id: l.variantId,
    product_id: l.product.id,
    title: l.product.title,
    handle: l.product.handle,
    quantity: l.quantity,
    price: linePrice(l),
    line_price: linePrice(l) * l.quantity,
    final_price: linePrice(l),
    final_line_price: linePrice(l) * l.quantity,
  }));
  const subtotal = items.reduce((sum, i) => sum + i.final_line_price, 0);
  sendJson(res, 200, {
    token: `emulator-${cookieSuffix(shop)}`,
    item_count: items.reduce((n, i) => n + i.quantity, 0),
    items,
    items_subtotal_price: subtotal,
    total_price: subtotal,
    total_discount: 0,
    original_total_price: subtotal,
    currency: env.store.shop(shop).currency,
    requires_shipping: true,
  });
}

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

/** Options of a storefront page view (query parameters). */
function pageOptions(req: IncomingMessage, shop: string, url: URL, setCookies: string[]): { locale: string; widget: boolean } {
  const chosen = url.searchParams.get("locale");
  if (chosen) setCookies.push(`${localeCookie(shop)}=${encodeURIComponent(chosen)}; Path=/; SameSite=Lax`);
  const locale = chosen ?? readCookie(req, localeCookie(shop)) ?? "en";
  return { locale: /^[a-z]{2}(-[A-Za-z]{2,4})?$/.test(locale) ? locale : "en", widget: url.searchParams.get("widget") !== "off" };
}

/**
 * GET /storefront/{shop}[/products/{handle}|/cart|/account|/account/login]: a small theme (home, product, cart,
 * account) with the Loyalist theme app extension rendered into it (app embed, earn-points, cart and account
 * blocks). `?as=<customerId>|guest` picks the shopper, `?locale=ar` the language, `?widget=off` leaves the app
 * out (the baseline a benchmark compares with).
 */
export async function storefrontPage(env: RouterEnv, req: IncomingMessage, res: ServerResponse, shop: string, url: URL, subpath = "/"): Promise<void> {
  if (!env.store.hasShop(shop)) return sendText(res, 404, `No shop ${shop} in the emulator`);
  const cookies = [`${SHOP_COOKIE}=${encodeURIComponent(shop)}; Path=/; SameSite=Lax`];
  const customerId = shopper(req, shop, url, cookies);
  const { locale, widget } = pageOptions(req, shop, url, cookies);
  const record = env.store.shop(shop);
  const data = env.store.data(shop);
  const customer = env.store.customers(shop).find((c) => String(c.id) === customerId) ?? null;
  const base = `/storefront/${shop}`;
  const products = [...data.products.values()].filter((p) => p.status === "ACTIVE");
  const money = new Intl.NumberFormat(locale, { style: "currency", currency: record.currency });
  const priceOf = (p: ProductRecord) => Math.round(Number(p.variants[0]?.price ?? "0") * 100);
  const program = env.store.metafields(shop, appInstallationGid(record)).find((m) => m.namespace === "loyalist" && m.key === "program");
  const page = subpath.replace(/\/$/, "") || "/";
  const productMatch = /^\/products\/([^/]+)$/.exec(page);
  const product = productMatch ? products.find((p) => p.handle === decodeURIComponent(productMatch[1])) : undefined;
  if ((productMatch && !product) || !(["/", "/cart", "/account", "/account/login", "/account/register"].includes(page) || product)) {
    return sendText(res, 404, "Not Found");
  }
  const theme = new ThemeRenderer({
    shop: { name: record.name, currency: record.currency, domain: shop },
    locale,
    customer: customer
      ? { id: customer.id, email: customer.email ?? null, first_name: customer.first_name ?? null, last_name: customer.last_name ?? null }
      : null,
    base,
    assetBase: "/storefront-assets/loyalist-widget",
    appMetafields: program ? { loyalist: { program: JSON.parse(program.value) as unknown } } : {},
    product: product
      ? {
          id: product.id,
          title: product.title,
          handle: product.handle,
          tags: product.tags,
          priceMinor: priceOf(product),
          variants: product.variants.map((v) => ({ id: v.id, title: v.title, price: Math.round(Number(v.price) * 100) })),
          selectedVariantId: Number(url.searchParams.get("variant")) || product.variants[0]?.id,
          collectionIds: [...data.collections.values()].filter((c) => c.productIds.includes(product.id)).map((c) => c.id),
        }
      : undefined,
  });
  const block = async (file: string, settings?: Record<string, unknown>) => (widget ? theme.block(file, settings) : "");
  let title = record.name;
  let main = "";
  if (product) {
    title = `${product.title} · ${record.name}`;
    main = `<div class="product"><div class="media" aria-hidden="true"></div><div>
<h1>${escapeHtml(product.title)}</h1><p class="price">${money.format(Number((product.variants.find((v) => v.id === Number(url.searchParams.get("variant"))) ?? product.variants[0])?.price ?? "0"))}</p>
${await block("earn-points.liquid")}
<form action="${base}/cart" method="get">${
      product.variants.length > 1
        ? `<p><label for="variant">Variant</label> <select id="variant" name="id">${product.variants
            .map(
              (v) =>
                `<option value="${v.id}"${v.id === (Number(url.searchParams.get("variant")) || product.variants[0].id) ? " selected" : ""}>${escapeHtml(v.title)} — ${money.format(Number(v.price))}</option>`,
            )
            .join("")}</select></p>`
        : `<input type="hidden" name="id" value="${product.variants[0]?.id ?? ""}">`
    }<button class="buy" type="submit">Add to cart</button></form>
<p>${escapeHtml([product.vendor, product.productType].filter(Boolean).join(" · "))}</p></div></div>`;
  } else if (page === "/cart") {
    title = `Cart · ${record.name}`;
    const lines = cartLines(req, env, shop, url, cookies);
    const discount = readCookie(req, discountCookie(shop));
    main = `<h1>Cart</h1>${lines.length ? lines.map((l) => `<p>${escapeHtml(l.product.title)} × ${l.quantity} — ${money.format((linePrice(l) * l.quantity) / 100)}</p>`).join("") : "<p>Your cart is empty.</p>"}
${discount ? `<p class="discount">Discount code <strong>${escapeHtml(discount)}</strong> will be applied at checkout.</p>` : ""}
${await block("cart.liquid")}<p><button class="buy" type="button">Check out</button></p>`;
  } else if (page === "/account") {
    title = `Account · ${record.name}`;
    main = `<h1>Account</h1>${customer ? `<p>${escapeHtml([customer.first_name, customer.last_name].filter(Boolean).join(" ") || customer.email || "")}</p>` : `<p><a href="${base}/account/login">Sign in</a></p>`}
${await block("account.liquid")}`;
  } else if (page.startsWith("/account/")) {
    title = `Sign in · ${record.name}`;
    const people = env.store.customers(shop).slice(0, 20);
    main = `<h1>Sign in</h1><p>The sandbox signs you in as a customer of the shop:</p><ul>${people.map((c) => `<li><a href="${base}/account?as=${c.id}">${escapeHtml([c.first_name, c.last_name].filter(Boolean).join(" ") || c.email || String(c.id))}</a></li>`).join("")}</ul>`;
  } else {
    main = `<h1>${escapeHtml(record.name)}</h1><ul class="grid">${products
      .slice(0, 12)
      .map((p) => `<li><a href="${base}/products/${encodeURIComponent(p.handle)}">${escapeHtml(p.title)}</a><br>${money.format(priceOf(p) / 100)}</li>`)
      .join("")}</ul>`;
  }
  const embed = await block("app-embed.liquid");
  const rtl = /^(ar|he|fa|ur)\b/.test(locale);
  const scripts = env.storefrontScripts.map((src) => `<script src="${escapeHtml(src)}" defer></script>`).join("\n");
  const picker = [
    `<a href="?as=guest">Guest</a>`,
    ...env.store
      .customers(shop)
      .slice(0, 8)
      .map((c) => `<a href="?as=${c.id}">${escapeHtml([c.first_name, c.last_name].filter(Boolean).join(" ") || c.email || String(c.id))}</a>`),
  ].join(" ");
  const locales = ["en", "zh-CN", "fi", "ar"].map((l) => `<a href="?locale=${l}"${l === locale ? ' aria-current="true"' : ""}>${l}</a>`).join(" ");
  const html = `<!doctype html>
<html lang="${escapeHtml(locale)}" dir="${rtl ? "rtl" : "ltr"}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title><meta name="description" content="${escapeHtml(record.name)}, a sandbox store">
<script>window.Shopify = ${JSON.stringify({ shop, designMode: false, locale, routes: { root: `${base}/` }, currency: { active: record.currency } }).replace(/</g, "\\u003c")};</script>
<style>${THEME_CSS}</style>
</head><body>
<header><a class="brand" href="${base}/">${escapeHtml(record.name)}</a><nav aria-label="Main"><a href="${base}/">Home</a>${products[0] ? ` <a href="${base}/products/${encodeURIComponent(products[0].handle)}">Shop</a>` : ""} <a href="${base}/cart">Cart</a> <a href="${base}/account">Account</a></nav>
<span class="who">${customer ? `Signed in as ${escapeHtml(customer.email ?? String(customer.id))}` : "Guest"}</span></header>
<main>${main}</main>
<footer><p>Language: ${locales}</p><p>Shop as: ${picker}</p></footer>
${embed}
${widget ? theme.scriptTags() : ""}
${scripts}
</body></html>`;
  res.setHeader("Set-Cookie", cookies);
  sendText(res, 200, html, "text/html; charset=utf-8", { "Cache-Control": "no-store" });
}

const THEME_CSS = [
  "*{box-sizing:border-box}body{font:16px/1.5 system-ui,sans-serif;margin:0;color:#1f2124}a{color:#0b57d0}",
  "header{padding:12px 24px;border-bottom:1px solid #ddd;display:flex;flex-wrap:wrap;gap:8px 24px;align-items:center}.brand{font-weight:700;color:inherit;text-decoration:none}",
  "nav a{margin-inline-end:12px}.who{margin-inline-start:auto;font-size:14px}main{padding:24px;max-width:1000px;margin:0 auto}",
  "footer{padding:24px 24px 96px;border-top:1px solid #ddd;font-size:14px}footer a{margin-inline-end:8px}",
  ".grid{list-style:none;padding:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(200px,1fr));gap:16px}.grid li{padding:12px;border:1px solid #eee;border-radius:8px}",
  ".product{display:grid;grid-template-columns:repeat(auto-fit,minmax(260px,1fr));gap:24px}.media{aspect-ratio:1;background:linear-gradient(135deg,#e8eef8,#c9d6ee);border-radius:12px}",
  ".price{font-size:22px;font-weight:600}.buy{min-height:48px;padding:0 28px;border:0;border-radius:8px;background:#1f2124;color:#fff;font:inherit;font-weight:600;cursor:pointer}",
  ".discount{padding:8px 12px;background:#eefaf2;border-radius:8px}",
].join("");

/** GET /storefront-assets/loyalist-widget/{file}: the extension's built assets, as Shopify's CDN serves them (compressed, cached). */
export function extensionAsset(req: IncomingMessage, res: ServerResponse, file: string): void {
  const full = path.join(EXTENSION_DIR, "assets", path.basename(file));
  if (!fs.existsSync(full)) return sendText(res, 404, "Not Found");
  const type = full.endsWith(".js") ? "application/javascript; charset=utf-8" : full.endsWith(".css") ? "text/css; charset=utf-8" : "application/octet-stream";
  let body = fs.readFileSync(full);
  const headers: Record<string, string> = { "Content-Type": type, "Cache-Control": "public, max-age=31536000, immutable", Vary: "Accept-Encoding" };
  if (/\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""))) {
    body = zlib.gzipSync(body);
    headers["Content-Encoding"] = "gzip";
  }
  res.writeHead(200, { ...headers, "Content-Length": String(body.length) });
  res.end(body);
}

/** GET /discount/{code}?redirect=…: Shopify's shareable discount link; the cart page then shows the code. */
export function discountLink(req: IncomingMessage, res: ServerResponse, code: string, url: URL): void {
  const shop = readCookie(req, SHOP_COOKIE) ?? "";
  const redirect = url.searchParams.get("redirect") ?? "/cart";
  const target = redirect.startsWith("/storefront/") ? redirect : `/storefront/${shop}${redirect.startsWith("/") ? redirect : "/cart"}`;
  res.writeHead(302, { Location: target, "Set-Cookie": `${discountCookie(shop)}=${encodeURIComponent(code)}; Path=/; SameSite=Lax` });
  res.end();
}

/** Forwards a storefront /apps/{subpath}/* request to the app's proxy url, signed like Shopify signs it. */
export async function forwardToAppProxy(
  env: RouterEnv,
  req: IncomingMessage,
  res: ServerResponse,
  shopInPath: string | null,
  path: string,
  url: URL,
): Promise<void> {
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
    const out: Record<string, string | string[]> = {
      "Content-Type": response.headers.get("content-type") ?? "application/octet-stream",
      "Content-Length": String(text.length),
    };
    for (const name of ["location", "cache-control", "retry-after", "vary"]) {
      const value = response.headers.get(name);
      if (value) out[name.replace(/(^|-)\w/g, (c) => c.toUpperCase())] = value;
    }
    if (setCookies.length > 0) out["Set-Cookie"] = setCookies;
    res.writeHead(response.status, out);
    res.end(text);
  } catch (error) {
    env.logger.warn({ target, error: String(error) }, "app proxy forward failed");
    sendJson(res, 502, { errors: "The app did not answer the proxied request" });
  }
}
