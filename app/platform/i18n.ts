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

/**
 * The message for `key` in one dictionary. A numeric `count` picks the plural form, as the shopper strings do:
 * `key_one`, `key_few`... by the language's rules (Arabic has six, Chinese one), else `key_other`, else `key`.
 */
function lookupCounted(messages: Messages, key: string, form: string | undefined): string | undefined {
  if (form === undefined) return lookup(messages, key);
  return lookup(messages, `${key}_${form}`) ?? lookup(messages, `${key}_other`) ?? lookup(messages, key);
}

/**
 * The message at `key` in `messages`, else in `fallback`, else the key itself; `{name}` placeholders replaced.
 * A numeric `count` picks the plural form for `intlTag`'s language and is written as that language writes it.
 */
export function translateWith(messages: Messages, fallback: Messages, key: string, values: Record<string, string | number> = {}, intlTag = "en"): string {
  const count = typeof values.count === "number" ? values.count : undefined;
  const form = count === undefined ? undefined : new Intl.PluralRules(intlTag).select(count);
  const fallbackForm = count === undefined ? undefined : new Intl.PluralRules("en").select(count);
  const message = lookupCounted(messages, key, form) ?? lookupCounted(fallback, key, fallbackForm);
  if (message === undefined) return key;
  const filled = count === undefined ? values : { ...values, count: count.toLocaleString(intlTag) };
  return message.replace(/\{(\w+)\}/g, (_, name: string) => (name in filled ? String(filled[name]) : `{${name}}`));
}

/**
 * The message at a dotted key in `locale` (the current one unless given), English when that locale lacks it,
 * the key itself when English lacks it too; `{name}` placeholders replaced, a numeric `count` choosing the
 * plural form (`t("activity.points", { count: 1 })` reads activity.points_one).
 */
export function t(key: string, values: Record<string, string | number> = {}, locale?: string): string {
  const chosen = locale === undefined ? currentLocale() : adminLocaleOf(locale);
  return translateWith(locales[chosen], en, key, values, intlLocale(chosen));
}
