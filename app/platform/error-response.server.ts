// Words at the edge: an error code (errors.ts) becomes `{ error: { code, message } }` with the status from the
// one table and a message in the viewer's language: the shopper's on the app proxy, the staff's in the admin.
import { t } from "~/platform/i18n";
import { errorResponse } from "~/platform/http.server";
import { statusFor, type Failure } from "~/platform/errors";
import { hasShopperText, requestShopperLocale, shopperText, type ShopperLocale } from "~/platform/shopper-i18n";

/** Message values may only be plain numbers and strings (never nested data). */
function messageValues(data: Record<string, unknown>): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(data)) if (typeof value === "string" || typeof value === "number") out[key] = value;
  return out;
}

/** The shopper's sentence for a code; the generic "something went wrong" for a code without one. */
function shopperMessage(locale: ShopperLocale, code: string, data: Record<string, unknown> = {}): string {
  return shopperText(locale, hasShopperText(code) ? code : "error", messageValues(data));
}

/** A storefront error answer: the code's status, its message in `locale`, its data beside them, never cached. */
export function shopperErrorResponse(locale: ShopperLocale, failure: Failure, headers: HeadersInit = {}): Response {
  const { ok: _ok, code, ...data } = failure;
  const response = errorResponse(statusFor(code), code, shopperMessage(locale, code, data), { "Cache-Control": "private, no-store", ...headers });
  if (!Object.keys(data).length) return response;
  return new Response(JSON.stringify({ error: { code, message: shopperMessage(locale, code, data), ...data } }), response);
}

/** An admin JSON error answer, its message in the staff member's locale (the request's unless given). */
export function adminErrorMessage(failure: Failure, locale?: string): string {
  const { ok: _ok, code, ...data } = failure;
  return t(`errors.${code}`, messageValues(data), locale);
}

/**
 * Runs an app-proxy handler and re-words any `{ error: { code } }` Response it throws (signature, rate limit,
 * body checks) in the shopper's language, keeping its status and headers.
 */
export async function inShopperLanguage(request: Request, handler: (locale: ShopperLocale) => Promise<Response>): Promise<Response> {
  const locale = requestShopperLocale(request);
  try {
    return await handler(locale);
  } catch (thrown) {
    if (!(thrown instanceof Response)) throw thrown;
    const body = (await thrown
      .clone()
      .json()
      .catch(() => null)) as { error?: { code?: unknown } } | null;
    const code = body?.error?.code;
    if (typeof code !== "string") throw thrown;
    return new Response(JSON.stringify({ error: { ...body!.error, code, message: shopperMessage(locale, code) } }), {
      status: thrown.status,
      headers: thrown.headers,
    });
  }
}
