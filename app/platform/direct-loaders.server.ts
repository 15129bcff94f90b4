// The storefront's reads (GET on the app proxy's resource routes) answered by their route module's loader without
// Remix's request cycle: Remix ranks every route of the app on each request (about a sixth of the CPU of the
// proxy `member` answer, measured by npm run bench). The route files stay the adapters; only the routing is
// skipped (docs/decisions/042-storefront-reads-in-plain-sql.md).
import type { IncomingMessage, ServerResponse } from "node:http";
import type { LoaderFunction, ServerBuild } from "@remix-run/node";
import { errorResponse } from "~/platform/http.server";
import { logger } from "~/platform/logger.server";

/** The path prefix of routes served this way: the app proxy's (Shopify forwards /apps/loyalist/* to /proxy/*). */
const DIRECT_PREFIX = "proxy/";

/**
 * Static GET paths ("/proxy/member") of the build's resource routes under the proxy prefix, with their loaders.
 * Only top-level routes (index routes too) without dynamic segments and without a component qualify, so the answer is exactly
 * what Remix would give: Remix runs no parent loader and no document render for a resource route.
 */
export function directLoaderRoutes(build: Pick<ServerBuild, "routes">): Map<string, LoaderFunction> {
  const direct = new Map<string, LoaderFunction>();
  for (const route of Object.values(build.routes)) {
    const path = route.path ?? "";
    const module = route.module as { loader?: LoaderFunction; default?: unknown };
    if (route.parentId !== "root" || !path.startsWith(DIRECT_PREFIX) || /[:*]/.test(path)) continue;
    if (!module.loader || module.default) continue;
    direct.set(`/${path}`, module.loader);
  }
  return direct;
}

function requestOf(req: IncomingMessage, res: ServerResponse): Request {
  const headers = new Headers();
  for (const [key, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const v of value) headers.append(key, v);
    else if (value !== undefined) headers.set(key, value);
  }
  // A shopper who leaves stops the loader's work, as Remix's adapter does.
  const controller = new AbortController();
  res.once("close", () => !res.writableFinished && controller.abort());
  return new Request(`http://${req.headers.host ?? "localhost"}${req.url ?? "/"}`, { method: "GET", headers, signal: controller.signal });
}

async function send(res: ServerResponse, response: Response): Promise<void> {
  const body = response.body ? Buffer.from(await response.arrayBuffer()) : null;
  res.statusCode = response.status;
  for (const [key, value] of response.headers) if (key !== "set-cookie") res.setHeader(key, value);
  const cookies = response.headers.getSetCookie();
  if (cookies.length) res.setHeader("set-cookie", cookies);
  res.end(body);
}

/** Answers `req` with `loader` as Remix would answer a resource route: a returned or thrown Response as is. */
export async function answerWithLoader(loader: LoaderFunction, req: IncomingMessage, res: ServerResponse): Promise<void> {
  let response: Response;
  try {
    const result = await loader({ request: requestOf(req, res), params: {}, context: {} });
    if (!(result instanceof Response)) throw new Error("a direct resource route must return a Response");
    response = result;
  } catch (thrown) {
    if (thrown instanceof Response) response = thrown;
    else {
      logger.error({ err: thrown, path: req.url?.split("?")[0] }, "storefront read failed");
      response = errorResponse(500, "internal_error", "Something went wrong; try again");
    }
  }
  await send(res, response);
}
