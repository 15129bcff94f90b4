// Number, money and date formatting shared by the admin pages (en, stable on server and client).

export const formatNumber = (n: number) => n.toLocaleString("en-US");

export function formatMoney(minor: number, currency: string): string {
  try {
    return new Intl.NumberFormat("en-US", { style: "currency", currency }).format(minor / 100);
  } catch {
    return `${(minor / 100).toFixed(2)} ${currency}`;
  }
}

export const formatDate = (iso: string) => new Date(iso).toLocaleDateString("en-US", { year: "numeric", month: "short", day: "numeric", timeZone: "UTC" });

export const formatDateTime = (iso: string) =>
  new Date(iso).toLocaleString("en-US", { year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", timeZone: "UTC" }) + " UTC";

/** "Nov 23, 2:23 PM" (UTC), for dense tables. */
export const formatShortDateTime = (iso: string) =>
  new Date(iso).toLocaleString("en-US", { month: "short", day: "numeric", hour: "numeric", minute: "2-digit", timeZone: "UTC" });

export const formatPercent = (ratio: number) => `${(ratio * 100).toFixed(1)}%`;

/** Points with a sign (+120, −40). */
export const formatSignedPoints = (n: number) => (n > 0 ? `+${formatNumber(n)}` : n < 0 ? `−${formatNumber(-n)}` : "0");

type ShopifyGlobal = { toast?: { show: (message: string, options?: { isError?: boolean }) => void } };

/** Shows an App Bridge toast (no-op outside the admin). */
export function showToast(message: string, isError = false): void {
  if (typeof window === "undefined") return;
  (window as unknown as { shopify?: ShopifyGlobal }).shopify?.toast?.show(message, { isError });
}
