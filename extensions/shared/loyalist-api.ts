// The one client the customer-account, order-status and POS extensions use to call Loyalist: Shopify's session
// token as a bearer, the viewer's locale for the answer's words, the member API contract's shapes (type-only).
import { APP_URL } from "./app-url";

export type ApiResult<T> = { ok: true; status: number; data: T } | { ok: false; status: number; code: string; message: string };

/** What a failed call shows when the app sent no words of its own (no network, a non-JSON answer). */
export type Fallback = { message: string };

/**
 * Calls `path` on the app with `token` (null: the host gave none, as POS does for a user without the app's
 * permission). Never throws: a failure is `{ ok: false, code, message }` with the app's message in `locale`.
 */
export async function callLoyalist<T>(
  path: string,
  token: string | null | undefined,
  locale: string,
  fallback: Fallback,
  init: { method?: "GET" | "POST"; body?: unknown } = {},
): Promise<ApiResult<T>> {
  if (!token) return { ok: false, status: 403, code: "staff_not_permitted", message: fallback.message };
  const url = `${APP_URL}${path}${path.includes("?") ? "&" : "?"}locale=${encodeURIComponent(locale)}`;
  try {
    const response = await fetch(url, {
      method: init.method ?? "GET",
      headers: { Authorization: `Bearer ${token}`, ...(init.body === undefined ? {} : { "Content-Type": "application/json" }) },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    const json = (await response.json().catch(() => null)) as (T & { error?: { code?: string; message?: string } }) | null;
    if (response.ok && json) return { ok: true, status: response.status, data: json };
    return { ok: false, status: response.status, code: json?.error?.code ?? "error", message: json?.error?.message ?? fallback.message };
  } catch {
    return { ok: false, status: 0, code: "network", message: fallback.message };
  }
}

/** The numeric id of a Shopify gid ("gid://shopify/Order/12" → "12"); numbers pass through. */
export function numericId(id: string | number | null | undefined): string | null {
  if (id === null || id === undefined) return null;
  const match = /(\d+)$/.exec(String(id));
  return match ? match[1] : null;
}

/** A fresh idempotency key per redeem click, so a retried request never redeems twice. */
export function newIdempotencyKey(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}
