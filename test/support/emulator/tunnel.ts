/**
 * The emulator's "tunnel": a reverse proxy in front of the app, like the tunnel `shopify app dev` puts there.
 * The admin frame embeds the app through it. The app's CSP allows framing by https://admin.shopify.com only;
 * the tunnel maps that origin to the emulator's admin origin, and the App Bridge CDN preload to the emulator's
 * stand-in (nothing else in the app's answer changes), so a real browser lets the emulator's admin frame embed
 * the app exactly as it would let Shopify's admin, offline.
 */
import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { EmulatorLogger } from "./http";

export interface Tunnel {
  url: string;
  close(): Promise<void>;
}

const SHOPIFY_APP_BRIDGE = "https://cdn.shopify.com/shopifycloud/app-bridge.js";

export interface TunnelOptions {
  port?: number;
  target: () => string;
  adminOrigin: () => string;
  logger: EmulatorLogger;
}

/** The app's CSP with Shopify's admin origin in frame-ancestors replaced by the emulator's. */
export function mapFrameAncestors(csp: string, adminOrigin: string): string {
  return csp.replace(/frame-ancestors[^;]*/g, (directive) => directive.replace(/https:\/\/admin\.shopify\.com(?=\s|$)/g, adminOrigin));
}

function rewriteHeaders(headers: IncomingHttpHeaders, options: TunnelOptions, tunnelUrl: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    if (name === "content-security-policy")
      out[name] = Array.isArray(value) ? value.map((v) => mapFrameAncestors(v, options.adminOrigin())) : mapFrameAncestors(value, options.adminOrigin());
    else if (name === "link" && typeof value === "string") out[name] = value.split(SHOPIFY_APP_BRIDGE).join(`${options.adminOrigin()}/app-bridge.js`);
    else if (name === "location" && typeof value === "string" && value.startsWith(options.target()))
      out[name] = tunnelUrl + value.slice(options.target().length);
    else out[name] = value;
  }
  return out;
}

/** Starts the tunnel on 127.0.0.1 (ephemeral port by default). */
export async function startTunnel(options: TunnelOptions): Promise<Tunnel> {
  let url = "";
  const server: Server = createServer((req, res) => {
    const target = new URL(req.url ?? "/", options.target());
    const upstream = httpRequest(
      target,
      {
        method: req.method,
        headers: { ...req.headers, host: target.host, "x-forwarded-host": req.headers.host ?? "", "x-forwarded-proto": "http" },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.statusMessage, rewriteHeaders(answer.headers, options, url));
        answer.pipe(res);
      },
    );
    upstream.on("error", (error) => {
      options.logger.warn({ error: String(error), url: target.href }, "tunnel: the app did not answer");
      if (!res.headersSent) res.writeHead(502, { "Content-Type": "text/plain; charset=utf-8" });
      res.end(`The app at ${options.target()} did not answer (${String(error)}).`);
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
