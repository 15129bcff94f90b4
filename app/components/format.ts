// Number, money and date formatting shared by the admin pages, in the viewer's admin locale (the request's on
// the server, the page's in the browser, so both render the same text). Dates are shown in UTC.
import { formatMoney as formatMinor } from "~/platform/money";
import { currentIntlLocale } from "~/platform/i18n";

export const formatNumber = (n: number) => n.toLocaleString(currentIntlLocale());

/** Minor units of `currency` for the admin, with the currency's own digits (¥1,500, KWD 12.345). */
export function formatMoney(minor: number, currency: string, locale = currentIntlLocale()): string {
  return formatMinor(minor, currency, locale);
}

export const formatDate = (iso: string) =>
  new Date(iso).toLocaleDateString(currentIntlLocale(), { year: "numeric", month: "short", day: "numeric", timeZone: "UTC" });

export const formatDateTime = (iso: string) =>
  new Date(iso).toLocaleString(currentIntlLocale(), { year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", timeZone: "UTC" }) +
  " UTC";

/** "Nov 23, 2:23 PM" (UTC), for dense tables. */
export const formatShortDateTime = (iso: string) =>
  new Date(iso).toLocaleString(currentIntlLocale(), { month: "short", day: "numeric", hour: "numeric", minute: "2-digit", timeZone: "UTC" });

export const formatPercent = (ratio: number) =>
  new Intl.NumberFormat(currentIntlLocale(), { style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(ratio);

/** Points with a sign (+120, −40). */
export const formatSignedPoints = (n: number) => (n > 0 ? `+${formatNumber(n)}` : n < 0 ? `−${formatNumber(-n)}` : "0");
