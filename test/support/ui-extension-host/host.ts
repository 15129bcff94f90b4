// A small stand-in for Shopify's UI extension hosts (customer accounts, checkout's thank-you page, POS), for
// browser tests: it bundles an extension module's real code with esbuild, serves it from its own origin (so calls
// to the app are cross-origin, as from Shopify's), gives it the target's `shopify` global (runtime.ts) and signs
// its session tokens here in Node, like Shopify, with the app's secret. See README.md.
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { build, type Plugin } from "esbuild";
import type { BrowserContext, Page } from "playwright-core";
import type { HostConfig } from "./runtime";

const EXTENSIONS = path.resolve(__dirname, "../../../extensions");

export type MountOptions = {
  /** The extension's folder under extensions/ ("loyalist-pos") and its module for the target ("src/CustomerBlock.tsx"). */
  extension: string;
  module: string;
  target: string;
  /** Where the extension reaches the app (replaces extensions/shared/app-url.ts's production URL). */
  appUrl: string;
  /** The viewer's language ("en", "ar"). */
  locale: string;
  /** A fresh session token for each `sessionToken.get()` / `session.getSessionToken()`; null: the host gives none. */
  token: () => string | null;
  /** POS customer-details targets: the customer on screen. */
  customerId?: number;
  /** POS: the cart (its customer, if any). */
  cart?: { customer: { id: number } | null };
  /** Order status / thank-you: the order's numeric id; thank-you: the signed-in buyer. */
  orderId?: string;
  buyerCustomerId?: string | null;
  /** The host's content width in px (phone-sized for POS). */
  width?: number;
};

export type HostCall = { api: string; args: unknown[] };

export type MountedExtension = {
  page: Page;
  /** What the extension asked of the host (cart changes, toasts, modals), in order. */
  calls(): Promise<HostCall[]>;
  /** POS: the cart as the host holds it now (the customer the extension set, if any). */
  cart(): Promise<{ customer: { id: number } | null }>;
  close(): Promise<void>;
};

const bundles = new Map<string, Promise<string>>();

/** Points extensions/shared/app-url.ts at the test app, as a deployment points it at the real one. */
function appUrlPlugin(appUrl: string): Plugin {
  return {
    name: "app-url",
    setup(b) {
      b.onResolve({ filter: /\/app-url$/ }, () => ({ path: "app-url", namespace: "host" }));
      b.onLoad({ filter: /.*/, namespace: "host" }, () => ({ contents: `export const APP_URL = ${JSON.stringify(appUrl)};`, loader: "ts" }));
    },
  };
}

function bundle(entry: string, options: { globalName?: string; appUrl?: string } = {}): Promise<string> {
  const key = `${entry}|${options.appUrl ?? ""}`;
  if (!bundles.has(key)) {
    bundles.set(
      key,
      build({
        entryPoints: [entry],
        bundle: true,
        write: false,
        format: "iife",
        globalName: options.globalName,
        target: ["es2022"],
        jsx: "automatic",
        jsxImportSource: "preact",
        logLevel: "silent",
        plugins: options.appUrl ? [appUrlPlugin(options.appUrl)] : [],
      }).then((result) => result.outputFiles[0].text),
    );
  }
  return bundles.get(key)!;
}

/** The extension's locale files, keyed by language ("en" for en.default.json). */
function translations(extension: string): Record<string, Record<string, unknown>> {
  const dir = path.join(EXTENSIONS, extension, "locales");
  const out: Record<string, Record<string, unknown>> = {};
  for (const file of fs.readdirSync(dir)) out[file.replace(/(\.default)?\.json$/, "")] = JSON.parse(fs.readFileSync(path.join(dir, file), "utf8"));
  return out;
}

/** Serves one page: the host runtime, then the extension's bundle, then runs its default export (as the host does). */
async function serve(html: string, files: Record<string, string>): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const name = (req.url ?? "/").split("?")[0];
    const body = name === "/" ? html : files[name];
    if (body === undefined) return void res.writeHead(404).end();
    const type = name === "/" ? "text/html" : name.endsWith(".css") ? "text/css" : "text/javascript";
    res.writeHead(200, { "Content-Type": `${type}; charset=utf-8` }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** Opens the extension's target in a new page of `context` and waits until it has rendered. */
export async function mountExtension(context: BrowserContext, options: MountOptions): Promise<MountedExtension> {
  const [runtime, extension] = await Promise.all([
    bundle(path.join(__dirname, "runtime.ts")),
    bundle(path.join(EXTENSIONS, options.extension, options.module), { globalName: "__extension", appUrl: options.appUrl }),
  ]);
  const config: HostConfig = {
    target: options.target,
    locale: options.locale,
    translations: translations(options.extension),
    customerId: options.customerId,
    cart: options.cart,
    orderId: options.orderId,
    buyerCustomerId: options.buyerCustomerId,
  };
  const rtl = ["ar", "he", "fa", "ur"].includes(options.locale.split("-")[0]);
  const html = `<!doctype html><html lang="${options.locale}" dir="${rtl ? "rtl" : "ltr"}"><head><meta charset="utf-8">
<link rel="stylesheet" href="/host.css"><style>:root{--host-width:${options.width ?? 640}px}</style>
<script>window.__HOST_CONFIG__ = ${JSON.stringify(config).replace(/</g, "\\u003c")};</script>
<script src="/runtime.js"></script><script src="/extension.js"></script></head>
<body><script>__extension.default();</script></body></html>`;
  const server = await serve(html, {
    "/runtime.js": runtime,
    "/extension.js": extension,
    "/host.css": fs.readFileSync(path.join(__dirname, "host.css"), "utf8"),
  });
  const page = await context.newPage();
  await page.setViewportSize({ width: (options.width ?? 640) + 32, height: 600 });
  await page.exposeFunction("__hostSessionToken", () => options.token());
  await page.goto(server.url);
  return {
    page,
    calls: () => page.evaluate(() => window.__hostCalls),
    cart: () =>
      page.evaluate(() => (window as unknown as { shopify: { cart: { current: { value: { customer: { id: number } | null } } } } }).shopify.cart.current.value),
    async close() {
      await page.close();
      await server.close();
    },
  };
}
