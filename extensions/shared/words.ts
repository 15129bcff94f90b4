// The viewer's words in every extension: the host's `shopify.i18n` (the extension's own locales/ files, picked by
// Shopify for the viewer), numbers and dates in their locale, money through the app's one money module.
import { formatMoney, minorDigits } from "../../app/platform/money";

/** The part of Shopify's I18n API the extensions use (customer accounts, checkout and POS share it). */
export type HostI18n = {
  translate(key: string, options?: Record<string, string | number>): string | string[];
  formatNumber(number: number): string;
  formatDate(date: Date, options?: Intl.DateTimeFormatOptions): string;
};

export type Words = {
  t(key: string, options?: Record<string, string | number>): string;
  /** "1 point", "250 points" (plural rules of the viewer's language). */
  points(n: number): string;
  date(iso: string): string;
  money(minor: number, currency: string): string;
  /** One whole unit of the currency ("$1.00", "¥1"), for "per $1" rules. */
  unitMoney(currency: string): string;
};

export function wordsOf(i18n: HostI18n, locale: string): Words {
  const t = (key: string, options?: Record<string, string | number>) => String(i18n.translate(key, options));
  return {
    t,
    points: (n) => t("points", { count: n, points: i18n.formatNumber(n) }),
    date: (iso) => i18n.formatDate(new Date(iso), { year: "numeric", month: "short", day: "numeric" }),
    money: (minor, currency) => formatMoney(minor, currency, locale),
    unitMoney: (currency) => formatMoney(10 ** minorDigits(currency), currency, locale),
  };
}

/** The merchant's program name, or the extension's own title in the viewer's language while the name is the default. */
export function programTitle(name: string | null | undefined, words: Words): string {
  // "Rewards" is DEFAULT_PROGRAM's name (app/program/program.ts), as the storefront widget reads it too.
  return name && name !== "Rewards" ? name : words.t("title");
}
