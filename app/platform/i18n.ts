// Admin strings live in app/locales/<locale>.json; `t("members.title")` reads them in the viewer's language,
// `{name}` placeholders filled. The language is the request's on the server (its request context, set from
// Shopify's `locale` parameter or the remembered cookie) and the page's on the client (set once at hydration
// from <html lang>), so call sites never pass it. A key a locale lacks falls back to English
// (`node scripts/locale-keys.mjs --check` lists them).
import en from "~/locales/en.json";
import zhCN from "~/locales/zh-CN.json";
import fi from "~/locales/fi.json";
import ar from "~/locales/ar.json";
import { adminLocaleOf, intlLocale, type AdminLocale } from "~/platform/admin-locale";

export type Messages = { [key: string]: string | Messages };
const locales: Record<AdminLocale, Messages> = { en, "zh-CN": zhCN, fi, ar };

// The request context (app/platform/request-context.ts) keeps its AsyncLocalStorage on globalThis under this
// symbol; reading it here keeps node:async_hooks out of the browser bundle.
const CONTEXT_KEY = Symbol.for("loyalist.requestContext");
type ContextStore = { getStore(): { locale?: AdminLocale } | undefined };

let clientLocale: AdminLocale = "en";

/** The browser's admin locale, set once when the page hydrates (root.tsx reads it from <html lang>). */
export function setClientLocale(value: string | null | undefined): void {
  clientLocale = adminLocaleOf(value);
}

/** The locale of the code running now: the request's on the server, the page's in the browser. */
export function currentLocale(): AdminLocale {
  if (typeof document !== "undefined") return clientLocale;
  const storage = (globalThis as { [CONTEXT_KEY]?: ContextStore })[CONTEXT_KEY];
  return storage?.getStore()?.locale ?? "en";
}

/** The Intl tag for the current locale (for numbers, dates and money). */
export function currentIntlLocale(): string {
  return intlLocale(currentLocale());
}

function lookup(messages: Messages, key: string): string | undefined {
  let node: string | Messages | undefined = messages;
  for (const part of key.split(".")) node = typeof node === "object" ? node[part] : undefined;
  return typeof node === "string" ? node : undefined;
}

/** Whether `key` has text in `locale` itself (no English fallback). */
export function hasMessage(key: string, locale: AdminLocale): boolean {
  return lookup(locales[locale], key) !== undefined;
}

/** The message at `key` in `messages`, else in `fallback`, else the key itself; `{name}` placeholders replaced. */
export function translateWith(messages: Messages, fallback: Messages, key: string, values: Record<string, string | number> = {}): string {
  const message = lookup(messages, key) ?? lookup(fallback, key);
  if (message === undefined) return key;
  return message.replace(/\{(\w+)\}/g, (_, name: string) => (name in values ? String(values[name]) : `{${name}}`));
}

/**
 * The message at a dotted key in `locale` (the current one unless given), English when that locale lacks it,
 * the key itself when English lacks it too; `{name}` placeholders replaced.
 */
export function t(key: string, values: Record<string, string | number> = {}, locale?: string): string {
  const chosen = locale === undefined ? currentLocale() : adminLocaleOf(locale);
  return translateWith(locales[chosen], en, key, values);
}
