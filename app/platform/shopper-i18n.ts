// Text a shopper reads, in their language. The strings are the storefront widget's own locale files (the
// theme app extension's locales/), so the widget and the app proxy's answers say the same thing the same way.
import en from "../../extensions/loyalist-widget/locales/en.default.json";
import fi from "../../extensions/loyalist-widget/locales/fi.json";
import zhCN from "../../extensions/loyalist-widget/locales/zh-CN.json";
import ar from "../../extensions/loyalist-widget/locales/ar.json";

export const SHOPPER_LOCALES = ["en", "zh-CN", "fi", "ar"] as const;
export type ShopperLocale = (typeof SHOPPER_LOCALES)[number];

type Strings = Record<string, string>;
const strings: Record<ShopperLocale, Strings> = { en: en.loyalist, "zh-CN": zhCN.loyalist, fi: fi.loyalist, ar: ar.loyalist };

/**
 * The supported locale closest to a requested one ("fi-FI" → fi, "zh" or "zh-Hans-CN" → zh-CN, "ar-EG" → ar),
 * else `fallback`.
 */
export function shopperLocale(requested: string | null | undefined, fallback: ShopperLocale = "en"): ShopperLocale {
  const tag = (requested ?? "").trim().toLowerCase().replace(/_/g, "-");
  if (!tag) return fallback;
  const exact = SHOPPER_LOCALES.find((l) => l.toLowerCase() === tag);
  if (exact) return exact;
  const language = tag.split("-")[0];
  if (language === "zh") return "zh-CN";
  return SHOPPER_LOCALES.find((l) => l === language) ?? fallback;
}

/** The shopper locale of a storefront request: its `locale` query parameter (the widget sends the page's). */
export function requestShopperLocale(request: Request): ShopperLocale {
  return shopperLocale(new URL(request.url).searchParams.get("locale"));
}

/** Whether every locale has text for `key`. */
export function hasShopperText(key: string): boolean {
  return SHOPPER_LOCALES.every((l) => typeof strings[l][key] === "string" && strings[l][key].length > 0);
}

/** The text at `key` in `locale` (English when that locale lacks it), with `{name}` placeholders filled. */
export function shopperText(locale: ShopperLocale, key: string, values: Record<string, string | number> = {}): string {
  const template = strings[locale][key] ?? strings.en[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (_, name: string) => (name in values ? String(values[name]) : `{${name}}`));
}
