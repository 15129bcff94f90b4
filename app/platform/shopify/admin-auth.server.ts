// Admin authentication that never answers 5xx for a request it cannot authenticate: the library turns
// some token failures (token exchange refused for a shop that never installed Loyalist, a bad exit-iframe
// destination) into 500s or thrown errors. Those are the caller's problem, so they answer 401 or 400.
import { redirect } from "@remix-run/node";
import { ShopifyError } from "@shopify/shopify-api";
import { errorResponse } from "~/platform/http.server";
import { logger } from "~/platform/logger.server";

/** Where an unauthenticated document request is sent (the template's login route). */
export const LOGIN_PATH = "/auth/login";

/** The shop a request's session token (header or `id_token`) names in `dest`; unverified, only to tell installed shops apart. */
export function shopOfSessionToken(request: Request): string | null {
  const token = /^Bearer (.+)$/.exec(request.headers.get("Authorization") ?? "")?.[1] ?? new URL(request.url).searchParams.get("id_token");
  const payload = token?.split(".")[1];
  if (!payload) return null;
  try {
    const dest = (JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as { dest?: unknown }).dest;
    return typeof dest === "string" ? new URL(dest).hostname : null;
  } catch {
    return null;
  }
}

/** 401 for a fetch request (it carries a session token), the login page for a document request. */
export function unauthenticatedResponse(request: Request): Response {
  if (request.headers.has("Authorization")) return errorResponse(401, "unauthenticated", "The session token is not valid for an installed shop");
  return redirect(LOGIN_PATH);
}

/**
 * Wraps `authenticate.admin` so that it throws only the library's own 2xx–4xx Responses, a 401/login redirect
 * when it could not authenticate a shop that has not installed Loyalist, or a 400 for input the library
 * refused (ShopifyError). A 5xx for an installed shop is a real failure and stays one.
 */
export function withAuthFailuresAs4xx<A extends (request: Request) => Promise<unknown>>(
  authenticateAdmin: A,
  isInstalled: (shop: string) => Promise<boolean>,
): A {
  const guarded = async (request: Request) => {
    try {
      return await authenticateAdmin(request);
    } catch (error) {
      if (error instanceof Response && error.status < 500) throw error;
      if (error instanceof ShopifyError) {
        logger.info({ path: new URL(request.url).pathname, err: error.message }, "admin auth refused the request's parameters");
        throw errorResponse(400, "invalid_request", "The request's parameters are missing or not allowed");
      }
      if (!(error instanceof Response)) throw error;
      const shop = shopOfSessionToken(request) ?? new URL(request.url).searchParams.get("shop");
      if (shop && (await isInstalled(shop))) throw error;
      logger.info({ shop }, "admin request for a shop without Loyalist installed");
      throw unauthenticatedResponse(request);
    }
  };
  return guarded as A;
}
