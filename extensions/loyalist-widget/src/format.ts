// Numbers, money, dates and plurals for the shopper's locale (Intl), and the translated strings.
import type { Strings } from "./types";

export type Format = {
  locale: string;
  /** Minor digits of the shop currency (JPY 0, USD 2, KWD 3). */
  digits: number;
  t(key: string, vars?: Record<string, string | number>): string;
  has(key: string): boolean;
  num(n: number): string;
  points(n: number): string;
  money(minor: number): string;
  date(iso: string): string;
};

/** Formatting for `locale` and the shop's `currency`; falls back to English if the browser lacks the locale. */
export function createFormat(locale: string, currency: string, strings: Strings): Format {
  const loc = Intl.NumberFormat.supportedLocalesOf([locale]).length ? locale : "en";
  const numbers = new Intl.NumberFormat(loc);
  const currencyFormat = new Intl.NumberFormat(loc, { style: "currency", currency });
  const digits = currencyFormat.resolvedOptions().maximumFractionDigits ?? 2;
  const plural = new Intl.PluralRules(loc);
  const dates = new Intl.DateTimeFormat(loc, { dateStyle: "medium" });
  const t = (key: string, vars: Record<string, string | number> = {}) =>
    (strings[key] ?? key).replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? ""));
  return {
    locale: loc,
    digits,
    t,
    has: (key) => key in strings,
    num: (n) => numbers.format(n),
    points: (n) => t(strings[`points_${plural.select(n)}`] ? `points_${plural.select(n)}` : "points_other", { n: numbers.format(n) }),
    money: (minor) => currencyFormat.format(minor / 10 ** digits),
    // First-strong isolates: inside a sentence of the other direction, a date keeps its own order.
    date: (iso) => `\u2068${dates.format(new Date(iso))}\u2069`,
  };
}
